/// Which time steps of a batch of sequences `[B, T, …]` are real and which are padding, for the
/// recurrent ops (``Tensor/lstm(_:inputWeight:hiddenWeight:inputBias:hiddenBias:hidden:cell:mask:reversed:)``,
/// ``Tensor/gru(_:inputWeight:hiddenWeight:inputBias:hiddenBias:hidden:mask:reversed:)``) and the layers over them.
///
/// At a padded step a recurrence keeps its state unchanged and outputs zero; the gradient
/// reaching a padded output is ignored (the output is a constant). For lengths this is exactly
/// what PyTorch's packed sequences give: the output past a sequence's length is zero (as
/// `pad_packed_sequence` pads it) and the final state is the one after the last real step, and a
/// reversed pass starts at each sequence's last real step. A general mask (not a prefix) is
/// allowed too: its padded steps are skipped wherever they are.
public enum SequenceMask: Sendable, Equatable {
    /// Sequence `b` is its first `lengths[b]` steps (`0 ≤ lengths[b] ≤ T`, one per batch row).
    case lengths([Int])
    /// `valid[b·T + t]` tells whether step `t` of sequence `b` is real (`B·T` flags, row-major).
    case valid([Bool])

    /// A `[B, T]` tensor of 0/1 (any nonzero value counts as real), as the mask of a batch.
    public init(_ mask: Tensor) {
        precondition(mask.rank == 2, "SequenceMask: a [B, T] mask expected, got \(mask.shape)")
        self = .valid(mask.data.map { $0 != 0 })
    }

    /// The `B·T` real-step flags for a batch of `batch` sequences of `steps` steps, or `nil`
    /// when every step is real (the ops then skip the per-row test).
    func flags(batch: Int, steps: Int) -> [Bool]? {
        switch self {
        case .lengths(let lengths):
            precondition(lengths.count == batch, "SequenceMask: \(lengths.count) lengths for a batch of \(batch)")
            precondition(lengths.allSatisfy { $0 >= 0 && $0 <= steps },
                         "SequenceMask: lengths \(lengths) outside 0…\(steps)")
            if lengths.allSatisfy({ $0 == steps }) { return nil }
            var flags = [Bool](repeating: false, count: batch * steps)
            for (b, n) in lengths.enumerated() {
                for t in 0..<n { flags[b * steps + t] = true }
            }
            return flags
        case .valid(let flags):
            precondition(flags.count == batch * steps,
                         "SequenceMask: \(flags.count) flags for a batch of \(batch) sequences of \(steps) steps")
            return flags.allSatisfy { $0 } ? nil : flags
        }
    }
}
