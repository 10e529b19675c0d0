#!/usr/bin/env bash
# Email end to end with real parts: messages in a Maildir (GBK, an attachment, a bounce, garbage)
# go through `closeloop mail-ingest`; the server's outbox sender delivers the acknowledgement to a
# real SMTP server on loopback (Debian's python3-aiosmtpd, writing a Maildir); the received
# message is checked, and so is the acknowledgement latency (R-1.2: within 30 s).
set -euo pipefail
BIN=${1:?usage: mail_e2e.sh path/to/closeloop}
PY=/usr/bin/python3  # Debian's, which has aiosmtpd
WORK=$(mktemp -d)
SMTP_PID=""
SERVER_PID=""
cleanup() {
  [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null || true
  [ -n "$SMTP_PID" ] && kill "$SMTP_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
[ -n "${KEEP:-}" ] && trap - EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

mkdir -p "$WORK/received/"{tmp,new,cur} "$WORK/inbox/"{tmp,new,cur}
SMTP_PORT=$(free_port)
$PY -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$WORK/received" \
  >"$WORK/smtp.log" 2>&1 &
SMTP_PID=$!
for _ in $(seq 1 100); do
  $PY -c "import socket; socket.create_connection(('127.0.0.1', $SMTP_PORT), 1)" 2>/dev/null && break
  sleep 0.1
done

DB="$WORK/mail.db"
"$BIN" migrate --db "$DB" >/dev/null
$PY - "$WORK/inbox/new" <<'PYEOF'
import base64, sys
d = sys.argv[1]
body = "我在门店买的猫粮发霉了，猫吃了以后呕吐，要求退款。".encode("gbk")
msg = (b"From: =?GBK?B?" + base64.b64encode("张三".encode("gbk")) + b"?= <ZhangSan@Example.com>\r\n"
       b"To: service@shop.example\r\nSubject: =?GB2312?B?" + base64.b64encode("猫粮发霉".encode("gb2312")) +
       b"?=\r\nMessage-ID: <e2e-1@example.com>\r\nMIME-Version: 1.0\r\n"
       b"Content-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\n"
       b"Content-Type: text/plain; charset=GBK\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
       base64.b64encode(body) + b"\r\n--XX\r\nContent-Type: image/png\r\n"
       b"Content-Disposition: attachment; filename=photo.png\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
       base64.b64encode(b"\x89PNG fake") + b"\r\n--XX--\r\n")
open(d + "/1.eml", "wb").write(msg)
open(d + "/2.eml", "wb").write(b"From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered Mail\r\n"
    b"Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n")
open(d + "/3.eml", "wb").write(b"\x00\x01 not a message")
PYEOF

set +e
out=$("$BIN" mail-ingest --db "$DB" --maildir "$WORK/inbox" 2>"$WORK/ingest.err")
rc=$?
set -e
[ "$rc" = "3" ] || fail "an unreadable message should give exit 3, got $rc: $out $(cat "$WORK/ingest.err")"
grep -q "1 complaints, 0 replies, 1 ignored" <<<"$out" || fail "summary: $out"
[ -z "$(ls "$WORK/inbox/new")" ] || fail "messages left in new/"
[ "$(ls "$WORK/inbox/cur" | wc -l)" = "3" ] || fail "handled messages not moved to cur/"
REF=$(sqlite3 "$DB" "select reference from complaints where channel = 'email'")
[ -n "$REF" ] || fail "no complaint filed"
[ "$(sqlite3 "$DB" "select count(*) from complaint_attachments")" = "1" ] || fail "attachment not stored"

# The server delivers the outbox in the background.
PORT=$(free_port)
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --smtp "smtp://127.0.0.1:$SMTP_PORT" \
  --mail-from service@shop.example 2>"$WORK/serve.log" &
SERVER_PID=$!
for _ in $(seq 1 100); do
  [ -n "$(ls "$WORK/received/new")" ] && break
  sleep 0.1
done
[ -n "$(ls "$WORK/received/new")" ] || fail "no mail delivered: $(cat "$WORK/serve.log") $(tail -5 "$WORK/smtp.log")"
$PY - "$WORK/received/new" "$REF" <<'PYEOF'
import email, email.header, email.policy, os, sys
d, ref = sys.argv[1], sys.argv[2]
msg = email.message_from_binary_file(open(os.path.join(d, os.listdir(d)[0]), "rb"), policy=email.policy.default)
assert ref in str(msg["Subject"]), msg["Subject"]
assert msg["To"] == "zhangsan@example.com", msg["To"]
assert "service@shop.example" in str(msg["From"]), msg["From"]
assert msg["In-Reply-To"] == "<e2e-1@example.com>", msg["In-Reply-To"]
body = msg.get_content()
assert ref in body and "24" in body, body
PYEOF
latency=$(sqlite3 "$DB" "select acknowledged_at - received_at from complaints where reference = '$REF'")
[ -n "$latency" ] && [ "$latency" -lt 30000 ] || fail "acknowledgement latency ${latency} ms"
echo "acknowledged by email after ${latency} ms"

# The same message delivered again is a duplicate; a reply threads onto the complaint.
cp "$WORK/inbox/cur/1.eml:2,S" "$WORK/inbox/new/1-again.eml"
printf 'From: zhangsan@example.com\r\nSubject: Re: [%s]\r\nMessage-ID: <e2e-2@example.com>\r\n\r\n补充照片\r\n' "$REF" \
  > "$WORK/inbox/new/4.eml"
out=$("$BIN" mail-ingest --db "$DB" --maildir "$WORK/inbox")
grep -q "0 complaints, 1 replies, 0 ignored (bounce/auto-reply), 1 duplicates" <<<"$out" || fail "re-run: $out"

# Issue 12 item 4: what a reply to a resolved complaint does is the operator's choice.
sqlite3 "$DB" "update complaints set status = 'resolved' where reference = '$REF'"
printf 'From: zhangsan@example.com\r\nSubject: Re: [%s]\r\nMessage-ID: <e2e-5@example.com>\r\n\r\n还是坏的\r\n' "$REF" \
  > "$WORK/inbox/new/5.eml"
if "$BIN" mail-ingest --db "$DB" --maildir "$WORK/inbox" --reply-after-resolved later 2>/dev/null; then
  fail "an unknown --reply-after-resolved was accepted"
fi
out=$("$BIN" mail-ingest --db "$DB" --maildir "$WORK/inbox" --reply-after-resolved follow_up)
[ "$(sqlite3 "$DB" "select status from complaints where reference = '$REF'")" = "resolved" ] ||
  fail "follow_up reopened the complaint: $out"
[ "$(sqlite3 "$DB" "select count(*) from complaints where channel = 'email'")" = "2" ] ||
  fail "no follow-up complaint filed: $out"
printf 'From: zhangsan@example.com\r\nSubject: Re: [%s]\r\nMessage-ID: <e2e-6@example.com>\r\n\r\n再次反馈\r\n' "$REF" \
  > "$WORK/inbox/new/6.eml"
out=$("$BIN" mail-ingest --db "$DB" --maildir "$WORK/inbox")
[ "$(sqlite3 "$DB" "select status from complaints where reference = '$REF'")" != "resolved" ] ||
  fail "the default (reopen) left the complaint resolved: $out"
kill "$SERVER_PID"; wait "$SERVER_PID" || true; SERVER_PID=""
echo "1 passed, 0 failed"
