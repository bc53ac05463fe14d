#!/usr/bin/env python3
"""The time-series benchmark's peer: TSB-AD 1.5 on the series of `bench_vus.py`.

`perf series` (Sources/perf/SeriesPerf.swift) runs this script back to back with the toolkit:

  python ts-bench.py write FILE [--reference DIR]
      writes the benchmark series as `id,score,label` (100,000 points, seed 4242, 10 ranges,
      `make_vectors.gen_random(..., "signal", 6 decimals)`: exactly bench_vus.py's input; the
      generator is imported from the reference folder, default ../shared/reference/ts-metrics)
  python ts-bench.py time FILE [--window 100] [--reps 3] [--full]
      times TSB-AD's generate_curve (VUS-ROC + VUS-PR, the same call) and, with --full,
      get_metrics (pred=None) on that file; prints one JSON object

Environment (time-series SPEC section 10):
  python3 -m venv venv
  venv/bin/pip install "numpy<2" scikit-learn scipy statsmodels pandas tqdm matplotlib arch
  venv/bin/pip install --no-deps tsb-ad==1.5 vus==0.0.6 prts==1.0.0.3 tadpak==0.3.3
"""
import argparse
import json
import os
import statistics
import sys
import time
import warnings

import numpy as np

BENCH = {"seed": 4242, "n": 100000, "ranges": 10, "range_len": [50, 400], "model": "signal", "decimals": 6}
HERE = os.path.dirname(os.path.abspath(__file__))


def write(path, reference):
    sys.path.insert(0, reference)
    import make_vectors as MV
    b = BENCH
    s, y, _ = MV.gen_random(b["seed"], b["n"], b["ranges"], b["range_len"][0], b["range_len"][1], b["model"], b["decimals"])
    with open(path, "w") as out:
        out.write("id,score,label\n")
        for i, (score, label) in enumerate(zip(s.tolist(), y.tolist())):
            out.write(f"{i},{score!r},{int(label)}\n")


def read(path):
    data = np.loadtxt(path, delimiter=",", skiprows=1)
    return data[:, 1].astype(np.float64), data[:, 2].astype(np.int64)


def timed(f, reps):
    times, out = [], None
    for _ in range(reps):
        t = time.perf_counter()
        out = f()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times, out


def time_peer(path, window, reps, full):
    warnings.filterwarnings("ignore")
    from TSB_AD.evaluation.basic_metrics import generate_curve
    from TSB_AD.evaluation.metrics import get_metrics
    s, y = read(path)
    result = {"n": int(s.size), "n_anomalies": int(y.sum()), "window": window, "loadavg": os.getloadavg()}
    med, runs, out = timed(lambda: generate_curve(y, s, window), reps)
    result["vus"] = {"median_s": med, "runs_s": runs, "vus_roc": float(out[-2]), "vus_pr": float(out[-1])}
    if full:
        med, runs, out = timed(lambda: get_metrics(s, y, slidingWindow=window), 1)
        result["get_metrics"] = {"median_s": med, **{k: float(v) for k, v in out.items()}}
    print(json.dumps(result))


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="command", required=True)
    w = sub.add_parser("write")
    w.add_argument("file")
    w.add_argument("--reference", default=os.path.join(HERE, "..", "..", "..", "shared", "reference", "ts-metrics"))
    t = sub.add_parser("time")
    t.add_argument("file")
    t.add_argument("--window", type=int, default=100)
    t.add_argument("--reps", type=int, default=3)
    t.add_argument("--full", action="store_true")
    a = ap.parse_args()
    if a.command == "write":
        write(a.file, os.path.abspath(a.reference))
    else:
        time_peer(a.file, a.window, a.reps, a.full)


if __name__ == "__main__":
    main()
