extension Tensor {
    /// A gated recurrent unit layer (Cho et al. 2014) over a batch of sequences, as one primitive
    /// with its own backpropagation through time: PyTorch's `torch.nn.GRU` (one layer, one
    /// direction, `batch_first=True`) with its gate order `r z n`:
    ///
    ///     r = σ(xₜ·W_ir + b_ir + hₜ₋₁·W_hr + b_hr),   z = σ(xₜ·W_iz + b_iz + hₜ₋₁·W_hz + b_hz)
    ///     n = tanh(xₜ·W_in + b_in + r ⊙ (hₜ₋₁·W_hn + b_hn)),   hₜ = (1 − z)⊙n + z⊙hₜ₋₁
    ///
    /// - Parameters:
    ///   - x: `[B, T, F]`, batch first.
    ///   - inputWeight: `W_ih = [W_ir W_iz W_in]`, `[F, 3H]` (PyTorch's `weight_ih_l0` is its
    ///     transpose, `[3H, F]`).
    ///   - hiddenWeight: `W_hh`, `[H, 3H]` (the transpose of `weight_hh_l0`).
    ///   - inputBias, hiddenBias: `b_ih`, `b_hh`, `[3H]` each (`bias_ih_l0`, `bias_hh_l0`), or `nil`.
    ///   - hidden: the initial state `h₀`, `[B, H]`; `nil` for zeros.
    ///   - mask: padded steps keep the state and output zero (see ``SequenceMask``).
    ///   - reversed: read the sequence from step `T − 1` down to 0; the output stays aligned with
    ///     the input.
    /// - Returns: `output` `[B, T, H]` (`hₜ` at every real step, 0 at padded ones) and the final
    ///   state `hidden` `[B, H]`.
    ///
    /// The work is organised as in ``lstm(_:inputWeight:hiddenWeight:inputBias:hiddenBias:hidden:cell:mask:reversed:)``:
    /// one `gemm` for the input projection of all steps, one `gemm` (`hₜ₋₁·W_hh`, into a
    /// `[B, 3H]` scratch buffer) and one fused pass per step; backwards one fused pass and one
    /// `gemm` per step, then one `gemm` each for `∂W_hh`, `∂W_ih` and `∂x`. Kept for the
    /// backward pass: the gates `r z n` `[B, T, 3H]`, `hₜ₋₁` and `hₜ₋₁·W_hn + b_hn` (`[B, T, H]` each).
    public static func gru(_ x: Tensor, inputWeight: Tensor, hiddenWeight: Tensor,
                           inputBias: Tensor? = nil, hiddenBias: Tensor? = nil, hidden: Tensor? = nil,
                           mask: SequenceMask? = nil, reversed: Bool = false) -> (output: Tensor, hidden: Tensor) {
        precondition(x.rank == 3, "gru: input [B, T, F] expected, got \(x.shape)")
        precondition(hiddenWeight.rank == 2 && hiddenWeight.shape[0] > 0,
                     "gru: hidden weight [H, 3H] with H > 0 expected, got \(hiddenWeight.shape)")
        let (batch, steps, h) = (x.shape[0], x.shape[1], hiddenWeight.shape[0])
        let pass = Recurrence(batch: batch, steps: steps, features: x.shape[2], hidden: h, width: 3 * h,
                              reversed: reversed, flags: mask?.flags(batch: batch, steps: steps))
        pass.check("gru", inputWeight: inputWeight, hiddenWeight: hiddenWeight,
                   biases: [inputBias, hiddenBias], states: [hidden])
        let parents = [x, inputWeight, hiddenWeight] + [inputBias, hiddenBias, hidden].compactMap { $0 }
        let recording = GradMode.isEnabled && parents.contains(where: \.requiresGrad)
        let run = pass.gruForward(x: x.data, inputWeight: inputWeight.data, hiddenWeight: hiddenWeight.data,
                                  inputBias: inputBias?.data ?? zeroBuffer(3 * h),
                                  hiddenBias: hiddenBias?.data ?? zeroBuffer(3 * h),
                                  hidden: hidden?.data, recording: recording)
        let tape = run.tape
        let results = primitives([(run.output, [batch, steps, h]), (run.hidden, [batch, h])],
                                 parents: parents) { grads in
            guard let tape else { return }
            let needs = Recurrence.Needs(x: x, inputWeight: inputWeight, hiddenWeight: hiddenWeight)
            var (inputSide, hiddenSide, inputs) = pass.gruBackward(tape, hiddenWeight: hiddenWeight.data,
                                                                   output: grads[0], hidden: grads[1])
            pass.closingGradients(x: x.data, inputWeight: inputWeight.data, before: tape.before,
                                  inputSide: inputSide, hiddenSide: hiddenSide, needs: needs, into: &inputs)
            ScratchBuffers.give(inputSide)
            ScratchBuffers.give(hiddenSide)
            (inputSide, hiddenSide) = ([], [])
            inputs.deliver(x: x, inputWeight: inputWeight, hiddenWeight: hiddenWeight, inputBias: inputBias,
                             hiddenBias: hiddenBias, hidden: hidden, cell: nil)
        }
        return (results[0], results[1])
    }
}

/// What the GRU forward pass keeps for the backward pass.
final class GRUTape {
    /// `r, z, n`, `[B, T, 3H]`.
    let gates: [Scalar]
    /// `hₜ₋₁`, `[B, T, H]`.
    let before: [Scalar]
    /// `hₜ₋₁·W_hn + b_hn`, `[B, T, H]`.
    let hiddenCandidate: [Scalar]

    init(gates: [Scalar], before: [Scalar], hiddenCandidate: [Scalar]) {
        self.gates = gates
        self.before = before
        self.hiddenCandidate = hiddenCandidate
    }

    deinit { ScratchBuffers.give(gates) }
}

extension Recurrence {
    func gruForward(x: [Scalar], inputWeight: [Scalar], hiddenWeight: [Scalar], inputBias: [Scalar],
                    hiddenBias: [Scalar], hidden h0: [Scalar]?, recording: Bool)
        -> (output: [Scalar], hidden: [Scalar], tape: GRUTape?) {
        let (b, t, h, w) = (batch, steps, hidden, width)
        var gates = inputProjection(x, inputWeight)
        var state = h0 ?? zeroBuffer(b * h)
        var scratch = makeBuffer(b * w) { _ in }        // hₜ₋₁·W_hh of one step
        var output = makeBuffer(b * t * h) { _ in }
        var before = recording ? makeBuffer(b * t * h) { _ in } : []
        var candidate = recording ? makeBuffer(b * t * h) { _ in } : []
        gates.withUnsafeMutableBufferPointer { pg in
        state.withUnsafeMutableBufferPointer { ph in
        scratch.withUnsafeMutableBufferPointer { pq in
        output.withUnsafeMutableBufferPointer { po in
        before.withUnsafeMutableBufferPointer { pbefore in
        candidate.withUnsafeMutableBufferPointer { pcand in
        hiddenWeight.withUnsafeBufferPointer { pw in
        inputBias.withUnsafeBufferPointer { pbi in
        hiddenBias.withUnsafeBufferPointer { pbh in
            guard let g = pg.baseAddress, let hs = ph.baseAddress, let q = pq.baseAddress, let out = po.baseAddress,
                  let whh = pw.baseAddress, let bi = pbi.baseAddress, let bh = pbh.baseAddress else { return }
            // (an empty array's buffer has a base address too: test `recording`)
            let (keepBefore, keepCandidate) = recording ? (pbefore.baseAddress, pcand.baseAddress) : (nil, nil)
            let parts = rowParts(rows: b, width: w)
            for k in 0..<t {
                let s = time(k)
                if let keepBefore {
                    for row in 0..<b { copyFloats(keepBefore + (row * t + s) * h, hs + row * h, h) }
                }
                gemm(hs, lda: h, transposeA: false, whh, ldb: w, transposeB: false,
                     q, ldc: w, m: b, n: w, k: h, beta: 0)
                forEachPart(parts, rows: b) { _, rows in
                    for row in rows {
                        let r = row * t + s
                        if let flags, !flags[r] {
                            (out + r * h).update(repeating: 0, count: h)
                            if let keepCandidate { (keepCandidate + r * h).update(repeating: 0, count: h) }
                            continue
                        }
                        gruCellForward(gates: g + r * w, hiddenGates: q + row * w, inputBias: bi, hiddenBias: bh,
                                       hidden: hs + row * h, output: out + r * h,
                                       candidate: keepCandidate.map { $0 + r * h }, h)
                    }
                }
            }
        }}}}}}}}}
        guard recording else {
            ScratchBuffers.give(gates)
            return (output, state, nil)
        }
        return (output, state, GRUTape(gates: gates, before: before, hiddenCandidate: candidate))
    }

    /// The backward pass through time: `∂P` (the gradient of `x·W_ih + b_ih`) and `∂Q` (of
    /// `h·W_hh + b_hh`), both `[B, T, 3H]`, which differ in the `n` block by the factor `r`,
    /// their column sums (the bias gradients) and `∂h₀`.
    func gruBackward(_ tape: GRUTape, hiddenWeight: [Scalar], output dOutput: [Scalar]?, hidden dFinal: [Scalar]?)
        -> (inputSide: [Scalar], hiddenSide: [Scalar], inputs: RecurrentGradients) {
        let (b, t, h, w) = (batch, steps, hidden, width)
        var dh = dFinal ?? zeroBuffer(b * h)
        var dInput = ScratchBuffers.take(b * t * w)      // every row is written below
        var dHidden = ScratchBuffers.take(b * t * w)
        let parts = rowParts(rows: b, width: w)
        var dInputBias = zeroBuffer(parts * w), dHiddenBias = zeroBuffer(parts * w)   // per part, summed at the end
        dInput.withUnsafeMutableBufferPointer { pdp in
        dHidden.withUnsafeMutableBufferPointer { pdq in
        dh.withUnsafeMutableBufferPointer { pdh in
        dInputBias.withUnsafeMutableBufferPointer { pdbi in
        dHiddenBias.withUnsafeMutableBufferPointer { pdbh in
        tape.gates.withUnsafeBufferPointer { pg in
        tape.before.withUnsafeBufferPointer { pbefore in
        tape.hiddenCandidate.withUnsafeBufferPointer { pcand in
        (dOutput ?? []).withUnsafeBufferPointer { pdo in
        hiddenWeight.withUnsafeBufferPointer { pw in
            guard let dp = pdp.baseAddress, let dq = pdq.baseAddress, let dhs = pdh.baseAddress,
                  let dbi = pdbi.baseAddress, let dbh = pdbh.baseAddress, let gates = pg.baseAddress,
                  let before = pbefore.baseAddress, let cand = pcand.baseAddress, let whh = pw.baseAddress
            else { return }
            let dOut = dOutput == nil ? nil : pdo.baseAddress
            for k in stride(from: t - 1, through: 0, by: -1) {
                let s = time(k)
                forEachPart(parts, rows: b) { part, rows in
                    for row in rows {
                        let r = row * t + s
                        if let flags, !flags[r] {
                            (dp + r * w).update(repeating: 0, count: w)
                            (dq + r * w).update(repeating: 0, count: w)
                            continue
                        }
                        gruCellBackward(gates: gates + r * w, previous: before + r * h, candidate: cand + r * h,
                                        dOutput: dOut.map { $0 + r * h }, dHidden: dhs + row * h,
                                        dInput: dp + r * w, dHiddenGates: dq + r * w,
                                        dInputBias: dbi + part * w, dHiddenBias: dbh + part * w, h)
                    }
                }
                // ∂hₜ₋₁ += ∂Qₜ·W_hhᵀ (padded rows of ∂Qₜ are 0 and their ∂h passes through)
                gemm(dq + s * w, lda: t * w, transposeA: false, whh, ldb: w, transposeB: true,
                     dhs, ldc: h, m: b, n: h, k: w, beta: 1)
            }
        }}}}}}}}}}
        var (inputBias, hiddenBias) = (zeroBuffer(w), zeroBuffer(w))
        for p in 0..<parts {
            for j in 0..<w {
                inputBias[j] += dInputBias[p * w + j]
                hiddenBias[j] += dHiddenBias[p * w + j]
            }
        }
        return (dInput, dHidden, RecurrentGradients(inputBias: inputBias, hiddenBias: hiddenBias, hidden: dh))
    }
}

/// One row of one GRU step: `gates` holds `x·W_ih` (without bias) and receives `r z n`;
/// `hiddenGates` holds `h·W_hh` (without bias); `hidden` is updated in place and `output`
/// receives it; `candidate`, if given, receives `h·W_hn + b_hn`.
@inline(__always)
func gruCellForward(gates: UnsafeMutablePointer<Scalar>, hiddenGates: UnsafePointer<Scalar>,
                    inputBias: UnsafePointer<Scalar>, hiddenBias: UnsafePointer<Scalar>,
                    hidden: UnsafeMutablePointer<Scalar>, output: UnsafeMutablePointer<Scalar>,
                    candidate: UnsafeMutablePointer<Scalar>?, _ h: Int) {
    var j = 0
    while j < h {
        let n = Swift.min(8, h - j)
        @inline(__always) func load(_ p: UnsafePointer<Scalar>) -> Scalar8 { n == 8 ? p.load8(j) : loadPartial(p + j, n) }
        @inline(__always) func store(_ v: Scalar8, _ p: UnsafeMutablePointer<Scalar>) {
            if n == 8 { p.store8(v, j) } else { storePartial(v, p + j, n) }
        }
        let r = VectorMath.sigmoid(load(gates) + load(inputBias) + load(hiddenGates) + load(hiddenBias))
        let z = VectorMath.sigmoid(load(gates + h) + load(inputBias + h) + load(hiddenGates + h) + load(hiddenBias + h))
        let hn = load(hiddenGates + 2 * h) + load(hiddenBias + 2 * h)
        let c = VectorMath.tanh(load(gates + 2 * h) + load(inputBias + 2 * h) + r * hn)
        let y = c + z * (load(hidden) - c)
        store(r, gates); store(z, gates + h); store(c, gates + 2 * h)
        if let candidate { store(hn, candidate) }
        store(y, hidden); store(y, output)
        j += n
    }
}

/// One row of one GRU step backwards. On entry `dHidden` holds `∂L/∂hₜ` from the later steps
/// (`dOutput` is added here); on exit it holds the direct part `∂L/∂hₜ ⊙ z` of `∂L/∂hₜ₋₁`, to
/// which the `gemm` adds `∂Qₜ·W_hhᵀ`. `dInput`, `dHiddenGates` receive `∂Pₜ`, `∂Qₜ`, also added
/// to the bias gradients.
@inline(__always)
func gruCellBackward(gates: UnsafePointer<Scalar>, previous: UnsafePointer<Scalar>, candidate: UnsafePointer<Scalar>,
                     dOutput: UnsafePointer<Scalar>?, dHidden: UnsafeMutablePointer<Scalar>,
                     dInput: UnsafeMutablePointer<Scalar>, dHiddenGates: UnsafeMutablePointer<Scalar>,
                     dInputBias: UnsafeMutablePointer<Scalar>, dHiddenBias: UnsafeMutablePointer<Scalar>, _ h: Int) {
    let one = Scalar8(repeating: 1)
    var j = 0
    while j < h {
        let n = Swift.min(8, h - j)
        @inline(__always) func load(_ p: UnsafePointer<Scalar>) -> Scalar8 { n == 8 ? p.load8(j) : loadPartial(p + j, n) }
        @inline(__always) func store(_ v: Scalar8, _ p: UnsafeMutablePointer<Scalar>) {
            if n == 8 { p.store8(v, j) } else { storePartial(v, p + j, n) }
        }
        let (r, z, c) = (load(gates), load(gates + h), load(gates + 2 * h))
        var dy = load(dHidden)
        if let dOutput { dy += load(dOutput) }
        let dn = dy * (one - z) * (one - c * c)
        let dz = dy * (load(previous) - c) * z * (one - z)
        let dr = dn * load(candidate) * r * (one - r)
        let dnHidden = dn * r
        store(dr, dInput); store(dz, dInput + h); store(dn, dInput + 2 * h)
        store(dr, dHiddenGates); store(dz, dHiddenGates + h); store(dnHidden, dHiddenGates + 2 * h)
        store(load(dInputBias) + dr, dInputBias); store(load(dInputBias + h) + dz, dInputBias + h)
        store(load(dInputBias + 2 * h) + dn, dInputBias + 2 * h)
        store(load(dHiddenBias) + dr, dHiddenBias); store(load(dHiddenBias + h) + dz, dHiddenBias + h)
        store(load(dHiddenBias + 2 * h) + dnHidden, dHiddenBias + 2 * h)
        store(dy * z, dHidden)
        j += n
    }
}
