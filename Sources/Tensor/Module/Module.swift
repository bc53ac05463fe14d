/// A building block of a model with named state, as PyTorch's `nn.Module`: its own
/// **parameters** (trained tensors), **buffers** (state that is saved with the model but not
/// trained: batch-norm running statistics, spectral-norm vectors), **children** (sub-modules,
/// each under a name) and a **training mode** that changes what some modules compute
/// (``BatchNorm1d`` uses batch statistics, ``Dropout`` drops).
///
/// Everything else derives from these four requirements, recursively over the children:
/// dotted names (`encoder.0.weight`), ``parameters``, ``train(_:)`` / ``eval()``,
/// ``freeze()``, and the state dict (``stateDict()``, ``loadStateDict(_:strict:)``) that
/// ``Checkpoint`` saves to a safetensors file. Children are listed explicitly by each module (no
/// reflection), so the names are stable and part of the module's contract.
///
/// Modules are reference types (optimizers update their parameters in place) and are not
/// `Sendable`: use one from one task at a time.
public protocol Module: AnyObject {
    /// This module's own parameters by name (not its children's), in a stable order.
    var ownParameters: [(name: String, tensor: Tensor)] { get }
    /// This module's own buffers by name: tensors saved in the state dict but never trained.
    var ownBuffers: [(name: String, tensor: Tensor)] { get }
    /// The direct sub-modules by name, in a stable order.
    var children: [(name: String, module: any Module)] { get }
    /// `true` in training mode (the initial mode, as in PyTorch), `false` in evaluation mode.
    /// Set it for a whole tree with ``train(_:)`` or ``eval()``.
    var isTraining: Bool { get set }
}

extension Module {
    public var ownParameters: [(name: String, tensor: Tensor)] { [] }
    public var ownBuffers: [(name: String, tensor: Tensor)] { [] }
    public var children: [(name: String, module: any Module)] { [] }

    /// Every module of the tree with its dotted path (`""` for this one), depth first.
    public var namedModules: [(name: String, module: any Module)] {
        var out: [(name: String, module: any Module)] = [("", self)]
        for (name, child) in children {
            out += child.namedModules.map { (Self.join(name, $0.name), $0.module) }
        }
        return out
    }

    /// Every parameter of the tree with its dotted name (`encoder.0.weight`), frozen ones
    /// included, each once even when a module is shared.
    public var namedParameters: [(name: String, tensor: Tensor)] {
        var seen = Set<ObjectIdentifier>()
        var out: [(name: String, tensor: Tensor)] = []
        for (path, module) in namedModules {
            for (name, tensor) in module.ownParameters where seen.insert(ObjectIdentifier(tensor)).inserted {
                out.append((Self.join(path, name), tensor))
            }
        }
        return out
    }

    /// Every buffer of the tree with its dotted name.
    public var namedBuffers: [(name: String, tensor: Tensor)] {
        var seen = Set<ObjectIdentifier>()
        var out: [(name: String, tensor: Tensor)] = []
        for (path, module) in namedModules {
            for (name, tensor) in module.ownBuffers where seen.insert(ObjectIdentifier(tensor)).inserted {
                out.append((Self.join(path, name), tensor))
            }
        }
        return out
    }

    /// Every parameter of the tree (frozen ones included: an optimizer skips tensors without a
    /// gradient), in ``namedParameters`` order.
    public var parameters: [Tensor] { namedParameters.map(\.tensor) }

    /// The parameters that currently take gradients (`requiresGrad`).
    public var trainableParameters: [Tensor] { parameters.filter(\.requiresGrad) }

    /// Number of scalars in all parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.count } }

    /// Sets training mode (`true`) or evaluation mode (`false`) on the whole tree.
    public func train(_ on: Bool = true) {
        for (_, module) in namedModules { module.isTraining = on }
    }

    /// Evaluation mode on the whole tree (same as `train(false)`).
    public func eval() { train(false) }

    /// Stops (or, with `false`, restarts) gradients to every parameter of the tree: they keep
    /// their values while the rest trains (a pretrained encoder, a target network).
    public func freeze(_ frozen: Bool = true) {
        for p in parameters { p.requiresGrad = !frozen }
    }

    /// Runs `body` in evaluation mode without recording a graph, then restores the previous
    /// mode of every module: `let scores = model.inference { model(x) }`.
    public func inference<R>(_ body: () throws -> R) rethrows -> R {
        let modes = namedModules.map { ($0.module, $0.module.isTraining) }
        eval()
        defer { for (module, mode) in modes { module.isTraining = mode } }
        return try Tensor.noGrad(body)
    }

    static func join(_ prefix: String, _ name: String) -> String {
        prefix.isEmpty ? name : name.isEmpty ? prefix : prefix + "." + name
    }
}
