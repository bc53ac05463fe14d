#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `dst[0..<n] = src[0..<n]` as one `memcpy` (the regions must not overlap). The block move
/// behind concatenation, slicing, permutation and broadcasting copies.
@inline(__always)
func copyFloats(_ dst: UnsafeMutablePointer<Scalar>, _ src: UnsafePointer<Scalar>, _ n: Int) {
    if n > 0 { memcpy(dst, src, n * MemoryLayout<Scalar>.stride) }
}

/// `dst[0..<n] += src[0..<n]` (vectorisable).
@inline(__always)
func addFloats(_ dst: UnsafeMutablePointer<Scalar>, _ src: UnsafePointer<Scalar>, _ n: Int) {
    for i in 0..<n { dst[i] += src[i] }
}

/// Row-major strides of `shape`: `stride[k] = ∏_{j > k} shape[j]`.
func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var run = 1
    for k in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[k] = run
        run *= shape[k]
    }
    return strides
}

/// `axis` counted from the end when negative, checked against `rank` (the message names `op`).
@inline(__always)
func normalizedAxis(_ axis: Int, rank: Int, _ op: String) -> Int {
    let a = axis < 0 ? axis + rank : axis
    precondition(a >= 0 && a < rank, "\(op): axis \(axis) out of range for rank \(rank)")
    return a
}

/// `x` of shape `[d0, d1, inner]` rearranged to `[d1, d0, inner]`, moving `inner`-long blocks
/// with `memcpy` (`inner = 1` degenerates to an element gather).
func swapOuterAxes(_ x: [Scalar], _ d0: Int, _ d1: Int, inner: Int) -> [Scalar] {
    makeBuffer(d0 * d1 * inner) { out in
        x.withUnsafeBufferPointer { px in
            guard let z = out.baseAddress, let s = px.baseAddress else { return }
            for i in 0..<d0 {
                for j in 0..<d1 { copyFloats(z + (j * d0 + i) * inner, s + (i * d1 + j) * inner, inner) }
            }
        }
    }
}
