#!/usr/bin/env bash
# How much a detector's metric moves with the seed, the OpenBLAS kernel set and the BLAS thread
# count: the measurement behind the tolerances of Recipes/expectations/*.yaml (issue 12).
#
#   Fixtures/scripts/kernel-spread.sh TOOLKIT OUT.tsv RECIPE DETECTOR METRIC SEEDS [PARAM...]
#   e.g. Fixtures/scripts/kernel-spread.sh .build/release/toolkit toll.tsv arrhythmia-toll toll auroc 10 iterations=2000
#
# OPENBLAS_CORETYPE forces a kernel set on any CPU that has its instructions, so one machine with
# AVX-512 stands in for the others: Prescott (SSE3, what Debian's OpenBLAS 0.3.21 picks on CPUs it
# does not know), Sandybridge (AVX), Haswell (AVX2; Zen uses the same kernels and gives the same
# bytes) and SkylakeX (AVX-512). Writes one line per run: recipe, detector, params, kernel,
# threads, seed, metric, value, sha256 of the score file.
set -euo pipefail
toolkit=$(realpath "$1"); out=$2; recipe=$3; detector=$4; metric=$5; seeds=$6; shift 6
params=(); for p in "$@"; do params+=(--param "$p"); done
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
"$toolkit" generate "$recipe" --out "$work/data" --quiet > /dev/null
for kernel in ${KERNELS:-Prescott Sandybridge Haswell SkylakeX}; do
  for threads in ${THREADS:-1 2}; do
    for seed in $(seq 1 "$seeds"); do
      OPENBLAS_CORETYPE=$kernel OPENBLAS_NUM_THREADS=$threads \
        "$toolkit" detect "$detector" --dataset "$work/data" --seed "$seed" "${params[@]}" --out "$work/s.csv" --quiet 2> /dev/null
      value=$("$toolkit" evaluate "$work/s.csv" --dataset "$work/data" --format csv 2> /dev/null \
        | awk -F, -v m="$metric" '{ name = ($3 == "" ? $5 : $3 "." $5); if ($2 == "instance" && name == m) { print $6; exit } }')
      printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$recipe" "$detector" "$*" "$kernel" "$threads" "$seed" \
        "$metric" "$value" "$(sha256sum < "$work/s.csv" | cut -c1-12)" >> "$out"
    done
  done
done
