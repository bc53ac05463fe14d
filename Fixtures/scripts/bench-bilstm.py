#!/usr/bin/env python3
"""PyTorch's time for the VRAE-sized BiLSTM training step, the counterpart of
Tests/TensorTests/Benchmarks/BiLSTMBenchmark.swift.

The step: x ~ N(0, 1) of shape [B, T, F] = [512, 140, 1], a bidirectional torch.nn.LSTM(1, 128,
batch_first=True), loss = sum of the outputs [512, 140, 256]; zero the gradients, forward,
backward, torch.optim.Adam step (lr 1e-3). Warm-up steps, then
the best and the median of N timed steps in ms (wall clock), and the best process CPU time
(all threads; on a machine shared with other work it shows what the step itself costs).

Run from the package root (CPU wheel), with the thread count of the Swift run:
    python3 Fixtures/scripts/bench-bilstm.py --threads 1
    python3 Fixtures/scripts/bench-bilstm.py --threads 2
Options: --batch, --steps (T), --hidden, --features, --warmup, --repeats.
"""
import argparse
import statistics
import time

import torch


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, default=torch.get_num_threads())
    parser.add_argument("--batch", type=int, default=512)
    parser.add_argument("--steps", type=int, default=140)
    parser.add_argument("--features", type=int, default=1)
    parser.add_argument("--hidden", type=int, default=128)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    lstm = torch.nn.LSTM(args.features, args.hidden, batch_first=True, bidirectional=True)
    x = torch.randn(args.batch, args.steps, args.features)
    opt = torch.optim.Adam(lstm.parameters(), lr=1e-3)

    def step():
        opt.zero_grad(set_to_none=True)
        out, _ = lstm(x)
        loss = out.sum()
        loss.backward()
        opt.step()
        return loss.item()

    for _ in range(args.warmup):
        step()
    times, cpu = [], []
    for _ in range(args.repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        loss = step()
        times.append((time.perf_counter() - start) * 1e3)
        cpu.append((time.process_time() - start_cpu) * 1e3)
    print(f"bench-bilstm.py: torch {torch.__version__}, {args.threads} threads, mkldnn "
          f"{torch.backends.mkldnn.is_available()}, B {args.batch} T {args.steps} F {args.features} "
          f"H {args.hidden}: best {min(times):.1f} ms, median {statistics.median(times):.1f} ms "
          f"per step over {args.repeats}; process CPU time best {min(cpu):.1f} ms (loss {loss:.4f})")


if __name__ == "__main__":
    main()
