#!/usr/bin/env python3
"""The README's per-unit figure: how long `toolkit run-task` takes on a unit that is already
done (start, plan read, checks, outputs verified), the median of N runs, for one or more builds.

    python3 Fixtures/engines/run-task-overhead.py TOOLKIT [TOOLKIT ...] [--runs 20]

Each build makes its own plan (a plan is bound to the build that made it) of a small grid in a
temporary folder, runs its datasets and one detector unit, then times that unit again N times.
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("toolkits", nargs="+")
    parser.add_argument("--runs", type=int, default=20)
    options = parser.parse_args()
    for toolkit in map(os.path.abspath, options.toolkits):
        with tempfile.TemporaryDirectory() as work:
            def run(*arguments):
                subprocess.run([toolkit, *arguments], cwd=work, check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            run("bench", "zigzag-paper", "arrhythmia", "connect4", "--detectors", "iforest,hbos", "--runs", "2",
                "--plan", "plan.jsonl", "--out", "bench", "--quiet")
            for index in range(4):   # the three datasets, then the first detector unit
                run("run-task", "plan.jsonl", "--index", str(index), "--quiet")
            times = []
            for _ in range(options.runs):
                start = time.perf_counter()
                run("run-task", "plan.jsonl", "--index", "3", "--quiet")
                times.append(time.perf_counter() - start)
            print(f"{toolkit}: a finished unit's run-task, median of {options.runs}: {statistics.median(times) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
