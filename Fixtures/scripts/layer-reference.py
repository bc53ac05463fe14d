#!/usr/bin/env python3
"""Reference forward outputs and gradients of the Tensor module's layers, from PyTorch.

Writes Fixtures/tensor/layer-reference.json, read by Tests/TensorTests/Layers/LayerReferenceTests.swift
(the tests need no Python). Run from the package root: python3 Fixtures/scripts/layer-reference.py
(PyTorch CPU: pip install torch --index-url https://download.pytorch.org/whl/cpu).

Each case gives the layer's parameters in the toolkit's layout (Linear weights are [in, out], the
transpose of PyTorch's [out, in]), the input, PyTorch's output, a fixed weight R of the output's
shape, and PyTorch's gradients of L = sum(R * output) with respect to the input and to every
parameter (and, for batch norm in training mode, the running statistics after the step).
"""
import json
import os
import platform

import torch
import torch.nn.functional as F

torch.manual_seed(20261205)
cases = []


def js(t):
    return {"shape": list(t.shape), "data": [float(v) for v in t.detach().reshape(-1).tolist()]}


def finish(name, layer, x, y, params, extra=None):
    """params: {toolkit name: (torch tensor with grad, to_toolkit layout function)}"""
    r = torch.randn(y.shape)
    (y * r).sum().backward()
    case = {"name": name, "layer": layer, "input": js(x), "output": js(y), "outputWeight": js(r),
            "inputGrad": js(x.grad) if x.grad is not None else None,
            "parameters": {k: js(to(t)) for k, (t, to) in params.items()},
            "parameterGrads": {k: js(to(t.grad)) for k, (t, to) in params.items()}}
    if extra:
        case.update(extra)
    cases.append(case)


same = lambda t: t
transpose = lambda t: t.t()

# Linear: y = x W^T + b in PyTorch = x W + b with the toolkit's W = W^T.
lin = torch.nn.Linear(4, 3)
x = torch.randn(5, 4, requires_grad=True)
finish("linear", "linear", x, lin(x), {"weight": (lin.weight, transpose), "bias": (lin.bias, same)})

# BatchNorm1d, training mode (batch statistics, running statistics updated), then evaluation mode.
bn = torch.nn.BatchNorm1d(3)
with torch.no_grad():
    bn.weight.copy_(torch.tensor([1.5, -0.5, 2.0]))
    bn.bias.copy_(torch.tensor([0.1, 0.2, -0.3]))
x = (torch.randn(6, 3) * torch.tensor([1.0, 3.0, 0.2]) + torch.tensor([0.0, -2.0, 5.0])).requires_grad_(True)
bn.train()
y = bn(x)
finish("batchnorm train", "batchnorm", x, y, {"weight": (bn.weight, same), "bias": (bn.bias, same)},
       {"training": True, "runningMeanAfter": js(bn.running_mean), "runningVarAfter": js(bn.running_var),
        "runningMeanBefore": js(torch.zeros(3)), "runningVarBefore": js(torch.ones(3))})
bn2 = torch.nn.BatchNorm1d(3)
with torch.no_grad():
    bn2.weight.copy_(torch.tensor([1.5, -0.5, 2.0]))
    bn2.bias.copy_(torch.tensor([0.1, 0.2, -0.3]))
    bn2.running_mean.copy_(torch.tensor([0.5, -1.0, 4.0]))
    bn2.running_var.copy_(torch.tensor([2.0, 9.0, 0.04]))
bn2.eval()
x = torch.randn(4, 3, requires_grad=True)
finish("batchnorm eval", "batchnorm", x, bn2(x), {"weight": (bn2.weight, same), "bias": (bn2.bias, same)},
       {"training": False, "runningMeanBefore": js(bn2.running_mean), "runningVarBefore": js(bn2.running_var)})

# Attention pooling (Yang et al. 2016) written with PyTorch ops: u = tanh(x W + b), s = u q,
# masked softmax over valid positions (padding scores -1e9), y = sum alpha x; empty rows pool to 0.
d, a = 4, 3
W = (torch.randn(d, a) * 0.5).requires_grad_(True)
b = (torch.randn(a) * 0.1).requires_grad_(True)
q = (torch.randn(a, 1) * 0.5).requires_grad_(True)
x = torch.randn(3, 5, d, requires_grad=True)
valid = torch.tensor([[1, 1, 1, 0, 0], [1, 0, 0, 0, 0], [1, 1, 1, 1, 1]], dtype=torch.bool)
scores = (torch.tanh(x @ W + b) @ q).squeeze(-1) + torch.where(valid, 0.0, -1e9)
alpha = torch.softmax(scores, dim=1)
y = (alpha.unsqueeze(1) @ x).squeeze(1)
finish("attention pooling", "attention", x, y,
       {"projection.weight": (W, same), "projection.bias": (b, same), "query": (q, same)},
       {"valid": [bool(v) for v in valid.reshape(-1).tolist()]})

# Embedding lookup with repeated ids: the gradient scatter-adds into the rows used.
emb = torch.nn.Embedding(6, 3)
ids = torch.tensor([4, 1, 4, 0, 5])
dummy = torch.zeros(1, requires_grad=True)   # the lookup has no float input
y = emb(ids) + dummy
finish("embedding", "embedding", dummy, y, {"weight": (emb.weight, same)}, {"ids": ids.tolist()})

# Spectral norm in evaluation mode (stored u, v; no power iteration): sigma = u^T W_pt v in
# PyTorch's layout = v_toolkit^T W^T u_toolkit, so the toolkit's u (R^in) is PyTorch's v and its
# v (R^out) is PyTorch's u. The gradient flows through sigma with u, v fixed.
sn = torch.nn.utils.spectral_norm(torch.nn.Linear(4, 3), n_power_iterations=3)
sn.train()
sn(torch.zeros(1, 4))        # settle u, v by power iteration
sn.eval()
x = torch.randn(2, 4, requires_grad=True)
y = sn(x)
finish("spectral norm eval", "spectralnorm", x, y,
       {"linear.weight": (sn.weight_orig, transpose), "linear.bias": (sn.bias, same)},
       {"u": js(sn.weight_v), "v": js(sn.weight_u)})

here = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tensor")
with open(os.path.join(here, "layer-reference.json"), "w") as f:
    json.dump({"generator": f"Fixtures/scripts/layer-reference.py, torch {torch.__version__}, python {platform.python_version()}",
               "cases": cases}, f, indent=None, separators=(",", ":"))
print("wrote", len(cases), "cases")
