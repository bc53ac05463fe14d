/// A new array of `count` values written by `fill`, which must assign every element
/// (no zero-initialisation pass first: Float is trivial, so assigning uninitialised slots is fine).
@inline(__always)
func makeBuffer(_ count: Int, _ fill: (UnsafeMutableBufferPointer<Float>) -> Void) -> [Float] {
    [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
        fill(buffer)
        initialized = count
    }
}

/// `Array(repeating: 0, count:)` under a name that reads as intent in the ops.
@inline(__always)
func zeroBuffer(_ count: Int) -> [Float] { [Float](repeating: 0, count: count) }
