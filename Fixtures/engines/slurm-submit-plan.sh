#!/usr/bin/env bash
# Submits a toolkit task plan to Slurm: one job array per stage (datasets, detector runs,
# leaderboards), each starting after the previous one succeeded (--dependency=afterok).
#
#   toolkit bench zigzag arrhythmia --detectors iforest,hbos --runs 3 --plan plan.jsonl
#   Fixtures/engines/slurm-submit-plan.sh plan.jsonl [TOOLKIT] [extra sbatch options...]
#
# The plan's folder must be on a file system every node sees at the same path, and TOOLKIT
# (default: toolkit on PATH) the same binary everywhere. Each array element runs
# slurm-run-plan.sbatch, i.e. `toolkit run-task PLAN --stage S` with the index from
# SLURM_ARRAY_TASK_ID. A failed element can be resubmitted as is: finished units are skipped.
set -euo pipefail
if [ $# -lt 1 ]; then echo "usage: $0 PLAN [TOOLKIT] [sbatch options...]" >&2; exit 2; fi
plan=$(realpath "$1"); shift
toolkit=${1:-toolkit}; [ $# -gt 0 ] && shift
here=$(dirname "$(realpath "$0")")
previous=""
for stage in 0 1 2; do
  n=$(grep -cE "\"stage\":$stage[,}]" "$plan" || true)
  [ "$n" -gt 0 ] || continue
  dependency=()
  [ -n "$previous" ] && dependency=(--dependency="afterok:$previous")
  previous=$(sbatch --parsable --array="0-$((n - 1))" "${dependency[@]}" --job-name="toolkit-stage$stage" \
    --export="ALL,TOOLKIT_PLAN=$plan,TOOLKIT_STAGE=$stage,TOOLKIT=$toolkit" "$@" "$here/slurm-run-plan.sbatch")
  echo "stage $stage: $n units, job array $previous"
done
