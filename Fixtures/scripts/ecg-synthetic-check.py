#!/usr/bin/env python3
"""Sanity check of an `ecg-synthetic` (or `ecg5000`) dataset folder: per-class mean beats and
simple detectors' AUROC, overall and per class (each anomaly class against the normal test beats).

    toolkit generate ecg-synthetic --out /tmp/ecg
    python3 Fixtures/scripts/ecg-synthetic-check.py /tmp/ecg [--plot means.png]

Needs numpy and scikit-learn (matplotlib for --plot). Detectors are fitted on train.csv (normal
beats only) and score test.csv: scikit-learn's IsolationForest (seed 0) and PCA reconstruction
error (components explaining 90% of the training variance)."""
import argparse
import csv

import numpy as np
from sklearn.decomposition import PCA
from sklearn.ensemble import IsolationForest
from sklearn.metrics import roc_auc_score


def read(path):
    with open(path) as f:
        rows = list(csv.reader(f))
    return np.array([int(r[0]) for r in rows[1:]]), np.array([[float(x) for x in r[1:]] for r in rows[1:]])


def main():
    p = argparse.ArgumentParser()
    p.add_argument("folder")
    p.add_argument("--plot")
    a = p.parse_args()
    _, train = read(a.folder + "/train.csv")
    ids, test = read(a.folder + "/test.csv")
    kind = {}
    with open(a.folder + "/labels.csv") as f:
        for r in csv.DictReader(f):
            kind[int(r["id"])] = r["kind"] or "normal"
    kinds = np.array([kind[i] for i in ids])
    print(f"train {train.shape}, test {test.shape}")
    print(f"per-beat mean |max| {np.abs(test.mean(axis=1)).max():.2e}, population std range "
          f"{test.std(axis=1).min():.6f}..{test.std(axis=1).max():.6f}")
    print("class      n     argmax  min    max   width>1")
    means = {}
    for k in sorted(set(kinds)):
        x = test[kinds == k]
        means[k] = x.mean(axis=0)
        # width of the tallest wave: samples above 1 (z units) around the maximum
        print(f"{k:9} {len(x):5} {np.argmax(x, axis=1).mean():7.1f} {x.min(axis=1).mean():6.2f} {x.max(axis=1).mean():5.2f}"
              f" {(x > 1).sum(axis=1).mean():6.1f}")
    scores = {}
    forest = IsolationForest(random_state=0).fit(train)
    scores["iforest"] = -forest.score_samples(test)
    pca = PCA(n_components=0.9, svd_solver="full").fit(train)
    scores["pca"] = ((test - pca.inverse_transform(pca.transform(test))) ** 2).sum(axis=1)
    y = kinds != "normal"
    for name, s in scores.items():
        line = f"{name:8} AUROC overall {roc_auc_score(y, s):.4f}"
        for k in sorted(set(kinds) - {"normal"}):
            sel = (kinds == k) | (kinds == "normal")
            line += f"  {k} {roc_auc_score(kinds[sel] == k, s[sel]):.4f}"
        print(line)
    if a.plot:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, len(means), figsize=(4 * len(means), 3), sharey=True)
        for ax, (k, m) in zip(axes, means.items()):
            for row in test[kinds == k][:20]:
                ax.plot(row, color="0.8", lw=0.5)
            ax.plot(m, color="C0")
            ax.set_title(k)
        fig.tight_layout()
        fig.savefig(a.plot, dpi=80)


if __name__ == "__main__":
    main()
