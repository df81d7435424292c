#!/usr/bin/env bash
# Scan uploads against counter receipts, in a release build (issue 9: "50 concurrent uploads do not move
# receipt p99 by more than 20%"; "a 20 MB upload streams with memory growth <= 8 MiB").
#
#   1. receipts alone: wrk, 64 connections, birth registrations at every commune (as Benchmarks/run.sh 1a);
#   2. the same receipts while 50 clients upload 2 MB scans without pause to one dossier of one commune, as fast
#      as loopback allows (the worst case: the load generators share the server's two cores);
#  2b. the same with each client's upload paced at LINK bytes/s (default 1 MB/s, a good mobile uplink);
#   3. one 20 MB upload on an idle server: the growth of the server's anonymous memory (heap and stacks).
# Each phase starts a fresh server on a fresh SQLite file. Compare the receipts' p99 of 1 and 2 (target: 2
# within 120% of 1) and the memory growth of 3 (target: <= 8 MiB).
#
# Usage: Benchmarks/upload/run.sh [seconds] [upload clients] [upload size]   (defaults: 30, 50, 2000000)
# Needs wrk and python3. Run on a quiet machine (`uptime` load below 1).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION=${1:-30}
CLIENTS=${2:-50}
SIZE=${3:-2000000}
LINK=${LINK:-1000000}   # section 2b: bytes per second per uploading client (1 MB/s = 8 Mbit/s, a good mobile uplink)
PORT=8096
WORK=$(mktemp -d /tmp/motcua-upload.XXXXXX)

command -v wrk >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
if [ -n "${MOTCUA_BIN:-}" ]; then BIN=$MOTCUA_BIN; else  # MOTCUA_BIN: a binary already built (smoke tests)
    swift build -c release --product motcua >/dev/null
    BIN=$(swift build -c release --show-bin-path)/motcua
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg)"

SERVER_PID=
stop_server() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; fi; }
trap 'stop_server; rm -rf "$WORK"' EXIT
start_server() { # arg: phase name (its own database and document directory)
    rm -rf "$WORK/$1"; mkdir -p "$WORK/$1"
    DB=(--sqlite-path "$WORK/$1/m.sqlite")
    "$BIN" bench load-identities "${DB[@]}" --log-level error >"$WORK/ids.lua"
    MOTCUA_BLOB_DIR="$WORK/$1/documents" MOTCUA_SANDBOX_PORT=0 "$BIN" serve --populate 0 --port $PORT --no-demo --log-level warning "${DB[@]}" \
        >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 150); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.2; done
    echo "server did not start"; cat "$WORK/server.log"; exit 1
}
receipts() { IDENTITIES="$WORK/ids.lua" wrk -t2 -c64 -d"${DURATION}s" --latency -s Benchmarks/create-dossiers.lua "http://127.0.0.1:$PORT"; }
# The first officer of the identities (token, agency), and a dossier they receive to upload to.
upload_target() {
    TOKEN=$(awk -F'"' '/token = /{print $2; exit}' "$WORK/ids.lua")
    AGENCY=$(awk -F'"' '/token = /{print $4; exit}' "$WORK/ids.lua")
    PROCEDURE=$(sed -n 's/.*procedure = "\([^"]*\)".*/\1/p' "$WORK/ids.lua")
    COMPONENTS=$(sed -n 's/.*components = \[==\[\(.*\)\]==\].*/\1/p' "$WORK/ids.lua")
    DOSSIER=$(curl -sf "http://127.0.0.1:$PORT/api/v1/dossiers" -H "Authorization: Bearer $TOKEN" -H 'content-type: application/json' \
        -d "{\"procedureCode\":\"$PROCEDURE\",\"agencyId\":\"$AGENCY\",\"applicant\":{\"citizenId\":\"027201000001\",\"fullName\":\"Nguyễn Văn Thử\"},\"channel\":\"counter\",\"formData\":{\"tenTre\":\"Nguyễn Minh Khôi\"},\"components\":$COMPONENTS}" \
        | python3 -c 'import json, sys; print(json.load(sys.stdin)["code"])')
}

echo; echo "== 1. Receipts alone, 64 connections, ${DURATION}s"
start_server receipts
receipts
echo "server peak RSS: $(awk '/VmHWM/ {print $2, $3}' /proc/$SERVER_PID/status)"
stop_server

echo; echo "== 2. Receipts, 64 connections, while $CLIENTS clients upload $SIZE-byte scans, ${DURATION}s"
start_server mixed
upload_target
python3 Benchmarks/upload/uploader.py --base "http://127.0.0.1:$PORT" --token "$TOKEN" --dossier "$DOSSIER" \
    --clients "$CLIENTS" --size "$SIZE" --duration "$DURATION" --pid "$SERVER_PID" >"$WORK/uploads.txt" &
UPLOADER=$!
receipts
wait $UPLOADER
cat "$WORK/uploads.txt"
stop_server

echo; echo "== 2b. Receipts, 64 connections, while $CLIENTS clients upload $SIZE-byte scans at $LINK bytes/s each (a citizen's uplink), ${DURATION}s"
start_server paced
upload_target
python3 Benchmarks/upload/uploader.py --base "http://127.0.0.1:$PORT" --token "$TOKEN" --dossier "$DOSSIER" \
    --clients "$CLIENTS" --size "$SIZE" --duration "$DURATION" --pid "$SERVER_PID" --link "$LINK" >"$WORK/uploads.txt" &
UPLOADER=$!
receipts
wait $UPLOADER
cat "$WORK/uploads.txt"
stop_server

echo; echo "== 3. One 20 MB upload, idle server"
start_server single
upload_target
python3 Benchmarks/upload/uploader.py --base "http://127.0.0.1:$PORT" --token "$TOKEN" --dossier "$DOSSIER" \
    --clients 1 --size 2000000 --uploads 3 >/dev/null  # warm-up: first-use allocations are not the upload's
python3 Benchmarks/upload/uploader.py --base "http://127.0.0.1:$PORT" --token "$TOKEN" --dossier "$DOSSIER" \
    --clients 1 --size 20000000 --uploads 1 --pid "$SERVER_PID"
stop_server
