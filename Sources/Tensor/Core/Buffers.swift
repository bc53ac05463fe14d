#if canImport(Glibc)
import Glibc

/// glibc serves allocations above `M_MMAP_THRESHOLD` (128 KiB, adaptive up to 32 MiB) with fresh
/// `mmap`s and returns freed heap tops above `M_TRIM_THRESHOLD` to the kernel, so every
/// activation-sized buffer (a `[1024, 121]` batch is 484 KiB) of every training step page-faults
/// anew: measured at about half the time of an MLP training step. Raising both thresholds once
/// (64 MiB / 256 MiB) keeps freed buffers in the heap for reuse. Process-wide and idempotent;
/// done on the first tensor buffer allocation. `mallopt` (from `<malloc.h>`, which the Glibc
/// module does not export) is looked up with `dlsym`; its parameter numbers are glibc's ABI
/// (`M_TRIM_THRESHOLD = −1`, `M_MMAP_THRESHOLD = −3`).
let allocatorTuned: Bool = {
    typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
    guard let symbol = dlsym(nil, "mallopt") else { return false }
    let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
    _ = mallopt(-3, 64 << 20)    // M_MMAP_THRESHOLD
    _ = mallopt(-1, 256 << 20)   // M_TRIM_THRESHOLD
    return true
}()
#else
let allocatorTuned = true
#endif

/// A new array of `count` values written by `fill`, which must assign every element
/// (no zero-initialisation pass first: the element type is trivial, so assigning uninitialised slots is fine).
@inline(__always)
func makeBuffer(_ count: Int, _ fill: (UnsafeMutableBufferPointer<Scalar>) -> Void) -> [Scalar] {
    _ = allocatorTuned
    return [Scalar](unsafeUninitializedCapacity: count) { buffer, initialized in
        fill(buffer)
        initialized = count
    }
}

/// `Array(repeating: 0, count:)` under a name that reads as intent in the ops.
@inline(__always)
func zeroBuffer(_ count: Int) -> [Scalar] {
    _ = allocatorTuned
    return [Scalar](repeating: 0, count: count)
}

/// `Σ x[0..<n]` with eight interleaved partial sums (vectorisable, and each partial sum adds
/// only n/8 terms, which also bounds the rounding error better than one running sum).
@inline(__always)
func sumOf(_ x: UnsafePointer<Scalar>, _ n: Int) -> Scalar {
    var acc = SIMD8<Scalar>(repeating: 0)
    var i = 0
    while i + 8 <= n {
        acc += UnsafeRawPointer(x + i).loadUnaligned(as: SIMD8<Scalar>.self)
        i += 8
    }
    var total = acc.sum()
    while i < n { total += x[i]; i += 1 }
    return total
}
