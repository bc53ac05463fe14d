import Foundation
import Tensor
import Testing
import TestSupport

@Suite struct SharedAdamPowersTests {
    /// One optimizer that shares accumulators with no other and stands for one op is TF1's
    /// plain Adam, to the bit.
    @Test func aloneWithOneCallIsThePlainTensorFlowAdam() {
        func run(_ make: ([Tensor]) -> Adam) -> [Float] {
            let p = Tensor([0.5, -1.5, 2], shape: [3], requiresGrad: true)
            let adam = make([p])
            for k in 0..<6 {
                adam.zeroGrad()
                (p * p * Tensor([1, 2, Float(k)], shape: [3])).sum().backward()
                adam.step()
            }
            return p.data
        }
        let plain = run { Adam($0, learningRate: 0.1, beta1: 0.5, convention: .tensorflow) }
        let shared = run { Adam($0, learningRate: 0.1, beta1: 0.5, convention: .tensorflow,
                                sharing: SharedAdamPowers(beta1: 0.5), calls: 1) }
        #expect(plain == shared)
    }

    /// ALAD's authors' pattern: one TF1 optimizer object behind three critic ops and two
    /// generator ops, run as a critic step then a generator step. The critic step of iteration t
    /// (from 0) uses βᵖ with p = 5t + 1, the generator step p = 5t + 4; with a constant gradient
    /// g, m = (1 − β₁ⁿ)·g and v = (1 − β₂ⁿ)·g² after n updates, so each update is known in closed
    /// form (computed here in Double).
    @Test func fiveOpsOfOneObjectAdvanceThePowersFiveTimesAnIteration() {
        let (b1, b2, eps, lr) = (0.5, 0.999, 1e-8, 0.01)
        let powers = SharedAdamPowers(beta1: Float(b1), beta2: Float(b2))
        let critic = Tensor([1], shape: [1], requiresGrad: true), generator = Tensor([1], shape: [1], requiresGrad: true)
        let criticAdam = Adam([critic], learningRate: Float(lr), beta1: Float(b1), convention: .tensorflow, sharing: powers, calls: 3)
        let generatorAdam = Adam([generator], learningRate: Float(lr), beta1: Float(b1), convention: .tensorflow, sharing: powers, calls: 2)
        let (gc, gg) = (0.75, -2.0)
        var (expectedCritic, expectedGenerator) = (1.0, 1.0)
        func update(n: Int, p: Int, g: Double) -> Double {
            let m = (1 - pow(b1, Double(n))) * g, v = (1 - pow(b2, Double(n))) * g * g
            return lr * (1 - pow(b2, Double(p))).squareRoot() / (1 - pow(b1, Double(p))) * m / (v.squareRoot() + eps)
        }
        for t in 0..<40 {
            criticAdam.zeroGrad()
            (critic * Tensor(scalar: Float(gc))).sum().backward()
            criticAdam.step()
            generatorAdam.zeroGrad()
            (generator * Tensor(scalar: Float(gg))).sum().backward()
            generatorAdam.step()
            expectedCritic -= update(n: t + 1, p: 5 * t + 1, g: gc)
            expectedGenerator -= update(n: t + 1, p: 5 * t + 4, g: gg)
        }
        #expect(abs(Double(critic.data[0]) - expectedCritic) < 1e-5, "\(critic.data[0]) against \(expectedCritic)")
        #expect(abs(Double(generator.data[0]) - expectedGenerator) < 1e-5, "\(generator.data[0]) against \(expectedGenerator)")
        #expect(abs(Double(powers.beta2Power) / pow(b2, 201) - 1) < 1e-5)   // 40 iterations × 5 ops, from β¹ (200 Float products)
        // Separate optimizers take smaller early steps (their bias correction fades 5 times slower).
        let alone = Tensor([1], shape: [1], requiresGrad: true)
        let aloneAdam = Adam([alone], learningRate: Float(lr), beta1: Float(b1), convention: .tensorflow)
        for _ in 0..<40 {
            aloneAdam.zeroGrad()
            (alone * Tensor(scalar: Float(gc))).sum().backward()
            aloneAdam.step()
        }
        #expect(1 - alone.data[0] < 0.8 * (1 - critic.data[0]))
    }
}
