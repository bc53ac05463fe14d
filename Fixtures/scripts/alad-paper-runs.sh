#!/bin/bash
# How the README's ALAD table was made: ALAD on KDD Cup 99 and Arrhythmia with ALAD's exact splits,
# seeds 1-5, every score of each fit (--all-scores), evaluated at the paper's cut-offs.
#   Fixtures/scripts/alad-paper-runs.sh DATA_DIR WORK_DIR [SEEDS]
# DATA_DIR holds kddcup.data_10_percent.gz, arrhythmia.data and splits/ (../shared/data here).
# A KDD run trains 100 epochs (about 17 s each on one core with OpenBLAS's SkylakeX kernels on a
# Xeon, 10 s with Cooperlake kernels on an AMD EPYC): 16-30 minutes per seed; on a 2-core machine
# run two SEEDS lists at once (after one run has generated the datasets). SETS="arr" skips KDD.
# PARAMS adds detector parameters and TAG names their outputs apart, e.g. the one-Adam-per-step rows:
#   PARAMS="--param shared_adam=false" TAG=separate Fixtures/scripts/alad-paper-runs.sh ...
# SNAPSHOTS also scores each fit part-way (`detect --score-at-epochs`) and evaluates those too, e.g.
#   PARAMS="--param epochs=400" SNAPSHOTS=100,200,300 TAG=e400 SETS=kdd Fixtures/scripts/alad-paper-runs.sh ...
set -euo pipefail
data=${1:?DATA_DIR}; work=${2:?WORK_DIR}; seeds=${3:-"1 2 3 4 5"}; sets=${SETS:-"arr kdd"}
read -r -a params <<< "${PARAMS:-}"; tag=${TAG:-alad}
snapshots=${SNAPSHOTS:-}
[ -z "$snapshots" ] || params+=(--score-at-epochs "$snapshots")
toolkit=${TOOLKIT:-.build/release/toolkit}
export OPENBLAS_NUM_THREADS=${OPENBLAS_NUM_THREADS:-1}
mkdir -p "$work"
[[ " $sets " != *" kdd "* ]] || [ -d "$work/kdd" ] || "$toolkit" generate kddcup99 --source "$data/kddcup.data_10_percent.gz" \
    --set generator.split.rows_file="$data/splits/kdd-alad-train-rows.txt.gz" --out "$work/kdd" --quiet
[[ " $sets " != *" arr "* ]] || [ -d "$work/arr" ] || "$toolkit" generate arrhythmia --source "$data/arrhythmia.data" \
    --set generator.split.rows_file="$data/splits/arrhythmia-alad-test-rows.txt" \
    --set generator.split.rows_file_lists=test --out "$work/arr" --quiet
for set in $sets; do
    for s in $seeds; do
        "$toolkit" detect alad --dataset "$work/$set" --seed "$s" "${params[@]}" --out "$work/$set-$tag-$s.csv" --all-scores --quiet
    done
done
for set in $sets; do
    for epoch in ${snapshots//,/ } last; do
        at=""; [ "$epoch" = last ] || at=".epoch$epoch"
        for score in fm l1 l2 ch; do
            files=(); for s in $seeds; do files+=("$work/$set-$tag-$s$at.$score.csv"); done
            echo "== $set $score${at:+ after epoch $epoch}"
            if [ ${#files[@]} -eq 1 ]; then  # one seed: no summary over runs, the run's own rows
                "$toolkit" evaluate "${files[@]}" --dataset "$work/$set" | grep -E ":score "
            else
                "$toolkit" evaluate "${files[@]}" --dataset "$work/$set" | grep -E "^auroc|\.(precision|recall|f1) "
            fi
        done
    done
done
