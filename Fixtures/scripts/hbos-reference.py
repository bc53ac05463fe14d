#!/usr/bin/env python3
"""PyOD's HBOS scores on small matrices that hit its corner cases: values on interior bin edges
(integer features), a constant feature, test values slightly and far outside the training range.

Writes Fixtures/hbos/pyod-hbos.json, read by Tests/DetectorsTests/HBOSTests.swift (no Python needed).
    pip install pyod numpy
    python3 Fixtures/scripts/hbos-reference.py
"""
import json
import os

import numpy as np
import pyod
from pyod.models.hbos import HBOS

rng = np.random.default_rng(20261205)
n, m = 60, 25
train = np.column_stack([
    rng.normal(0, 1, n),                   # continuous
    rng.integers(0, 11, n).astype(float),   # integers 0..10: many values on interior edges
    np.full(n, 3.0),                        # constant
    rng.exponential(2.0, n),                # skewed
    (rng.random(n) < 0.2).astype(float),    # 0/1 indicator
])
test = np.column_stack([
    rng.normal(0, 1.5, m),
    rng.integers(-2, 14, m).astype(float),
    np.where(rng.random(m) < 0.5, 3.0, rng.normal(3, 1, m)),
    rng.exponential(3.0, m),
    (rng.random(m) < 0.5).astype(float),
])
# Slightly and far outside the training range on feature 0.
test[0, 0] = train[:, 0].min() - 0.01
test[1, 0] = train[:, 0].max() + 0.01
test[2, 0] = train[:, 0].max() + 100
cases = []
for bins, alpha, tol in [(10, 0.1, 0.5), (5, 0.5, 0.1), (20, 0.01, 0.9)]:
    model = HBOS(n_bins=bins, alpha=alpha, tol=tol).fit(train)
    cases.append({"bins": bins, "alpha": alpha, "tol": tol,
                  "train_scores": model.decision_scores_.tolist(),
                  "test_scores": model.decision_function(test).tolist()})
here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "hbos")
with open(os.path.join(here, "pyod-hbos.json"), "w") as f:
    json.dump({"generator": f"Fixtures/scripts/hbos-reference.py, pyod {pyod.__version__}, numpy {np.__version__}",
               "train": train.tolist(), "test": test.tolist(), "cases": cases}, f)
print("wrote", len(cases), "cases")
