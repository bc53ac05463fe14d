#!/usr/bin/env python3
"""Reference trajectories of an embedding table with a sparse gradient, from PyTorch.

Writes Fixtures/tensor/sparse-embedding-reference.json, read by
Tests/TensorTests/Layers/EmbeddingReferenceTests.swift (which need no Python).
Set-up (CPU wheel): pip install torch --index-url https://download.pytorch.org/whl/cpu
Run from the package root: python3 Fixtures/scripts/sparse-embedding-reference.py

A table nn.Embedding(12, 4, padding_idx=0) starts from a recorded float32 table. Each step looks up
a [3, 5] batch of id lists (right-padded with 0, repeated ids, rows that some steps leave untouched),
takes L = sum(R * E) + 0.5 * sum(E * E) for a recorded weight R of the lookup's shape, runs backward
and one optimizer step. Recorded per step: the loss, the coalesced gradient (rows and values) and
the table after the step, for
  - nn.Embedding(sparse=True)  + torch.optim.SparseAdam (two hyper-parameter sets),
  - nn.Embedding(sparse=False) + torch.optim.Adam (the dense reference, same data).
Plus one accumulation case: two backward passes (two batches) before reading the gradient.
"""
import json
import os
import platform

import torch

torch.manual_seed(20250117)
V, D, PAD = 12, 4, 0

initial = torch.randn(V, D)
initial[PAD] = 0
# Rows 9-11 appear only in later steps; row 8 only in the first: the lazy update leaves them alone.
batches = [
    [[1, 2, 2, 0, 0], [3, 8, 0, 0, 0], [2, 4, 5, 1, 0]],
    [[1, 1, 1, 1, 1], [6, 7, 0, 0, 0], [0, 0, 0, 0, 0]],
    [[9, 10, 11, 0, 0], [2, 9, 9, 0, 0], [5, 0, 0, 0, 0]],
    [[3, 4, 6, 11, 0], [1, 0, 0, 0, 0], [10, 2, 0, 0, 0]],
]
weights = [torch.randn(3, 5, D) for _ in batches]


def values(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def loss_of(embedding, ids, r):
    e = embedding(torch.tensor(ids))
    return (r * e).sum() + 0.5 * (e * e).sum()


def trajectory(name, sparse, make_optimizer, hyper):
    embedding = torch.nn.Embedding(V, D, padding_idx=PAD, sparse=sparse)
    with torch.no_grad():
        embedding.weight.copy_(initial)
    optimizer = make_optimizer(embedding.parameters())
    steps = []
    for ids, r in zip(batches, weights):
        optimizer.zero_grad()
        loss = loss_of(embedding, ids, r)
        loss.backward()
        grad = embedding.weight.grad
        if grad.is_sparse:
            grad = grad.coalesce()
            rows = [int(i) for i in grad.indices()[0].tolist()]
            grad_values = values(grad.values())
        else:
            rows = [i for i in range(V) if bool((grad[i] != 0).any())]
            grad_values = values(grad[rows])
        optimizer.step()
        steps.append({"loss": float(loss.detach()), "gradRows": rows, "gradValues": grad_values,
                      "table": values(embedding.weight)})
    return {"name": name, "sparse": sparse, **hyper, "steps": steps}


cases = [
    trajectory("SparseAdam lr 0.1", True, lambda p: torch.optim.SparseAdam(p, lr=0.1),
               {"optimizer": "sparseAdam", "learningRate": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}),
    trajectory("SparseAdam lr 0.01 betas (0.5, 0.9) eps 1e-3", True,
               lambda p: torch.optim.SparseAdam(p, lr=0.01, betas=(0.5, 0.9), eps=1e-3),
               {"optimizer": "sparseAdam", "learningRate": 0.01, "beta1": 0.5, "beta2": 0.9, "epsilon": 1e-3}),
    trajectory("dense Adam lr 0.1", False, lambda p: torch.optim.Adam(p, lr=0.1),
               {"optimizer": "adam", "learningRate": 0.1, "beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}),
]

# Accumulation: two backward passes (batches 0 and 2) into one sparse gradient.
embedding = torch.nn.Embedding(V, D, padding_idx=PAD, sparse=True)
with torch.no_grad():
    embedding.weight.copy_(initial)
loss_of(embedding, batches[0], weights[0]).backward()
loss_of(embedding, batches[2], weights[2]).backward()
accumulated = embedding.weight.grad.coalesce()

document = {
    "generator": f"Fixtures/scripts/sparse-embedding-reference.py, torch {torch.__version__}, "
                 f"Python {platform.python_version()}",
    "vocabulary": V, "dimension": D, "paddingIndex": PAD,
    "initialTable": values(initial),
    "batches": [{"ids": [i for row in ids for i in row], "shape": [3, 5], "weights": values(r)}
                for ids, r in zip(batches, weights)],
    "cases": cases,
    "accumulation": {"batches": [0, 2], "rows": [int(i) for i in accumulated.indices()[0].tolist()],
                     "values": values(accumulated.values())},
}
root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
out = os.path.join(root, "Fixtures", "tensor", "sparse-embedding-reference.json")
with open(out, "w") as f:
    json.dump(document, f, indent=1)
    f.write("\n")
print("wrote", out)
