#!/bin/bash
# The README's table of `toolkit detect --windows` on solar-pv: for each detector, the window
# AUROC (`evaluate --windows`), the AUROC of the per-reading scores (`evaluate --dataset`, max of
# the covering windows) and each anomaly kind's window AUROC (its windows against every normal
# window: `evaluate --windows --by-kind`, from windows.csv's kind column).
#   Fixtures/scripts/solar-pv-windows.sh WORK_DIR [DETECTOR...]    (default: iforest pca ae)
# Needs a release build (swift build -c release), or TOOLKIT=path. DATASET_SEED (default 1, the
# recipe's) seeds the dataset; the detectors run with --seed 0.
set -euo pipefail
work=${1:?WORK_DIR}; shift
detectors=("${@:-iforest}"); [ $# -gt 0 ] || detectors=(iforest pca ae)
toolkit=${TOOLKIT:-.build/release/toolkit}
mkdir -p "$work"
data=$work/spv
"$toolkit" generate solar-pv --seed "${DATASET_SEED:-1}" --out "$data" --force --quiet
# The first run's instance AUROC, to 3 decimals (awk reads everything: no SIGPIPE under pipefail).
auroc() { awk -F, '!done && $0 ~ /,auroc,/ && $0 ~ /,instance,/ { printf "%.3f", $NF; done = 1 }'; }
kinds=(cloudy_day snow_day spike inverter_fault shading)
header="| detector | windows | readings |"
for kind in "${kinds[@]}"; do
    header+=" $kind ($(awk -F, -v k="$kind" '$2 == "test" && $6 == k' "$data/windows.csv" | wc -l)) |"
done
echo "$header"
for detector in "${detectors[@]}"; do
    scores=$work/$detector.csv
    "$toolkit" detect "$detector" --dataset "$data" --windows --seed 0 --out "$scores" --quiet
    line="| \`$detector\` | $("$toolkit" evaluate "$scores" --dataset "$data" --windows --format csv --quiet | auroc)"
    line+=" | $("$toolkit" evaluate "$work/$detector.readings.csv" --dataset "$data" --format csv --quiet | auroc) |"
    by_kind=$("$toolkit" evaluate "$scores" --dataset "$data" --windows --by-kind --format csv --quiet)
    for kind in "${kinds[@]}"; do
        line+=" $(awk -F, -v k="kind:$kind" '!done && $2 == k && $(NF - 1) == "auroc" { printf "%.3f", $NF; done = 1 }' <<< "$by_kind") |"
    done
    echo "$line"
done
