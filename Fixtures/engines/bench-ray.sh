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
# CPU seconds the whole machine has been busy (all processes: the toolkit, Ray's own daemons, the
# driver), from /proc/stat's first line (user nice system idle iowait irq softirq steal, in ticks).
busy() { awk -v hz="$(getconf CLK_TCK)" 'NR == 1 {print ($2 + $3 + $4 + $7 + $8) / hz}' /proc/stat; }

mkdir "$work/sequential" "$work/ray" "$work/default-threads"
command -v /usr/bin/time >/dev/null || { echo "$0: needs GNU time (/usr/bin/time; apt-get install time)" >&2; exit 2; }
# The sequential bench's own CPU time too: some detectors score on two threads (iforest, knn,
# ocsvm), so one `toolkit bench` keeps more than one core busy part of the time.
start=$(now); b0=$(busy)
(cd "$work/sequential" && /usr/bin/time -f "%U %S" -o "$work/sequential.cpu" "$toolkit" bench "${grid[@]}" >/dev/null)
sequential=$(echo "$(now) - $start" | bc); sequential_busy=$(echo "$(busy) - $b0" | bc)
sequential_cpu=$(awk '{print $1 + $2}' "$work/sequential.cpu")
# For reference: the sequential bench with OpenBLAS's default thread count (one per core).
start=$(now); (cd "$work/default-threads" && env -u OPENBLAS_NUM_THREADS "$toolkit" bench "${grid[@]}" >/dev/null)
default=$(echo "$(now) - $start" | bc)

port=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
ray start --head --port "$port" --num-cpus 2 --include-dashboard=false --disable-usage-stats --temp-dir "$ray_dir" >/dev/null 2>&1
start=$(now); b0=$(busy)
(cd "$work/ray" && "$toolkit" bench "${grid[@]}" --plan plan.jsonl >/dev/null \
  && RAY_ADDRESS="127.0.0.1:$port" python3 "$here/ray_run_plan.py" plan.jsonl --toolkit "$toolkit" --timeline timeline.jsonl > ray.log)
ray=$(echo "$(now) - $start" | bc); ray_busy=$(echo "$(busy) - $b0" | bc)

differ=0
while read -r f; do cmp -s "$work/sequential/bench/$f" "$work/ray/bench/$f" || { echo "differs: $f (kept in $work with KEEP=1)"; differ=1; }
done < <(cd "$work/sequential/bench" && find . -maxdepth 2 -type f \( -name '*.md' -o -name '*.json' -o -name '*.html' \))
units=$(wc -l < "$work/ray/plan.jsonl")
own=$(grep -o "done in [0-9.]* s" "$work/ray/ray.log" | awk '{s += $3} END {printf "%.1f", s}')
units_cpu=$(grep -o "their CPU time to [0-9.]* s" "$work/ray/ray.log" | awk '{print $5}')
printf "grid: %s x 5 detectors x 3 seeds (%s units)\n" "${recipes[*]}" "$units"
printf "sequential toolkit bench, 1 BLAS thread: %.1f s (its CPU time %.1f s; the machine busy %.1f CPU s)\n" "$sequential" "$sequential_cpu" "$sequential_busy"
printf "sequential toolkit bench, default BLAS threads: %.1f s\n" "$default"
printf "Ray, 2 CPUs, 1 BLAS thread a unit (plan + driver; Ray's own start excluded): %.1f s (the machine busy %.1f CPU s)\n" "$ray" "$ray_busy"
printf "ratio Ray / sequential: %.2f (1 thread), %.2f (default threads)\n" "$(echo "$ray / $sequential" | bc -l)" "$(echo "$ray / $default" | bc -l)"
printf "the units' own times (their 'done in' lines) add up to %s s under Ray (two at a time), their CPU time to %s s\n" "$own" "${units_cpu:-?}"
[ $differ = 0 ] && echo "leaderboards, metrics, reports and summary against the 1-thread bench: byte-identical"
python3 - "$work/ray/timeline.jsonl" "$work/ray/ray.log" <<'EOF' || true
import json, re, sys
units = [json.loads(line) for line in open(sys.argv[1])]
connected = re.search(r"Ray imported and connected in ([0-9.]+) s", open(sys.argv[2]).read())
first, last = min(u["start"] for u in units), max(u["end"] for u in units)
collect = max(units, key=lambda u: u["end"])
busy = sum(u["end"] - u["start"] for u in units)
workers = len({(u["node"], u["worker"]) for u in units})
print(f"the driver (seconds after it started): Ray imported and connected at {connected.group(1) if connected else '?'}, "
      f"first unit started at {first:.2f}, last ended at {last:.2f}; the leaderboards unit alone took "
      f"{collect['end'] - collect['start']:.2f} s; {workers} worker processes ran units for {busy:.1f} s in all")
EOF
exit $differ
