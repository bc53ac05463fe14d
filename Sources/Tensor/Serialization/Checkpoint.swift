import Foundation

/// Saves a module's state dict, and the state of its optimizers (and ``WeightEMA``s), to one
/// safetensors file, and loads it back, so training can stop and resume exactly and a trained
/// model can be opened from Python:
///
/// ```python
/// from safetensors.numpy import load_file
/// state = load_file("model.safetensors")   # {"encoder.0.weight": array(...), ...}
/// ```
///
/// Names: the module's tensors under their ``Module/stateDict()`` names (`encoder.0.weight`,
/// `norm.running_mean`); each optimizer's state under `optimizer.NAME.PARAMETER.KEY` with
/// `NAME` the name given for it, `PARAMETER` the parameter's name in the module (or `#k`, its
/// index, for a parameter the module does not hold) and `KEY` the state's name (`exp_avg`,
/// `step`, ...); its learning rate under `optimizer.NAME.lr`. Arrays are `F32` (`F64` in the
/// Float64 build, see ``Scalar``), counters `I64`. Note that ``Linear`` stores its weight `[in, out]`, the transpose of PyTorch's.
public enum Checkpoint {
    /// The file's bytes (see ``save(_:optimizers:metadata:to:)``).
    public static func encode(_ module: any Module, optimizers: [(name: String, state: any HasParameterState)] = [],
                              metadata: [String: String] = [:]) throws(SafeTensors.FormatError) -> [UInt8] {
        var entries = module.stateDict().map { SafeTensors.Entry(name: $0.name, shape: $0.tensor.shape, scalars: $0.tensor.data) }
        let names = parameterNames(module)
        for (optimizerName, holder) in optimizers {
            let prefix = "optimizer.\(optimizerName)."
            if let optimizer = holder as? any Optimizer {
                entries.append(SafeTensors.Entry(name: prefix + "lr", shape: [], scalars: [optimizer.learningRate]))
            }
            for (k, state) in holder.parameterStates().enumerated() {
                let parameter = names[ObjectIdentifier(holder.parameters[k])] ?? "#\(k)"
                for key in state.arrays.keys.sorted() {
                    entries.append(SafeTensors.Entry(name: prefix + parameter + "." + key, shape: holder.parameters[k].shape,
                                                     scalars: state.arrays[key] ?? []))
                }
                for key in state.counters.keys.sorted() {
                    entries.append(SafeTensors.Entry(name: prefix + parameter + "." + key, shape: [],
                                                     integers: [Int64(state.counters[key] ?? 0)]))
                }
            }
        }
        return try SafeTensors.encode(entries, metadata: metadata)
    }

    /// Writes the checkpoint atomically (a temporary file beside it, renamed into place), so an
    /// interrupted save never leaves a half-written file. (Not `Data.write(options: .atomic)`:
    /// on Linux, Foundation stages it in a `TemporaryDirectory.XXXXXX` folder of /tmp that it
    /// never removes, one per save.)
    public static func save(_ module: any Module, optimizers: [(name: String, state: any HasParameterState)] = [],
                            metadata: [String: String] = [:], to path: String) throws {
        let bytes = try encode(module, optimizers: optimizers, metadata: metadata)
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent("." + url.lastPathComponent + ".partial-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(bytes).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path, NSLocalizedDescriptionKey: String(cString: strerror(errno))])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Restores a checkpoint's bytes into `module` (strictly: every tensor of the module and
    /// nothing else) and into the optimizers named as when it was saved; returns the metadata.
    /// Nothing is changed when the bytes do not fit.
    @discardableResult
    public static func decode(_ bytes: [UInt8], into module: any Module,
                              optimizers: [(name: String, state: any HasParameterState)] = []) throws -> [String: String] {
        let (entries, metadata) = try SafeTensors.decode(bytes)
        var moduleState: [String: (shape: [Int], values: [Scalar])] = [:]
        var optimizerEntries: [String: SafeTensors.Entry] = [:]
        for entry in entries {
            if entry.name.hasPrefix("optimizer.") { optimizerEntries[entry.name] = entry } else {
                moduleState[entry.name] = (entry.shape, entry.scalars)
            }
        }
        // Check everything before changing anything.
        let names = parameterNames(module)
        var restored: [(any HasParameterState, [ParameterState], Scalar?)] = []
        var used = Set<String>()
        for (optimizerName, holder) in optimizers {
            let prefix = "optimizer.\(optimizerName)."
            var states: [ParameterState] = []
            for (k, parameter) in holder.parameters.enumerated() {
                let base = prefix + (names[ObjectIdentifier(parameter)] ?? "#\(k)") + "."
                var state = ParameterState()
                for (name, entry) in optimizerEntries where name.hasPrefix(base) && !name.dropFirst(base.count).contains(".") {
                    let key = String(name.dropFirst(base.count))
                    if entry.dtype == .i64 || entry.dtype == .i32 {
                        state.counters[key] = Int(entry.integers.first ?? 0)
                    } else {
                        state.arrays[key] = entry.scalars
                    }
                    used.insert(name)
                }
                states.append(state)
            }
            let lr = optimizerEntries[prefix + "lr"]?.scalars.first
            if lr != nil { used.insert(prefix + "lr") }
            restored.append((holder, states, lr))
        }
        if let stray = optimizerEntries.keys.sorted().first(where: { !used.contains($0) }) {
            throw StateDictError("checkpoint tensor '\(stray)' belongs to no optimizer given (names: \(optimizers.map(\.name).joined(separator: ", ")))")
        }
        let saved = module.stateDict().map { $0.tensor.data }
        let previous = restored.map { $0.0.parameterStates() }
        do {
            try module.loadStateDict(moduleState)
            for (holder, states, _) in restored { try holder.loadParameterStates(states) }
        } catch {
            // Put back what was changed before the error.
            for (tensor, values) in zip(module.stateDict().map(\.tensor), saved) { tensor.data = values }
            for ((holder, _, _), states) in zip(restored, previous) { try? holder.loadParameterStates(states) }
            throw error
        }
        for (holder, _, lr) in restored {
            if let lr, let optimizer = holder as? any Optimizer { optimizer.learningRate = lr }
        }
        return metadata
    }

    /// Reads a checkpoint file into `module` and the optimizers (see ``decode(_:into:optimizers:)``).
    @discardableResult
    public static func load(_ path: String, into module: any Module,
                            optimizers: [(name: String, state: any HasParameterState)] = []) throws -> [String: String] {
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        return try decode(bytes, into: module, optimizers: optimizers)
    }

    static func parameterNames(_ module: any Module) -> [ObjectIdentifier: String] {
        Dictionary(module.namedParameters.map { (ObjectIdentifier($0.tensor), $0.name) }, uniquingKeysWith: { a, _ in a })
    }
}
