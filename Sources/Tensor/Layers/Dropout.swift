import Randomness

/// Inverted dropout: in training mode each element is kept with probability `1 − p` and scaled
/// by `1/(1 − p)` (so the expectation is unchanged), zeroed otherwise; identity in evaluation
/// mode. The mask is drawn from the layer's own seeded generator, one `uniformUnit()` per
/// element, so a run is reproducible for a given seed and call sequence.
public final class Dropout: Layer {
    public let probability: Scalar
    public var isTraining = true
    private var generator: Xoshiro256StarStar

    public init(_ probability: Scalar, seed: UInt64) {
        precondition(probability >= 0 && probability < 1, "Dropout: p must be in [0, 1)")
        self.probability = probability
        generator = Xoshiro256StarStar(seed: seed)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        guard isTraining, probability > 0 else { return x }
        let keep = Double(1 - probability), scale = 1 / Scalar(keep)
        // `uniformUnit() < keep` is `m·2⁻⁵³ < keep` for the 53-bit draw m, that is
        // `m < ⌈keep·2⁵³⌉` exactly; the sign bit of `m − threshold` gives it without a branch
        // (the comparison is a coin flip the CPU cannot predict).
        let threshold = UInt64((keep * 0x1p53).rounded(.up))
        var mask = [Scalar](repeating: 0, count: x.count)
        mask.withUnsafeMutableBufferPointer { out in
            for i in 0..<out.count {
                let kept = ((generator.next() >> 11) &- threshold) >> 63
                out[i] = Scalar(kept) * scale
            }
        }
        return x * Tensor(mask, shape: x.shape)
    }
}
