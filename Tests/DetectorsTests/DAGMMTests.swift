import Testing
import Randomness
import Tensor
@testable import Detectors

@Suite struct DAGMMTests {
    @Test func findsOutliers() throws {
        let model = DAGMMDetector(hidden: [16, 8], latent: 2, components: 2, epochs: 40, batchSize: 100, learningRate: 3e-3)
        let value = try auroc(of: model)
        #expect(value > 0.85, "AUROC \(value)")
    }

    @Test func sameSeedSameScores() throws {
        let (a, b) = try twice(DAGMMDetector(hidden: [4], latent: 1, components: 2, epochs: 2, batchSize: 64))
        #expect(a == b)
        #expect(a.allSatisfy { $0.isFinite })
    }

    @Test func energyOfOneGaussianIsTheNegativeLogDensity() {
        // One component, φ = 1, μ = 0, Σ = I (2-D): E(z) = ½‖z‖² + log 2π.
        let z = Tensor([0, 0, 1, 2], shape: [2, 2])
        let energy = DAGMMDetector.energy(z, phi: Tensor([1], shape: [1]), mu: Tensor([0, 0], shape: [1, 2]),
                                          covariances: [DAGMMDetector.identity(2)]).data
        let log2pi = Float(log(2 * Double.pi))
        #expect(abs(energy[0] - log2pi) < 1e-5)
        #expect(abs(energy[1] - (2.5 + log2pi)) < 1e-5)
    }

    @Test func mixtureParametersAreWeightedMoments() {
        // Two points per component with hard memberships.
        let z = Tensor([0, 0, 2, 0, 10, 10, 10, 12], shape: [4, 2])
        let gamma = Tensor([1, 0, 1, 0, 0, 1, 0, 1], shape: [4, 2])
        let (phi, mu, covariances) = DAGMMDetector.mixture(z, gamma, components: 2)
        #expect(phi.data == [0.5, 0.5])
        #expect(mu.data == [1, 0, 10, 11])
        #expect(abs(covariances[0].data[0] - 1) < 1e-5)     // variance of x in component 0
        #expect(abs(covariances[1].data[3] - 1) < 1e-5)     // variance of y in component 1
    }
}

#if canImport(Glibc)
import Glibc
#endif
