#!/usr/bin/env bash
# Reproducible benchmarks of the dossier engine, in a release build:
#   1. dossier receipt over HTTP, 64 concurrent clients, on SQLite (full durability) and on PostgreSQL;
#   2. workqueue listing over 1,000,000 dossiers, filtered by agency and status, paginated.
# Usage: Benchmarks/run.sh [seconds-per-run] [sections]
#   sections: any of sqlite,postgres,listing (default: all three)
# Needs wrk and PostgreSQL's server binaries; installs them from Debian packages if absent.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${1:-30}
SECTIONS=${2:-sqlite,postgres,listing}
want() { [[ ",$SECTIONS," == *",$1,"* ]]; }
PORT=8091
WORK=$(mktemp -d /tmp/motcua-bench.XXXXXX)

if ! command -v wrk >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk postgresql >/dev/null
fi
if [ -n "${MOTCUA_BIN:-}" ]; then BIN=$MOTCUA_BIN; else  # MOTCUA_BIN: an already-built binary (e.g. the previous build)
    swift build -c release --product motcua >/dev/null
    BIN=$(swift build -c release --show-bin-path)/motcua
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); $(swift --version 2>/dev/null | head -1)"

SERVER_PID=
stop_server() { if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null; wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=; fi; }
start_server() { # args: database options
    "$BIN" serve --populate 0 --port $PORT --no-demo --log-level warning "$@" >"$WORK/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && return 0; sleep 0.2; done
    echo "server did not start"; cat "$WORK/server.log"; exit 1
}

# PostgreSQL: a throwaway cluster on loopback, as in CI.
PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
id -u motcua_ci >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin motcua_ci
chown motcua_ci "$WORK"
runuser -u motcua_ci -- "$PG_BIN/initdb" -D "$WORK/pg" -U motcua --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u motcua_ci -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=55433 -c unix_socket_directories=$WORK -c max_connections=200 -c shared_buffers=512MB" start >/dev/null
cleanup() { stop_server; runuser -u motcua_ci -- "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast stop >/dev/null 2>&1 || true; rm -rf "$WORK"; }
trap cleanup EXIT
PG_URL="postgres://motcua@127.0.0.1:55433/postgres"

if want sqlite; then
echo; echo "== 1a. Dossier receipt, SQLite (WAL, synchronous=FULL), 64 connections, ${DURATION}s"
DB=(--sqlite-path "$WORK/receipt.sqlite")
"$BIN" bench load-identities "${DB[@]}" --log-level error >"$WORK/ids.lua"
start_server "${DB[@]}"
IDENTITIES="$WORK/ids.lua" wrk -t2 -c64 -d"${DURATION}s" --latency -s Benchmarks/create-dossiers.lua "http://127.0.0.1:$PORT"
stop_server
"$BIN" audit verify "${DB[@]}" --log-level error | tail -2

fi

if want postgres; then
echo; echo "== 1b. Dossier receipt, PostgreSQL (fsync on, synchronous_commit on), 64 connections, ${DURATION}s"
DB=(--database-url "$PG_URL")
"$BIN" bench load-identities "${DB[@]}" --log-level error >"$WORK/ids.lua"
start_server "${DB[@]}"
IDENTITIES="$WORK/ids.lua" wrk -t2 -c64 -d"${DURATION}s" --latency -s Benchmarks/create-dossiers.lua "http://127.0.0.1:$PORT"
stop_server

fi

if want listing; then
echo; echo "== 2. Workqueue listing over 1,000,000 dossiers (SQLite), 8 connections, ${DURATION}s"
DB=(--sqlite-path "$WORK/list.sqlite")
/usr/bin/time -f "seeded in %e s, peak RSS %M KiB" "$BIN" bench seed-dossiers "${DB[@]}" --count 1000000 --log-level error
"$BIN" bench load-identities "${DB[@]}" --log-level error >"$WORK/ids.lua"
start_server "${DB[@]}"
IDENTITIES="$WORK/ids.lua" wrk -t2 -c8 -d"${DURATION}s" --latency -s Benchmarks/list-dossiers.lua "http://127.0.0.1:$PORT"
stop_server
fi
