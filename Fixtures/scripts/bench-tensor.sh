#!/usr/bin/env bash
# The Tensor benchmarks of issue 13, each back to back with its PyTorch counterpart:
#   MLP autoencoder step (batch 1024 and 50), the VRAE-sized BiLSTM step (B 512, T 140, H 128
#   per direction, + Adam), and a 440,512 x 32 sparse embedding + attention pooling step (+ lazy
#   Adam / SparseAdam), at 1 and 2 threads.
#
#   Fixtures/scripts/bench-tensor.sh [ROUNDS]      (default 3; report the best of the rounds)
#
# Needs python3 with torch (CPU wheel: pip install torch --index-url
# https://download.pytorch.org/whl/cpu). OPENBLAS_CORETYPE is passed through: set it on CPUs
# Debian's OpenBLAS does not recognise (see the README's Performance section).
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
swift build -c release -Xswiftc -enable-testing --build-tests >/dev/null
run() { TENSOR_BENCH=1 swift test -c release -Xswiftc -enable-testing --skip-build --filter "$1" 2>&1 | grep -E "^[A-Za-z].*(ms|threads)" || true; }
for round in $(seq "$rounds"); do
    echo "== round $round"
    OPENBLAS_NUM_THREADS=2 run MLPAutoencoderBenchmark          # 2 BLAS threads, then 1, in one process
    python3 Fixtures/scripts/bench-mlp.py 1
    python3 Fixtures/scripts/bench-mlp.py 2
    for t in 1 2; do
        OPENBLAS_NUM_THREADS=$t run BiLSTMBenchmark
        python3 Fixtures/scripts/bench-bilstm.py --threads $t
    done
    OPENBLAS_NUM_THREADS=2 run EmbeddingAttentionBenchmark      # 1 then 2 threads, sparse and dense
    python3 Fixtures/scripts/bench-embedding.py --threads 1 2
done
