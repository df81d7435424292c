#!/usr/bin/env bash
# The Decision 766 index over 1,000,000 dossiers (target: the whole province in ≤ 200 ms), in a release build:
#   1. seeds a year of dossiers on SQLite (`motcua demo populate`, multi-row inserts);
#   2. builds the live counters from the history (`motcua indicators catch-up`) and checks them against the full
#      recomputation (`motcua indicators check`, exit 1 on any difference);
#   3. measures GET /api/v1/index for the last twelve months: the province, all communes, and one agency at a
#      time (p50/p99, wrk, 4 connections).
# Usage: Benchmarks/index/run.sh [seconds-per-run] [dossiers]
# Needs wrk; installs it from Debian packages if absent. MOTCUA_BIN: an already-built binary.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-20}
COUNT=${2:-1000000}
PORT=8093
WORK=$(mktemp -d /tmp/motcua-index-bench.XXXXXX)
trap 'kill "${SERVER_PID:-}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ -n "${MOTCUA_BIN:-}" ]; then BIN=$MOTCUA_BIN; else
    swift build -c release --product motcua >/dev/null
    BIN=$(swift build -c release --show-bin-path)/motcua
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr)"
DB=(--sqlite-path "$WORK/index.sqlite")

echo "== seeding $COUNT dossiers over the last year"
/usr/bin/time -f "seeded in %e s, peak RSS %M KiB" "$BIN" demo populate "${DB[@]}" --dossiers "$COUNT" --log-level error
echo "== building the counters from the history"
/usr/bin/time -f "counters built in %e s, peak RSS %M KiB" "$BIN" indicators catch-up "${DB[@]}" --log-level error
FROM=$(TZ=Asia/Ho_Chi_Minh date -d '-364 days' +%Y-%m-%d)
TO=$(TZ=Asia/Ho_Chi_Minh date +%Y-%m-%d)
/usr/bin/time -f "check in %e s" "$BIN" indicators check "${DB[@]}" --from "$FROM" --to "$TO" --log-level error

"$BIN" bench load-identities "${DB[@]}" --log-level error >"$WORK/ids.lua"
"$BIN" serve --populate 0 --port $PORT --no-demo --log-level warning "${DB[@]}" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.2; done
for mode in province communes agency; do
    echo; echo "== GET /api/v1/index ($mode, $FROM..$TO), 4 connections, ${DURATION}s"
    MODE=$mode FROM=$FROM TO=$TO IDENTITIES="$WORK/ids.lua" wrk -t2 -c4 -d"${DURATION}s" --latency -s Benchmarks/index/index.lua \
        "http://127.0.0.1:$PORT" | grep -E "requests|Requests/sec"
done
