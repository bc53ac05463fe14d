import Tensor
import Testing
import TestSupport

@Suite struct BatchNorm1dTests {
    let x = Tensor([1, 2, 3, -1, 0.5, 0, 2, 4], shape: [4, 2])

    /// torch.nn.BatchNorm1d(2) on the same input: output, running stats, then eval output.
    @Test func matchesPyTorch() {
        let bn = BatchNorm1d(2)
        expectClose(bn(x).data,
                    [-0.650941, 0.3905662, 1.43207, -1.171699, -1.171694, -0.6509436, 0.3905647, 1.432076], tolerance: 2e-5)
        expectClose(bn.runningMean.data, [0.1625, 0.125])
        expectClose(bn.runningVariance.data, [1.0229167, 1.3916667])
        bn.eval()
        expectClose(bn(x).data,
                    [0.8280613, 1.589396, 2.805521, -0.9536375, 0.3336964, -0.1059597, 1.816791, 3.284752], tolerance: 2e-5)
    }

    @Test func gradients() {
        let bn = BatchNorm1d(4)
        checkGradient("batchnorm train", shapes: [[5, 4]]) { bn($0[0]) }
        bn.eval()
        checkGradient("batchnorm eval", shapes: [[5, 4]]) { bn($0[0]) }
    }
}
