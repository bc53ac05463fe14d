#!/bin/bash
# How the README's shard-join figures were made: behaviour-logs-paper at 10x its rows (8,080,000
# records: rows.train 7,580,000, rows.test 500,000, anomalies.count 250,000, so half the test
# window is still anomalous) written once by a single run, and as 8 shards made two at a time
# (xargs -P 2, one per core) then joined with `toolkit join-shards`; every file's SHA-256 of the
# two folders is compared. Wall time and peak memory by /usr/bin/time -f "%e s %M KB" (and the
# CPU time, which a machine shared with other work does not inflate as much); a summary line
# with both and the speed-up, and the load average before and after (`uptime`).
#   Fixtures/scripts/shard-join-bench.sh WORK_DIR [SHARDS]
# Needs about 2 x 1.5 GB free in WORK_DIR (the single run, removed once its checksums are taken,
# then the shards and the join); WORK_DIR's outputs are removed at the end (KEEP=1 keeps the
# shards and the joined folder). FORMAT=csv.gz benchmarks gzip instead.
set -euo pipefail
work=${1:?WORK_DIR}; shards=${2:-8}; format=${FORMAT:-csv}
toolkit=$(realpath "${TOOLKIT:-.build/release/toolkit}")
sets=(--set 'generator.rows={train: 7580000, test: 500000}' --set generator.anomalies.count=250000 --format "$format")
mkdir -p "$work"
cd "$work"
rm -rf single parts joined
# Prints "LABEL WALL s PEAK KB (CPU ...)" and keeps wall, user and sys in .time-LABEL for the summary.
timed() {
    local label=$1; shift
    local status=0
    /usr/bin/time -o ".time-$label" -f "%e %U %S %M" "$@" || status=$?
    read -r wall user sys peak < <(tail -n 1 ".time-$label")
    echo "$label $wall s $peak KB (CPU $user s user $sys s sys)" >&2
    return $status
}

echo "load before: $(uptime)"
echo "== single run"
timed single "$toolkit" generate behaviour-logs-paper "${sets[@]}" --out single --quiet
# The single run's checksums, then its folder goes before the shards start: on this kind of VM,
# writing into memory the guest has not used lately costs about 2.4 s of system time per GB,
# against a fraction of that for pages just freed. The single run starts right after the previous
# outputs are removed (above), so the shards must too, or they alone pay for fresh memory
# (about 1.5-3 s of CPU more; see the README).
(cd single && sha256sum -- *) > single.sha256
rm -rf single
echo "== $shards shards, two at a time, then the join"
mkdir parts
start=$(date +%s.%N)
export toolkit shards
timed shards-all bash -c 'seq 1 "$0" | xargs -P 2 -I{} /usr/bin/time -f "shard {}/$0 %e s %M KB (CPU %U s user %S s sys)" "$toolkit" generate behaviour-logs-paper "$@" --shard {}/"$0" --out parts/{} --quiet' \
    "$shards" "${sets[@]}"
timed join "$toolkit" join-shards parts/* --out joined --quiet
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN { printf "shards+join %.2f s\n", b - a }'
# Wall and CPU (user + sys) of the single run against the shards plus the join.
for f in .time-single .time-shards-all .time-join; do tail -n 1 "$f"; done | awk -v a="$start" -v b="$end" '
    NR == 1 { wall = $1; cpu = $2 + $3 } NR > 1 { both += $2 + $3 }
    END { printf "summary: single %.1f s (CPU %.1f s); shards + join %.1f s (CPU %.1f s): %.2fx\n", wall, cpu, b - a, both, wall / (b - a) }'

echo "== SHA-256 of every file"
(cd joined && sha256sum -- *) > joined.sha256
cat single.sha256
status=0
if cmp -s single.sha256 joined.sha256; then echo "identical: every file of the joined folder equals the single run's"; else
    echo "DIFFERENT:"; diff single.sha256 joined.sha256 || true; status=1; fi
du -sh joined | sed 's/^/size /'
echo "load after: $(uptime)"
rm -f .time-single .time-shards-all .time-join
[ "${KEEP:-0}" = 1 ] || rm -rf single parts joined single.sha256 joined.sha256
exit $status
