extension Tensor {
    /// A long short-term memory layer (Hochreiter & Schmidhuber 1997) over a batch of sequences,
    /// as one primitive with its own backpropagation through time: PyTorch's `torch.nn.LSTM`
    /// (one layer, one direction, `batch_first=True`) with its gate order `i f g o`:
    ///
    ///     [aᵢ a_f a_g aₒ] = xₜ·W_ih + b_ih + hₜ₋₁·W_hh + b_hh        (blocks of H columns)
    ///     cₜ = σ(a_f)⊙cₜ₋₁ + σ(aᵢ)⊙tanh(a_g),   hₜ = σ(aₒ)⊙tanh(cₜ)
    ///
    /// - Parameters:
    ///   - x: `[B, T, F]`, batch first.
    ///   - inputWeight: `W_ih`, `[F, 4H]` (PyTorch's `weight_ih_l0` is its transpose, `[4H, F]`).
    ///   - hiddenWeight: `W_hh`, `[H, 4H]` (the transpose of `weight_hh_l0`).
    ///   - inputBias, hiddenBias: `b_ih`, `b_hh`, `[4H]` each (`bias_ih_l0`, `bias_hh_l0`), or `nil`.
    ///   - hidden, cell: the initial state `h₀`, `c₀`, `[B, H]` each; `nil` for zeros.
    ///   - mask: padded steps keep the state and output zero (see ``SequenceMask``).
    ///   - reversed: read the sequence from step `T − 1` down to 0 (the backward direction of a
    ///     bidirectional layer). The output stays aligned with the input: `output[:, t]` is the
    ///     state after reading steps `T−1…t`.
    /// - Returns: `output` `[B, T, H]` (`hₜ` at every real step, 0 at padded ones) and the final
    ///   state `hidden`, `cell` `[B, H]` (after each sequence's last real step read).
    ///
    /// The work: the input projection of all steps is one `gemm` (`[B·T, F]·[F, 4H]`); each step
    /// is one `gemm` `hₜ₋₁·W_hh` accumulated into that step's gate rows and one fused pass that
    /// adds the biases, applies the activations (vectorised, see `VectorMath`) and updates `c` and
    /// `h` in place. The backward pass runs the recurrence backwards with one fused pass and one
    /// `gemm` (`∂aₜ·W_hhᵀ`) per step, then takes `∂W_hh = Σₜ hₜ₋₁ᵀ·∂aₜ`, `∂W_ih = xᵀ·∂a` and
    /// `∂x = ∂a·W_ihᵀ` as one `gemm` each over all `B·T` rows. Kept for it (only when a graph is
    /// recorded): the activated gates `[B, T, 4H]` and the states `hₜ₋₁`, `cₜ` (`[B, T, H]` each).
    public static func lstm(_ x: Tensor, inputWeight: Tensor, hiddenWeight: Tensor,
                            inputBias: Tensor? = nil, hiddenBias: Tensor? = nil,
                            hidden: Tensor? = nil, cell: Tensor? = nil,
                            mask: SequenceMask? = nil, reversed: Bool = false)
        -> (output: Tensor, hidden: Tensor, cell: Tensor) {
        precondition(x.rank == 3, "lstm: input [B, T, F] expected, got \(x.shape)")
        precondition(hiddenWeight.rank == 2 && hiddenWeight.shape[0] > 0,
                     "lstm: hidden weight [H, 4H] with H > 0 expected, got \(hiddenWeight.shape)")
        let (batch, steps, h) = (x.shape[0], x.shape[1], hiddenWeight.shape[0])
        let pass = Recurrence(batch: batch, steps: steps, features: x.shape[2], hidden: h, width: 4 * h,
                              reversed: reversed, flags: mask?.flags(batch: batch, steps: steps))
        pass.check("lstm", inputWeight: inputWeight, hiddenWeight: hiddenWeight,
                   biases: [inputBias, hiddenBias], states: [hidden, cell])
        let parents = [x, inputWeight, hiddenWeight] + [inputBias, hiddenBias, hidden, cell].compactMap { $0 }
        let recording = GradMode.isEnabled && parents.contains(where: \.requiresGrad)
        let run = pass.lstmForward(x: x.data, inputWeight: inputWeight.data, hiddenWeight: hiddenWeight.data,
                                   bias: pass.combinedBias([inputBias, hiddenBias]),
                                   hidden: hidden?.data, cell: cell?.data, recording: recording)
        let tape = run.tape
        let results = primitives([(run.output, [batch, steps, h]), (run.hidden, [batch, h]), (run.cell, [batch, h])],
                                 parents: parents) { grads in
            guard let tape else { return }
            pass.lstmGradients(tape, x: x, inputWeight: inputWeight, hiddenWeight: hiddenWeight,
                               output: grads[0], hidden: grads[1], cell: grads[2])
                .deliver(x: x, inputWeight: inputWeight, hiddenWeight: hiddenWeight, inputBias: inputBias,
                         hiddenBias: hiddenBias, hidden: hidden, cell: cell)
        }
        return (results[0], results[1], results[2])
    }
}

/// What the LSTM forward pass keeps for the backward pass.
final class LSTMTape {
    /// `σ(aᵢ), σ(a_f), tanh(a_g), σ(aₒ)`, `[B, T, 4H]`.
    let gates: [Scalar]
    /// `hₜ₋₁`, the state before each step, `[B, T, H]`.
    let before: [Scalar]
    /// `cₜ`, the cell after each step (kept at padded steps), `[B, T, H]`.
    let cells: [Scalar]
    /// `c₀`, `[B, H]`.
    let initialCell: [Scalar]

    init(gates: [Scalar], before: [Scalar], cells: [Scalar], initialCell: [Scalar]) {
        self.gates = gates
        self.before = before
        self.cells = cells
        self.initialCell = initialCell
    }

    deinit { ScratchBuffers.give(gates) }
}

extension Recurrence {
    /// Every input's gradient from the results' (`nil` for a result no gradient reached):
    /// backpropagation through time, then the products over all steps (not yet delivered).
    func lstmGradients(_ tape: LSTMTape, x: Tensor, inputWeight: Tensor, hiddenWeight: Tensor,
                       output: [Scalar]?, hidden: [Scalar]?, cell: [Scalar]?) -> RecurrentGradients {
        let needs = Needs(x: x, inputWeight: inputWeight, hiddenWeight: hiddenWeight)
        var (dGates, dBias, inputs) = lstmBackward(tape, hiddenWeight: hiddenWeight.data, output: output, hidden: hidden, cell: cell)
        closingGradients(x: x.data, inputWeight: inputWeight.data, before: tape.before,
                         inputSide: dGates, hiddenSide: dGates, needs: needs, into: &inputs)
        ScratchBuffers.give(dGates)
        dGates = []
        inputs.inputBias = dBias
        inputs.hiddenBias = dBias
        return inputs
    }

    func lstmForward(x: [Scalar], inputWeight: [Scalar], hiddenWeight: [Scalar], bias: [Scalar],
                     hidden h0: [Scalar]?, cell c0: [Scalar]?, recording: Bool)
        -> (output: [Scalar], hidden: [Scalar], cell: [Scalar], tape: LSTMTape?) {
        let (b, t, h, w) = (batch, steps, hidden, width)
        var gates = inputProjection(x, inputWeight)
        var state = h0 ?? zeroBuffer(b * h)
        var cell = c0 ?? zeroBuffer(b * h)
        let initialCell = recording ? cell : []
        var output = makeBuffer(b * t * h) { _ in }     // every row is written below
        var before = recording ? makeBuffer(b * t * h) { _ in } : []
        var cells = recording ? makeBuffer(b * t * h) { _ in } : []
        gates.withUnsafeMutableBufferPointer { pg in
        state.withUnsafeMutableBufferPointer { ph in
        cell.withUnsafeMutableBufferPointer { pc in
        output.withUnsafeMutableBufferPointer { po in
        before.withUnsafeMutableBufferPointer { pbefore in
        cells.withUnsafeMutableBufferPointer { pcells in
        hiddenWeight.withUnsafeBufferPointer { pw in
        bias.withUnsafeBufferPointer { pbias in
            guard let g = pg.baseAddress, let hs = ph.baseAddress, let cs = pc.baseAddress,
                  let out = po.baseAddress, let whh = pw.baseAddress, let bb = pbias.baseAddress else { return }
            // (an empty array's buffer has a base address too: test `recording`)
            let (keepBefore, keepCells) = recording ? (pbefore.baseAddress, pcells.baseAddress) : (nil, nil)
            let parts = rowParts(rows: b, width: w)
            for k in 0..<t {
                let s = time(k)
                if let keepBefore {
                    for row in 0..<b { copyFloats(keepBefore + (row * t + s) * h, hs + row * h, h) }
                }
                gemm(hs, lda: h, transposeA: false, whh, ldb: w, transposeB: false,
                     g + s * w, ldc: t * w, m: b, n: w, k: h, beta: 1)
                forEachPart(parts, rows: b) { _, rows in
                    for row in rows {
                        let r = row * t + s
                        if let flags, !flags[r] {
                            (out + r * h).update(repeating: 0, count: h)
                        } else {
                            lstmCellForward(gates: g + r * w, bias: bb, hidden: hs + row * h, cell: cs + row * h,
                                            output: out + r * h, h)
                        }
                        if let keepCells { copyFloats(keepCells + r * h, cs + row * h, h) }
                    }
                }
            }
        }}}}}}}}
        guard recording else {
            ScratchBuffers.give(gates)
            return (output, state, cell, nil)
        }
        return (output, state, cell, LSTMTape(gates: gates, before: before, cells: cells, initialCell: initialCell))
    }

    /// The backward pass through time: `∂a` `[B, T, 4H]` (the gradient of the pre-activations,
    /// also that of each bias), its column sums, and `∂h₀`, `∂c₀`.
    func lstmBackward(_ tape: LSTMTape, hiddenWeight: [Scalar], output dOutput: [Scalar]?,
                      hidden dFinal: [Scalar]?, cell dFinalCell: [Scalar]?)
        -> (gates: [Scalar], bias: [Scalar], inputs: RecurrentGradients) {
        let (b, t, h, w) = (batch, steps, hidden, width)
        var dh = dFinal ?? zeroBuffer(b * h)
        var dc = dFinalCell ?? zeroBuffer(b * h)
        var dGates = ScratchBuffers.take(b * t * w)     // every row is written below
        let parts = rowParts(rows: b, width: w)
        var dBiasParts = zeroBuffer(parts * w)             // one bias gradient per part, summed at the end
        dGates.withUnsafeMutableBufferPointer { pd in
        dh.withUnsafeMutableBufferPointer { pdh in
        dc.withUnsafeMutableBufferPointer { pdc in
        dBiasParts.withUnsafeMutableBufferPointer { pdb in
        tape.gates.withUnsafeBufferPointer { pg in
        tape.cells.withUnsafeBufferPointer { pcells in
        tape.initialCell.withUnsafeBufferPointer { pc0 in
        (dOutput ?? []).withUnsafeBufferPointer { pdo in
        hiddenWeight.withUnsafeBufferPointer { pw in
            guard let dg = pd.baseAddress, let dhs = pdh.baseAddress, let dcs = pdc.baseAddress,
                  let db = pdb.baseAddress, let whh = pw.baseAddress, let gates = pg.baseAddress,
                  let cells = pcells.baseAddress, let c0 = pc0.baseAddress else { return }
            let dOut = dOutput == nil ? nil : pdo.baseAddress
            for k in stride(from: t - 1, through: 0, by: -1) {
                let s = time(k)
                let previous = k == 0 ? nil : Optional(time(k - 1))
                forEachPart(parts, rows: b) { part, rows in
                    for row in rows {
                        let r = row * t + s
                        if let flags, !flags[r] {
                            (dg + r * w).update(repeating: 0, count: w)
                            continue
                        }
                        lstmCellBackward(gates: gates + r * w, cell: cells + r * h,
                                         previousCell: previous.map { cells + (row * t + $0) * h } ?? c0 + row * h,
                                         dOutput: dOut.map { $0 + r * h },
                                         dHidden: dhs + row * h, dCell: dcs + row * h, dGates: dg + r * w,
                                         dBias: db + part * w, h)
                    }
                }
                // ∂hₜ₋₁ += ∂aₜ·W_hhᵀ (padded rows of ∂aₜ are 0 and their ∂h passes through)
                gemm(dg + s * w, lda: t * w, transposeA: false, whh, ldb: w, transposeB: true,
                     dhs, ldc: h, m: b, n: h, k: w, beta: 1)
            }
        }}}}}}}}}
        var dBias = zeroBuffer(w)
        for p in 0..<parts { for j in 0..<w { dBias[j] += dBiasParts[p * w + j] } }
        return (dGates, dBias, RecurrentGradients(hidden: dh, cell: dc))
    }
}

/// One row of one LSTM step: `gates` holds the four pre-activation blocks (without bias) and
/// receives their activations; `hidden` and `cell` are updated in place, `output` receives `h`.
@inline(__always)
func lstmCellForward(gates: UnsafeMutablePointer<Scalar>, bias: UnsafePointer<Scalar>,
                     hidden: UnsafeMutablePointer<Scalar>, cell: UnsafeMutablePointer<Scalar>,
                     output: UnsafeMutablePointer<Scalar>, _ h: Int) {
    var j = 0
    while j < h {
        let n = Swift.min(8, h - j)
        @inline(__always) func load(_ p: UnsafePointer<Scalar>) -> Scalar8 { n == 8 ? p.load8(j) : loadPartial(p + j, n) }
        @inline(__always) func store(_ v: Scalar8, _ p: UnsafeMutablePointer<Scalar>) {
            if n == 8 { p.store8(v, j) } else { storePartial(v, p + j, n) }
        }
        let i = VectorMath.sigmoid(load(gates) + load(bias))
        let f = VectorMath.sigmoid(load(gates + h) + load(bias + h))
        let g = VectorMath.tanh(load(gates + 2 * h) + load(bias + 2 * h))
        let o = VectorMath.sigmoid(load(gates + 3 * h) + load(bias + 3 * h))
        let c = f * load(cell) + i * g
        let y = o * VectorMath.tanh(c)
        store(i, gates); store(f, gates + h); store(g, gates + 2 * h); store(o, gates + 3 * h)
        store(c, cell); store(y, hidden); store(y, output)
        j += n
    }
}

/// One row of one LSTM step backwards. On entry `dHidden`, `dCell` hold `∂L/∂hₜ`, `∂L/∂cₜ` from
/// the later steps (`dOutput`, the gradient of this step's output, is added here); on exit
/// `dCell` holds `∂L/∂cₜ₋₁` and `dHidden` 0, ready for the `gemm` that adds `∂aₜ·W_hhᵀ`.
/// `dGates` receives `∂aₜ`, which is also added to `dBias`.
@inline(__always)
func lstmCellBackward(gates: UnsafePointer<Scalar>, cell: UnsafePointer<Scalar>, previousCell: UnsafePointer<Scalar>,
                      dOutput: UnsafePointer<Scalar>?, dHidden: UnsafeMutablePointer<Scalar>,
                      dCell: UnsafeMutablePointer<Scalar>, dGates: UnsafeMutablePointer<Scalar>,
                      dBias: UnsafeMutablePointer<Scalar>, _ h: Int) {
    let one = Scalar8(repeating: 1)
    var j = 0
    while j < h {
        let n = Swift.min(8, h - j)
        @inline(__always) func load(_ p: UnsafePointer<Scalar>) -> Scalar8 { n == 8 ? p.load8(j) : loadPartial(p + j, n) }
        @inline(__always) func store(_ v: Scalar8, _ p: UnsafeMutablePointer<Scalar>) {
            if n == 8 { p.store8(v, j) } else { storePartial(v, p + j, n) }
        }
        let (i, f, g, o) = (load(gates), load(gates + h), load(gates + 2 * h), load(gates + 3 * h))
        var dy = load(dHidden)
        if let dOutput { dy += load(dOutput) }
        let tc = VectorMath.tanh(load(cell))
        let dc = load(dCell) + dy * o * (one - tc * tc)
        let di = dc * g * i * (one - i)
        let df = dc * load(previousCell) * f * (one - f)
        let dg = dc * i * (one - g * g)
        let dO = dy * tc * o * (one - o)
        store(di, dGates); store(df, dGates + h); store(dg, dGates + 2 * h); store(dO, dGates + 3 * h)
        store(load(dBias) + di, dBias); store(load(dBias + h) + df, dBias + h)
        store(load(dBias + 2 * h) + dg, dBias + 2 * h); store(load(dBias + 3 * h) + dO, dBias + 3 * h)
        store(dc * f, dCell)
        store(Scalar8(), dHidden)
        j += n
    }
}
