import Foundation
import Randomness
import Tensor
import Testing
@testable import Detectors

@Suite struct AMADNetworkTests {
    /// 6 rows × 2 attributes of ids in 1..<6 (row 4's second attribute empty).
    static let lists = IdLists(rows: 6, attributes: 2, offsets: [0, 1, 3, 4, 5, 7, 8, 9, 11, 12, 12, 13, 15],
                               ids: [1, 2, 3, 1, 4, 2, 5, 3, 1, 2, 5, 4, 3, 1, 2])

    static func network(pooling: AMADNetwork.AttributePooling = .sum, relative: Bool = true, seed: UInt64 = 1) -> AMADNetwork {
        var g = Xoshiro256StarStar(seed: seed)
        return AMADNetwork(vocabulary: 6, attributes: 2, dimension: 3, code: 2, hidden: 2, pooling: pooling,
                           relative: relative, generator: &g)
    }

    @Test func shapesAndNames() {
        for (pooling, relative, size) in [(AMADNetwork.AttributePooling.sum, true, 6), (.sum, false, 3), (.concatenate, true, 12)] {
            let net = Self.network(pooling: pooling, relative: relative)
            #expect(net.instanceSize == size)
            let pass = net.inference { net.forward(Self.lists, rows: Array(0..<6), streams: 2, memory: nil, noise: nil) }
            #expect(pass.instance.shape == [6, size] && pass.resembled.shape == [6, size])
            #expect(pass.block.shape == [2, 2] && pass.resembledBlock.shape == [2, 2])
            #expect(pass.state.hidden.shape == [2, 2] && pass.state.cell?.shape == [2, 2])
        }
        let names = Set(Self.network().namedParameters.map(\.name))
        for name in ["embedding.weight", "feature_attention.query", "relative_attention.projection.weight", "batch_norm.weight",
                     "encoder.weight", "decoder.bias", "block_rnn.input_weight", "instance_discriminator.weight",
                     "block_discriminator.bias"] {
            #expect(names.contains(name), "\(name)")
        }
        let net = Self.network()
        #expect(net.generatorParameters.count + net.discriminatorParameters.count == net.parameters.count)
    }

    /// Eqs. 10-11 and 13-14 on hand-computed values.
    @Test func lossesAreTheCrossEntropiesOfTheEquations() {
        let real = Tensor([0, 2], shape: [1, 2]), resembled = Tensor([1, -1], shape: [1, 2])
        func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        func bce(_ z: Double, _ y: Double) -> Double { -(y * log(sigmoid(z)) + (1 - y) * log(1 - sigmoid(z))) }
        let sum = bce(1, sigmoid(0)) + bce(-1, sigmoid(2))
        #expect(abs(Double(AMADNetwork.generatorLoss(real: real, resembled: resembled, mean: false).item) - sum) < 1e-5)
        #expect(abs(Double(AMADNetwork.generatorLoss(real: real, resembled: resembled, mean: true).item) - sum / 2) < 1e-5)
        var g = Xoshiro256StarStar(seed: 1)
        let discriminator = Linear(2, 1, generator: &g)
        let w = discriminator.weight.data.map(Double.init), b = Double(discriminator.bias!.data[0])
        let d = bce(2 * w[1] + b, 1) + bce(w[0] - w[1] + b, 0)
        #expect(abs(Double(AMADNetwork.discriminatorLoss(discriminator, real: real, resembled: resembled).item) - d) < 1e-5)
    }

    /// `L_G + L_D` of a pass (noise and memory fixed, batch norm in training mode) against
    /// central differences, for every parameter tensor, the embedding table's included. The
    /// block LSTM's weights are held on the resembled path (Eq. 7), so a difference quotient,
    /// which moves them on both paths, is taken for them on a loss of the real path alone.
    ///
    /// Every parameter must have a gradient (one the backward pass disconnected would have none).
    /// The step is 3e-3: at 1e-2 one weight's difference crossed a leaky-ReLU kink (analytic
    /// 0.0209, numeric 0.0365 at 1e-2, 0.0207 and 0.0210 at 3e-3 and 1e-3). The bound, 0.5 % of
    /// the derivative (at least 0.1) plus 1e-3 for Float32's rounding in the loss, is about three
    /// times the largest error seen with the Cooperlake and Haswell kernels (5e-4); it was an
    /// absolute 0.02 for every derivative below 1.
    @Test func lossGradientMatchesFiniteDifferences() throws {
        for pooling in AMADNetwork.AttributePooling.allCases {
            let net = Self.network(pooling: pooling, seed: 3)
            var g = Xoshiro256StarStar(seed: 4)
            let noise = Tensor.randn([6, net.instanceSize], std: 0.5, generator: &g)
            let memory = RecurrentState(hidden: Tensor.randn([2, 2], std: 0.5, generator: &g),
                                        cell: Tensor.randn([2, 2], std: 0.5, generator: &g))
            func loss(realBlockOnly: Bool = false) -> Tensor {
                let pass = net.forward(Self.lists, rows: [5, 0, 2, 1, 4, 3], streams: 2, memory: memory, noise: noise)
                if realBlockOnly { return (pass.block * pass.block).sum() }
                return AMADNetwork.generatorLoss(real: pass.instance, resembled: pass.resembled, mean: false).mean()
                    + AMADNetwork.generatorLoss(real: pass.block, resembled: pass.resembledBlock, mean: false).mean()
                    + AMADNetwork.discriminatorLoss(net.instanceDiscriminator, real: pass.instance, resembled: pass.resembled).mean()
                    + AMADNetwork.discriminatorLoss(net.blockDiscriminator, real: pass.block, resembled: pass.resembledBlock).mean()
            }
            var checked = 0
            for (name, p) in net.namedParameters {
                let lstm = name.hasPrefix("block_rnn.")
                for q in net.parameters { q.zeroGrad() }
                loss(realBlockOnly: lstm).backward()
                let grad = try #require(p.grad, "\(pooling) \(name): no gradient")
                let positions = name == "embedding.weight" ? [3, 7, 14] : Array(Set([0, p.count / 2, p.count - 1]))
                for i in positions {
                    let saved = p.data[i]
                    let h: Float = 3e-3
                    p.data[i] = saved + h
                    let up = Double(Tensor.noGrad { loss(realBlockOnly: lstm) }.item)
                    p.data[i] = saved - h
                    let down = Double(Tensor.noGrad { loss(realBlockOnly: lstm) }.item)
                    p.data[i] = saved
                    let numeric = (up - down) / Double(2 * h)
                    #expect(abs(numeric - Double(grad[i])) <= 5e-3 * max(0.1, abs(numeric)) + 1e-3, "\(pooling) \(name)[\(i)]: \(grad[i]) vs \(numeric)")
                    checked += 1
                }
            }
            #expect(checked >= 50)
        }
    }

    /// The resembled block goes through the block LSTM with its weights held: its loss gives the
    /// LSTM no gradient, but reaches the instances (the autoencoder).
    @Test func theResembledBlockDoesNotTrainTheLSTM() {
        let net = Self.network(seed: 5)
        let pass = net.forward(Self.lists, rows: Array(0..<6), streams: 1, memory: nil, noise: nil)
        for p in net.parameters { p.zeroGrad() }
        pass.resembledBlock.sum().backward()
        #expect(net.blockRNN.parameters.allSatisfy { ($0.grad ?? [0]).allSatisfy { $0 == 0 } })
        #expect(net.decoder.weight.grad.map { $0.contains { $0 != 0 } } == true)
    }
}
