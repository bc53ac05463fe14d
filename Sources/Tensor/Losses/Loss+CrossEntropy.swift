extension Loss {
    /// How a per-element loss becomes the returned tensor (PyTorch's `reduction`).
    public enum Reduction: Sendable {
        /// The per-element losses, shaped like the targets.
        case none
        /// Their weighted mean (see ``Loss/nllLoss(logProbabilities:targets:weights:ignoreIndex:reduction:)``).
        case mean
        /// Their sum.
        case sum
    }

    /// Cross-entropy of integer class targets under unnormalised `logits`, PyTorch's
    /// `F.cross_entropy(logits, targets, weight, ignore_index, reduction)`: the class axis is
    /// axis 1 of `[N, C]` or `[N, C, d₁, …]` (then `targets` holds `N·d₁·…` classes, row-major
    /// over `[N, d₁, …]`), or axis 0 of a single `[C]`. Composite:
    /// ``nllLoss(logProbabilities:targets:weights:ignoreIndex:reduction:)`` of
    /// ``Tensor/logSoftmax(axis:)``, so `loss = −w[yᵢ]·log softmax(xᵢ)[yᵢ]`, averaged as there.
    /// Probability targets and label smoothing are not supported.
    public static func crossEntropy(logits: Tensor, targets: [Int], weights: [Scalar]? = nil,
                                    ignoreIndex: Int = -100, reduction: Reduction = .mean) -> Tensor {
        precondition(logits.rank >= 1, "crossEntropy: logits must have a class axis, got \(logits.shape)")
        return nllLoss(logProbabilities: logits.logSoftmax(axis: logits.rank == 1 ? 0 : 1), targets: targets,
                       weights: weights, ignoreIndex: ignoreIndex, reduction: reduction)
    }

    /// Negative log-likelihood of integer class targets, PyTorch's `F.nll_loss`: with
    /// log-probabilities `p` (class axis 1 of `[N, C]` / `[N, C, d₁, …]`, or axis 0 of `[C]`),
    /// optional class weights `w` (`C` of them, default 1) and targets `yᵢ ∈ 0..<C`,
    ///
    /// - `lossᵢ = −w[yᵢ]·p[i, yᵢ]`, and `lossᵢ = 0` where `yᵢ == ignoreIndex` (PyTorch's default
    ///   −100, so padding marked −100 is skipped);
    /// - `.mean`: `Σᵢ lossᵢ / Σᵢ w[yᵢ]` over the targets not ignored (a weighted mean, not a mean
    ///   over `N`); NaN when every target is ignored (0/0, as PyTorch);
    /// - `.sum`: `Σᵢ lossᵢ`; `.none`: the `lossᵢ` shaped `[N, d₁, …]` (`[]` for a `[C]` input).
    ///
    /// A target outside `0..<C` that is not `ignoreIndex` stops the program with a message.
    /// Composite (no backward code): `p` times a constant `[N, C, …]` matrix holding `w[yᵢ]` at
    /// the target class, summed over the class axis, so the cost is one pass over `p`.
    public static func nllLoss(logProbabilities p: Tensor, targets: [Int], weights: [Scalar]? = nil,
                               ignoreIndex: Int = -100, reduction: Reduction = .mean) -> Tensor {
        precondition(p.rank >= 1, "nllLoss: log-probabilities must have a class axis, got \(p.shape)")
        let classAxis = p.rank == 1 ? 0 : 1
        let (n, c) = (p.rank == 1 ? 1 : p.shape[0], p.shape[classAxis])
        let d = p.shape.dropFirst(classAxis + 1).reduce(1, *)
        precondition(targets.count == n * d,
                     "nllLoss: \(targets.count) targets for log-probabilities \(p.shape) (expected \(n * d))")
        if let weights {
            precondition(weights.count == c, "nllLoss: \(weights.count) class weights for \(c) classes")
        }
        var selector = [Scalar](repeating: 0, count: p.count)
        var totalWeight: Scalar = 0
        for (t, y) in targets.enumerated() where y != ignoreIndex {
            precondition(y >= 0 && y < c, "nllLoss: target \(y) out of 0..<\(c) (ignoreIndex \(ignoreIndex))")
            let w = weights?[y] ?? 1
            selector[((t / d) * c + y) * d + t % d] = w
            totalWeight += w
        }
        let perElement = -(p * Tensor(selector, shape: p.shape)).sum(axis: classAxis)
        switch reduction {
        case .none: return perElement
        case .sum: return perElement.sum()
        case .mean: return perElement.sum() * (1 / totalWeight)
        }
    }
}
