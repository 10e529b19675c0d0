# Shared set-up for the load benchmarks (sourced, not run): a temporary folder, a server on a
# free loopback port over a fresh database, and login. Expects ROOT and BIN to be set.
WORK=$(mktemp -d)
PID=""
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT

# start_server DB: serves DB on a free port; sets PID and URL.
start_server() {
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  # SERVE_FLAGS adds serve flags (e.g. "--durability process").
  # shellcheck disable=SC2086
  # The access log (on by default, to standard output) goes to a file, as in production.
  "$BIN" serve --db "$1" --listen "127.0.0.1:$port" ${SERVE_FLAGS:-} >"$WORK/access.log" 2>"$WORK/serve.log" &
  PID=$!
  URL="http://127.0.0.1:$port"
  for _ in $(seq 1 50); do curl -sf "$URL/healthz" >/dev/null && return 0; sleep 0.1; done
  echo "server did not start: $(cat "$WORK/serve.log")" >&2
  return 1
}

# watch_wal DB: samples the size of DB-wal every 0.2 s while the server runs; the largest seen is
# in $WORK/wal_max (bytes).
watch_wal() {
  echo 0 >"$WORK/wal_max"
  (largest=0
   while kill -0 "$PID" 2>/dev/null; do
     size=$(stat -c %s "$1-wal" 2>/dev/null || echo 0)
     if [ "$size" -gt "$largest" ]; then largest=$size; echo "$largest" >"$WORK/wal_max"; fi
     sleep 0.2
   done) &
}

# login USER PASSWORD: prints a bearer token.
login() {
  curl -sf -X POST "$URL/api/v1/auth/login" -d "{\"username\":\"$1\",\"password\":\"$2\"}" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
