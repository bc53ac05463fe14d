extension Tensor {
    /// Reverse-mode differentiation from this scalar: sets `∂L/∂self = 1`, orders the graph
    /// topologically (iterative depth-first search, so long unrolled recurrences cannot overflow
    /// the stack) and calls each node's backward function from the output towards the leaves.
    /// Gradients **accumulate** into every tensor that ``requiresGrad`` (leaves included), as in
    /// PyTorch; call ``zeroGrad()`` (or an optimizer's `zeroGrad()`) between steps.
    public func backward() {
        precondition(count == 1, "backward: called on a tensor of shape \(shape); reduce it to a scalar first")
        guard requiresGrad else { return }
        let order = topologicalOrder()
        accumulateGrad([1])
        for node in order.reversed() {
            guard let function = node.backwardFunction, let g = node.grad else { continue }
            function(g)
        }
    }

    /// Nodes reachable from `self` through `parents`, each after all of its parents.
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
