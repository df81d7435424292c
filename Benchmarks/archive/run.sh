#!/usr/bin/env bash
# Benchmark of the personal archive listing at scale: GET /api/v1/citizen/archive (first page of 50, newest first)
# p99 with 10 million archive items in the database (SQLite), target ≤ 20 ms.
# Usage: Benchmarks/archive/run.sh [citizens] [dossiers-per-citizen] [scans-per-dossier] [seconds]
# (MOTCUA_RATE: the open-loop rate, 200 requests/s by default)
# Defaults: 1,000,000 citizens × 2 dossiers × (1 result + 4 scans) = 10,000,000 items.
# Needs wrk, python3 (its sqlite3 module) and curl; installs wrk from Debian if absent. MOTCUA_BIN runs an
# already-built binary; MOTCUA_ARCHIVE_DB keeps (and reuses) the filled database instead of a temporary one.
set -euo pipefail
cd "$(dirname "$0")/../.."
CITIZENS=${1:-1000000}
PER_CITIZEN=${2:-2}
SCANS=${3:-4}
DURATION=${4:-20}
RATE=${MOTCUA_RATE:-200}
PORT=8099
SANDBOX_PORT=8100
WORK=$(mktemp -d /tmp/motcua-archive-bench.XXXXXX)
DB=${MOTCUA_ARCHIVE_DB:-$WORK/motcua.sqlite}
command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ -n "${MOTCUA_BIN:-}" ]; then BIN=$MOTCUA_BIN; else
    swift build -c release --product motcua >/dev/null
    BIN=$(swift build -c release --show-bin-path)/motcua
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); $(swift --version 2>/dev/null | head -1)"
export MOTCUA_SQLITE_PATH=$DB
if [ ! -s "$DB" ]; then
    "$BIN" migrate --log-level warning >/dev/null
    echo "seeding $CITIZENS citizens × $PER_CITIZEN dossiers × (1 result + $SCANS scans):"
    python3 Benchmarks/archive/seed.py "$DB" "$CITIZENS" "$PER_CITIZEN" "$SCANS"
fi
python3 - "$DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n = c.execute("SELECT (SELECT COUNT(*) FROM results) + (SELECT COUNT(*) FROM digitised_documents)").fetchone()[0]
print(f"archive items in the database: {n:,}")
PY
# 200 citizens spread over the population, each with a token (sessions as the e-ID sign-in opens them).
IDS=$(python3 -c "import sys; n=int(sys.argv[1]); print(' '.join('027295%06d' % (i * (n // 200)) for i in range(200)))" "$CITIZENS")
"$BIN" bench citizen-tokens --log-level warning $IDS >"$WORK/tokens.txt"
MOTCUA_SANDBOX_PORT=$SANDBOX_PORT "$BIN" serve --populate 0 --port $PORT --log-level warning >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill $SERVER_PID 2>/dev/null || true; wait $SERVER_PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
TOKEN=$(head -1 "$WORK/tokens.txt")
curl -sf -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/v1/citizen/archive?limit=50" \
    | python3 -c "import json,sys; p=json.load(sys.stdin); print(f\"first page: {len(p['items'])} items, next cursor: {'yes' if p.get('nextCursor') else 'no'}\")"
echo "?limit=50" >"$WORK/paths.txt"
echo "GET /api/v1/citizen/archive?limit=50, one citizen, open loop at ${RATE} requests/s (latency from the intended send time), ${DURATION}s:"
python3 Benchmarks/scan-to-profile/loadgen.py --url "http://127.0.0.1:$PORT/api/v1/citizen/archive" --paths "$WORK/paths.txt" \
    --header "Authorization: Bearer $TOKEN" --rate "$RATE" --duration "$DURATION" --connections 16
echo "GET /api/v1/citizen/archive?limit=50 as 200 citizens, closed loop (wrk), 4 connections, ${DURATION}s:"
MOTCUA_TOKENS=$WORK/tokens.txt wrk -t 2 -c 4 -d "${DURATION}s" --latency -s Benchmarks/archive/list-archive.lua "http://127.0.0.1:$PORT" \
    | grep -E "Requests/sec|50%|90%|99%|Non-2xx|Socket errors"
