#!/usr/bin/env python3
"""How the README's account of `amad`'s block scores on zigzag was made: for each dataset seed
of an `amad-results.py --data-seeds` work folder, detector seed 0 (the `attributes=concatenate`
row), how the block score `amad` writes relates to the block's own instance scores:

- the Pearson correlation between the block score and the mean rank of the block's instance
  scores (ranks over the whole test split, ties averaged), and
- the block AUROC that mean rank alone would give (a block is anomalous when more than half of
  its rows are, as `toolkit evaluate` counts it).

    python3 Fixtures/scripts/amad-block-diagnostics.py WORK [--seed 0]

Standard library only. WORK holds `zigzag-seedN/` (the datasets) and the runs'
`zigzag-seedN-amad-*-SEED.csv` with their `.blocks.csv`.
"""
import argparse
import csv
import glob
import os
import statistics


def ranks(values):
    """Average ranks, 1-based, ties sharing the mean of their positions."""
    order = sorted(range(len(values)), key=values.__getitem__)
    result = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            result[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return result


def auroc(labels, scores):
    """Mann-Whitney: the probability that an anomalous block outscores a normal one, ties half."""
    r = ranks(scores)
    positives = sum(labels)
    negatives = len(labels) - positives
    rank_sum = sum(x for x, y in zip(r, labels) if y)
    return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("work")
    parser.add_argument("--seed", type=int, default=0)
    options = parser.parse_args()
    folders = [f for f in glob.glob(os.path.join(options.work, "zigzag-seed*")) if os.path.isdir(f)]
    for folder in sorted(folders, key=lambda p: int(p.rsplit("seed", 1)[1])):
        name = os.path.basename(folder)
        runs = [p for p in glob.glob(os.path.join(options.work, f"{name}-amad-*-{options.seed}.csv"))
                if not p.endswith(".blocks.csv")]
        if len(runs) != 1:
            print(f"{name}: expected one amad run of seed {options.seed}, found {len(runs)}")
            continue
        labels = {}
        with open(os.path.join(folder, "labels.csv"), newline="") as f:
            for row in csv.DictReader(f):
                if row["split"] == "test":
                    labels[row["id"]] = (int(row["label"]), int(row["block"]))
        ids, scores = [], []
        with open(runs[0], newline="") as f:
            for row in csv.DictReader(f):
                ids.append(row["id"])
                scores.append(float(row["score"]))
        rank = ranks(scores)
        blocks = {}
        for i, r in zip(ids, rank):
            label, block = labels[i]
            blocks.setdefault(block, []).append((label, r))
        with open(runs[0][:-4] + ".blocks.csv", newline="") as f:
            written = {int(row["block"]): float(row["score"]) for row in csv.DictReader(f)}
        order = sorted(blocks)
        anomalous = [1 if 2 * sum(l for l, _ in blocks[b]) > len(blocks[b]) else 0 for b in order]
        mean_rank = [statistics.mean(r for _, r in blocks[b]) for b in order]
        block_scores = [written[b] for b in order]
        print(f"{name}: block score vs mean instance rank: r = {statistics.correlation(block_scores, mean_rank):.2f}; "
              f"block AUROC of the written block scores {auroc(anomalous, block_scores):.3f}, "
              f"of the mean instance rank {auroc(anomalous, mean_rank):.3f}")


if __name__ == "__main__":
    main()
