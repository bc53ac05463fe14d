import Foundation
import Randomness
import Tensor
import Testing
@testable import Detectors

@Suite struct VRAENetworkTests {
    static func network(seed: UInt64 = 1) -> VRAENetwork {
        var g = Xoshiro256StarStar(seed: seed)
        return VRAENetwork(features: 2, hidden: 3, latent: 2, attention: 2, generator: &g)
    }

    @Test func shapesAndNames() {
        let net = Self.network()
        var g = Xoshiro256StarStar(seed: 2)
        let x = Tensor.randn([4, 5, 2], generator: &g)
        let posterior = net.inference { net.encode(x) }
        #expect(posterior.zMean.shape == [4, 2] && posterior.zLogVariance.shape == [4, 2])
        #expect(posterior.cMean.shape == [4, 5, 2] && posterior.cLogVariance.shape == [4, 5, 2])
        let (location, scale) = net.inference { net.decode(z: posterior.zMean, c: posterior.cMean) }
        #expect(location.shape == [4, 5, 2] && scale.shape == [4, 5, 2])
        #expect(scale.data.allSatisfy { $0 > 0 })
        let names = Set(net.namedParameters.map(\.name))
        #expect(names.contains("encoder.forward.input_weight") && names.contains("decoder.backward.hidden_bias"))
        #expect(names.contains("z_mean.weight") && names.contains("c_log_variance.bias") && names.contains("x_scale.weight"))
        // Decoder input: z and c side by side.
        #expect(net.namedParameters.first { $0.name == "decoder.forward.input_weight" }!.tensor.shape == [4, 12])
    }

    /// −log Laplace(x | μ, b) = log 2b + |x − μ| / b, summed per sequence.
    @Test func laplaceNegativeLogLikelihoodPerSequence() {
        let x = Tensor([1, 2, 3, 4], shape: [2, 2, 1])
        let location = Tensor([1, 1, 1, 1], shape: [2, 2, 1])
        let scale = Tensor([1, 2, 0.5, 1], shape: [2, 2, 1])
        let nll = VRAENetwork.laplaceNegativeLogLikelihood(x, location: location, scale: scale).data
        let expected: [Double] = [log(2.0) + 0 + log(4.0) + 0.5, log(1.0) + 4 + log(2.0) + 3]
        #expect(zip(nll, expected).allSatisfy { abs(Double($0) - $1) < 1e-5 })
    }

    /// The whole loss (attention included) against central differences, with the noise fixed.
    /// The bound, 0.2 % of the derivative (at least 0.1) plus 5e-4 for Float32's rounding in the
    /// loss, is about five times the largest error seen (1.2e-4); it was an absolute 0.02 for
    /// every derivative below 1.
    @Test func lossGradientMatchesFiniteDifferences() throws {
        let net = Self.network(seed: 3)
        var g = Xoshiro256StarStar(seed: 4)
        let x = Tensor.randn([3, 4, 2], generator: &g)
        let zNoise = Tensor.randn([3, 2], generator: &g), cNoise = Tensor.randn([3, 4, 2], generator: &g)
        func loss() -> Tensor {
            let p = net.encode(x)
            let z = Tensor.reparameterize(mean: p.zMean, logVariance: p.zLogVariance, noise: zNoise)
            let c = Tensor.reparameterize(mean: p.cMean, logVariance: p.cLogVariance, noise: cNoise)
            let (location, scale) = net.decode(z: z, c: c)
            return VRAENetwork.laplaceNegativeLogLikelihood(x, location: location, scale: scale).mean()
                + Loss.gaussianKL(mean: p.zMean, logVariance: p.zLogVariance) * 0.5
                + Loss.gaussianKL(mean: p.cMean.reshaped([3, 8]), logVariance: p.cLogVariance.reshaped([3, 8])) * 0.5
        }
        for p in net.parameters { p.zeroGrad() }
        loss().backward()
        var checked = 0
        for (name, p) in net.namedParameters {
            let grad = try #require(p.grad, "\(name): no gradient")
            for i in Set([0, p.count / 2, p.count - 1]) {
                let saved = p.data[i]
                let h: Float = 1e-2
                p.data[i] = saved + h
                let up = Double(Tensor.noGrad { loss() }.item)
                p.data[i] = saved - h
                let down = Double(Tensor.noGrad { loss() }.item)
                p.data[i] = saved
                let numeric = (up - down) / Double(2 * h)
                #expect(abs(numeric - Double(grad[i])) <= 2e-3 * max(0.1, abs(numeric)) + 5e-4, "\(name)[\(i)]: \(grad[i]) vs \(numeric)")
                checked += 1
            }
        }
        #expect(checked >= 40)
    }
}
