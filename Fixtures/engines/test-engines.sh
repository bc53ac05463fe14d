#!/usr/bin/env bash
# Tests the task-plan engines end to end (run by .ci/run):
#   1. Ray, for real: a local cluster (`ray start --head`, 2 CPUs) runs a bench grid's plan
#      through ray_run_plan.py; the leaderboards, metrics and reports must be byte-identical
#      to a sequential `toolkit bench` of the same grid.
#      A generation plan (4 shards of behaviour-logs and their join) through Ray gives the
#      single `toolkit generate` run's files.
#   2. A Ray worker killed (SIGKILL) in the middle of a detector run: Ray retries the unit,
#      the plan finishes, the files are again identical, no temporary file is left and every
#      unit's outputs verify (each unit, run again, reports "already done").
#   3. Slurm and Kubernetes, by index: slurm-submit-plan.sh and k8s-run-plan.sh run with
#      stand-ins for sbatch and kubectl (stubs/) that run every array element / completion
#      index here with SLURM_ARRAY_TASK_ID / JOB_COMPLETION_INDEX set: identical files again.
#
#   Fixtures/engines/test-engines.sh TOOLKIT_BINARY
set -euo pipefail
# One BLAS thread per process everywhere (the engines give each unit one CPU): the last bits of
# pca's and knn's scores depend on the thread count, and every file is compared byte for byte.
export OPENBLAS_NUM_THREADS=1
toolkit=$(realpath "${1:?usage: $0 TOOLKIT_BINARY}")
here=$(dirname "$(realpath "$0")")
work=$(mktemp -d)
ray_dir=$(mktemp -d /tmp/ray-XXXX)   # Ray's socket paths must stay short
# Note: the cleanup runs `ray stop --force`, which stops every Ray process of this machine.
cleanup() { ray stop --force >/dev/null 2>&1 || true; rm -rf "$work" "$ray_dir"; }
trap cleanup EXIT
fail() { echo "test-engines: FAILED: $*" >&2; exit 1; }

# The grid: two recipes, two exact detectors (their scores are the same on every machine), two
# seeds; a detector run takes long enough (a fraction of a second and more) to be killed mid-run.
grid=(zigzag arrhythmia --detectors knn,hbos --runs 2 --out bench --quiet)
files=(zigzag/leaderboard.md zigzag/metrics.json zigzag/report.html
       arrhythmia/leaderboard.md arrhythmia/metrics.json arrhythmia/report.html summary.md summary.html)
same() {  # same FOLDER: the folder's bench outputs equal the sequential bench's, byte for byte
  for f in "${files[@]}"; do cmp -s "$work/sequential/bench/$f" "$1/bench/$f" || fail "$1/bench/$f differs from the sequential bench's"; done
}
no_temporaries() {
  local left; left=$(find "$1" -name '.*.partial-*' | head -3)
  [ -z "$left" ] || fail "temporary files left in $1: $left"
}
all_verified() {  # every unit, run again, is skipped: its outputs exist and verify
  local n; n=$(wc -l < "$1/plan.jsonl")
  for i in $(seq 0 $((n - 2))); do
    (cd "$1" && "$toolkit" run-task plan.jsonl --index "$i" --quiet) | grep -q "already done" || fail "unit $i of $1 is not done"
  done
}

mkdir -p "$work/sequential" && (cd "$work/sequential" && "$toolkit" bench "${grid[@]}" >/dev/null)
plan() { mkdir -p "$work/$1" && (cd "$work/$1" && "$toolkit" bench "${grid[@]}" --plan plan.jsonl >/dev/null); }

# 1. Ray.
python3 -c "import ray" 2>/dev/null || fail "Ray is not installed (pip install ray)"
port=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
ray start --head --port "$port" --num-cpus 2 --include-dashboard=false --disable-usage-stats --temp-dir "$ray_dir" > "$work/ray-start.log" 2>&1 \
  || { cat "$work/ray-start.log"; fail "ray start --head failed"; }
export RAY_ADDRESS="127.0.0.1:$port"
plan ray
python3 "$here/ray_run_plan.py" "$work/ray/plan.jsonl" --toolkit "$toolkit" --timeline "$work/timeline.jsonl" > "$work/ray.log" || { cat "$work/ray.log"; fail "the Ray driver failed"; }
same "$work/ray"
# The timeline: one line per unit, each unit once, after the units it needs, with its CPU time.
python3 - "$work/timeline.jsonl" "$work/ray/plan.jsonl" <<'EOF' || fail "the driver's --timeline is wrong"
import json, sys
units = {u["index"]: u for u in map(json.loads, open(sys.argv[1]))}
plan = [json.loads(line) for line in open(sys.argv[2])]
def check(ok, problem):
    if not ok:
        sys.exit(f"timeline: {problem}")
check(sorted(units) == list(range(len(plan))), "not one line per unit")
check(all(u["id"] == plan[i]["id"] for i, u in units.items()), "an id differs from the plan's")
check(all(0 <= u["start"] <= u["end"] for u in units.values()), "a unit ends before it starts")
check(sum(u["cpu"] for u in units.values()) > 0, "no CPU time counted")
ids = {t["id"]: t["index"] for t in plan}
check(all(units[ids[n]]["end"] <= u["start"] for i, u in units.items() for n in plan[i]["needs"]),
      "a unit started before a unit it needs had ended")
check(all(isinstance(u["worker"], int) for u in units.values()), "a unit has no worker")
EOF
echo "test-engines: Ray: $(tail -1 "$work/ray.log"); leaderboards identical to the sequential bench"

# 1b. A generation plan through Ray: 4 shards and their join equal the single run, file for file.
mkdir -p "$work/gen" && cd "$work/gen"
size=(--set "generator.rows={train: 20000, test: 8000}")
"$toolkit" generate behaviour-logs "${size[@]}" --out single --quiet >/dev/null
"$toolkit" generate behaviour-logs "${size[@]}" --shards 4 --plan gen.jsonl --out whole >/dev/null
python3 "$here/ray_run_plan.py" gen.jsonl --toolkit "$toolkit" > "$work/gen.log" || { cat "$work/gen.log"; fail "the Ray driver failed on a generation plan"; }
(cd single && sha256sum -- *) > single.sha256 && (cd whole && sha256sum -- *) > whole.sha256
cmp -s single.sha256 whole.sha256 || fail "the joined dataset differs from the single run: $(diff single.sha256 whole.sha256 | head -3)"
cd - >/dev/null
echo "test-engines: Ray, generation plan: $(tail -1 "$work/gen.log"); every file equal to the single run's"

# 2. A worker killed mid-task.
plan killed
python3 "$here/ray_run_plan.py" "$work/killed/plan.jsonl" --toolkit "$toolkit" > "$work/killed.log" 2>&1 &
driver=$!
victim=""
last=$(( $(wc -l < "$work/killed/plan.jsonl") - 1 ))
for _ in $(seq 1 1200); do  # up to 60 s for a detector run (units 2 ... last - 1) to start
  while read -r pid index; do
    if [ "$index" -ge 2 ] && [ "$index" -lt "$last" ]; then
      victim=$(ps -o ppid= -p "$pid" | tr -d ' ') && unit=$index && kill -9 "$victim" && break 2
    fi
  done < <(pgrep -af "run-task $work/killed/plan.jsonl --index" | sed -n 's/^\([0-9]*\) .*--index \([0-9]*\).*/\1 \2/p')
  sleep 0.05
done
[ -n "$victim" ] || fail "no detector run to kill appeared"
wait "$driver" || { cat "$work/killed.log"; fail "the Ray driver failed after a worker was killed"; }
sleep 1  # the killed worker's toolkit process gets SIGTERM and removes its temporary
same "$work/killed"
no_temporaries "$work/killed"
all_verified "$work/killed"
echo "test-engines: Ray worker $victim killed during unit $unit: retried; $(tail -1 "$work/killed.log"); identical, nothing left over"

# 3. Slurm job arrays and Kubernetes Indexed Jobs, by index (stand-ins for sbatch and kubectl).
plan slurm
mkdir -p "$work/sbatch-state"
PATH="$here/stubs:$PATH" SBATCH_STUB_STATE="$work/sbatch-state" "$here/slurm-submit-plan.sh" "$work/slurm/plan.jsonl" "$toolkit" > "$work/slurm.log"
grep -q "stage 2: 1 units" "$work/slurm.log" || { cat "$work/slurm.log"; fail "slurm-submit-plan.sh"; }
same "$work/slurm"; all_verified "$work/slurm"
echo "test-engines: Slurm arrays (stub sbatch): $(tr '\n' ';' < "$work/slurm.log") identical"

plan k8s
mkdir -p "$work/kubectl-state" "$work/bin" && ln -s "$toolkit" "$work/bin/toolkit"
PATH="$here/stubs:$work/bin:$PATH" KUBECTL_STUB_STATE="$work/kubectl-state" "$here/k8s-run-plan.sh" "$work/k8s/plan.jsonl" toolkit:latest work-claim > "$work/k8s.log"
grep -q "stage 2: 1 units done" "$work/k8s.log" || { cat "$work/k8s.log"; fail "k8s-run-plan.sh"; }
same "$work/k8s"; all_verified "$work/k8s"
echo "test-engines: Kubernetes Indexed Jobs (stub kubectl): identical"
echo "test-engines: passed"
