#!/bin/bash
# The README's sharded-comparison benchmark (DeLong's test from partials): 10 shards of 1M rows
# scored by two detectors A and B (`id,label,score` files, 5 % anomalies; A's score N(0,1) + 1.5
# for anomalies, B's 0.6·A + 0.8·N(0,1) + 0.5 for anomalies, so correlated; written as a
# detector writes it, Python's shortest round-trip repr), in two cases: continuous scores (nearly
# every (A, B) pair distinct) and both rounded to 4 decimals. For each case it evaluates
# `--compare` on the concatenated 10M-row files once, makes one comparison partial per shard
# (`--compare a-S.csv b-S.csv --partial`), merges the 10 (--merge), times the whole evaluation
# and the merge alone, and checks that the two JSON outputs are identical but for the command
# line and the runs' names and files (also in the comparison's `a` and `b`).
#   Fixtures/scripts/compare-merge-bench.sh WORK_DIR [REPEATS]
# Needs python3 (standard library only) and a release build (swift build -c release), or
# TOOLKIT=path. WORK_DIR gets about 4 GB of CSV and partials; delete it afterwards.
set -euo pipefail
work=${1:?WORK_DIR}; repeats=${2:-1}
toolkit=${TOOLKIT:-.build/release/toolkit}
shards=${SHARDS:-10}; rows=${ROWS:-1000000}
cutoffs=(--cutoff youden --cutoff best-f1 --cutoff top:0.1 --cutoff top:50 --cutoff threshold:0.5)
mkdir -p "$work"

generate() {  # generate CASE DIGITS: a-*.csv, b-*.csv, whole-a.csv and whole-b.csv in $work/CASE
    local dir=$work/$1
    [ -f "$dir/whole-b.csv" ] && return
    mkdir -p "$dir"
    python3 - "$dir" "$2" "$shards" "$rows" <<'PY'
import random, sys
folder, digits, shards, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
whole = {d: open(f"{folder}/whole-{d}.csv", "w") for d in "ab"}
for f in whole.values():
    f.write("id,label,score\n")
for s in range(shards):
    rng = random.Random(20240601 + s)
    lines = {"a": [], "b": []}
    for i in range(rows):
        y = 1 if rng.random() < 0.05 else 0
        a = rng.gauss(0.0, 1.0) + 1.5 * y
        b = 0.6 * a + 0.8 * rng.gauss(0.0, 1.0) + 0.5 * y
        if digits:
            a, b = round(a, digits), round(b, digits)
        lines["a"].append(f"{s * rows + i},{y},{a!r}\n")
        lines["b"].append(f"{s * rows + i},{y},{b!r}\n")
    for d in "ab":
        text = "".join(lines[d])
        with open(f"{folder}/{d}-{s}.csv", "w") as f:
            f.write("id,label,score\n")
            f.write(text)
        whole[d].write(text)
for f in whole.values():
    f.close()
PY
}

comparable() { grep -v -E '^  "command": |^      "(name|file)": |^    "(a|b)": \[' "$1"; }

. "$(dirname "$(realpath "$0")")/merge-bench-lib.sh"

machine
echo "toolkit: $toolkit ($("$toolkit" version | head -1))"
echo "cut-offs: ${cutoffs[*]}"
echo
echo "best of $repeats alternating runs each; partials made one after the other"
echo
echo "| scores | distinct (A, B) pairs | whole --compare ($((shards * rows)) rows) | $shards comparison partials made | partials | merge | merge / whole | JSON |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for case in distinct rounded-4; do
    digits=0; [ "$case" = rounded-4 ] && digits=4
    generate "$case" "$digits"
    dir=$work/$case
    start=$(date +%s.%N)
    for ((s = 0; s < shards; s++)); do
        "$toolkit" evaluate --compare "$dir/a-$s.csv" "$dir/b-$s.csv" "${cutoffs[@]}" --partial "$dir/cmp-$s.partial" 2> /dev/null
    done
    made=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
    partials=("$dir"/cmp-*.partial)
    # Whole and merge alternate, so that both meet the same machine load; the best of each.
    whole=""; merge=""
    for _ in $(seq "$repeats"); do
        whole=$(faster "$whole" "$(timed "$toolkit" evaluate --compare "$dir/whole-a.csv" "$dir/whole-b.csv" "${cutoffs[@]}" --quiet --format json -o "$dir/whole.json")")
        merge=$(faster "$merge" "$(timed "$toolkit" evaluate --merge "${partials[@]}" --quiet --format json -o "$dir/merged.json")")
    done
    size=$(du -cb "${partials[@]}" | tail -1 | cut -f1)
    # The distinct pairs of all the rows: from the merged partial's header.
    "$toolkit" evaluate --merge "${partials[@]}" --partial "$dir/merged.partial"
    pairs=$(sed -n 2p "$dir/merged.partial" | grep -o '"pairs":[0-9]*' | tr -dc 0-9)
    if diff <(comparable "$dir/whole.json") <(comparable "$dir/merged.json") > /dev/null; then same="identical"; else same="DIFFERENT"; fi
    awk -v c="$case" -v d="$pairs" -v w="$whole" -v m="$merge" -v made="$made" -v size="$size" -v same="$same" 'BEGIN {
        split(w, W, " "); split(m, M, " ")
        printf "| %s | %d | %.2f s, %d MiB | %.2f s (sequential) | %.0f MB | %.2f s, %d MiB | %.1f %% | %s |\n",
               c, d, W[1], W[2] / 1024, made, size / 1e6, M[1], M[2] / 1024, 100 * M[1] / W[1], same }'
done
