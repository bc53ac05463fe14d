/// Why a state dict could not be loaded into a module or optimizer.
public struct StateDictError: Error, CustomStringConvertible, Sendable, Equatable {
    public var description: String
    public init(_ description: String) { self.description = description }
}

extension Module {
    /// The module's state as PyTorch's `state_dict()`: every parameter, then every buffer, under
    /// its dotted name. The tensors are the module's own (not copies).
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        namedParameters + namedBuffers
    }

    /// Copies `state` (name → shape and values) into the module's parameters and buffers, in
    /// place, so optimizers holding the tensors keep working. With `strict` (the default), a
    /// name the module lacks or a tensor of the module that `state` lacks is an error; a shape
    /// mismatch always is. Nothing is changed when an error is thrown.
    public func loadStateDict(_ state: [String: (shape: [Int], values: [Scalar])], strict: Bool = true) throws(StateDictError) {
        let own = stateDict()
        let names = Set(own.map(\.name))
        if strict {
            let missing = own.map(\.name).filter { state[$0] == nil }
            let unexpected = state.keys.filter { !names.contains($0) }.sorted()
            if !missing.isEmpty || !unexpected.isEmpty {
                var parts: [String] = []
                if !missing.isEmpty { parts.append("missing \(missing.joined(separator: ", "))") }
                if !unexpected.isEmpty { parts.append("unexpected \(unexpected.joined(separator: ", "))") }
                throw StateDictError("state dict does not match the module: " + parts.joined(separator: "; "))
            }
        }
        for (name, tensor) in own {
            guard let entry = state[name] else { continue }
            guard entry.shape == tensor.shape, entry.values.count == tensor.count else {
                throw StateDictError("\(name): shape \(entry.shape) in the state dict, \(tensor.shape) in the module")
            }
        }
        for (name, tensor) in own {
            if let entry = state[name] { tensor.data = entry.values }
        }
    }
}
