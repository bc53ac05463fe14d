import Synchronization

/// A small process-wide store of the recurrent primitives' largest internal buffers (the gates
/// of every step `[B, T, 4H]` and their gradient), handed back when a graph is freed and reused
/// by the next pass of the same size.
///
/// glibc serves allocations above its mmap threshold (64 MiB once the Tensor module has tuned it,
/// see `allocatorTuned`) with fresh `mmap`s, so each such buffer page-faults in anew on every
/// training step: for the VRAE's BiLSTM (`B = 512, T = 140, H = 128`, 147 MB per buffer) that was
/// about a tenth of the step. Only buffers of at least ``minimumCount`` floats are kept, at most
/// ``capacity`` bytes in all (the oldest go first); ``release()`` empties the store.
public enum ScratchBuffers {
    /// Buffers smaller than this many floats (64 MiB) are left to `malloc`, which reuses them.
    /// A task-local value so that a test can lower it for its own task without touching others.
    @TaskLocal static var minimumCount = 16 << 20
    /// At most this many bytes are kept (1 GiB).
    static let capacity = 1 << 30

    private static let store = Mutex<[[Scalar]]>([])

    /// A buffer of `count` floats whose contents are undefined (the caller writes every value):
    /// a kept one of that size if there is one, else a new one.
    static func take(_ count: Int) -> [Scalar] {
        if count >= minimumCount {
            let kept: [Scalar]? = store.withLock { buffers in
                guard let k = buffers.lastIndex(where: { $0.count == count }) else { return nil }
                return buffers.remove(at: k)
            }
            if let kept { return kept }
        }
        return makeBuffer(count) { _ in }
    }

    /// Hands a buffer back for reuse (kept only if it is large; the caller must not use it again).
    static func give(_ buffer: [Scalar]) {
        guard buffer.count >= minimumCount else { return }
        store.withLock { buffers in
            buffers.append(buffer)
            var total = buffers.reduce(0) { $0 + $1.count * MemoryLayout<Scalar>.stride }
            while total > capacity, !buffers.isEmpty {
                total -= buffers.removeFirst().count * MemoryLayout<Scalar>.stride
            }
        }
    }

    /// Frees every kept buffer (for a long-running process after training, say).
    public static func release() {
        store.withLock { $0.removeAll() }
    }

    /// Bytes currently kept.
    public static var keptBytes: Int {
        store.withLock { $0.reduce(0) { $0 + $1.count * MemoryLayout<Scalar>.stride } }
    }
}
