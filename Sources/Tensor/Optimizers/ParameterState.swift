/// The state an optimizer (or a ``WeightEMA``) keeps for one parameter, in PyTorch's names
/// where it has them (`exp_avg`, `exp_avg_sq`, `max_exp_avg_sq`, `square_avg`, `grad_avg`,
/// `momentum_buffer`, `step`), so a ``Checkpoint`` can save it and training can resume exactly.
public struct ParameterState: Sendable, Equatable {
    /// Arrays laid out like the parameter.
    public var arrays: [String: [Scalar]]
    /// Counters (`step`).
    public var counters: [String: Int]

    public init(arrays: [String: [Scalar]] = [:], counters: [String: Int] = [:]) {
        self.arrays = arrays
        self.counters = counters
    }

    public var isEmpty: Bool { arrays.isEmpty && counters.isEmpty }
}

/// An object whose per-parameter state a ``Checkpoint`` saves beside the module: the optimizers
/// and ``WeightEMA``.
public protocol HasParameterState: AnyObject {
    var parameters: [Tensor] { get }
    /// One state per parameter, index-aligned with ``parameters`` (empty before the first step).
    func parameterStates() -> [ParameterState]
    /// Restores what ``parameterStates()`` returned; arrays must match the parameters' sizes.
    func loadParameterStates(_ states: [ParameterState]) throws(StateDictError)
}

extension HasParameterState {
    /// Checks `states` against the parameters: one per parameter, every array of the parameter's
    /// size, and only the keys in `arrays` / `counters`.
    func validate(_ states: [ParameterState], arrays known: Set<String>, counters knownCounters: Set<String>) throws(StateDictError) {
        guard states.count == parameters.count else {
            throw StateDictError("\(type(of: self)): \(states.count) parameter states for \(parameters.count) parameters")
        }
        for (k, state) in states.enumerated() {
            for (key, values) in state.arrays {
                guard known.contains(key) else { throw StateDictError("\(type(of: self)): unknown state '\(key)' of parameter \(k)") }
                guard values.count == parameters[k].count else {
                    throw StateDictError("\(type(of: self)): state '\(key)' of parameter \(k) has \(values.count) values for \(parameters[k].count)")
                }
            }
            for key in state.counters.keys where !knownCounters.contains(key) {
                throw StateDictError("\(type(of: self)): unknown counter '\(key)' of parameter \(k)")
            }
        }
    }
}
