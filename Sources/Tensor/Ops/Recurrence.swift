import Dispatch

/// The shape of one recurrent pass over a batch `[B, T, F]` with `H` hidden units and `width`
/// gate columns (`4H` for an LSTM, `3H` for a GRU), and the parts the LSTM and GRU primitives
/// share: argument checks, the input projection of all steps, and the closing products of the
/// backward pass.
///
/// Layouts: every per-step buffer is batch-major like the input, `[B, T, n]`, so the row of
/// sequence `b` at step `t` is `b·T + t`, and step `t` of all sequences is the `[B, n]` matrix at
/// offset `t·n` with leading dimension `T·n` (a `gemm` operand as it is, no copy).
struct Recurrence {
    let batch: Int, steps: Int, features: Int, hidden: Int, width: Int
    let reversed: Bool
    /// `B·T` real-step flags, `nil` when every step is real.
    let flags: [Bool]?

    var rows: Int { batch * steps }

    /// The time index of the `k`-th step read (`k`, or `T − 1 − k` when reversed).
    @inline(__always)
    func time(_ k: Int) -> Int { reversed ? steps - 1 - k : k }

    func check(_ op: String, inputWeight: Tensor, hiddenWeight: Tensor, biases: [Tensor?], states: [Tensor?]) {
        precondition(inputWeight.shape == [features, width],
                     "\(op): input weight [\(features), \(width)] expected for input [\(batch), \(steps), \(features)], got \(inputWeight.shape)")
        precondition(hiddenWeight.shape == [hidden, width],
                     "\(op): hidden weight [\(hidden), \(width)] expected, got \(hiddenWeight.shape)")
        for bias in biases.compactMap({ $0 }) {
            precondition(bias.shape == [width], "\(op): bias [\(width)] expected, got \(bias.shape)")
        }
        for state in states.compactMap({ $0 }) {
            precondition(state.shape == [batch, hidden], "\(op): initial state [\(batch), \(hidden)] expected, got \(state.shape)")
        }
    }

    /// `Σ` of the given biases (zeros for none), `[width]`.
    func combinedBias(_ biases: [Tensor?]) -> [Scalar] {
        var sum = zeroBuffer(width)
        for bias in biases.compactMap({ $0 }) {
            for j in 0..<width { sum[j] += bias.data[j] }
        }
        return sum
    }

    /// `x·W_ih` for all `B·T` rows at once, `[B, T, width]` (no bias), in a buffer from
    /// ``ScratchBuffers``.
    func inputProjection(_ x: [Scalar], _ w: [Scalar]) -> [Scalar] {
        guard rows > 0, features > 0 else { return zeroBuffer(rows * width) }
        var out = ScratchBuffers.take(rows * width)
        out.withUnsafeMutableBufferPointer { po in
            x.withUnsafeBufferPointer { px in
                w.withUnsafeBufferPointer { pw in
                    gemm(px.baseAddress!, lda: features, transposeA: false, pw.baseAddress!, ldb: width, transposeB: false,
                         po.baseAddress!, ldc: width, m: rows, n: width, k: features, beta: 0)
                }
            }
        }
        return out
    }

    /// The gradients that need the whole sequence, one `gemm` each over all `B·T` rows, from
    /// `∂P` (the gradient of the input-side pre-activations `x·W_ih + b_ih`) and `∂Q` (of the
    /// hidden-side ones `h·W_hh + b_hh`; the same buffer for an LSTM): `∂x = ∂P·W_ihᵀ`,
    /// `∂W_ih = xᵀ·∂P`, `∂W_hh = Σₜ hₜ₋₁ᵀ·∂Qₜ` with the states before each step `before`.
    func closingGradients(x: [Scalar], inputWeight: [Scalar], before: [Scalar],
                          inputSide: [Scalar], hiddenSide: [Scalar], needs: Needs,
                          into gradients: inout RecurrentGradients) {
        let (n, w, f, h) = (rows, width, features, hidden)
        guard n > 0 else {
            if needs.x { gradients.x = zeroBuffer(0) }
            if needs.inputWeight { gradients.inputWeight = zeroBuffer(f * w) }
            if needs.hiddenWeight { gradients.hiddenWeight = zeroBuffer(h * w) }
            return
        }
        inputSide.withUnsafeBufferPointer { pp in
            let dp = pp.baseAddress!
            if needs.x {
                gradients.x = f == 0 ? [] : inputWeight.withUnsafeBufferPointer { pw in
                    makeBuffer(n * f) { out in
                        gemm(dp, lda: w, transposeA: false, pw.baseAddress!, ldb: w, transposeB: true,
                             out.baseAddress!, ldc: f, m: n, n: f, k: w, beta: 0)
                    }
                }
            }
            if needs.inputWeight {
                gradients.inputWeight = f == 0 ? [] : x.withUnsafeBufferPointer { px in
                    makeBuffer(f * w) { out in
                        gemm(px.baseAddress!, lda: f, transposeA: true, dp, ldb: w, transposeB: false,
                             out.baseAddress!, ldc: w, m: f, n: w, k: n, beta: 0)
                    }
                }
            }
        }
        if needs.hiddenWeight {
            gradients.hiddenWeight = h == 0 ? [] : before.withUnsafeBufferPointer { pb in
                hiddenSide.withUnsafeBufferPointer { pq in
                    makeBuffer(h * w) { out in
                        gemm(pb.baseAddress!, lda: h, transposeA: true, pq.baseAddress!, ldb: w, transposeB: false,
                             out.baseAddress!, ldc: w, m: h, n: w, k: n, beta: 0)
                    }
                }
            }
        }
    }

    /// Which inputs of the primitive take a gradient.
    struct Needs {
        let x: Bool, inputWeight: Bool, hiddenWeight: Bool

        init(x: Tensor, inputWeight: Tensor, hiddenWeight: Tensor) {
            self.x = x.requiresGrad
            self.inputWeight = inputWeight.requiresGrad
            self.hiddenWeight = hiddenWeight.requiresGrad
        }
    }
}

/// The gradients one backward pass of a recurrent primitive hands to its inputs.
struct RecurrentGradients {
    var x: [Scalar]?, inputWeight: [Scalar]?, hiddenWeight: [Scalar]?
    var inputBias: [Scalar]?, hiddenBias: [Scalar]?
    var hidden: [Scalar]?, cell: [Scalar]?

    /// Accumulates each gradient into its input (inputs that are `nil` or need none are skipped).
    func deliver(x xt: Tensor, inputWeight wi: Tensor, hiddenWeight wh: Tensor, inputBias bi: Tensor?,
                 hiddenBias bh: Tensor?, hidden h0: Tensor?, cell c0: Tensor?) {
        func give(_ t: Tensor?, _ g: [Scalar]?) {
            if let t, t.requiresGrad, let g { t.accumulateGrad(g) }
        }
        give(xt, x); give(wi, inputWeight); give(wh, hiddenWeight)
        give(bi, inputBias); give(bh, hiddenBias); give(h0, hidden); give(c0, cell)
    }
}

/// Up to eight floats from `p` into the low lanes of a vector (the rest 0): the tail of a row
/// whose width is not a multiple of 8 goes through the same vector code.
@inline(__always)
func loadPartial(_ p: UnsafePointer<Scalar>, _ n: Int) -> Scalar8 {
    var v = Scalar8()
    for l in 0..<n { v[l] = p[l] }
    return v
}

/// The low `n` lanes of `v` to `p`.
@inline(__always)
func storePartial(_ v: Scalar8, _ p: UnsafeMutablePointer<Scalar>, _ n: Int) {
    for l in 0..<n { p[l] = v[l] }
}

/// How many parts the row loop of a fused pass over `rows` rows of `width` values is split into:
/// one per BLAS thread (``BLAS/threadCount``, the parallelism the caller chose for the products),
/// but no part under 16 384 values, where the hand-off costs more than it saves.
func rowParts(rows: Int, width: Int) -> Int {
    Swift.max(1, Swift.min(RowParts.limit ?? BLAS.threadCount, rows * width / 16_384, rows))
}

/// A cap on ``rowParts(rows:width:)`` for the current thread: 1 while two recurrences run side by
/// side (``concurrently(_:_:)``), each on its own core.
enum RowParts {
    @TaskLocal static var limit: Int?
}

/// `body(part, rows)` for `parts` consecutive ranges covering `0..<rows`, concurrently when
/// `parts > 1` (on Dispatch's worker threads; returns when all are done).
@inline(__always)
func forEachPart(_ parts: Int, rows: Int, _ body: (Int, Range<Int>) -> Void) {
    if parts == 1 {
        body(0, 0..<rows)
        return
    }
    withoutActuallyEscaping(body) { body in
        // The parts write disjoint rows; the pointers the body captures are not Sendable.
        let work = UncheckedSendable(body)
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            work.value(p, (rows * p / parts)..<(rows * (p + 1) / parts))
        }
    }
}

struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
