/// Exponential moving average of parameters (Polyak averaging):
/// `shadow ← decay·shadow + (1 − decay)·p` after each ``update()``; the shadow starts as a copy
/// of the parameters. ``swap()`` exchanges the parameters' values with the shadow (call it once
/// to evaluate with the averaged weights, again to resume training).
public final class WeightEMA: HasParameterState {
    public let parameters: [Tensor]
    public let decay: Scalar
    public private(set) var shadow: [[Scalar]]

    public init(_ parameters: [Tensor], decay: Scalar = 0.999) {
        precondition(decay >= 0 && decay <= 1, "WeightEMA: decay must be in [0, 1]")
        self.parameters = parameters
        self.decay = decay
        shadow = parameters.map(\.data)
    }

    public func update() {
        let d = decay
        for (k, p) in parameters.enumerated() {
            shadow[k].withUnsafeMutableBufferPointer { sb in
                p.data.withUnsafeBufferPointer { pb in
                    for i in 0..<sb.count { sb[i] = d * sb[i] + (1 - d) * pb[i] }
                }
            }
        }
    }

    /// The shadow weights as state `shadow` of each parameter.
    public func parameterStates() -> [ParameterState] {
        shadow.map { ParameterState(arrays: ["shadow": $0]) }
    }

    public func loadParameterStates(_ states: [ParameterState]) throws(StateDictError) {
        try validate(states, arrays: ["shadow"], counters: [])
        for (k, state) in states.enumerated() { shadow[k] = state.arrays["shadow"] ?? parameters[k].data }
    }

    public func swap() {
        for (k, p) in parameters.enumerated() {
            let current = p.data
            p.data = shadow[k]
            shadow[k] = current
        }
    }
}
