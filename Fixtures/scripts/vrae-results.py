#!/usr/bin/env python3
"""The VRAE results table of the README (issue 16): window AUROC on solar-pv and beat AUROC on
ecg-synthetic, overall and per anomaly kind, for the VRAE's three scores (one fit each seed,
`--all-scores`) beside iforest, pca and ae on the same inputs; mean ± std over seeds; the VRAE's
training time per run.

Only the toolkit binary is needed (standard library Python):

    swift build -c release
    OPENBLAS_CORETYPE=SkylakeX python3 Fixtures/scripts/vrae-results.py \
        --toolkit .build/release/toolkit --work /tmp/vrae-results --seeds 0,1,2,3,4

It prints Markdown tables (and keeps every score file and JSON in --work). `--datasets` picks
`solar-pv`, `ecg-synthetic` or both; `--vrae-param k=v` passes extra VRAE parameters.
"""
import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time

DATASETS = {
    # name: (generate args, detect args, evaluate args, VRAE parameters)
    "solar-pv": (["solar-pv"], ["--windows", "--window-columns", "power,slot"], ["--windows"], []),
    "ecg-synthetic": (["ecg-synthetic"], [], [], ["latent=5", "attention=5"]),
}
BASELINES = ["iforest", "pca", "ae"]
VRAE_SCORES = ["probability", "error", "wasserstein"]


def run(command, log):
    start = time.time()
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"failed ({result.returncode}): {' '.join(command)}\n{result.stderr}")
    log.write(f"$ {' '.join(command)}\n{result.stderr}\n")
    return result, time.time() - start


def evaluate(toolkit, scores, dataset, extra, log):
    result, _ = run([toolkit, "evaluate", scores, "--dataset", dataset, "--by-kind", "--format", "json", "--quiet"] + extra, log)
    r = json.loads(result.stdout)["runs"][0]
    kinds = {k["kind"]: k["auroc"] for k in r.get("by_kind") or []}
    return r["auroc"], r["average_precision"], kinds


def mean_std(values):
    values = [v for v in values if v is not None]
    if not values:
        return "n/a"
    if len(values) == 1:
        return f"{values[0]:.3f}"
    return f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--toolkit", default=".build/release/toolkit")
    parser.add_argument("--work", default="/tmp/vrae-results")
    parser.add_argument("--seeds", default="0,1,2,3,4")
    parser.add_argument("--datasets", default="solar-pv,ecg-synthetic")
    parser.add_argument("--vrae-param", action="append", default=[])
    parser.add_argument("--no-baselines", action="store_true")
    args = parser.parse_args()
    toolkit = os.path.abspath(args.toolkit)
    seeds = [int(s) for s in args.seeds.split(",")]
    os.makedirs(args.work, exist_ok=True)
    log = open(os.path.join(args.work, "log.txt"), "a")

    for name in args.datasets.split(","):
        generate, detect_extra, evaluate_extra, vrae_params = DATASETS[name]
        folder = os.path.join(args.work, name)
        run([toolkit, "generate"] + generate + ["--out", folder, "--force", "--quiet"], log)
        rows = {}   # method -> list of (auroc, ap, kinds, fit seconds)
        for seed in seeds:
            out = os.path.join(args.work, f"{name}-vrae-{seed}.csv")
            params = sum((["--param", p] for p in vrae_params + args.vrae_param), [])
            result, seconds = run([toolkit, "detect", "vrae", "--dataset", folder, "--seed", str(seed), "--all-scores",
                                   "--out", out] + detect_extra + params, log)
            fit = re.search(r"fit ([0-9.]+) s", result.stderr)
            fit_seconds = float(fit.group(1)) if fit else seconds
            stem = out[:-4]
            for score in VRAE_SCORES:
                rows.setdefault(f"vrae {score}", []).append(evaluate(toolkit, f"{stem}.{score}.csv", folder, evaluate_extra, log) + (fit_seconds,))
            print(f"{name} seed {seed}: vrae fit {fit_seconds:.1f} s", file=sys.stderr)
            if args.no_baselines:
                continue
            for baseline in BASELINES:
                out = os.path.join(args.work, f"{name}-{baseline}-{seed}.csv")
                result, seconds = run([toolkit, "detect", baseline, "--dataset", folder, "--seed", str(seed), "--out", out] + detect_extra, log)
                fit = re.search(r"fit ([0-9.]+) s", result.stderr)
                rows.setdefault(baseline, []).append(evaluate(toolkit, out, folder, evaluate_extra, log) + (float(fit.group(1)) if fit else seconds,))
        kinds = sorted({k for runs in rows.values() for r in runs for k in r[2]})
        print(f"\n### {name} ({len(seeds)} seeds: {args.seeds})\n")
        print("| detector | AUROC | AP | " + " | ".join(kinds) + " | fit (s) |")
        print("|---|---:|---:|" + "---:|" * len(kinds) + "---:|")
        for method, runs in rows.items():
            cells = [mean_std([r[0] for r in runs]), mean_std([r[1] for r in runs])]
            cells += [mean_std([r[2].get(k) for r in runs]) for k in kinds]
            cells.append(f"{statistics.mean(r[3] for r in runs):.1f}")
            print(f"| {method} | " + " | ".join(cells) + " |")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
