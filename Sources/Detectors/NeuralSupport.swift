import Tensor

/// A detector that trains for epochs and can report each one (`toolkit detect` draws a
/// progress line from it on stderr).
public protocol ReportsTraining {
    var onEpoch: (@Sendable (_ epoch: Int, _ epochs: Int, _ loss: Double) -> Void)? { get set }
}

extension ReportsTraining {
    /// ``onEpoch`` as it is now, as a closure that does nothing when it is unset (taken before
    /// training, so that the training closures do not capture the detector).
    var progressReport: @Sendable (_ epoch: Int, _ epochs: Int, _ loss: Double) -> Void {
        let report = onEpoch
        return { report?($0, $1, $2) }
    }

    /// Training hooks that report each epoch (or step) to ``onEpoch``; a detector adds its own hooks.
    var trainingHooks: TrainingHooks { TrainingHooks(progress: progressReport) }
}

extension Matrix {
    /// The values as a Float32 `[rows, columns]` tensor (no gradient).
    func tensor() -> Tensor {
        Tensor(values.map { Float($0) }, shape: [rows, columns])
    }
}

/// Scores `x` in blocks of rows with gradients off.
func blockScores(_ x: Matrix, block: Int = 4096, _ score: (Tensor) -> [Float]) -> [Double] {
    var out: [Double] = []
    out.reserveCapacity(x.rows)
    var start = 0
    while start < x.rows {
        let end = min(start + block, x.rows)
        let part = Tensor(x.values[start * x.columns..<end * x.columns].map { Float($0) }, shape: [end - start, x.columns])
        out.append(contentsOf: Tensor.noGrad { score(part) }.map(Double.init))
        start = end
    }
    return out
}
