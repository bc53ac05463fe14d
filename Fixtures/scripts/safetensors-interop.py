#!/usr/bin/env python3
"""The safetensors files of Fixtures/tensor/, written by the reference implementation, and a check
that a file written by the toolkit opens in Python (issue 13: checkpoints Python users can read).

    pip install safetensors numpy
    python3 Fixtures/scripts/safetensors-interop.py                 # writes Fixtures/tensor/python.safetensors
    python3 Fixtures/scripts/safetensors-interop.py model.safetensors   # prints a toolkit checkpoint's tensors

A checkpoint written by the Swift side: SAFETENSORS_INTEROP_OUT=/tmp/t.safetensors swift test --filter CheckpointTests

Tests/TensorTests/Serialization/SafeTensorsTests.swift reads python.safetensors and compares with
the values below.
"""
import os
import sys

import numpy as np
from safetensors.numpy import load_file, save_file

if len(sys.argv) > 1:
    from safetensors import safe_open
    with safe_open(sys.argv[1], framework="np") as f:
        print("metadata:", f.metadata())
        for name in f.keys():
            t = f.get_tensor(name)
            print(f"{name}: {t.dtype} {list(t.shape)} {t.ravel()[:6].tolist()}")
    sys.exit(0)

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tensor")
tensors = {
    "encoder.0.weight": np.arange(6, dtype=np.float32).reshape(2, 3) / 4,
    "encoder.0.bias": np.array([-1.5, 2.25, 1e-3], dtype=np.float32),
    "norm.running_var": np.array([1.0, 0.5], dtype=np.float64),
    "steps": np.array(7, dtype=np.int64),
    "empty": np.zeros((0, 4), dtype=np.float32),
}
save_file(tensors, os.path.join(here, "python.safetensors"), metadata={"format": "np", "note": "made by safetensors-interop.py"})
print("wrote", os.path.join(here, "python.safetensors"))
