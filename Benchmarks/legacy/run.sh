#!/usr/bin/env bash
# Importing legacy register books, in a release build (issue 10: "importing 100,000 register entries with images
# <= 60 s on this machine").
#
#   1. writes a synthetic book (`motcua legacy sample`): PAGES small PNG page images (the domain's QR renderer,
#      each page different) and manifest.csv, ENTRIES entries per page (not timed);
#   2. imports it into a fresh SQLite database and blob store with `motcua legacy import` (timed): every image
#      checked by content and hashed, stored in the content-addressed blob store (fsync), then one transaction
#      for the book, its pages and PAGES x ENTRIES entry slots (multi-row inserts);
#   3. imports it again: refused as already imported, nothing written (exit status 2).
#
# Usage: Benchmarks/legacy/run.sh [pages] [entries per page]   (defaults: 5000, 20 = 100,000 entries)
# MOTCUA_BIN: a motcua binary already built; otherwise a release build is made. MOTCUA_DATABASE_URL: import
# into PostgreSQL instead of a fresh SQLite file.
set -euo pipefail
cd "$(dirname "$0")/../.."
PAGES=${1:-5000}
ENTRIES=${2:-20}
WORK=$(mktemp -d /tmp/motcua-legacy.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

if [ -n "${MOTCUA_BIN:-}" ]; then BIN=$MOTCUA_BIN; else
    swift build -c release --product motcua >/dev/null
    BIN=$(swift build -c release --show-bin-path)/motcua
fi
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -sr); load $(cut -d' ' -f1-3 /proc/loadavg)"

"$BIN" legacy sample "$WORK/book" --pages "$PAGES" --entries "$ENTRIES" --label "benchmark $$"
echo "images: $(du -sh "$WORK/book" | cut -f1) in $(ls "$WORK/book" | wc -l) files"
export MOTCUA_BLOB_DIR="$WORK/documents"
DB=(--sqlite-path "$WORK/m.sqlite" --log-level error)
"$BIN" migrate "${DB[@]}" >/dev/null

echo; echo "== import of $((PAGES * ENTRIES)) entries on $PAGES pages"
START=$(date +%s.%N)
"$BIN" legacy import "$WORK/book" --commune xa-09187 --kind birth --book B1 --year 1998 --quiet "${DB[@]}"
END=$(date +%s.%N)
SECONDS_TAKEN=$(echo "$END - $START" | bc)
echo "import took ${SECONDS_TAKEN} s (target <= 60 s for 100,000 entries)"

echo; echo "== the same book again (must be refused, exit status 2)"
set +e
"$BIN" legacy import "$WORK/book" --commune xa-09187 --kind birth --book B1 --year 1998 --quiet "${DB[@]}"
STATUS=$?
set -e
[ "$STATUS" = 2 ] || { echo "expected exit status 2, got $STATUS"; exit 1; }
"$BIN" legacy progress "${DB[@]}" | tail -1
