import Tensor
import Testing

/// PyTorch's graph semantics: gradients stay on leaves, a graph is freed after backward unless
/// retained, and misuse stops the program with a message.
@Suite struct TensorBackwardTests {
    /// The review's case: `y = w·x` shared by loss A (dA/dw = 3) and loss B (dB/dw = 6).
    /// Before the fix the intermediate `y` kept its gradient and B's backward added A's again
    /// (12 instead of 9; 9 instead of 6 after `w.zeroGrad()`).
    @Test func twoLossesSharingAGraphEachAddTheirOwnGradient() {
        let w = Tensor([1], shape: [1], requiresGrad: true)
        let x = Tensor([3], shape: [1])
        let y = w * x
        let a = y.sum()            // dA/dw = 3
        let b = (y * 2).sum()      // dB/dw = 6
        a.backward(retainGraph: true)
        #expect(w.grad == [3])
        b.backward(retainGraph: true)
        #expect(w.grad == [9])
        w.zeroGrad()
        b.backward()
        #expect(w.grad == [6])
        #expect(y.grad == nil)     // an op's result keeps no gradient
    }

    @Test func alternatingStepsOverOneForwardPass() {
        // A generator step and a discriminator step, as ALAD and AMAD alternate them: both losses
        // read the generator's output; each parameter gets exactly its own loss's gradient.
        let g = Tensor([2], shape: [1], requiresGrad: true)     // "generator"
        let d = Tensor([5], shape: [1], requiresGrad: true)     // "discriminator"
        let fake = g * g                                         // 4, d fake/dg = 2g = 4
        let lossD = (fake * d).sum()                             // dD/dd = fake = 4, dD/dg = d·4 = 20
        let lossG = (fake * -1).sum()                            // dG/dg = −4
        lossD.backward(retainGraph: true)
        #expect(d.grad == [4] && g.grad == [20])
        g.zeroGrad()
        d.zeroGrad()
        lossG.backward()
        #expect(g.grad == [-4] && d.grad == nil)
    }

    @Test func retainGradKeepsAnIntermediateGradient() {
        let w = Tensor([2], shape: [1], requiresGrad: true)
        let y = w * w
        y.retainGrad()
        (y * 3).sum().backward()
        #expect(y.grad == [3] && w.grad == [12])
    }

    @Test func theGraphIsFreedAfterBackward() {
        let w = Tensor([2], shape: [1], requiresGrad: true)
        let y = w * w
        let loss = (y + 1).sum()
        loss.backward()
        #expect(w.grad == [4])
        // A new graph over the same leaves works as before.
        (w * 3).sum().backward()
        #expect(w.grad == [7])
    }

    @Test func backwardFromALeafSetsItsGradientToOne() {
        let w = Tensor([2], shape: [], requiresGrad: true)
        w.backward()
        #expect(w.grad == [1])
    }

    @Test func aSecondBackwardThroughAFreedGraphStops() async {
        await #expect(processExitsWith: .failure) {
            let w = Tensor([2], shape: [1], requiresGrad: true)
            let loss = (w * w).sum()
            loss.backward()
            loss.backward()
        }
        await #expect(processExitsWith: .failure) {
            // Through a shared node whose graph the first loss freed.
            let w = Tensor([2], shape: [1], requiresGrad: true)
            let y = w * w
            (y * 2).sum().backward()
            (y * 3).sum().backward()
        }
    }

    @Test func backwardFromATensorThatNeedsNoGradientStops() async {
        await #expect(processExitsWith: .failure) {
            let w = Tensor([1, 2], shape: [2], requiresGrad: true)
            Tensor.noGrad { (w * w).sum() }.backward()
        }
        await #expect(processExitsWith: .failure) {
            (Tensor([1, 2], shape: [2]) * 2).sum().backward()
        }
    }
}
