#!/bin/bash
# The README's "Reading datasets" figures: the whole `toolkit detect iforest` job (read and verify
# train.csv and test.csv, featurize, fit, score, write the scores) against the same job as one
# Python process (pandas read_csv + scikit-learn IsolationForest fit + score + to_csv:
# iforest-job-peer.py), on the same dataset folder, back to back, ROUNDS times alternating;
# wall time, CPU time and peak memory (RSS) of each by /usr/bin/time, and the medians.
#
#   Fixtures/scripts/detect-job-bench.sh DATASET [ROUNDS] [PYTHON]
#   (DATASET: e.g. from `toolkit generate kddcup99 --source kddcup.data_10_percent.gz --out kdd`)
set -euo pipefail
dataset=${1:?DATASET}; rounds=${2:-5}; python=${3:-python3}
toolkit=$(realpath "${TOOLKIT:-.build/release/toolkit}")
here=$(dirname "$(realpath "$0")")
out=$(mktemp -d); trap 'rm -rf "$out"' EXIT
"$python" -c "import pandas, sklearn; print('peer: pandas', pandas.__version__, 'scikit-learn', sklearn.__version__)"
"$toolkit" version | head -1
uptime
for round in $(seq 1 "$rounds"); do
    /usr/bin/time -f "toolkit %e %U %S %M" -a -o "$out/times" "$toolkit" detect iforest --dataset "$dataset" --seed 1 --out "$out/toolkit.csv" --quiet
    /usr/bin/time -f "peer %e %U %S %M" -a -o "$out/times" "$python" "$here/iforest-job-peer.py" "$dataset" 1 "$out/peer.csv"
done
uptime
python3 - "$out/times" <<'PY'
import statistics, sys
runs = {}
for line in open(sys.argv[1]):
    name, wall, user, sys_, rss = line.split()
    runs.setdefault(name, []).append((float(wall), float(user) + float(sys_), int(rss) / 1024))
for name, values in runs.items():
    walls = [v[0] for v in values]
    print(f"{name:8s} wall {statistics.median(walls):6.2f} s (runs {', '.join(f'{w:.2f}' for w in walls)}), "
          f"CPU {statistics.median(v[1] for v in values):6.2f} s, peak {statistics.median(v[2] for v in values):6.0f} MiB")
t, p = (statistics.median(v[0] for v in runs[k]) for k in ("toolkit", "peer"))
print(f"ratio peer / toolkit (median wall): {p / t:.2f}")
PY
