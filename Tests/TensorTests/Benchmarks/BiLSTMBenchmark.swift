#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Randomness
import Tensor
import Testing

/// A measurement, not a test: skipped unless `TENSOR_BENCH=1`. The VRAE-sized BiLSTM training
/// step: `Bidirectional.lstm(1, 128)` over `x ~ N(0, 1)` `[512, 140, 1]`, loss = sum of the
/// outputs `[512, 140, 256]`, zero the gradients, forward, backward, Adam step (lr 1e-3). Two
/// warm-up steps, then `TENSOR_BENCH_REPEATS` (default 5) timed ones; prints the best and the
/// median ms per step, the forward/backward/step split of the best and the best CPU time of the
/// process per step (all threads; on a shared machine it shows what the step itself costs). Run
/// in release, with the BLAS thread count and kernels chosen by the environment:
///
///     OPENBLAS_NUM_THREADS=1 OPENBLAS_CORETYPE=SkylakeX TENSOR_BENCH=1 \
///         swift test -c release -Xswiftc -enable-testing --filter BiLSTMBenchmark
///
/// PyTorch's time for the same step: `python3 Fixtures/scripts/bench-bilstm.py --threads 1`.
@Suite struct BiLSTMBenchmark {
    static let enabled = getenv("TENSOR_BENCH").map { String(cString: $0) } == "1"

    @Test(.enabled(if: BiLSTMBenchmark.enabled))
    func vraeTrainingStep() {
        let repeats = getenv("TENSOR_BENCH_REPEATS").flatMap { Int(String(cString: $0)) } ?? 5
        let (batch, steps, features, hidden) = (512, 140, 1, 128)
        var g = Xoshiro256StarStar(seed: 0)
        let encoder = Bidirectional.lstm(features, hidden, generator: &g)
        let x = Tensor.randn([batch, steps, features], generator: &g)
        let adam = Adam(encoder.parameters, learningRate: 1e-3)
        let clock = ContinuousClock()
        func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) * 1e-15 }
        func cpuTime() -> Double {
            var t = timespec()
            clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
            return Double(t.tv_sec) * 1e3 + Double(t.tv_nsec) * 1e-6
        }
        func step() -> (total: Double, forward: Double, backward: Double, cpu: Double, loss: Float) {
            let startCPU = cpuTime()
            let start = clock.now
            adam.zeroGrad()
            let loss = encoder(x).output.sum()
            let middle = clock.now
            loss.backward()
            let backwardEnd = clock.now
            adam.step()
            let end = clock.now
            return (ms(end - start), ms(middle - start), ms(backwardEnd - middle), cpuTime() - startCPU, loss.item)
        }
        for _ in 0..<2 { _ = step() }
        let runs = (0..<repeats).map { _ in step() }
        let best = runs.min { $0.total < $1.total }!
        let median = runs.map(\.total).sorted()[runs.count / 2]
        func f(_ v: Double) -> String { String((v * 10).rounded() / 10) }
        print("BiLSTMBenchmark: OpenBLAS \(BLAS.coreName), \(BLAS.threadCount) threads, B \(batch) T \(steps) F \(features) H \(hidden): "
              + "best \(f(best.total)) ms (forward \(f(best.forward)), backward \(f(best.backward)), "
              + "step \(f(best.total - best.forward - best.backward))), "
              + "median \(f(median)) ms per step over \(repeats); process CPU time best \(f(runs.map(\.cpu).min()!)) ms "
              + "(loss \(best.loss))")
        #expect(best.loss.isFinite)
    }
}
