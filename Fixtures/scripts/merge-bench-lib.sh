# Shared by merge-bench.sh and compare-merge-bench.sh (sourced; both set $work first).

faster() {  # faster A B: the run ("seconds peak-KB") with the smaller time
    if [ -z "$1" ] || awk -v a="${2% *}" -v b="${1% *}" 'BEGIN { exit !(a < b) }'; then echo "$2"; else echo "$1"; fi
}

timed() {  # timed COMMAND...: "seconds peak-KB" of one run
    /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > /dev/null
    tail -1 "$work/time.txt"
}

machine() {  # one line: cores, memory, CPU model, load average
    echo "machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load $(cut -d' ' -f1-3 /proc/loadavg)"
}
