#!/usr/bin/env python3
"""How the README's deep-e2e "Tried" figures on cluster variance were made (scikit-learn, not the
toolkit): fit a full-covariance Gaussian mixture to a min-max-scaled contaminated KDD training
half, assign every row, and print each cluster's size, anomalies (training labels), mean member
variance (deep-e2e's rule) and log-determinant of its covariance (the generalised variance); then
what each rule accepts below the (100 - p0)th percentile, p0 = 35.

    python3 Fixtures/scripts/deep-e2e-cluster-variance.py DATASET COMPONENTS SEED [FIT_ROWS]
    LOG1P=1 python3 Fixtures/scripts/deep-e2e-cluster-variance.py ...   # log(1 + x) before min-max

DATASET is a `toolkit generate kddcup99-contaminated` folder; FIT_ROWS (default 20000) rows are
drawn for the fit (more than the training rows: all of them).
"""
import os
import sys

import numpy as np
import pandas as pd
from sklearn.mixture import GaussianMixture

folder, components, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
fit_rows = int(sys.argv[4]) if len(sys.argv) > 4 else 20000
x = pd.read_csv(f"{folder}/train.csv").set_index("id")
labels = pd.read_csv(f"{folder}/labels.csv")
labels = labels[labels.split == "train"].set_index("id")
y = labels.loc[x.index, "label"].values.astype(bool)
X = x.values.astype(float)
if os.environ.get("LOG1P"):
    X = np.log1p(np.maximum(X, 0))   # KDD's counts and byte sizes are heavy-tailed and never negative
low, high = X.min(0), X.max(0)
X = (X - low) / np.where(high > low, high - low, 1)
rng = np.random.RandomState(seed)
sample = rng.choice(len(X), min(fit_rows, len(X)), replace=False)
mixture = GaussianMixture(components, covariance_type="full", random_state=seed).fit(X[sample])
assignment = mixture.predict(X)
rows = []
for c in range(components):
    members = assignment == c
    if members.sum() < 2:
        continue
    M = X[members]
    covariance = np.cov(M.T) + 1e-6 * np.eye(X.shape[1])
    rows.append((c, members.sum(), y[members].sum(), M.var(0).mean(), np.linalg.slogdet(covariance)[1],
                 np.linalg.slogdet(mixture.covariances_[c])[1]))
table = pd.DataFrame(rows, columns=["cluster", "rows", "anomalies", "mean_variance", "logdet_members", "logdet_mixture"])
print(table.sort_values("mean_variance").to_string(index=False))
for rule in ["mean_variance", "logdet_members", "logdet_mixture"]:
    accepted = table[table[rule] < np.percentile(table[rule], 100 - 35)]
    print(f"{rule}: accepted {accepted.rows.sum()} rows, {accepted.anomalies.sum()} anomalies "
          f"({100 * accepted.anomalies.sum() / accepted.rows.sum():.2f}%) of {y.sum()}")
