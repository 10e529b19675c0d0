#!/usr/bin/env bash
# TLS 1.3 end to end (issue 14): serve with a self-signed certificate, talk to it with curl,
# refuse older TLS and plain HTTP on the TLS port, survive a garbage handshake; plain HTTP on a
# non-loopback address needs --insecure-http.
set -euo pipefail
BIN=${1:?usage: tls_e2e.sh path/to/closeloop}
WORK=$(mktemp -d)
PID=""
cleanup() {
  [ -n "$PID" ] && kill -9 "$PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

DB="$WORK/cl.db"
"$BIN" migrate --db "$DB" >/dev/null
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=localhost \
  -addext "subjectAltName=DNS:localhost" -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

PORT=$(free_port)
"$BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" --tls-cert "$WORK/cert.pem" --tls-key "$WORK/key.pem" \
  2>"$WORK/serve.log" &
PID=$!
URL="https://localhost:$PORT"
for _ in $(seq 1 50); do curl -sf --cacert "$WORK/cert.pem" "$URL/healthz" >/dev/null && break; sleep 0.1; done
grep -q "listening on https://" "$WORK/serve.log" || fail "no https in: $(cat "$WORK/serve.log")"
out=$(curl -sv --cacert "$WORK/cert.pem" "$URL/healthz" 2>&1) || fail "healthz over TLS: $out"
grep -q "TLSv1.3" <<<"$out" || fail "not TLS 1.3: $out"
grep -qi "x-content-type-options: nosniff" <<<"$out" || fail "no security header: $out"
if curl -sf --cacert "$WORK/cert.pem" --tls-max 1.2 "$URL/healthz" >/dev/null 2>&1; then fail "TLS 1.2 accepted"; fi
if curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then fail "plain HTTP on the TLS port"; fi
# A garbage handshake and a client that connects and goes away: the server goes on.
# (The write is in a subshell: the server may have closed already, and SIGPIPE ends only that.)
exec 3<>"/dev/tcp/127.0.0.1/$PORT"; (printf 'GARBAGE\r\n\r\n\x16\x03\x01garbage' >&3) 2>/dev/null || true; exec 3>&-
exec 3<>"/dev/tcp/127.0.0.1/$PORT"; exec 3>&-
curl -sf --cacert "$WORK/cert.pem" "$URL/healthz" >/dev/null || fail "server gone after garbage"
kill -TERM "$PID"; wait "$PID" || fail "TLS server exit status"; PID=""

# A missing half of the pair, and unreadable files, are refused.
if "$BIN" serve --db "$DB" --listen "127.0.0.1:$(free_port)" --tls-cert "$WORK/cert.pem" 2>"$WORK/err"; then fail "--tls-cert alone"; fi
grep -q "go together" "$WORK/err" || fail "$(cat "$WORK/err")"
if "$BIN" serve --db "$DB" --listen "127.0.0.1:$(free_port)" --tls-cert "$WORK/none.pem" --tls-key "$WORK/key.pem" 2>"$WORK/err"; then
  fail "a missing certificate file"
fi
grep -q "cannot load the TLS" "$WORK/err" || fail "$(cat "$WORK/err")"

# Plain HTTP beyond loopback only when asked for, with a warning.
if "$BIN" serve --db "$DB" --listen "0.0.0.0:$(free_port)" 2>"$WORK/err"; then fail "plain HTTP on 0.0.0.0"; fi
grep -q -- "--insecure-http" "$WORK/err" || fail "$(cat "$WORK/err")"
PORT=$(free_port)
"$BIN" serve --db "$DB" --listen "0.0.0.0:$PORT" --insecure-http 2>"$WORK/serve.log" &
PID=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null || fail "--insecure-http did not serve"
grep -q "warning: plain HTTP" "$WORK/serve.log" || fail "no warning: $(cat "$WORK/serve.log")"
kill -TERM "$PID"; wait "$PID" || true; PID=""
echo "tls e2e: ok"
