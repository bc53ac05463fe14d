extension Tensor {
    /// Several results of one primitive computation, each an ordinary tensor of the graph, with
    /// one backward function that receives all their gradients at once (`nil` for a result no
    /// gradient reached). A recurrent op gives its outputs `[B, T, H]` and its final states
    /// `[B, H]` this way, and differentiates through time in one pass, whichever of them the
    /// loss uses.
    ///
    /// The graph: a one-element hidden node depends on `parents` and owns `backward`; each result
    /// depends on that node only. A result's backward function records its gradient and passes a
    /// dummy gradient to the hidden node, whose backward function runs after those of all the
    /// results (it precedes them in the topological order) and hands `backward` what they recorded.
    /// Without a graph (gradients disabled, or no parent requiring one) the results are constant
    /// leaves and `backward` is dropped, as with ``primitive(_:shape:parents:backward:)``.
    static func primitives(_ results: [(data: [Scalar], shape: [Int])], parents: [Tensor],
                           backward: @escaping ([[Scalar]?]) -> Void) -> [Tensor] {
        let slots = GradientSlots(count: results.count)
        let node = primitive([0], shape: [1], parents: parents) { _ in
            let grads = slots.grads
            slots.grads = [[Scalar]?](repeating: nil, count: grads.count)
            backward(grads)
        }
        return results.enumerated().map { k, result in
            primitive(result.data, shape: result.shape, parents: [node]) { g in
                slots.add(g, at: k)
                node.accumulateGrad([0])
            }
        }
    }
}

/// The gradients that reached the results of ``Tensor/primitives(_:parents:backward:)`` during
/// one backward pass.
final class GradientSlots {
    var grads: [[Scalar]?]
    init(count: Int) { grads = [[Scalar]?](repeating: nil, count: count) }

    func add(_ g: [Scalar], at k: Int) {
        Tensor.add(g, into: &grads[k])
    }
}
