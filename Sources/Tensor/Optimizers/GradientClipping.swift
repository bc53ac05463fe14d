/// Rescales all gradients together so their global L2 norm is at most `maxNorm` (PyTorch
/// `clip_grad_norm_`): `N = √(Σₚ Σᵢ gᵢ²)`; if `N > maxNorm` every gradient is multiplied by
/// `maxNorm / (N + 1e-6)`. Returns `N` (before clipping). Parameters without a gradient are
/// ignored. A row-sparse gradient (``Tensor/sparseGrad``) counts with its stored rows (whose
/// duplicates are already summed, so `N` is the norm of the dense gradient it stands for) and is
/// scaled in place, staying sparse.
@discardableResult
public func clipGradNorm(_ parameters: [Tensor], maxNorm: Scalar) -> Scalar {
    var total: Double = 0
    for p in parameters {
        if let g = p.denseGrad { for v in g { total += Double(v) * Double(v) } }
        if let s = p.sparseGrad { total += s.squaredNorm }
    }
    let norm = Scalar(total.squareRoot())
    let coefficient = maxNorm / (norm + 1e-6)
    if coefficient < 1 {
        for p in parameters {
            p.denseGrad?.withUnsafeMutableBufferPointer { g in for i in 0..<g.count { g[i] *= coefficient } }
            p.sparseGrad?.scale(by: coefficient)
        }
    }
    return norm
}
