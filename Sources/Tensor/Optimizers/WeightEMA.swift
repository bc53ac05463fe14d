/// Exponential moving average of parameters (Polyak averaging):
/// `shadow ← decay·shadow + (1 − decay)·p` after each ``update()``; the shadow starts as a copy
/// of the parameters. ``swap()`` exchanges the parameters' values with the shadow (call it once
/// to evaluate with the averaged weights, again to resume training).
public final class WeightEMA {
    public let parameters: [Tensor]
    public let decay: Float
    public private(set) var shadow: [[Float]]

    public init(_ parameters: [Tensor], decay: Float = 0.999) {
        precondition(decay >= 0 && decay <= 1, "WeightEMA: decay must be in [0, 1]")
        self.parameters = parameters
        self.decay = decay
        shadow = parameters.map(\.data)
    }

    public func update() {
        for (k, p) in parameters.enumerated() {
            for i in 0..<p.count { shadow[k][i] = decay * shadow[k][i] + (1 - decay) * p.data[i] }
        }
    }

    public func swap() {
        for (k, p) in parameters.enumerated() {
            let current = p.data
            p.data = shadow[k]
            shadow[k] = current
        }
    }
}
