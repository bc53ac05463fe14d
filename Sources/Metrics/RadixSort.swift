import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one sort of the module: an LSD radix sort of binary64 scores, in descending order.
///
/// Why hand-written: the evaluator's budget is 10⁷ rows end to end in about 3 s, and a
/// comparison sort of 10⁷ doubles (the standard library's introsort, `Array.sort`) alone takes
/// about 1.2 s on the target machine. Neither the standard library nor any package in reach
/// offers a radix sort of floating-point keys, so it is implemented here: a few linear passes
/// over 8-byte keys, about 0.2-0.3 s for 10⁷ rows.
///
/// Keys: a finite double is mapped to a `UInt64` whose unsigned order is the *descending*
/// order of the doubles (``descendingKey(_:)``): the usual order-preserving transform (flip
/// all bits of a negative number, flip only the sign bit of a positive one), complemented.
/// `-0.0` is first turned into `+0.0` so both zeros share one key (they are one threshold,
/// `Fixtures/metrics/SPEC.md` §1). The transform is a bijection on the remaining values, so ``value(ofDescendingKey:)``
/// recovers the exact score. NaN never reaches here: callers reject non-finite scores first.
///
/// Passes: eight passes of 8-bit digits, least significant first, each a stable counting
/// scatter into a scratch buffer. All eight histograms come from one read pass, and a pass is
/// skipped when every key has the same digit there (common for the top digits, which hold the
/// sign and exponent). The result ends in either the input or the scratch buffer; the
/// functions say which. Short inputs (≤ 256 keys) use the standard sort.
///
/// Digit width, measured on the target machine (2-vCPU EPYC, 10⁷ normal scores, best of 3):
/// 8 bits 0.30 s, 11 bits 0.37 s, 13 bits 0.34 s, 16 bits 0.33 s with huge pages, and 0.37 /
/// 0.46 / 0.48 / 0.45 s without. 256 scatter streams stay within the L1 cache and TLB where
/// 2048 do not, which outweighs the extra passes. Large buffers are therefore also advised to
/// use transparent huge pages (``adviseHugePages(_:byteCount:)``, Linux only, a hint).
@usableFromInline
internal enum RadixSort {
    @usableFromInline static let digitBits = 8
    @usableFromInline static let radix = 1 << digitBits
    @usableFromInline static let passes = 8
    @usableFromInline static let smallCount = 256

    /// The descending-order key of a finite double (`-0.0` maps like `+0.0`).
    @inlinable @inline(__always)
    static func descendingKey(_ x: Double) -> UInt64 {
        let bits = (x + 0.0).bitPattern  // -0.0 + 0.0 == +0.0
        let mask = UInt64(bitPattern: Int64(bitPattern: bits) >> 63) | 0x8000_0000_0000_0000
        return ~(bits ^ mask)
    }

    /// Inverse of ``descendingKey(_:)``.
    @inlinable @inline(__always)
    static func value(ofDescendingKey key: UInt64) -> Double {
        let ascending = ~key
        let bits = ascending & 0x8000_0000_0000_0000 != 0 ? ascending ^ 0x8000_0000_0000_0000 : ~ascending
        return Double(bitPattern: bits)
    }

    /// Sorts `keys[0..<count]` ascending (= scores descending) using `scratch[0..<count]`.
    /// Returns `true` when the sorted keys ended in `scratch`, `false` when in `keys`.
    static func sort(
        keys: UnsafeMutablePointer<UInt64>, scratch: UnsafeMutablePointer<UInt64>, count: Int
    ) -> Bool {
        if count >= parallelCount {
            return sortInTwoHalves(keys: keys, scratch: scratch, count: count)
        }
        return sortSerially(keys: keys, scratch: scratch, count: count)
    }

    /// Inputs at least this long are sorted as two halves on two threads, then merged.
    @usableFromInline static let parallelCount = 1 << 18

    /// Sorts each half on its own thread (the machines this targets have two cores), leaves
    /// both halves in `keys`, and merges them into `scratch` (one more linear pass, stable:
    /// ties take the first half's key first, which for equal keys is immaterial). Returns
    /// `true`: the result is in `scratch`.
    static func sortInTwoHalves(
        keys: UnsafeMutablePointer<UInt64>, scratch: UnsafeMutablePointer<UInt64>, count: Int
    ) -> Bool {
        let half = count / 2
        let ranges = [(0, half), (half, count - half)]
        nonisolated(unsafe) let keysBase = keys
        nonisolated(unsafe) let scratchBase = scratch
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            let (start, length) = ranges[part]
            if sortSerially(keys: keysBase + start, scratch: scratchBase + start, count: length) {
                (keysBase + start).update(from: scratchBase + start, count: length)
            }
        }
        var i = 0, j = half, k = 0
        while i < half && j < count {
            let left = keys[i], right = keys[j]
            if right < left {
                scratch[k] = right
                j &+= 1
            } else {
                scratch[k] = left
                i &+= 1
            }
            k &+= 1
        }
        if i < half { (scratch + k).update(from: keys + i, count: half - i) }
        if j < count { (scratch + k).update(from: keys + j, count: count - j) }
        return true
    }

    static func sortSerially(
        keys: UnsafeMutablePointer<UInt64>, scratch: UnsafeMutablePointer<UInt64>, count: Int
    ) -> Bool {
        if count <= smallCount {
            var buffer = UnsafeMutableBufferPointer(start: keys, count: count)
            buffer.sort()
            return false
        }
        let histograms = UnsafeMutablePointer<Int>.allocate(capacity: passes * radix)
        histograms.initialize(repeating: 0, count: passes * radix)
        defer { histograms.deallocate() }
        fillHistograms(histograms, keys: keys, count: count)
        var source = keys
        var destination = scratch
        var inScratch = false
        for pass in 0..<passes {
            let shift = UInt64(pass * digitBits)
            let histogram = histograms + pass * radix
            if histogram[Int((source[0] >> shift) & UInt64(radix - 1))] == count { continue }
            prefixSums(histogram)
            for i in 0..<count {
                let key = source[i]
                let digit = Int((key >> shift) & UInt64(radix - 1))
                destination[histogram[digit]] = key
                histogram[digit] &+= 1
            }
            swap(&source, &destination)
            inScratch.toggle()
        }
        return inScratch
    }

    /// Sorts `keys[0..<count]` ascending, moving `payload` along (a stable sort: equal keys
    /// keep their payload order). Returns `true` when the result is in the scratch buffers.
    static func sort(
        keys: UnsafeMutablePointer<UInt64>, payload: UnsafeMutablePointer<UInt32>,
        scratchKeys: UnsafeMutablePointer<UInt64>, scratchPayload: UnsafeMutablePointer<UInt32>,
        count: Int
    ) -> Bool {
        if count <= smallCount {
            // Stable insertion sort on (key, payload) keeps the payload order of equal keys.
            var i = 1
            while i < count {
                let key = keys[i], item = payload[i]
                var j = i
                while j > 0 && keys[j - 1] > key {
                    keys[j] = keys[j - 1]
                    payload[j] = payload[j - 1]
                    j -= 1
                }
                keys[j] = key
                payload[j] = item
                i += 1
            }
            return false
        }
        let histograms = UnsafeMutablePointer<Int>.allocate(capacity: passes * radix)
        histograms.initialize(repeating: 0, count: passes * radix)
        defer { histograms.deallocate() }
        fillHistograms(histograms, keys: keys, count: count)
        var source = keys, destination = scratchKeys
        var sourcePayload = payload, destinationPayload = scratchPayload
        var inScratch = false
        for pass in 0..<passes {
            let shift = UInt64(pass * digitBits)
            let histogram = histograms + pass * radix
            if histogram[Int((source[0] >> shift) & UInt64(radix - 1))] == count { continue }
            prefixSums(histogram)
            for i in 0..<count {
                let key = source[i]
                let digit = Int((key >> shift) & UInt64(radix - 1))
                let slot = histogram[digit]
                destination[slot] = key
                destinationPayload[slot] = sourcePayload[i]
                histogram[digit] = slot &+ 1
            }
            swap(&source, &destination)
            swap(&sourcePayload, &destinationPayload)
            inScratch.toggle()
        }
        return inScratch
    }

    @inline(__always)
    private static func fillHistograms(_ h: UnsafeMutablePointer<Int>, keys: UnsafeMutablePointer<UInt64>, count: Int) {
        for i in 0..<count {
            let k = keys[i]
            h[Int(k & 0xFF)] &+= 1
            h[256 + Int((k >> 8) & 0xFF)] &+= 1
            h[512 + Int((k >> 16) & 0xFF)] &+= 1
            h[768 + Int((k >> 24) & 0xFF)] &+= 1
            h[1024 + Int((k >> 32) & 0xFF)] &+= 1
            h[1280 + Int((k >> 40) & 0xFF)] &+= 1
            h[1536 + Int((k >> 48) & 0xFF)] &+= 1
            h[1792 + Int(k >> 56)] &+= 1
        }
    }

    /// Asks the kernel to back `[pointer, pointer + byteCount)` with transparent huge pages
    /// (`madvise(MADV_HUGEPAGE)` on the 2 MiB-aligned interior), before the memory is first
    /// touched. Only a hint: ignored elsewhere and for buffers under 8 MiB. It cuts the TLB
    /// misses of the scatter passes and the page faults of fresh buffers.
    static func adviseHugePages(_ pointer: UnsafeMutableRawPointer?, byteCount: Int) {
        #if os(Linux)
        guard let pointer, byteCount >= 8 << 20 else { return }
        let huge = 2 << 20
        let start = (Int(bitPattern: pointer) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: pointer) + byteCount) & ~(huge - 1)
        if end > start {
            _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, Int32(MADV_HUGEPAGE))
        }
        #endif
    }

    /// Turns counts into exclusive prefix sums (bucket start offsets).
    @inline(__always)
    private static func prefixSums(_ h: UnsafeMutablePointer<Int>) {
        var running = 0
        for b in 0..<radix {
            let c = h[b]
            h[b] = running
            running &+= c
        }
    }

    /// Sorts `keys` ascending and `payload` along with them (stable: equal keys keep their
    /// payload order), in place; the scratch buffers are allocated and freed here.
    static func sort(_ keys: inout [UInt64], payload: inout [UInt32]) {
        let n = keys.count
        precondition(payload.count == n)
        guard n > 1 else { return }
        var scratchKeys = [UInt64](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
        var scratchPayload = [UInt32](unsafeUninitializedCapacity: n) { _, initialized in initialized = n }
        let inScratch = keys.withUnsafeMutableBufferPointer { k in
            payload.withUnsafeMutableBufferPointer { p in
                scratchKeys.withUnsafeMutableBufferPointer { sk in
                    scratchPayload.withUnsafeMutableBufferPointer { sp in
                        sort(keys: k.baseAddress!, payload: p.baseAddress!,
                             scratchKeys: sk.baseAddress!, scratchPayload: sp.baseAddress!, count: n)
                    }
                }
            }
        }
        if inScratch {
            swap(&keys, &scratchKeys)
            swap(&payload, &scratchPayload)
        }
    }

    /// Sorts finite doubles in descending order (with `-0.0` reported as `+0.0`); the
    /// standard `sorted(by: >)` gives the same sequence. Used by tests and small callers.
    static func sortedDescending(_ values: [Double]) -> [Double] {
        let n = values.count
        var keys = values.map(descendingKey)
        var scratch = [UInt64](repeating: 0, count: n)
        let inScratch = keys.withUnsafeMutableBufferPointer { k in
            scratch.withUnsafeMutableBufferPointer { s in
                n == 0 ? false : sort(keys: k.baseAddress!, scratch: s.baseAddress!, count: n)
            }
        }
        return (inScratch ? scratch : keys).map(value(ofDescendingKey:))
    }
}
