#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Randomness
import Tensor
import Testing

/// A measurement, not a test: skipped unless `TENSOR_BENCH=1`. Run it in release:
///
///     TENSOR_BENCH=1 swift test -c release -Xswiftc -enable-testing --filter MLPAutoencoderBenchmark
///
/// A 121-64-32-64-121 autoencoder (ReLU between layers, linear output), MSE reconstruction
/// loss, Adam (lr 1e-3), batches of 1024 and of 50 rows: forward + backward + step, warm-up
/// then timed iterations; prints ms/iteration with the process's BLAS threads and with one.
/// The PyTorch counterpart is `Fixtures/scripts/bench-mlp.py`; `Fixtures/scripts/bench-tensor.sh`
/// runs both back to back.
@Suite struct MLPAutoencoderBenchmark {
    static let enabled = getenv("TENSOR_BENCH").map { String(cString: $0) } == "1"

    @Test(.enabled(if: MLPAutoencoderBenchmark.enabled))
    func autoencoderTrainingStep() {
        let defaultThreads = BLAS.threadCount
        print("MLPAutoencoderBenchmark: OpenBLAS core \(BLAS.coreName), \(defaultThreads) threads")
        run(label: "\(defaultThreads) BLAS threads")
        BLAS.threadCount = 1
        run(label: "1 BLAS thread")
        BLAS.threadCount = defaultThreads
    }

    func run(label: String) {
        for batch in [1024, 50] { run(label: label, batch: batch) }
    }

    func run(label: String, batch: Int) {
        var g = Xoshiro256StarStar(seed: 0)
        let sizes = [121, 64, 32, 64, 121]
        var layers: [any Layer] = []
        for k in 0..<(sizes.count - 1) {
            layers.append(Linear(sizes[k], sizes[k + 1], generator: &g))
            if k < sizes.count - 2 { layers.append(Activation(.relu)) }
        }
        let model = Sequential(layers)
        let adam = Adam(model.parameters, learningRate: 1e-3)
        let x = Tensor.randn([batch, 121], generator: &g)
        let timed = batch >= 1024 ? 200 : 2000
        func iteration() -> Float {
            adam.zeroGrad()
            let loss = Loss.mse(model(x), x)
            loss.backward()
            adam.step()
            return loss.item
        }
        for _ in 0..<20 { _ = iteration() }
        let clock = ContinuousClock()
        var last: Float = 0
        let elapsed = clock.measure { for _ in 0..<timed { last = iteration() } }
        let ms = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15
        print("MLPAutoencoderBenchmark: \(ms / Double(timed)) ms/iteration with \(label) (batch \(batch), 121-64-32-64-121, loss \(last))")
        #expect(last.isFinite)
    }
}
