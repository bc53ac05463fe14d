#!/usr/bin/env python3
"""Writes Fixtures/tables/adbench-sample.npz: a tiny file in ADBench's format (arrays X: 20 x 3
float64 and y: 20 int64 with 4 anomalies), compressed like ADBench's own files, for the adbench
generator's tests.  python Fixtures/scripts/adbench-sample.py  (needs numpy)"""
import os
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
X = np.arange(60, dtype=np.float64).reshape(20, 3) / 4
y = np.zeros(20, dtype=np.int64)
y[[3, 7, 11, 19]] = 1
np.savez_compressed(os.path.join(here, "..", "tables", "adbench-sample.npz"), X=X, y=y)
