#!/bin/bash
# How the README's shard-join figures were made: behaviour-logs-paper at 10x its rows (8,080,000
# records: rows.train 7,580,000, rows.test 500,000, anomalies.count 250,000, so half the test
# window is still anomalous) written once by a single run, and as 8 shards made two at a time
# (xargs -P 2, one per core) then joined with `toolkit join-shards`; every file's SHA-256 of the
# two folders is compared. Wall time and peak memory by /usr/bin/time -f "%e s %M KB" (and the
# CPU time, which a machine shared with other work does not inflate as much).
#   Fixtures/scripts/shard-join-bench.sh WORK_DIR [SHARDS]
# Needs about 3 x 1.5 GB free in WORK_DIR (the single run, the shards, the join); WORK_DIR's
# outputs are removed at the end (KEEP=1 keeps them). FORMAT=csv.gz benchmarks gzip instead.
set -euo pipefail
work=${1:?WORK_DIR}; shards=${2:-8}; format=${FORMAT:-csv}
toolkit=$(realpath "${TOOLKIT:-.build/release/toolkit}")
sets=(--set 'generator.rows={train: 7580000, test: 500000}' --set generator.anomalies.count=250000 --format "$format")
mkdir -p "$work"
cd "$work"
rm -rf single parts joined
timed() { local label=$1; shift; /usr/bin/time -f "$label %e s %M KB (CPU %U s user %S s sys)" "$@"; }

echo "== single run"
timed single "$toolkit" generate behaviour-logs-paper "${sets[@]}" --out single --quiet
echo "== $shards shards, two at a time, then the join"
mkdir parts
start=$(date +%s.%N)
export toolkit shards
timed shards-all bash -c 'seq 1 "$0" | xargs -P 2 -I{} /usr/bin/time -f "shard {}/$0 %e s %M KB (CPU %U s user %S s sys)" "$toolkit" generate behaviour-logs-paper "$@" --shard {}/"$0" --out parts/{} --quiet' \
    "$shards" "${sets[@]}"
timed join "$toolkit" join-shards parts/* --out joined --quiet
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN { printf "shards+join %.2f s\n", b - a }'

echo "== SHA-256 of every file"
(cd single && sha256sum -- *) > single.sha256
(cd joined && sha256sum -- *) > joined.sha256
cat single.sha256
status=0
if cmp -s single.sha256 joined.sha256; then echo "identical: every file of the joined folder equals the single run's"; else
    echo "DIFFERENT:"; diff single.sha256 joined.sha256 || true; status=1; fi
du -sh single | sed 's/^/size /'
[ "${KEEP:-0}" = 1 ] || rm -rf single parts joined single.sha256 joined.sha256
exit $status
