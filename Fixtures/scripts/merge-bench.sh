#!/bin/bash
# The README's sharded-evaluation benchmark: 10 shards of 1M scored rows each (`id,label,score`,
# 5 % anomalies, score N(0,1) + 1.5 for anomalies, as a detector writes it: Python's shortest
# round-trip repr), in two cases: continuous scores (nearly all distinct) and the same scores
# rounded to 4 decimals (about 10^5 distinct values). For each case it evaluates the
# concatenated 10M-row file once, makes one partial per shard (--partial), merges the 10
# partials (--merge), times the whole evaluation and the merge alone, and checks that the two
# JSON outputs are identical but for the command line and the run's name and file.
#   Fixtures/scripts/merge-bench.sh WORK_DIR [REPEATS]
# Needs python3 (standard library only) and a release build (swift build -c release), or
# TOOLKIT=path. WORK_DIR gets about 2.5 GB of CSV and partials; delete it afterwards.
set -euo pipefail
work=${1:?WORK_DIR}; repeats=${2:-3}
toolkit=${TOOLKIT:-.build/release/toolkit}
shards=${SHARDS:-10}; rows=${ROWS:-1000000}
cutoffs=(--cutoff youden --cutoff best-f1 --cutoff top:0.1 --cutoff top:50 --cutoff threshold:0.5)
mkdir -p "$work"

generate() {  # generate CASE DIGITS: shard-*.csv and whole.csv in $work/CASE
    local dir=$work/$1
    [ -f "$dir/whole.csv" ] && return
    mkdir -p "$dir"
    python3 - "$dir" "$2" "$shards" "$rows" <<'PY'
import random, sys
folder, digits, shards, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
whole = open(f"{folder}/whole.csv", "w")
whole.write("id,label,score\n")
for s in range(shards):
    rng = random.Random(20240601 + s)
    lines = []
    for i in range(rows):
        y = 1 if rng.random() < 0.05 else 0
        x = rng.gauss(0.0, 1.0) + 1.5 * y
        if digits:
            x = round(x, digits)
        lines.append(f"{s * rows + i},{y},{x!r}\n")
    text = "".join(lines)
    with open(f"{folder}/shard-{s}.csv", "w") as f:
        f.write("id,label,score\n")
        f.write(text)
    whole.write(text)
whole.close()
PY
}

comparable() { grep -v -E '^  "command": |^      "(name|file)": ' "$1"; }

. "$(dirname "$(realpath "$0")")/merge-bench-lib.sh"

machine
echo "toolkit: $toolkit ($("$toolkit" version | head -1))"
echo "cut-offs: ${cutoffs[*]}"
echo
echo "best of $repeats alternating runs each; partials made one after the other"
echo
echo "| scores | distinct | whole file ($((shards * rows)) rows) | $shards partials made | partials | merge | merge / whole | JSON |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for case in distinct rounded-4; do
    digits=0; [ "$case" = rounded-4 ] && digits=4
    generate "$case" "$digits"
    dir=$work/$case
    start=$(date +%s.%N)
    for ((s = 0; s < shards; s++)); do
        "$toolkit" evaluate "$dir/shard-$s.csv" "${cutoffs[@]}" --partial "$dir/shard-$s.partial"
    done
    made=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    partials=("$dir"/shard-*.partial)
    # Whole and merge alternate, so that both meet the same machine load; the best of each.
    whole=""; merge=""
    for _ in $(seq "$repeats"); do
        whole=$(faster "$whole" "$(timed "$toolkit" evaluate "$dir/whole.csv" "${cutoffs[@]}" --format json -o "$dir/whole.json")")
        merge=$(faster "$merge" "$(timed "$toolkit" evaluate --merge "${partials[@]}" --format json -o "$dir/merged.json")")
    done
    size=$(du -cb "${partials[@]}" | tail -1 | cut -f1)
    distinct=$(grep -m1 '"n_distinct_scores"' "$dir/whole.json" | tr -dc 0-9)
    if diff <(comparable "$dir/whole.json") <(comparable "$dir/merged.json") > /dev/null; then same="identical"; else same="DIFFERENT"; fi
    awk -v c="$case" -v d="$distinct" -v w="$whole" -v m="$merge" -v made="$made" -v size="$size" -v same="$same" 'BEGIN {
        split(w, W, " "); split(m, M, " ")
        printf "| %s | %d | %.2f s, %d MiB | %.2f s (sequential) | %.0f MB | %.2f s, %d MiB | %.1f %% | %s |\n",
               c, d, W[1], W[2] / 1024, made, size / 1e6, M[1], M[2] / 1024, 100 * M[1] / W[1], same }'
done
