#!/usr/bin/env bash
# The README's Ray figure: one bench grid run sequentially (`toolkit bench`), then as a plan on a
# local Ray cluster with 2 worker CPUs (`ray_run_plan.py`), back to back, from empty folders
# (datasets included); wall times, their ratio, and a byte comparison of every output.
#
#   Fixtures/engines/bench-ray.sh TOOLKIT [RECIPES...]
#   (default grid: zigzag-paper arrhythmia connect4 arrhythmia-toll x iforest,ocsvm,pca,knn,hbos x 3 seeds)
set -euo pipefail
# One BLAS thread per process everywhere (the engines give each unit one CPU): the last bits of
# pca's and knn's scores depend on the thread count, and every file is compared byte for byte.
export OPENBLAS_NUM_THREADS=1
toolkit=$(realpath "${1:?usage: $0 TOOLKIT [RECIPES...]}"); shift
recipes=("$@"); [ ${#recipes[@]} -gt 0 ] || recipes=(zigzag-paper arrhythmia connect4 arrhythmia-toll)
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d); ray_dir=$(mktemp -d /tmp/ray-XXXX)
trap 'ray stop --force >/dev/null 2>&1 || true; [ -n "${KEEP:-}" ] || rm -rf "$work"; rm -rf "$ray_dir"' EXIT
grid=("${recipes[@]}" --detectors iforest,ocsvm,pca,knn,hbos --runs 3 --out bench --quiet)
now() { date +%s.%N; }

mkdir "$work/sequential" "$work/ray" "$work/default-threads"
start=$(now); (cd "$work/sequential" && "$toolkit" bench "${grid[@]}" >/dev/null); sequential=$(echo "$(now) - $start" | bc)
# For reference: the sequential bench with OpenBLAS's default thread count (one per core).
start=$(now); (cd "$work/default-threads" && env -u OPENBLAS_NUM_THREADS "$toolkit" bench "${grid[@]}" >/dev/null)
default=$(echo "$(now) - $start" | bc)

port=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
ray start --head --port "$port" --num-cpus 2 --include-dashboard=false --disable-usage-stats --temp-dir "$ray_dir" >/dev/null 2>&1
start=$(now)
(cd "$work/ray" && "$toolkit" bench "${grid[@]}" --plan plan.jsonl >/dev/null \
  && RAY_ADDRESS="127.0.0.1:$port" python3 "$here/ray_run_plan.py" plan.jsonl --toolkit "$toolkit" > ray.log)
ray=$(echo "$(now) - $start" | bc)

differ=0
while read -r f; do cmp -s "$work/sequential/bench/$f" "$work/ray/bench/$f" || { echo "differs: $f (kept in $work with KEEP=1)"; differ=1; }
done < <(cd "$work/sequential/bench" && find . -maxdepth 2 -type f \( -name '*.md' -o -name '*.json' -o -name '*.html' \))
units=$(wc -l < "$work/ray/plan.jsonl")
busy=$(grep -o "done in [0-9.]* s" "$work/ray/ray.log" | awk '{s += $3} END {printf "%.1f", s}')
printf "grid: %s x 5 detectors x 3 seeds (%s units)\n" "${recipes[*]}" "$units"
printf "sequential toolkit bench, 1 BLAS thread: %.1f s\n" "$sequential"
printf "sequential toolkit bench, default BLAS threads: %.1f s\n" "$default"
printf "Ray, 2 CPUs, 1 BLAS thread a unit (plan + driver; Ray's own start excluded): %.1f s\n" "$ray"
printf "ratio Ray / sequential: %.2f (1 thread), %.2f (default threads)\n" "$(echo "$ray / $sequential" | bc -l)" "$(echo "$ray / $default" | bc -l)"
printf "the units' own times add up to %s s under Ray (two at a time)\n" "$busy"
[ $differ = 0 ] && echo "leaderboards, metrics, reports and summary against the 1-thread bench: byte-identical" || exit 1
