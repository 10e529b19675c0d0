#!/usr/bin/env bash
# Email intake benchmark: N generated messages (GBK and UTF-8 bodies, a third with an
# attachment, some replies and auto-replies) in a Maildir, ingested by `closeloop mail-ingest`
# while a server delivers the acknowledgements to a real SMTP server on loopback (aiosmtpd).
# Prints messages/s and the acknowledgement latency (acknowledged_at - received_at).
# Usage: bench/run_mail_ingest.sh [N]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/build/src/app/closeloop"
N=${1:-5000}
PY=/usr/bin/python3
[ -x "$BIN" ] || "$ROOT/scripts/build" closeloop
WORK=$(mktemp -d)
SMTP_PID=""; SERVER_PID=""
trap '[ -n "$SERVER_PID" ] && kill $SERVER_PID 2>/dev/null; [ -n "$SMTP_PID" ] && kill $SMTP_PID 2>/dev/null; rm -rf "$WORK"' EXIT
free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
mkdir -p "$WORK/inbox/"{tmp,new,cur} "$WORK/received/"{tmp,new,cur}
$PY - "$WORK/inbox/new" "$N" <<'PYEOF'
import base64, random, sys
d, n = sys.argv[1], int(sys.argv[2])
rng = random.Random(7)
texts = ["猫粮发霉了，猫吃了以后呕吐，要求退款", "快递三天没到，客服电话打不通", "The cat tree arrived broken, I want a replacement",
         "门店店员态度恶劣，要求道歉", "猫砂结团差，与宣传不符"]
for i in range(n):
    text = rng.choice(texts) + f"（第{i}封）"
    gbk = i % 2 == 0
    body = base64.b64encode(text.encode("gbk" if gbk else "utf-8")).decode()
    subject = base64.b64encode(f"投诉 {i}".encode("utf-8")).decode()
    headers = f"From: Customer {i} <c{i % 1000}@example.com>\r\nTo: service@shop.example\r\nSubject: =?UTF-8?B?{subject}?=\r\nMessage-ID: <bench-{i}@example.com>\r\nMIME-Version: 1.0\r\n"
    if i % 50 == 49:
        headers += "Auto-Submitted: auto-replied\r\n"
    part = f"Content-Type: text/plain; charset={'GBK' if gbk else 'UTF-8'}\r\nContent-Transfer-Encoding: base64\r\n\r\n{body}\r\n"
    if i % 3 == 0:
        photo = base64.b64encode(bytes(rng.randrange(256) for _ in range(20000))).decode()
        msg = headers + "Content-Type: multipart/mixed; boundary=B\r\n\r\n--B\r\n" + part + \
              "--B\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=p.jpg\r\nContent-Transfer-Encoding: base64\r\n\r\n" + photo + "\r\n--B--\r\n"
    else:
        msg = headers + part
    open(f"{d}/{i:07d}.eml", "w").write(msg)
PYEOF
SMTP_PORT=$(free_port)
$PY -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$WORK/received" >/dev/null 2>&1 &
SMTP_PID=$!
for _ in $(seq 1 100); do $PY -c "import socket; socket.create_connection(('127.0.0.1', $SMTP_PORT), 1)" 2>/dev/null && break; sleep 0.1; done
"$BIN" migrate --db "$WORK/mail.db" >/dev/null
PORT=$(free_port)
"$BIN" serve --db "$WORK/mail.db" --listen "127.0.0.1:$PORT" --smtp "smtp://127.0.0.1:$SMTP_PORT" 2>/dev/null &
SERVER_PID=$!
sleep 0.5
"$BIN" mail-ingest --db "$WORK/mail.db" --maildir "$WORK/inbox" | tail -1
for _ in $(seq 1 600); do
  [ "$(sqlite3 "$WORK/mail.db" "select count(*) from mail_outbox where status = 'queued'")" = "0" ] && break
  sleep 0.2
done
sqlite3 "$WORK/mail.db" "select count(*) || ' acknowledgements sent; latency ms p50 ' ||
  (select acknowledged_at - received_at from complaints where acknowledged_at is not null order by 1 limit 1 offset (select count(*) * 50 / 100 from complaints where acknowledged_at is not null)) || ', p99 ' ||
  (select acknowledged_at - received_at from complaints where acknowledged_at is not null order by 1 limit 1 offset (select count(*) * 99 / 100 from complaints where acknowledged_at is not null)) || ', max ' ||
  (select max(acknowledged_at - received_at) from complaints)
  from mail_outbox where status = 'sent'"
