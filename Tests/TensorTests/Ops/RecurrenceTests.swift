@testable import Tensor
import Randomness
import Testing
import TestSupport

/// The recurrent kernels' row loop split over threads (`rowParts`, `forEachPart`) and their reused
/// scratch buffers (`ScratchBuffers`): results independent of the split (up to the order of the
/// bias-gradient sums) and the same bytes on every run.
@Suite struct RecurrenceTests {
    enum Kind: CaseIterable { case lstm, gru }

    /// Forward and backward of one recurrent primitive with fresh leaves; loss = Σ output ⊙ u +
    /// Σ final hidden. Returns the output, the final hidden state and the gradients of x, W_ih,
    /// W_hh, b_ih, b_hh.
    static func run(_ kind: Kind, x: [Float], u: [Float], weights: [[Float]], batch: Int, steps: Int,
                    features: Int, hidden: Int, reversed: Bool = false) -> [[Float]] {
        let width = (kind == .lstm ? 4 : 3) * hidden
        let xs = Tensor(x, shape: [batch, steps, features], requiresGrad: true)
        let shapes = [[features, width], [hidden, width], [width], [width]]
        let p = zip(weights, shapes).map { Tensor($0, shape: $1, requiresGrad: true) }
        let (output, last): (Tensor, Tensor)
        switch kind {
        case .lstm:
            let y = Tensor.lstm(xs, inputWeight: p[0], hiddenWeight: p[1], inputBias: p[2], hiddenBias: p[3],
                                reversed: reversed)
            (output, last) = (y.output, y.hidden)
        case .gru:
            let y = Tensor.gru(xs, inputWeight: p[0], hiddenWeight: p[1], inputBias: p[2], hiddenBias: p[3],
                               reversed: reversed)
            (output, last) = (y.output, y.hidden)
        }
        let loss = (output * Tensor(u, shape: [batch, steps, hidden])).sum() + last.sum()
        loss.backward()
        return [output.data, last.data, xs.grad!] + p.map { $0.grad! }
    }

    static func weights(_ kind: Kind, features: Int, hidden: Int, generator g: inout Xoshiro256StarStar) -> [[Float]] {
        let width = (kind == .lstm ? 4 : 3) * hidden
        return [[features, width], [hidden, width], [width], [width]].map {
            (Tensor.randn($0, generator: &g) * 0.1).data
        }
    }

    /// H = 128 and B = 64 (LSTM) or 96 (GRU): the row loop runs in `min(BLAS threads, 2)` parts.
    /// Against the two halves of the batch run apart (one part each): outputs and ∂x row for row,
    /// parameter gradients as the sum of the halves'. The thread count is held steady, so that
    /// the full batch is split as the first expectation says (another test sets it to 1 for a
    /// moment, `BLASTests.reportsCoreAndThreads`).
    @Test(arguments: Kind.allCases, [false, true])
    func splitRowsAgreeWithHalves(kind: Kind, reversed: Bool) {
        BLAS.steadyThreadCount {
            let (b, t, f, h) = (kind == .lstm ? 64 : 96, 5, 3, 128)
            let width = (kind == .lstm ? 4 : 3) * h
            #expect(rowParts(rows: b, width: width) == Swift.min(BLAS.threadCount, 2))
            #expect(rowParts(rows: b / 2, width: width) == 1)
            var g = Xoshiro256StarStar(seed: 11)
            let x = Tensor.randn([b, t, f], generator: &g).data, u = Tensor.randn([b, t, h], generator: &g).data
            let w = Self.weights(kind, features: f, hidden: h, generator: &g)
            let full = Self.run(kind, x: x, u: u, weights: w, batch: b, steps: t, features: f, hidden: h, reversed: reversed)
            let halves = [0, 1].map { k in
                Self.run(kind, x: Array(x[(k * b / 2 * t * f)..<((k + 1) * b / 2 * t * f)]),
                         u: Array(u[(k * b / 2 * t * h)..<((k + 1) * b / 2 * t * h)]), weights: w,
                         batch: b / 2, steps: t, features: f, hidden: h, reversed: reversed)
            }
            for i in 0..<3 { expectClose(full[i], halves[0][i] + halves[1][i], tolerance: 1e-5) }
            // Parameter gradients reach a few hundred: Float32 sums in another order (1 BLAS thread)
            // differ by about 1e-6 of that.
            for i in 3..<7 { expectClose(full[i], zip(halves[0][i], halves[1][i]).map { $0 + $1 }, tolerance: 2e-4, relative: 4e-6) }
        }
    }

    /// With the keeping threshold lowered for this task to 32 Ki floats, the gates and their
    /// gradients (`[16, 20, 4H]` or `[16, 20, 3H]`, H = 64) go to the store: a second and third
    /// step reuse the first's buffers (stale contents) and give the same bytes for the same data.
    /// The products here (`16 × 256 × 64` each step, `64 × 256 × 320` for `∂W_hh`) are large
    /// enough for OpenBLAS to use its threads, and their rounding depends on the thread count, so
    /// the runs hold it steady: a test training a bidirectional LSTM beside this one puts OpenBLAS
    /// on one thread for a while (without this, a 1-ulp difference on an Intel CI machine; with
    /// OpenBLAS 0.3.21 about a fifth of the `64 × 256 × 320` product's values differ between one
    /// thread and two).
    @Test(arguments: Kind.allCases)
    func reusedScratchBuffersGiveTheSameBytes(kind: Kind) {
        let (b, t, f, h) = (16, 20, 3, 64)
        BLAS.steadyThreadCount {
            ScratchBuffers.$minimumCount.withValue(1 << 15) {
                #expect(b * t * 3 * h >= ScratchBuffers.minimumCount)
                var g = Xoshiro256StarStar(seed: 12)
                let x = Tensor.randn([b, t, f], generator: &g).data, u = Tensor.randn([b, t, h], generator: &g).data
                let w = Self.weights(kind, features: f, hidden: h, generator: &g)
                let first = Self.run(kind, x: x, u: u, weights: w, batch: b, steps: t, features: f, hidden: h)
                #expect(first.allSatisfy { $0.allSatisfy(\.isFinite) })
                #expect(ScratchBuffers.keptBytes >= b * t * 3 * h * 4)
                // A step on other data between them: the reused buffers hold its values.
                let other = Tensor.randn([b, t, f], generator: &g).data
                _ = Self.run(kind, x: other, u: u, weights: w, batch: b, steps: t, features: f, hidden: h)
                let again = Self.run(kind, x: x, u: u, weights: w, batch: b, steps: t, features: f, hidden: h)
                for (a, c) in zip(first, again) { expectClose(a, c, tolerance: 0) }
            }
        }
    }
}
