/// A node of a reverse-mode automatic-differentiation graph: an array of ``Scalar`` (Float32) of
/// any rank in one contiguous row-major buffer, its gradient, and (when it was produced by a
/// differentiable op while gradients are enabled) the op's inputs and backward function.
///
/// The design follows micrograd `engine.py` and tinygrad (2020) `tensor.py`: **primitive ops**
/// (the `Ops/` files) each create their result through ``Tensor/primitive(_:shape:parents:backward:)``
/// with a closure mapping the result's gradient `∂L/∂y` to the inputs' gradients `∂L/∂xᵢ`;
/// **composite ops** (layers, losses) are written with primitives only and carry no gradient code.
///
/// Element `(i, j, k)` of a tensor of shape `[a, b, c]` is `data[(i·b + j)·c + k]`, and likewise
/// for any rank (the last index varies fastest). A scalar has shape `[]` and one element.
///
/// - Important: `@unchecked Sendable`: a tensor is mutable (``data``, ``grad``) and has no lock.
///   It may be handed from one task to another (ownership transfer), but must never be used from
///   two tasks at once; in particular two concurrent `backward()` calls must not share a graph.
public final class Tensor: @unchecked Sendable {
    /// The values, row-major, `shape.reduce(1, *)` of them. Mutated in place only by optimizers
    /// and initialisers (never while a graph built on it is still to be differentiated).
    public var data: [Scalar]
    /// The dimensions, outermost first; rank 0 (scalar) or more.
    public let shape: [Int]
    /// `∂L/∂self` accumulated by ``backward(retainGraph:)``, same layout as ``data``; `nil` until a
    /// gradient flows here. As in PyTorch, only **leaves** (tensors made by an initialiser, such as
    /// parameters, not by an op) keep a gradient: an op's result passes its gradient on during the
    /// backward pass and keeps none, unless ``retainGrad()`` asked it to. Optimizers read it;
    /// ``zeroGrad()`` clears it.
    ///
    /// A leaf's gradient is held in one of two forms: dense (this array) or row-sparse
    /// (``sparseGrad``, from a lookup with a sparse gradient), never both. For a row-sparse
    /// gradient this property is a **densifying view**: reading it builds the dense `[V, d]` array
    /// (zeros outside the touched rows) each time, and mutating it in place or assigning it turns
    /// the gradient into a dense one. Code that only needs to know whether there is a gradient
    /// should ask ``hasGrad``; optimizers and ``clipGradNorm(_:maxNorm:)`` read the sparse form
    /// directly.
    public var grad: [Scalar]? {
        get { denseGrad ?? sparseGrad?.densified() }
        _modify {
            if let sparse = sparseGrad {
                sparseGrad = nil
                denseGrad = sparse.densified()
            }
            yield &denseGrad
        }
        set {
            denseGrad = newValue
            sparseGrad = nil
        }
    }
    /// The dense gradient (storage of ``grad``); `nil` when there is none or it is row-sparse.
    var denseGrad: [Scalar]?
    /// The row-sparse gradient of a rank-2 leaf (an embedding table looked up with a sparse
    /// gradient): the touched rows and their summed gradient rows, accumulated over backward
    /// passes by merging the row sets. `nil` when the gradient is dense (``grad``) or absent.
    /// A dense gradient arriving on top of a sparse one (or the reverse) makes the sum dense, as
    /// PyTorch's sparse + dense.
    public internal(set) var sparseGrad: RowSparseGradient?
    /// Whether a gradient (dense or row-sparse) has been accumulated since the last ``zeroGrad()``.
    public var hasGrad: Bool { denseGrad != nil || sparseGrad != nil }
    /// Whether gradients flow to this tensor. Parameters are created with `true`; an op's result
    /// requires a gradient iff gradients are enabled (``GradMode``) and one of its inputs does.
    public var requiresGrad: Bool

    /// The inputs of the op that made this tensor (empty for leaves and for results built
    /// without a graph).
    var parents: [Tensor]
    /// Maps `∂L/∂self` to the inputs' gradients (accumulating into them through
    /// ``accumulateGrad(_:)``). `nil` for leaves and once the graph has been freed.
    var backwardFunction: (([Scalar]) -> Void)?
    /// `true` for a tensor made by an initialiser (a parameter, an input, a constant), `false` for
    /// an op's result, which is a node of a graph while gradients are recorded.
    public let isLeaf: Bool
    /// The gradient arriving at a non-leaf node during a backward pass, consumed when the node
    /// passes it on.
    var pendingGrad: [Scalar]?
    /// Set when a backward pass freed the graph through this node (see ``backward(retainGraph:)``).
    var graphFreed = false
    /// Whether a non-leaf keeps its gradient in ``grad`` (``retainGrad()``).
    var retainsGrad = false

    /// A leaf tensor. `data.count` must equal the product of `shape`.
    public init(_ data: [Scalar], shape: [Int], requiresGrad: Bool = false) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in \(shape)")
        precondition(data.count == shape.reduce(1, *),
                     "Tensor: \(data.count) values for shape \(shape)")
        self.data = data
        self.shape = shape
        self.requiresGrad = requiresGrad
        self.parents = []
        self.backwardFunction = nil
        self.isLeaf = true
    }

    init(data: [Scalar], shape: [Int], parents: [Tensor], backward: (([Scalar]) -> Void)?) {
        self.data = data
        self.shape = shape
        self.parents = parents
        self.backwardFunction = backward
        self.requiresGrad = backward != nil
        self.isLeaf = backward == nil
    }

    /// Creates the result of a primitive op. The graph edge (parents + `backward`) is recorded
    /// only when gradients are enabled and some parent requires a gradient; otherwise the
    /// result is a constant leaf and `backward` is dropped.
    ///
    /// `backward` receives `∂L/∂y` (laid out like `data`) and must call
    /// ``accumulateGrad(_:)`` on every parent that ``requiresGrad`` with `∂L/∂parent`.
    /// This is the extension point for new primitives; composites should not use it.
    public static func primitive(_ data: [Scalar], shape: [Int], parents: [Tensor],
                                 backward: @escaping ([Scalar]) -> Void) -> Tensor {
        precondition(data.count == shape.reduce(1, *), "primitive: \(data.count) values for shape \(shape)")
        if GradMode.isEnabled && parents.contains(where: { $0.requiresGrad }) {
            return Tensor(data: data, shape: shape, parents: parents, backward: backward)
        }
        return Tensor(data: data, shape: shape, parents: [], backward: nil)
    }

    /// Releases the graph behind this tensor iteratively: a long chain (an unrolled recurrence,
    /// thousands of ops) would otherwise be freed by nested `deinit`s and overflow the stack.
    /// Each node that only this teardown still references has its edges (parents and the
    /// backward closure, which captures them) cut before it is released.
    deinit {
        guard !parents.isEmpty else { return }
        var pending = parents
        backwardFunction = nil
        parents = []
        while var node = pending.popLast() {
            if isKnownUniquelyReferenced(&node) {
                pending.append(contentsOf: node.parents)
                node.backwardFunction = nil
                node.parents = []
            }
        }
    }

    /// Number of elements (`∏ shape`).
    public var count: Int { data.count }
    /// Number of dimensions.
    public var rank: Int { shape.count }

    /// The single value of a one-element tensor (a loss, typically).
    public var item: Scalar {
        precondition(data.count == 1, "item: tensor of shape \(shape) has \(data.count) elements")
        return data[0]
    }

    /// Adds `g`, a gradient `∂L/∂self`, where it belongs: into ``grad`` on a leaf, into the
    /// pending gradient of the backward pass on an op's result. No-op unless ``requiresGrad``.
    /// Primitive ops' backward functions call it on their inputs.
    public func accumulateGrad(_ g: [Scalar]) {
        guard requiresGrad else { return }
        precondition(g.count == data.count, "accumulateGrad: \(g.count) values for shape \(shape)")
        if isLeaf {
            if let sparse = sparseGrad {
                sparseGrad = nil
                var dense = g
                sparse.scatterAdd(into: &dense)
                denseGrad = dense
            } else {
                Self.add(g, into: &denseGrad)
            }
        } else {
            Self.add(g, into: &pendingGrad)
        }
    }

    /// Adds a row-sparse gradient `∂L/∂self` of a rank-2 tensor: on a leaf it stays row-sparse
    /// (merged into ``sparseGrad``) unless the leaf already has a dense gradient, into which it is
    /// scatter-added; on an op's result it is scatter-added into the dense pending gradient. No-op
    /// unless ``requiresGrad``. For primitives whose gradient touches few rows (lookups).
    public func accumulateGrad(_ g: RowSparseGradient) {
        guard requiresGrad else { return }
        precondition(rank == 2 && g.rowCount == shape[0] && g.width == shape[1],
                     "accumulateGrad: a \(g.rowCount)×\(g.width) row-sparse gradient for shape \(shape)")
        if !isLeaf {
            var pending = pendingGrad ?? zeroBuffer(count)
            pendingGrad = nil  // one owner: the scatter adds in place
            g.scatterAdd(into: &pending)
            pendingGrad = pending
        } else if var dense = denseGrad {
            denseGrad = nil
            g.scatterAdd(into: &dense)
            denseGrad = dense
        } else if let existing = sparseGrad {
            sparseGrad = nil
            sparseGrad = existing.adding(g)
        } else {
            sparseGrad = g
        }
    }

    static func add(_ g: [Scalar], into target: inout [Scalar]?) {
        guard var sum = target else {
            target = g
            return
        }
        target = nil  // one owner: the sum adds in place
        defer { target = sum }
        sum.withUnsafeMutableBufferPointer { dst in
            g.withUnsafeBufferPointer { src in
                guard let d = dst.baseAddress, let s = src.baseAddress else { return }
                for i in 0..<src.count { d[i] += s[i] }
            }
        }
    }

    /// Clears the gradient, dense or row-sparse.
    public func zeroGrad() {
        denseGrad = nil
        sparseGrad = nil
    }

    /// Makes this op result keep the gradient that reaches it in ``grad`` (accumulating over
    /// backward passes, as a leaf's does), like PyTorch's `retain_grad()`. No effect on leaves.
    public func retainGrad() {
        if !isLeaf { retainsGrad = true }
    }

    /// A constant copy of this tensor's values: same data, no graph, `requiresGrad == false`.
    public func detached() -> Tensor { Tensor(data, shape: shape) }
}

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = data.prefix(8).map { "\($0)" }.joined(separator: ", ")
        return "Tensor(shape: \(shape), data: [\(shown)\(data.count > 8 ? ", …" : "")])"
    }
}
