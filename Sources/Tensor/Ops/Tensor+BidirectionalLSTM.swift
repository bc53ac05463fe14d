import Dispatch

/// The weights and initial state of one direction of a bidirectional LSTM (see
/// ``Tensor/lstm(_:inputWeight:hiddenWeight:inputBias:hiddenBias:hidden:cell:mask:reversed:)``).
struct LSTMDirection {
    let inputWeight: Tensor, hiddenWeight: Tensor
    let inputBias: Tensor?, hiddenBias: Tensor?
    let hidden: Tensor?, cell: Tensor?

    var parents: [Tensor] { [inputWeight, hiddenWeight] + [inputBias, hiddenBias, hidden, cell].compactMap { $0 } }
}

extension Tensor {
    /// Both directions of a bidirectional LSTM over the same `x` `[B, T, F]` as one primitive:
    /// exactly ``lstm(_:inputWeight:hiddenWeight:inputBias:hiddenBias:hidden:cell:mask:reversed:)``
    /// reading forwards with `forward`'s weights and backwards with `backward`'s, but the two
    /// passes run at the same time on two threads, and so do their backpropagations through time
    /// (``concurrently(_:_:)``). Each direction's work is a chain of small steps (one `[B, H]·[H, 4H]`
    /// product per step) that OpenBLAS cannot spread over two cores well; two independent chains
    /// can. Returns each direction's `(output, hidden, cell)`.
    static func bidirectionalLSTM(_ x: Tensor, forward: LSTMDirection, backward: LSTMDirection,
                                  mask: SequenceMask?) -> [(output: Tensor, hidden: Tensor, cell: Tensor)] {
        precondition(x.rank == 3, "lstm: input [B, T, F] expected, got \(x.shape)")
        let directions = [forward, backward]
        for d in directions {
            precondition(d.hiddenWeight.rank == 2 && d.hiddenWeight.shape[0] > 0,
                         "lstm: hidden weight [H, 4H] with H > 0 expected, got \(d.hiddenWeight.shape)")
        }
        let (batch, steps) = (x.shape[0], x.shape[1])
        let flags = mask?.flags(batch: batch, steps: steps)
        let passes = directions.enumerated().map { k, d in
            Recurrence(batch: batch, steps: steps, features: x.shape[2], hidden: d.hiddenWeight.shape[0],
                       width: 4 * d.hiddenWeight.shape[0], reversed: k == 1, flags: flags)
        }
        for (pass, d) in zip(passes, directions) {
            pass.check("lstm", inputWeight: d.inputWeight, hiddenWeight: d.hiddenWeight,
                       biases: [d.inputBias, d.hiddenBias], states: [d.hidden, d.cell])
        }
        let parents = [x] + forward.parents + backward.parents
        let recording = GradMode.isEnabled && parents.contains(where: \.requiresGrad)
        func run(_ k: Int) -> (output: [Scalar], hidden: [Scalar], cell: [Scalar], tape: LSTMTape?) {
            let d = directions[k]
            return passes[k].lstmForward(x: x.data, inputWeight: d.inputWeight.data, hiddenWeight: d.hiddenWeight.data,
                                         bias: passes[k].combinedBias([d.inputBias, d.hiddenBias]),
                                         hidden: d.hidden?.data, cell: d.cell?.data, recording: recording)
        }
        let (ahead, behind) = concurrently({ run(0) }, { run(1) })
        let runs = [ahead, behind]
        var results: [(data: [Scalar], shape: [Int])] = []
        for (pass, r) in zip(passes, runs) {
            results += [(r.output, [batch, steps, pass.hidden]), (r.hidden, [batch, pass.hidden]), (r.cell, [batch, pass.hidden])]
        }
        let tapes = runs.map(\.tape)
        let tensors = primitives(results, parents: parents) { grads in
            func gradients(_ k: Int) -> RecurrentGradients? {
                guard let tape = tapes[k] else { return nil }
                let d = directions[k]
                return passes[k].lstmGradients(tape, x: x, inputWeight: d.inputWeight, hiddenWeight: d.hiddenWeight,
                                               output: grads[3 * k], hidden: grads[3 * k + 1], cell: grads[3 * k + 2])
            }
            let (first, second) = concurrently({ gradients(0) }, { gradients(1) })
            // Delivered one after the other: both add into ∂x.
            for (inputs, d) in zip([first, second], directions) {
                inputs?.deliver(x: x, inputWeight: d.inputWeight, hiddenWeight: d.hiddenWeight, inputBias: d.inputBias,
                                hiddenBias: d.hiddenBias, hidden: d.hidden, cell: d.cell)
            }
        }
        return [(tensors[0], tensors[1], tensors[2]), (tensors[3], tensors[4], tensors[5])]
    }
}

/// `(a(), b())`, computed at the same time on two threads when OpenBLAS may use two or more
/// threads, one after the other otherwise (`OPENBLAS_NUM_THREADS=1` keeps a process on one core).
/// Each of the two runs its BLAS calls on one OpenBLAS thread (``BLAS/singleThreaded(_:)``) and its
/// fused row loops in one part (``RowParts/limit``), since the other has the second core.
/// `a` and `b` must not share mutable state.
func concurrently<A, B>(_ a: () -> A, _ b: () -> B) -> (A, B) {
    guard BLAS.threadCount >= 2 else { return (a(), b()) }
    let results = PairResults<A, B>()
    BLAS.singleThreaded {
        withoutActuallyEscaping(a) { a in
            withoutActuallyEscaping(b) { b in
                // The closures only read shared inputs and write their own result.
                let work = UncheckedSendable((a, b))
                DispatchQueue.concurrentPerform(iterations: 2) { i in
                    RowParts.$limit.withValue(1) {
                        if i == 0 { results.first = work.value.0() } else { results.second = work.value.1() }
                    }
                }
            }
        }
    }
    guard let first = results.first, let second = results.second else { preconditionFailure("concurrently: both bodies have run") }
    return (first, second)
}

/// The two results of ``concurrently(_:_:)``, each written by one thread.
private final class PairResults<A, B>: @unchecked Sendable {
    var first: A?
    var second: B?
}
