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
///     TENSOR_BENCH=1 swift test -c release --filter MLPAutoencoderBenchmark
///
/// A 121-64-32-64-121 autoencoder (ReLU between layers, linear output), MSE reconstruction
/// loss, Adam (lr 1e-3), batch 1024: forward + backward + step, 20 warm-up then 200 timed
/// iterations; prints ms/iteration. The PyTorch counterpart (same model, batch and step):
///
///     import time, torch
///     torch.set_num_threads(2); torch.manual_seed(0)
///     net = torch.nn.Sequential(torch.nn.Linear(121, 64), torch.nn.ReLU(), torch.nn.Linear(64, 32),
///         torch.nn.ReLU(), torch.nn.Linear(32, 64), torch.nn.ReLU(), torch.nn.Linear(64, 121))
///     opt = torch.optim.Adam(net.parameters(), lr=1e-3); x = torch.randn(1024, 121)
///     def it():
///         opt.zero_grad(); loss = torch.nn.functional.mse_loss(net(x), x); loss.backward(); opt.step()
///     for _ in range(20): it()
///     t = time.perf_counter()
///     for _ in range(200): it()
///     print((time.perf_counter() - t) / 200 * 1e3, "ms/iteration")
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
        var g = Xoshiro256StarStar(seed: 0)
        let sizes = [121, 64, 32, 64, 121]
        var layers: [any Layer] = []
        for k in 0..<(sizes.count - 1) {
            layers.append(Linear(sizes[k], sizes[k + 1], generator: &g))
            if k < sizes.count - 2 { layers.append(Activation(.relu)) }
        }
        let model = Sequential(layers)
        let adam = Adam(model.parameters, learningRate: 1e-3)
        let x = Tensor.randn([1024, 121], generator: &g)
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
        let elapsed = clock.measure { for _ in 0..<200 { last = iteration() } }
        let ms = Double(elapsed.components.seconds) * 1e3 + Double(elapsed.components.attoseconds) * 1e-15
        print("MLPAutoencoderBenchmark: \(ms / 200) ms/iteration with \(label) (batch 1024, 121-64-32-64-121, loss \(last))")
        #expect(last.isFinite)
    }
}
