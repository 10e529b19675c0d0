#!/usr/bin/env bash
# Killing the server mid-sweep loses no due job and runs none twice: 20,000 open complaints with
# SLA checks due now, `closeloop serve` killed with SIGKILL while it works through them, leases
# expired (as ten minutes would), `closeloop jobs run` finishes; every check ran, and no phase of
# any complaint recorded its breach twice.
set -euo pipefail
BIN=${1:?usage: jobs_kill_e2e.sh path/to/closeloop}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill -9 "$SERVER_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

DB="$WORK/kill.db"
"$BIN" demo --db "$DB" --complaints 100 >/dev/null
"$BIN" jobs run --db "$DB" >/dev/null
FIRST=$(sqlite3 "$DB" "select max(id) + 1 from complaints")
NOW=$(date +%s%3N)
python3 "$ROOT/bench/gen_open_complaints.py" "$DB" 20000 20000 "$NOW" >/dev/null
generated="kind = 'sla.check' and cast(payload as integer) >= $FIRST"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" 2>"$WORK/serve.log" &
SERVER_PID=$!
# Kill as soon as the sweep has committed its first checks.
for _ in $(seq 1 500); do
  done_now=$(sqlite3 "$DB" "select count(*) from jobs where $generated and status = 'done'" 2>/dev/null || echo 0)
  [ "${done_now:-0}" -gt 0 ] && break
  sleep 0.02
done
kill -9 "$SERVER_PID"
wait "$SERVER_PID" 2>/dev/null || true
SERVER_PID=""
done_at_kill=$(sqlite3 "$DB" "select count(distinct payload) from jobs where $generated and status = 'done'")
[ "$done_at_kill" -gt 0 ] || fail "the sweep had not started"
[ "$done_at_kill" -lt 20000 ] || fail "the sweep finished before the kill; nothing was tested"
# Nothing lost: every generated complaint still has its check, done or to do.
[ "$(sqlite3 "$DB" "select count(distinct payload) from jobs where $generated")" = "20000" ] || fail "due jobs were lost"
# The dead server's leases run out (ten minutes in real life), then a worker finishes.
sqlite3 "$DB" "update jobs set lease_until = 0 where status = 'running'"
"$BIN" jobs run --db "$DB" >/dev/null
left=$(sqlite3 "$DB" "select count(*) from jobs where $generated and status in ('due', 'running') and run_at <= $NOW")
[ "$left" = "0" ] || fail "$left due checks left after the restart"
[ "$(sqlite3 "$DB" "select count(distinct payload) from jobs where $generated and status = 'done'")" = "20000" ] || fail "not every check ran"
# No effect twice: no complaint recorded the breach of one phase twice.
twice=$(sqlite3 "$DB" "select count(*) from (select complaint_id, substr(note, 1, instr(note, ':')) phase, count(*) n
  from complaint_events where kind = 'sla_breach' and complaint_id >= $FIRST group by 1, 2 having n > 1)")
[ "$twice" = "0" ] || fail "$twice breaches recorded twice"
[ "$(sqlite3 "$DB" "select count(*) > 0 from complaint_events where kind = 'sla_breach' and complaint_id >= $FIRST")" = "1" ] || fail "no breach recorded"
echo "killed after $done_at_kill of 20000 checks; all ran once after the restart"
