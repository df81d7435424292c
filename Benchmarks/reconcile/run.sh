#!/usr/bin/env bash
# Reconciliation benchmark: generates synthetic provinces of 0.3, 1 and 3.5 million people (source
# datasets of 82% as many civil-status records, the Bắc Ninh ratio 2.87M / 3.5M), reconciles each from
# CSV files to a findings CSV with the quality report, and records wall time and peak RSS.
#
# Usage: Benchmarks/reconcile/run.sh [sizes...]        e.g.  run.sh 300000 1000000 3500000
# Environment:
#   RECONCILE    command that accepts "generate|run|report ..." (default: the release `motcua reconcile`)
#   WORKDIR      where datasets go (default: a fresh mktemp -d, deleted afterwards unless KEEP=1)
#   SEED         generator seed (default: 2026)
#   EXTRA        extra arguments for "run", e.g. "--jsonl findings.jsonl"
#   GENERATOR    tuning (default) or independent (the generator never used for tuning; its source is read
#                through the source-mapping.json it writes)
set -euo pipefail

cd "$(dirname "$0")/../.."
sizes=("$@")
if [ ${#sizes[@]} -eq 0 ]; then sizes=(300000 1000000 3500000); fi
seed="${SEED:-2026}"

if [ -z "${RECONCILE:-}" ]; then
    swift build -c release --product motcua >&2
    RECONCILE="$(swift build -c release --show-bin-path)/motcua reconcile"
fi

workdir="${WORKDIR:-$(mktemp -d "${TMPDIR:-/tmp}/reconcile-bench.XXXXXX")}"
if [ -z "${WORKDIR:-}" ] && [ -z "${KEEP:-}" ]; then trap 'rm -rf "$workdir"' EXIT; fi

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
summary=()
for people in "${sizes[@]}"; do
    records=$((people * 82 / 100))
    dir="$workdir/$people"
    mkdir -p "$dir"
    echo "== $people people, $records records =="
    $RECONCILE generate --people "$people" --records "$records" --seed "$seed" --out "$dir" --quiet --generator "${GENERATOR:-tuning}"
    mapping=()
    if [ -f "$dir/source-mapping.json" ]; then mapping=(--source-mapping "$dir/source-mapping.json"); fi
    # shellcheck disable=SC2086
    MOTCUA_SQLITE_PATH="$dir/worklist.sqlite" /usr/bin/time -v -o "$dir/time.txt" $RECONCILE run --register "$dir/register.csv" --source "$dir/source.csv" "${mapping[@]}" \
        --findings "$dir/findings.csv" --truth "$dir/truth.csv" --report-json "$dir/report.json" --quiet --campaign "benchmark $people" ${EXTRA:-} \
        | tee "$dir/report.txt"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$dir/time.txt")
    rss=$(awk -F': ' '/Maximum resident set size/ {printf "%.2f GiB", $2 / 1048576}' "$dir/time.txt")
    cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$dir/time.txt")
    precision=$(awk '/^all / {print $2}' "$dir/report.txt")
    recall=$(awk '/^all / {print $3}' "$dir/report.txt")
    noid=$(awk '/^  no_id / {print $3}' "$dir/report.txt")
    summary+=("$people people / $records records: wall $wall, peak RSS $rss, CPU $cpu, precision $precision, recall $recall, no-ID recall $noid")
done
echo
echo "== summary (seed $seed) =="
printf '%s\n' "${summary[@]}"
