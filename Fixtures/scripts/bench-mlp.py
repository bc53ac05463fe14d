#!/usr/bin/env python3
"""PyTorch's time for the step of Tests/TensorTests/Benchmarks/MLPAutoencoderBenchmark.swift:
a 121-64-32-64-121 ReLU autoencoder, MSE, Adam (lr 1e-3), forward + backward + step.

    python3 Fixtures/scripts/bench-mlp.py THREADS     # prints ms/iteration for batches 1024 and 50
"""
import sys
import time

import torch

torch.set_num_threads(int(sys.argv[1]) if len(sys.argv) > 1 else 1)
torch.manual_seed(0)
for batch, timed in [(1024, 200), (50, 2000)]:
    net = torch.nn.Sequential(torch.nn.Linear(121, 64), torch.nn.ReLU(), torch.nn.Linear(64, 32),
                              torch.nn.ReLU(), torch.nn.Linear(32, 64), torch.nn.ReLU(), torch.nn.Linear(64, 121))
    opt = torch.optim.Adam(net.parameters(), lr=1e-3)
    x = torch.randn(batch, 121)

    def it():
        opt.zero_grad()
        loss = torch.nn.functional.mse_loss(net(x), x)
        loss.backward()
        opt.step()

    for _ in range(20):
        it()
    t = time.perf_counter()
    for _ in range(timed):
        it()
    print(f"pytorch {torch.__version__}: {(time.perf_counter() - t) / timed * 1e3:.3f} ms/iteration "
          f"with {torch.get_num_threads()} threads (batch {batch})")
