#!/usr/bin/env bash
# Benchmark of signed results in a release build: sign and store one result (p50), batch-sign 1,000 results,
# and the public verification page under load (p99 at 1,000 requests/s, open loop; and the closed-loop maximum).
# Usage: Benchmarks/results/run.sh [dossiers] [seconds-of-verification]
# Needs wrk and python3; installs wrk from Debian if absent. MOTCUA_BIN runs an already-built binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
COUNT=${1:-1200}
DURATION=${2:-20}
PORT=8097
SANDBOX_PORT=8098
WORK=$(mktemp -d /tmp/motcua-results-bench.XXXXXX)
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ -n "${MOTCUA_BIN:-}" ]; then BIN=$MOTCUA_BIN; else
    swift build -c release --product motcua >/dev/null
    BIN=$(swift build -c release --show-bin-path)/motcua
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); $(swift --version 2>/dev/null | head -1)"
# Demo mode (embedded sandbox, demo accounts); verification is not rate limited for the load run.
MOTCUA_SQLITE_PATH=$WORK/motcua.sqlite MOTCUA_VERIFICATIONS_PER_MINUTE=100000000 MOTCUA_LOOKUPS_PER_MINUTE=100000 \
MOTCUA_LOOKUPS_PER_DAY=10000000 \
MOTCUA_SANDBOX_PORT=$SANDBOX_PORT "$BIN" serve --populate 0 --port $PORT --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; wait $SERVER_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
python3 Benchmarks/results/driver.py "http://127.0.0.1:$PORT" "http://127.0.0.1:$SANDBOX_PORT" "$COUNT" 200 "$WORK/ids.txt"
echo "verification page /verify/{id}, open loop at 1,000 requests/s (latency from the intended send time), ${DURATION}s:"
python3 Benchmarks/scan-to-profile/loadgen.py --url "http://127.0.0.1:$PORT/verify/" --paths "$WORK/ids.txt" \
    --rate 1000 --duration "$DURATION" --connections 32
echo "verification page /verify/{id}, closed loop (wrk), 8 connections, ${DURATION}s:"
MOTCUA_IDS=$WORK/ids.txt wrk -t 2 -c 8 -d "${DURATION}s" --latency -s Benchmarks/results/verify.lua "http://127.0.0.1:$PORT" \
    | grep -E "Requests/sec|50%|99%|Non-2xx|Socket errors"
