import Randomness

/// Inverted dropout: in training mode each element is kept with probability `1 − p` and scaled
/// by `1/(1 − p)` (so the expectation is unchanged), zeroed otherwise; identity in evaluation
/// mode. The mask is drawn from the layer's own seeded generator, one `uniformUnit()` per
/// element, so a run is reproducible for a given seed and call sequence.
public final class Dropout: Layer {
    public let probability: Float
    public var isTraining = true
    private var generator: Xoshiro256StarStar

    public init(_ probability: Float, seed: UInt64) {
        precondition(probability >= 0 && probability < 1, "Dropout: p must be in [0, 1)")
        self.probability = probability
        generator = Xoshiro256StarStar(seed: seed)
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        guard isTraining, probability > 0 else { return x }
        let keep = Double(1 - probability), scale = 1 / Float(keep)
        var mask = [Float](repeating: 0, count: x.count)
        for i in 0..<mask.count where generator.uniformUnit() < keep { mask[i] = scale }
        return x * Tensor(mask, shape: x.shape)
    }
}
