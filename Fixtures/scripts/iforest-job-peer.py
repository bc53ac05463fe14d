#!/usr/bin/env python3
"""The peer of `toolkit detect iforest --dataset DIR --seed S --out OUT` as one Python process:
pandas reads the dataset's train.csv and test.csv, scikit-learn's IsolationForest (100 trees,
256 samples, n_jobs=2 as the toolkit scores on two threads) fits on the training features and
scores the test rows, and the scores are written as `id,score` (higher = more anomalous).

    python3 Fixtures/scripts/iforest-job-peer.py DIR SEED OUT

Used by Fixtures/scripts/detect-job-bench.sh (the README's "Reading datasets" figures).
"""
import sys

import pandas as pd
from sklearn.ensemble import IsolationForest

folder, seed, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
train = pd.read_csv(folder + "/train.csv")
test = pd.read_csv(folder + "/test.csv")
model = IsolationForest(n_estimators=100, max_samples=256, n_jobs=2, random_state=seed)
model.fit(train.drop(columns="id").to_numpy())
scores = -model.score_samples(test.drop(columns="id").to_numpy())
pd.DataFrame({"id": test["id"], "score": scores}).to_csv(out, index=False)
