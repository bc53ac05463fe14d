#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Randomness
import Tensor
import Testing

/// A measurement, not a test: skipped unless `TENSOR_BENCH=1`. Run it in release:
///
///     TENSOR_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter EmbeddingAttentionBenchmark
///
/// An AMAD-like training step at the paper's industrial scale: a vocabulary of 440,512 ids
/// (id 0 = padding), d = 32; a batch of 512 records × 8 attributes, each attribute a list of 1 to
/// 10 ids (uniform length, ids uniform over 1..<V: about 22,500 lookups and 22,000 distinct rows
/// a step, the sparse worst case), right-padded to 10 with 0. Step: `zeroGrad`, lookup
/// (`Embedding(paddingIndex: 0)`) → masked ``AttentionPooling`` (one, shared by the attributes)
/// over each attribute's ids → the 8 pooled vectors concatenated `[512, 256]` → `Linear(256, 64)`,
/// tanh, `Linear(64, 1)` → `mean(y²)`; backward; one Adam step (lazy on the sparse table). Eight
/// pre-drawn batches are cycled. Prints ms per step (best of the timed rounds, each the mean of
/// its steps; also the best CPU time of the process per step, all threads) and, for one round, the split between forward, backward and the optimizer step, for
/// the sparse gradient and for the dense one, with 1 and 2 BLAS threads (or only
/// `TENSOR_BENCH_THREADS`; `TENSOR_BENCH_ROUNDS` timed rounds, default 5; `TENSOR_BENCH_GRADIENTS`
/// `sparse`, `dense` or both, the default). The PyTorch counterpart is `Fixtures/scripts/bench-embedding.py`.
@Suite struct EmbeddingAttentionBenchmark {
    static let enabled = getenv("TENSOR_BENCH").map { String(cString: $0) } == "1"
    static let vocabulary = 440_512, dimension = 32, records = 512, attributes = 8, length = 10

    final class Model: Module {
        let embedding: Embedding
        let pooling: AttentionPooling
        let hidden: Linear
        let output: Linear
        var isTraining = true

        init(sparse: Bool) {
            var g = Xoshiro256StarStar(seed: 0)
            embedding = Embedding(EmbeddingAttentionBenchmark.vocabulary, EmbeddingAttentionBenchmark.dimension,
                                  paddingIndex: 0, sparse: sparse, generator: &g)
            pooling = AttentionPooling(EmbeddingAttentionBenchmark.dimension, generator: &g)
            hidden = Linear(EmbeddingAttentionBenchmark.attributes * EmbeddingAttentionBenchmark.dimension, 64, generator: &g)
            output = Linear(64, 1, generator: &g)
        }

        var children: [(name: String, module: any Module)] {
            [("embedding", embedding), ("pooling", pooling), ("hidden", hidden), ("output", output)]
        }

        /// `ids`: `[records · attributes · length]`, attribute lists right-padded with 0.
        func loss(_ ids: [Int], valid: [Bool]) -> Tensor {
            let (b, f, l, d) = (EmbeddingAttentionBenchmark.records, EmbeddingAttentionBenchmark.attributes,
                                EmbeddingAttentionBenchmark.length, EmbeddingAttentionBenchmark.dimension)
            let vectors = embedding(ids).reshaped([b * f, l, d])
            let pooled = pooling(vectors, valid: valid).reshaped([b, f * d])
            let y = output(hidden(pooled).tanh())
            return (y * y).mean()
        }
    }

    /// Eight batches of padded id lists and their validity flags.
    static func batches() -> [(ids: [Int], valid: [Bool])] {
        var g = Xoshiro256StarStar(seed: 42)
        return (0..<8).map { _ in
            var ids: [Int] = [], valid: [Bool] = []
            for _ in 0..<(records * attributes) {
                let n = g.uniformInt(in: 1...length)
                for k in 0..<length {
                    ids.append(k < n ? g.uniformInt(in: 1...(vocabulary - 1)) : 0)
                    valid.append(k < n)
                }
            }
            return (ids, valid)
        }
    }

    @Test(.enabled(if: EmbeddingAttentionBenchmark.enabled))
    func amadLikeTrainingStep() {
        let defaultThreads = BLAS.threadCount
        let threadCounts = getenv("TENSOR_BENCH_THREADS").flatMap { Int(String(cString: $0)) }.map { [$0] } ?? [1, 2]
        let rounds = getenv("TENSOR_BENCH_ROUNDS").flatMap { Int(String(cString: $0)) } ?? 5
        let gradients = getenv("TENSOR_BENCH_GRADIENTS").map { String(cString: $0) } ?? "sparse,dense"
        print("EmbeddingAttentionBenchmark: OpenBLAS core \(BLAS.coreName), default \(defaultThreads) threads")
        let data = Self.batches()
        for threads in threadCounts {
            BLAS.threadCount = threads
            for sparse in [true, false] where gradients.contains(sparse ? "sparse" : "dense") {
                run(sparse: sparse, data: data, rounds: rounds, label: "\(threads) thread\(threads == 1 ? "" : "s")")
            }
        }
        BLAS.threadCount = defaultThreads
    }

    func run(sparse: Bool, data: [(ids: [Int], valid: [Bool])], rounds: Int, label: String) {
        let model = Model(sparse: sparse)
        let adam = Adam(model.parameters, learningRate: 1e-3)
        let clock = ContinuousClock()
        func ms(_ d: Duration) -> Double {
            Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15
        }
        var step = 0, last: Float = 0
        var phases = [Double](repeating: 0, count: 3)
        func iteration(timed: Bool) {
            let batch = data[step % data.count]
            step += 1
            let t0 = clock.now
            adam.zeroGrad()
            let loss = model.loss(batch.ids, valid: batch.valid)
            let t1 = clock.now
            loss.backward()
            let t2 = clock.now
            adam.step()
            let t3 = clock.now
            last = loss.item
            if timed {
                phases[0] += ms(t1 - t0); phases[1] += ms(t2 - t1); phases[2] += ms(t3 - t2)
            }
        }
        for _ in 0..<5 { iteration(timed: false) }
        let perRound = sparse ? 20 : 8
        var best = Double.infinity, bestCPU = Double.infinity, means: [Double] = []
        for _ in 0..<rounds {
            phases = [0, 0, 0]
            let cpu = Self.processCPUTime()
            let elapsed = clock.measure { for _ in 0..<perRound { iteration(timed: true) } }
            bestCPU = Swift.min(bestCPU, (Self.processCPUTime() - cpu) / Double(perRound))
            let mean = ms(elapsed) / Double(perRound)
            means.append(mean)
            best = Swift.min(best, mean)
        }
        let split = phases.map { String(format: "%.2f", $0 / Double(perRound)) }
        print("EmbeddingAttentionBenchmark: \(sparse ? "sparse" : "dense ") \(label): best \(String(format: "%.2f", best)) ms/step "
              + "(CPU \(String(format: "%.2f", bestCPU)) ms/step), rounds \(means.map { String(format: "%.1f", $0) }.joined(separator: " ")), "
              + "last round forward/backward/step \(split.joined(separator: "/")) ms (loss \(last))")
        #expect(last.isFinite)
    }

    /// CPU time of the process (all threads) in ms: on a shared machine a steadier measure than
    /// the wall clock for one thread (waiting for a core is not counted).
    static func processCPUTime() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
        return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) * 1e-6
    }
}
