extension Tensor {
    /// Reverse-mode differentiation from this scalar, with PyTorch's semantics:
    ///
    /// - `∂L/∂self = 1`; the graph is ordered topologically (an iterative depth-first search, so
    ///   long unrolled recurrences cannot overflow the stack) and each op's backward function runs
    ///   once, from the output towards the leaves, with the whole gradient that reached it.
    /// - Gradients **accumulate** into the ``grad`` of the leaves that ``requiresGrad`` (and of
    ///   results that called ``retainGrad()``); other op results keep nothing, so two losses that
    ///   share part of a graph each contribute exactly their own gradient. Call ``zeroGrad()`` (or
    ///   an optimizer's `zeroGrad()`) between steps.
    /// - Afterwards the graph is **freed** (each result drops its inputs and backward function, so
    ///   their buffers can go) unless `retainGraph` is `true`. A second backward through a freed
    ///   part of a graph is a programming error and stops the program with a message, as is a
    ///   backward from a tensor that needs no gradient (built under ``noGrad(_:)`` or from
    ///   constants only): PyTorch raises for both.
    ///
    /// For two losses over one shared graph (a generator step and a discriminator step), either
    /// build each loss from its own forward pass, or call `lossA.backward(retainGraph: true)` and
    /// then `lossB.backward()`.
    public func backward(retainGraph: Bool = false) {
        precondition(count == 1, "backward: called on a tensor of shape \(shape); reduce it to a scalar first")
        precondition(requiresGrad, "backward: this tensor does not require a gradient (it was computed under Tensor.noGrad or from tensors that need none)")
        if isLeaf {
            accumulateGrad([1])
            return
        }
        let order = topologicalOrder()
        if let freed = order.first(where: { $0.graphFreed }) {
            preconditionFailure("backward: trying to go through a graph a second time (a result of shape \(freed.shape) was freed by an earlier backward); pass retainGraph: true to the first backward, or recompute the forward pass")
        }
        accumulateGrad([1])
        for node in order.reversed() where !node.isLeaf {
            guard let g = node.pendingGrad else { continue }
            node.pendingGrad = nil
            if node.retainsGrad { Self.add(g, into: &node.denseGrad) }
            node.backwardFunction?(g)
        }
        guard !retainGraph else { return }
        for node in order where !node.isLeaf {
            node.backwardFunction = nil
            node.parents = []
            node.graphFreed = true
        }
    }

    /// Nodes reachable from `self` through `parents` that require a gradient, each after all of
    /// its parents.
    func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        // (node, index of the next parent to visit)
        var stack: [(Tensor, Int)] = [(self, 0)]
        visited.insert(ObjectIdentifier(self))
        while !stack.isEmpty {
            let (node, next) = stack[stack.count - 1]
            if next < node.parents.count {
                stack[stack.count - 1].1 = next + 1
                let parent = node.parents[next]
                if parent.requiresGrad, visited.insert(ObjectIdentifier(parent)).inserted {
                    stack.append((parent, 0))
                }
            } else {
                order.append(node)
                stack.removeLast()
            }
        }
        return order
    }
}
