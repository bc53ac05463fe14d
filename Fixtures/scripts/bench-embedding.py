#!/usr/bin/env python3
"""PyTorch counterpart of Tests/TensorTests/Benchmarks/EmbeddingAttentionBenchmark.swift.

The same AMAD-like training step: vocabulary 440,512 (id 0 = padding), d = 32, 512 records x 8
attributes x 1-10 ids (uniform length, ids uniform over 1..V-1) right-padded to 10; zero_grad,
nn.Embedding(padding_idx=0) -> masked additive attention pooling per attribute (one pooling shared
by the attributes, as AttentionPooling: u = tanh(W x + b), s = u q, softmax over the valid ids) ->
[512, 256] -> Linear(256, 64), tanh, Linear(64, 1) -> mean(y^2); backward; optimizer step. Eight
pre-drawn batches are cycled.

Variants: sparse (nn.Embedding(sparse=True) + torch.optim.SparseAdam for the table, Adam for the
rest) and dense (sparse=False, one Adam). Prints ms per step, best of the timed rounds (each the
mean of its steps), the best CPU time of the process per step (all threads), and the
forward/backward/step split of the last round.

    python3 Fixtures/scripts/bench-embedding.py [--threads 1 2] [--rounds 5]
"""
import argparse
import time

import torch

V, D, B, F, L = 440_512, 32, 512, 8, 10


class Pooling(torch.nn.Module):
    def __init__(self, d):
        super().__init__()
        self.projection = torch.nn.Linear(d, d)
        self.query = torch.nn.Parameter(torch.randn(d, 1) * 0.3)

    def forward(self, x, mask):  # x [N, L, d], mask [N, L] additive (0 or -1e9)
        n, l, d = x.shape
        scores = torch.tanh(self.projection(x.reshape(n * l, d))).matmul(self.query).reshape(n, l)
        alpha = torch.softmax(scores + mask, dim=1)
        return torch.bmm(alpha.reshape(n, 1, l), x).reshape(n, d)


class Model(torch.nn.Module):
    def __init__(self, sparse):
        super().__init__()
        self.embedding = torch.nn.Embedding(V, D, padding_idx=0, sparse=sparse)
        self.pooling = Pooling(D)
        self.hidden = torch.nn.Linear(F * D, 64)
        self.output = torch.nn.Linear(64, 1)

    def forward(self, ids, mask):
        vectors = self.embedding(ids).reshape(B * F, L, D)
        pooled = self.pooling(vectors, mask).reshape(B, F * D)
        y = self.output(torch.tanh(self.hidden(pooled)))
        return (y * y).mean()


def batches():
    g = torch.Generator().manual_seed(42)
    out = []
    for _ in range(8):
        lengths = torch.randint(1, L + 1, (B * F, 1), generator=g)
        ids = torch.randint(1, V, (B * F, L), generator=g)
        valid = torch.arange(L).reshape(1, L) < lengths
        ids = torch.where(valid, ids, torch.zeros_like(ids)).reshape(-1)
        mask = torch.where(valid, 0.0, -1e9)
        out.append((ids, mask))
    return out


def run(sparse, data, rounds, label):
    torch.manual_seed(0)
    model = Model(sparse)
    if sparse:
        dense_params = [p for n, p in model.named_parameters() if n != "embedding.weight"]
        optimizers = [torch.optim.SparseAdam([model.embedding.weight], lr=1e-3), torch.optim.Adam(dense_params, lr=1e-3)]
    else:
        optimizers = [torch.optim.Adam(model.parameters(), lr=1e-3)]
    step = 0
    phases = [0.0, 0.0, 0.0]

    def iteration(timed):
        nonlocal step
        ids, mask = data[step % len(data)]
        step += 1
        t0 = time.perf_counter()
        for o in optimizers:
            o.zero_grad()
        loss = model(ids, mask)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        for o in optimizers:
            o.step()
        t3 = time.perf_counter()
        if timed:
            phases[0] += t1 - t0
            phases[1] += t2 - t1
            phases[2] += t3 - t2
        return loss.item()

    for _ in range(5):
        iteration(False)
    per_round = 20 if sparse else 8
    means, cpus = [], []
    for _ in range(rounds):
        phases[:] = [0.0, 0.0, 0.0]
        cpu = time.process_time()
        t = time.perf_counter()
        for _ in range(per_round):
            last = iteration(True)
        means.append((time.perf_counter() - t) / per_round * 1e3)
        cpus.append((time.process_time() - cpu) / per_round * 1e3)
    split = "/".join(f"{p / per_round * 1e3:.2f}" for p in phases)
    print(f"bench-embedding.py: {'sparse' if sparse else 'dense '} {label}: best {min(means):.2f} ms/step "
          f"(CPU {min(cpus):.2f} ms/step), rounds {' '.join(f'{m:.1f}' for m in means)}, "
          f"last round forward/backward/step {split} ms (loss {last})", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    print(f"bench-embedding.py: torch {torch.__version__}, {torch.get_num_threads()} threads by default")
    data = batches()
    for threads in args.threads:
        torch.set_num_threads(threads)
        for sparse in (True, False):
            run(sparse, data, args.rounds, f"{threads} thread{'s' if threads > 1 else ''}")


if __name__ == "__main__":
    main()
