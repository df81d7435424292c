#!/usr/bin/env bash
# The receipt benchmark's SQLite steps (Benchmarks/run.sh sqlite: a fresh database, 64 connections, create-dossiers.lua)
# for an already-built binary, with the server's processor time per receipt read from /proc/<pid>/stat: the figure that
# stays comparable when the machine's load varies from run to run. Alternate two builds to compare them.
# Usage: Benchmarks/receipt-cpu.sh BINARY [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$1; DURATION=${2:-15}; PORT=${PORT:-8093}
WORK=$(mktemp -d /tmp/motcua-receipt-cpu.XXXXXX)
trap 'kill "${SERVER_PID:-}" 2>/dev/null && wait "${SERVER_PID:-}" 2>/dev/null; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
"$BIN" bench load-identities --sqlite-path "$WORK/r.sqlite" --log-level error >"$WORK/ids.lua"
"$BIN" serve --populate 0 --port "$PORT" --no-demo --log-level warning --sqlite-path "$WORK/r.sqlite" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }
before=$(ticks)
IDENTITIES="$WORK/ids.lua" /usr/bin/time -f "wrk cpu %U user %S sys" -o "$WORK/wrk.time" wrk -t2 -c64 -d"${DURATION}s" --latency -s Benchmarks/create-dossiers.lua "http://127.0.0.1:$PORT" >"$WORK/wrk.txt"
after=$(ticks)
requests=$(awk '/requests in/ {print $1}' "$WORK/wrk.txt")
echo "$BIN: $(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")/s; $(grep '^p50' "$WORK/wrk.txt");" \
    "server processor time per receipt $(echo "scale=3; ($after - $before) * 1000 / $(getconf CLK_TCK) / $requests" | bc) ms;" \
    "$(grep non-201 "$WORK/wrk.txt"); $(cat "$WORK/wrk.time")"
