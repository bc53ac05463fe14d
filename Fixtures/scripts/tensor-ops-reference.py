#!/usr/bin/env python3
"""Reference values for the Tensor module's log-softmax, cross-entropy and NLL loss, from PyTorch.

Writes Fixtures/tensor/tensor-ops-reference.json, read by Tests/TensorTests (which need no Python).
Set-up (CPU wheel): pip install torch --index-url https://download.pytorch.org/whl/cpu
Run from the package root: python3 Fixtures/scripts/tensor-ops-reference.py

Every case holds float32 inputs, PyTorch's float32 output, and the gradient of
L = sum(R * output) with respect to the input for a fixed weight R of the output's shape
(R = 1 for a scalar output), so the tests check the backward pass against PyTorch as well.
"""
import json
import os
import platform

import torch
import torch.nn.functional as F

torch.manual_seed(20250113)
cases = []


def tensor_json(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def record(name, op, x, fn, **extra):
    x = x.clone().float().requires_grad_(True)
    y = fn(x)
    r = torch.randn(y.shape) if y.dim() > 0 else torch.tensor(1.0)
    (y * r).sum().backward()
    case = {"name": name, "op": op, "input": tensor_json(x), "output": tensor_json(y),
            "outputWeight": tensor_json(r), "grad": tensor_json(x.grad)}
    case.update(extra)
    cases.append(case)


# log-softmax: ordinary, large-magnitude (a naive softmax().log() fails), inner and outer axes.
record("logSoftmax rows", "logSoftmax", torch.randn(3, 5), lambda x: F.log_softmax(x, dim=1), axis=1)
record("logSoftmax large logits", "logSoftmax",
       torch.tensor([[1000.0, 1001.0, 1002.0], [-1000.0, 0.0, 1000.0], [0.0, -200.0, -400.0]]),
       lambda x: F.log_softmax(x, dim=-1), axis=-1)
record("logSoftmax rank 3 axis 1", "logSoftmax", torch.randn(2, 3, 4) * 3, lambda x: F.log_softmax(x, dim=1), axis=1)
record("logSoftmax rank 4 axis 0", "logSoftmax", torch.randn(3, 2, 2, 3), lambda x: F.log_softmax(x, dim=0), axis=0)

# cross-entropy: plain, class weights, ignore_index (default -100 and a custom one),
# the three reductions, the K-dimensional form [N, C, d] and a single [C] sample.
logits = torch.randn(6, 4) * 2
targets = [0, 3, -100, 2, 1, 3]
weights = [0.5, 1.0, 2.0, 0.25]
plain = [0, 3, 1, 2, 1, 3]
for reduction in ["mean", "sum", "none"]:
    record(f"crossEntropy {reduction}", "crossEntropy", logits,
           lambda x, red=reduction: F.cross_entropy(x, torch.tensor(plain), reduction=red),
           targets=plain, reduction=reduction, ignoreIndex=-100)
    record(f"crossEntropy weights ignore {reduction}", "crossEntropy", logits,
           lambda x, red=reduction: F.cross_entropy(x, torch.tensor(targets), weight=torch.tensor(weights),
                                                    ignore_index=-100, reduction=red),
           targets=targets, weights=weights, reduction=reduction, ignoreIndex=-100)
record("crossEntropy custom ignoreIndex", "crossEntropy", logits,
       lambda x: F.cross_entropy(x, torch.tensor(plain), ignore_index=3),
       targets=plain, reduction="mean", ignoreIndex=3)
kdim_targets = [[0, 2, 1, 1], [2, -100, 0, 2]]
record("crossEntropy [N, C, d] weights ignore", "crossEntropy", torch.randn(2, 3, 4),
       lambda x: F.cross_entropy(x, torch.tensor(kdim_targets), weight=torch.tensor([1.0, 0.5, 3.0])),
       targets=sum(kdim_targets, []), weights=[1.0, 0.5, 3.0], reduction="mean", ignoreIndex=-100)
record("crossEntropy [N, C, d] none", "crossEntropy", torch.randn(2, 3, 4),
       lambda x: F.cross_entropy(x, torch.tensor(kdim_targets), reduction="none"),
       targets=sum(kdim_targets, []), reduction="none", ignoreIndex=-100)
record("crossEntropy single [C]", "crossEntropy", torch.randn(5),
       lambda x: F.cross_entropy(x, torch.tensor(3)), targets=[3], reduction="mean", ignoreIndex=-100)

# NLL loss on log-probabilities (the input itself is the log-softmax output of random logits).
logp = F.log_softmax(torch.randn(5, 3), dim=1).detach()
nll_targets = [2, 0, -100, 1, 2]
record("nllLoss weights ignore mean", "nllLoss", logp,
       lambda x: F.nll_loss(x, torch.tensor(nll_targets), weight=torch.tensor([2.0, 1.0, 0.5])),
       targets=nll_targets, weights=[2.0, 1.0, 0.5], reduction="mean", ignoreIndex=-100)
record("nllLoss sum", "nllLoss", logp,
       lambda x: F.nll_loss(x, torch.tensor(nll_targets), reduction="sum"),
       targets=nll_targets, reduction="sum", ignoreIndex=-100)

document = {
    "meta": {
        "generator": "Fixtures/scripts/tensor-ops-reference.py",
        "versions": {"python": platform.python_version(), "torch": torch.__version__},
        "gradient": "grad = d/d input of sum(outputWeight * output)",
    },
    "cases": cases,
}
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
path = os.path.join(root, "tensor", "tensor-ops-reference.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump(document, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {path}")
