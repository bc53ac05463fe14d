import Randomness
import Tensor
import Testing
@testable import Detectors

@Suite struct ALADNetworksTests {
    static func shapes(_ nets: ALADNetworks) -> [String: [Int]] {
        Dictionary(uniqueKeysWithValues: nets.namedParameters.map { ($0.name, $0.tensor.shape) })
    }

    @Test func kddLayersAreTheCodes() {
        var g = Xoshiro256StarStar(seed: 1)
        let nets = ALADNetworks(inputs: 121, latent: 32, architecture: .kdd, generator: &g)
        let s = Self.shapes(nets)
        // E: 121→64→32; G: 32→64→128→121 (weights stored [in, out]).
        #expect(s["encoder.0.weight"] == [121, 64] && s["encoder.2.weight"] == [64, 32])
        #expect(s["generator.0.weight"] == [32, 64] && s["generator.2.weight"] == [64, 128] && s["generator.4.weight"] == [128, 121])
        // D_xz: x→128 with batch norm, z→128, joint 256→128→1.
        #expect(s["dxz_x.0.weight"] == [121, 128] && s["dxz_x.1.weight"] == [128] && s["dxz_z.0.weight"] == [32, 128])
        #expect(s["dxz_joint.0.weight"] == [256, 128] && s["dxz_out.weight"] == [128, 1])
        // D_xx: 242→128 (features)→1; D_zz: 64→32→1.
        #expect(s["dxx_features.0.weight"] == [242, 128] && s["dxx_out.weight"] == [128, 1])
        #expect(s["dzz_features.0.weight"] == [64, 32] && s["dzz_out.weight"] == [32, 1])
        // Xavier weights, zero biases.
        #expect(nets.generator.parameters[1].data.allSatisfy { $0 == 0 })
        let limit = Float((6.0 / Double(121 + 64)).squareRoot())
        #expect(nets.encoder.parameters[0].data.allSatisfy { abs($0) <= limit })
        // The two optimizer groups split the parameters without overlap.
        #expect(nets.encoderAndGenerator.count + nets.discriminators.count == nets.parameters.count)
    }

    @Test func arrhythmiaLayersAreWiderAndDeeper() {
        var g = Xoshiro256StarStar(seed: 1)
        let nets = ALADNetworks(inputs: 274, latent: 64, architecture: .arrhythmia, generator: &g)
        let s = Self.shapes(nets)
        #expect(s["encoder.0.weight"] == [274, 256] && s["encoder.2.weight"] == [256, 128] && s["encoder.4.weight"] == [128, 64])
        #expect(s["generator.0.weight"] == [64, 128] && s["generator.4.weight"] == [256, 274])
        #expect(s["dxz_joint.0.weight"] == [256, 256] && s["dxz_out.weight"] == [256, 1])
        // D_xx: 548→256→128 (features: after the second layer's activation and dropout).
        #expect(s["dxx_features.0.weight"] == [548, 256] && s["dxx_features.3.weight"] == [256, 128])
        #expect(s["dzz_features.0.weight"] == [128, 64] && s["dzz_features.3.weight"] == [64, 32])
        let x = Tensor.ones([3, 274])
        #expect(nets.inference { nets.dxx(x, x).features.shape } == [3, 128])
    }

    @Test func dropoutOnlyInTraining() {
        var g = Xoshiro256StarStar(seed: 2)
        let nets = ALADNetworks(inputs: 5, latent: 2, architecture: .kdd, generator: &g)
        let x = Tensor.randn([8, 5], generator: &g)
        let a = nets.inference { nets.dxx(x, x).logit.data }, b = nets.inference { nets.dxx(x, x).logit.data }
        #expect(a == b)
        nets.train()
        let c = Tensor.noGrad { nets.dxx(x, x).logit.data }, d = Tensor.noGrad { nets.dxx(x, x).logit.data }
        #expect(c != d)
    }
}
