/// Rescales all gradients together so their global L2 norm is at most `maxNorm` (PyTorch
/// `clip_grad_norm_`): `N = √(Σₚ Σᵢ gᵢ²)`; if `N > maxNorm` every gradient is multiplied by
/// `maxNorm / (N + 1e-6)`. Returns `N` (before clipping). Parameters without a gradient are
/// ignored.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Float) -> Float {
    var total: Double = 0
    for p in parameters { if let g = p.grad { for v in g { total += Double(v) * Double(v) } } }
    let norm = Float(total.squareRoot())
    let coefficient = maxNorm / (norm + 1e-6)
    if coefficient < 1 {
        for p in parameters where p.grad != nil {
            p.grad!.withUnsafeMutableBufferPointer { g in for i in 0..<g.count { g[i] *= coefficient } }
        }
    }
    return norm
}
