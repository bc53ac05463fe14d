#!/usr/bin/env python3
"""Reference values for the Tensor module's LSTM, GRU and Bidirectional layers, from PyTorch.

Writes Fixtures/tensor/rnn-reference.json, read by Tests/TensorTests/Layers/RNNReference.swift
(the tests need no Python). Set-up (CPU wheel): pip install torch --index-url https://download.pytorch.org/whl/cpu
Run from the package root: python3 Fixtures/scripts/rnn-reference.py

Every case is one torch.nn.LSTM or torch.nn.GRU (one layer, batch_first=True, bidirectional or
not) with random float32 weights, input, initial state and, for some, sequence lengths (then
the input goes through pack_padded_sequence(enforce_sorted=False) and the output back through
pad_packed_sequence(total_length=T), so padded outputs are zeros). Recorded: PyTorch's
parameters under their own names and layouts (weight_ih_l0 [G*H, F], weight_hh_l0 [G*H, H],
bias_ih_l0, bias_hh_l0, and *_reverse for the backward direction; the Swift test transposes the
weights into its [in, out] layout), the output [B, T, D*H], the final states h_n (and c_n)
[D, B, H], and the gradients of

    L = sum(R_out * output) + sum(R_h * h_n) + sum(R_c * c_n)

for fixed random weights R with respect to the input, h_0, c_0 and every parameter.
"""
import json
import os
import platform

import torch
from torch.nn.utils.rnn import pack_padded_sequence, pad_packed_sequence

torch.manual_seed(20250613)
cases = []


def tensor_json(t):
    # 9 significant digits identify a float32 exactly
    return {"shape": list(t.shape), "data": [float(f"{v:.9g}") for v in t.detach().reshape(-1).tolist()]}


def record(name, kind, batch, steps, features, hidden, bidirectional, lengths=None, initial_state=True,
           bias=True, scale=1.0):
    directions = 2 if bidirectional else 1
    module = {"lstm": torch.nn.LSTM, "gru": torch.nn.GRU}[kind]
    rnn = module(features, hidden, batch_first=True, bidirectional=bidirectional, bias=bias)
    with torch.no_grad():   # wider than PyTorch's U(-1/sqrt(H), 1/sqrt(H)) so the gates saturate a little
        for p in rnn.parameters():
            p.uniform_(-scale, scale)
    x = torch.randn(batch, steps, features, requires_grad=True)
    h0 = (torch.randn(directions, batch, hidden) * 0.5).requires_grad_(True) if initial_state else None
    c0 = (torch.randn(directions, batch, hidden) * 0.5).requires_grad_(True) if initial_state and kind == "lstm" else None
    state = None if h0 is None else ((h0, c0) if kind == "lstm" else h0)
    if lengths is None:
        out, final = rnn(x, state)
    else:
        packed = pack_padded_sequence(x, torch.tensor(lengths), batch_first=True, enforce_sorted=False)
        out, final = rnn(packed, state)
        out, _ = pad_packed_sequence(out, batch_first=True, total_length=steps)
    hn, cn = final if kind == "lstm" else (final, None)
    r_out, r_h = torch.randn(out.shape), torch.randn(hn.shape)
    loss = (r_out * out).sum() + (r_h * hn).sum()
    r_c = None
    if cn is not None:
        r_c = torch.randn(cn.shape)
        loss = loss + (r_c * cn).sum()
    loss.backward()
    case = {
        "name": name, "kind": kind, "bidirectional": bidirectional,
        "batch": batch, "steps": steps, "inputSize": features, "hiddenSize": hidden, "bias": bias,
        "lengths": lengths,
        "input": tensor_json(x),
        "parameters": {n: tensor_json(p) for n, p in rnn.named_parameters()},
        "output": tensor_json(out), "hn": tensor_json(hn),
        "outputWeight": tensor_json(r_out), "hnWeight": tensor_json(r_h),
        "grads": {"input": tensor_json(x.grad), **{n: tensor_json(p.grad) for n, p in rnn.named_parameters()}},
    }
    if h0 is not None:
        case["h0"] = tensor_json(h0)
        case["grads"]["h0"] = tensor_json(h0.grad)
    if c0 is not None:
        case["c0"] = tensor_json(c0)
        case["grads"]["c0"] = tensor_json(c0.grad)
    if cn is not None:
        case["cn"] = tensor_json(cn)
        case["cnWeight"] = tensor_json(r_c)
    cases.append(case)


for kind in ["lstm", "gru"]:
    # H = 5 exercises the scalar tail of the vectorised gate code, H = 10 one full vector and a tail.
    record(f"{kind} plain", kind, 3, 5, 2, 5, False, initial_state=False)
    record(f"{kind} initial state", kind, 3, 5, 2, 5, False, scale=0.8)
    record(f"{kind} lengths", kind, 4, 6, 3, 5, False, lengths=[6, 3, 1, 4], scale=0.8)
    record(f"{kind} bidirectional", kind, 3, 5, 2, 10, True, initial_state=False)
    record(f"{kind} bidirectional lengths initial state", kind, 4, 6, 3, 10, True, lengths=[2, 6, 5, 1], scale=0.6)
    record(f"{kind} no bias", kind, 2, 4, 3, 8, False, bias=False)

document = {
    "meta": {
        "generator": "Fixtures/scripts/rnn-reference.py",
        "versions": {"python": platform.python_version(), "torch": torch.__version__},
        "gradient": "grads = d/d(input, h0, c0, parameters) of sum(outputWeight*output) + sum(hnWeight*hn) + sum(cnWeight*cn)",
    },
    "cases": cases,
}
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
path = os.path.join(root, "tensor", "rnn-reference.json")
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "w") as f:
    json.dump(document, f, indent=1)
    f.write("\n")
print(f"wrote {len(cases)} cases to {path}")
