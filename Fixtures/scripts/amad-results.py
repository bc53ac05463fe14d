#!/usr/bin/env python3
"""The README's AMAD table: `toolkit detect amad` over detector seeds on AMAD's datasets, each
run evaluated by `toolkit evaluate --block-scores` (the recipe's protocol: youden cut-off,
blocks from the labels), reported as mean ± sample std of the instance and block AUROC, with
the mean training time.

    python3 Fixtures/scripts/amad-results.py WORK_DIR [--datasets zigzag,connect4,behaviour-logs]
        [--seeds 0,1,2,3,4] [--connect4-source /path/connect-4.data.Z]
        [--config NAME=key=value,key=value ...] [--baselines iforest,ae]
        [--data-seeds 1,2,3,4,5] [--ceiling random_ids]

Without --config it runs the README's rows: the paper's defaults, the code's attribute
concatenation, and on zigzag the three ablations of the paper's Tables 5-6.

--data-seeds generates each dataset with each of these seeds (default: the recipe's, 1) and runs
every detector seed on each; a row is then the mean ± std over all those runs, and a line after
the table gives each dataset seed's mean. --ceiling KINDS adds a row that no detector made: the
score 1 for the test rows of the given anomaly kinds and 0 for all others, evaluated the same way
(block score: the mean). On zigzag, `--ceiling random_ids` is the best any score can do that sees
a row's content but not its place in the sequence: `copy_train` anomalies are copies of training
rows, so such a score cannot rank them above normal rows, and it can at best rank every
`random_ids` row above the rest; a block's mean of that score counts its `random_ids` rows.

Needs a release build (`swift build -c release`) or TOOLKIT=path; nothing beyond the Python standard library.
"""
import argparse
import csv
import json
import os
import statistics
import subprocess
import sys
import time

TOOLKIT = os.environ.get("TOOLKIT", ".build/release/toolkit")

DEFAULT_CONFIGS = {
    "zigzag": [
        ("paper defaults", ["epochs=30"]),
        ("attributes=concatenate", ["epochs=30", "attributes=concatenate"]),
        ("concatenate, -Noise", ["epochs=30", "attributes=concatenate", "noise=0"]),
        ("concatenate, -RelRep", ["epochs=30", "attributes=concatenate", "relative=false"]),
        ("concatenate, -BlockLoss", ["epochs=30", "attributes=concatenate", "block_loss=false"]),
    ],
    "connect4": [
        ("attributes=concatenate", ["epochs=5", "attributes=concatenate"]),
    ],
    "behaviour-logs": [
        ("attributes=concatenate, shared ids", ["epochs=30", "attributes=concatenate", "shared_ids=true"]),
    ],
    "behaviour-logs-paper": [
        ("concatenate, shared ids, 8 streams", ["epochs=1", "attributes=concatenate", "shared_ids=true", "streams=8"]),
    ],
}


def run(arguments):
    result = subprocess.run([TOOLKIT] + arguments, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"toolkit {' '.join(arguments)} failed:\n{result.stderr}")
    return result


def evaluate(scores, dataset, blocks=None):
    arguments = ["evaluate", scores, "--dataset", dataset, "--format", "json", "--quiet"]
    if blocks:
        arguments += ["--block-scores", blocks]
    report = json.loads(run(arguments).stdout)["runs"][0]
    return report["auroc"], (report.get("block") or {}).get("auroc")


def ceiling_scores(data, kinds, out):
    """The test rows' scores 1 (anomaly of one of `kinds`) or 0, from the dataset's labels.csv."""
    with open(os.path.join(data, "labels.csv"), newline="") as labels, open(out, "w") as scores:
        scores.write("id,score\n")
        for row in csv.DictReader(labels):
            if row["split"] == "test":
                scores.write(f"{row['id']},{1 if row['kind'] in kinds else 0}\n")


def summary(values):
    values = [v for v in values if v is not None]
    if not values:
        return "—"
    if len(values) == 1:
        return f"{values[0]:.3f}"
    return f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work")
    parser.add_argument("--datasets", default="zigzag,connect4,behaviour-logs")
    parser.add_argument("--seeds", default="0,1,2,3,4")
    parser.add_argument("--data-seeds", default="", help="comma-separated dataset seeds (default: the recipe's)")
    parser.add_argument("--connect4-source")
    parser.add_argument("--config", action="append", default=[],
                        help="NAME=key=value,key=value: one row with these amad parameters (repeatable)")
    parser.add_argument("--baselines", default="", help="comma-separated reference detectors to run beside amad")
    parser.add_argument("--ceiling", default="", help="comma-separated anomaly kinds: a row scoring exactly those rows 1")
    options = parser.parse_args()
    os.makedirs(options.work, exist_ok=True)
    seeds = [int(s) for s in options.seeds.split(",")]
    data_seeds = [int(s) for s in options.data_seeds.split(",")] if options.data_seeds else [None]
    ceiling = [k for k in options.ceiling.split(",") if k]
    print("| dataset | detector (parameters) | instance AUROC | block AUROC | detect s |")
    print("|---|---|---:|---:|---:|")
    per_seed = []
    for name in options.datasets.split(","):
        folders = {}
        for data_seed in data_seeds:
            data = os.path.join(options.work, name if data_seed is None else f"{name}-seed{data_seed}")
            generate = ["generate", name, "--out", data, "--force", "--quiet"]
            if data_seed is not None:
                generate += ["--seed", str(data_seed)]
            if name == "connect4":
                if not options.connect4_source:
                    sys.exit("connect4 needs --connect4-source (the UCI connect-4.data.Z)")
                generate += ["--source", options.connect4_source]
            run(generate)
            folders[data_seed] = data
        configs = DEFAULT_CONFIGS.get(name, [("paper defaults", [])])
        if options.config:
            configs = []
            for text in options.config:
                label, _, params = text.partition("=")
                configs.append((label, [p for p in params.split(",") if p]))
        rows = [("amad", label, params) for label, params in configs]
        rows += [(d, "defaults", []) for d in options.baselines.split(",") if d]
        for detector, label, params in rows:
            instance, block, seconds = [], [], []
            for data_seed, data in folders.items():
                mark = len(block)
                for seed in seeds:
                    tag = "" if data_seed is None else f"-seed{data_seed}"
                    out = os.path.join(options.work, f"{name}{tag}-{detector}-{abs(hash(label)) % 10**8}-{seed}.csv")
                    arguments = ["detect", detector, "--dataset", data, "--seed", str(seed), "--out", out, "--quiet"]
                    for p in params:
                        arguments += ["--param", p]
                    start = time.monotonic()
                    run(arguments)
                    seconds.append(time.monotonic() - start)
                    blocks = out[:-4] + ".blocks.csv" if detector == "amad" else None
                    a, b = evaluate(out, data, blocks)
                    instance.append(a)
                    block.append(b)
                if data_seed is not None:
                    per_seed.append((name, detector, label, data_seed, instance[mark:], block[mark:]))
            shown = f"`{detector}`" + (f" ({label})" if detector == "amad" else "")
            print(f"| `{name}` | {shown} | {summary(instance)} | {summary(block)} | {statistics.mean(seconds):.1f} |",
                  flush=True)
        if ceiling:
            instance, block = [], []
            for data_seed, data in folders.items():
                tag = "" if data_seed is None else f"-seed{data_seed}"
                out = os.path.join(options.work, f"{name}{tag}-ceiling.csv")
                ceiling_scores(data, set(ceiling), out)
                a, b = evaluate(out, data)
                instance.append(a)
                block.append(b)
                if data_seed is not None:
                    per_seed.append((name, "ceiling", "", data_seed, [a], [b]))
            print(f"| `{name}` | score 1 for {', '.join(ceiling)} rows, 0 for the rest | {summary(instance)} | {summary(block)} | |",
                  flush=True)
    for name, detector, label, data_seed, instance, block in per_seed:
        shown = detector + (f" ({label})" if detector == "amad" else "")
        print(f"{name} seed {data_seed}, {shown}: instance {summary(instance)}, block {summary(block)}")


if __name__ == "__main__":
    main()
