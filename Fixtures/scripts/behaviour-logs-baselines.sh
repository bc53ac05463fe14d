#!/bin/bash
# The README's baselines on behaviour logs (issue 14): the classic detectors with each encoding
# of the multi-valued columns (`--param lists=multi-hot|embedding|hashed-embedding`), detector
# seeds 0-4, evaluated by the recipe's protocol (youden, blocks of the dataset) with --by-kind.
# Prints one Markdown row per detector and encoding: instance AUROC and block AUROC as mean ± sd
# over the seeds, then each fault kind's AUROC (mean over the seeds), and the wall time of the
# detect runs. Score files already in WORK_DIR are reused (they are written atomically).
#   Fixtures/scripts/behaviour-logs-baselines.sh WORK_DIR [RECIPE [DETECTOR...]]
#     RECIPE: behaviour-logs (default) or behaviour-logs-paper (generated once into WORK_DIR)
#     DETECTOR: default iforest ocsvm pca knn ae hbos
# Environment: TOOLKIT (default .build/release/toolkit), LISTS (default
# "multi-hot embedding hashed-embedding"), SEEDS (default "0 1 2 3 4"), SEEDS_<detector> (its own
# seeds: a deterministic detector needs one, e.g. SEEDS_pca=0), PARAMS_<detector> (extra --param
# values, e.g. PARAMS_ocsvm="max_train=20000"), LIST_DIM (default 16).
set -euo pipefail
work=${1:?WORK_DIR}; shift
recipe=${1:-behaviour-logs}; [ $# -gt 0 ] && shift
detectors=("$@"); [ ${#detectors[@]} -gt 0 ] || detectors=(iforest ocsvm pca knn ae hbos)
toolkit=${TOOLKIT:-.build/release/toolkit}
lists=(${LISTS:-multi-hot embedding hashed-embedding})
seeds=(${SEEDS:-0 1 2 3 4})
dim=${LIST_DIM:-16}
mkdir -p "$work"
data=$work/$recipe
[ -f "$data/manifest.json" ] || "$toolkit" generate "$recipe" --out "$data" --quiet
echo "| detector | lists | runs | AUROC | block AUROC | per kind (AUROC) | time of the runs |"
echo "|---|---|---:|---:|---:|---|---:|"
for detector in "${detectors[@]}"; do
    seeds_name=SEEDS_$detector
    detector_seeds=(${!seeds_name:-${seeds[*]}})
    extra_name=PARAMS_$detector
    extra=()
    for p in ${!extra_name:-}; do extra+=(--param "$p"); done
    for mode in "${lists[@]}"; do
        files=()
        start=$(date +%s.%N)
        for seed in "${detector_seeds[@]}"; do
            out=$work/$recipe-$detector-$mode-d$dim-$seed.csv
            files+=("$out")
            [ -f "$out" ] && continue
            "$toolkit" detect "$detector" --dataset "$data" --param lists="$mode" --param list_dim="$dim" \
                "${extra[@]}" --seed "$seed" --out "$out" --quiet
        done
        seconds=$(echo "$(date +%s.%N) - $start" | bc)
        "$toolkit" evaluate "${files[@]}" --dataset "$data" --by-kind --format json --quiet > "$work/$recipe-$detector-$mode-d$dim.json"
        python3 - "$work/$recipe-$detector-$mode-d$dim.json" "$detector" "$mode" "$seconds" <<'EOF'
import json, statistics, sys
path, detector, mode, seconds = sys.argv[1:]
runs = json.load(open(path))["runs"]
def stat(values):
    values = [v for v in values if v is not None]
    if not values: return "n/a"
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return f"{statistics.mean(values):.3f} ± {sd:.3f}"
instance = stat([r["auroc"] for r in runs])
block = stat([(r.get("block") or {}).get("auroc") for r in runs])
kinds = {}
for r in runs:
    for k in r.get("by_kind", []):
        kinds.setdefault(k["kind"], []).append(k["auroc"])
per_kind = ", ".join(f"{k} {statistics.mean(v):.2f}" for k, v in sorted(kinds.items()))
print(f"| `{detector}` | `{mode}` | {len(runs)} | {instance} | {block} | {per_kind} | {float(seconds):.0f} s |")
EOF
    done
done
