import CBLAS
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The OpenBLAS library behind every ``Tensor/matmul(_:)``: which kernel set it chose and how
/// many threads it uses.
///
/// Two facts measured on this project's 2-core VM (see the README's Performance section):
/// - OpenBLAS 0.3.21 (Debian 12) does not recognise some recent virtual CPUs and falls back to
///   its `Prescott` (SSE3) kernels; the kernel set is fixed when the library loads, so the only
///   remedy is the environment variable `OPENBLAS_CORETYPE` (e.g. `Haswell`, `SkylakeX`) set
///   before the process starts. ``coreName`` shows the choice.
/// - For the small products of the neural detectors (batch 1024, widths ≤ 128), one BLAS thread
///   is faster than two whenever the machine has other work, because OpenBLAS's idle threads
///   spin on `sched_yield`.
public enum BLAS {
    /// OpenBLAS's kernel set, e.g. `"Haswell"`, `"SkylakeX"`, `"Prescott"`.
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// OpenBLAS's thread count (process-wide): the one configured (by `OPENBLAS_NUM_THREADS`, or
    /// set here), also while a ``singleThreaded(_:)`` section has OpenBLAS on one thread.
    public static var threadCount: Int {
        get { state.withLock { $0.configured(reading: openblas_get_num_threads) } }
        set {
            whenSteadyAllows(opening: false) { s in
                let count = Swift.max(1, newValue)
                s.count = count
                if s.sections == 0 { openblas_set_num_threads(Int32(count)) }
            }
        }
    }

    /// Runs `body` with OpenBLAS on one thread, for work that makes two BLAS calls at a time from
    /// two threads (``concurrently(_:_:)``), where OpenBLAS's own threads would only compete for
    /// the same cores. Sections may overlap (they are counted); the configured count is put back
    /// when the last one ends, and ``threadCount`` reports it throughout.
    static func singleThreaded<R>(_ body: () -> R) -> R {
        whenSteadyAllows(opening: true) { s in
            _ = s.configured(reading: openblas_get_num_threads)
            if s.sections == 0 { openblas_set_num_threads(1) }
            s.sections += 1
        }
        defer {
            let me = UInt(pthread_self())
            state.withLock { s in
                s.sections -= 1
                if s.sections == 0 { openblas_set_num_threads(Int32(s.configured(reading: openblas_get_num_threads))) }
                let left = (s.sectionsByThread[me] ?? 1) - 1
                s.sectionsByThread[me] = left > 0 ? left : nil
            }
        }
        return body()
    }

    /// The count OpenBLAS uses at this moment (1 inside a ``singleThreaded(_:)`` section).
    static var activeThreadCount: Int { Int(openblas_get_num_threads()) }

    /// Runs `body` while OpenBLAS's thread count stays as it is: it waits until no
    /// ``singleThreaded(_:)`` section of another thread is open, and until it returns no other
    /// thread opens one or sets ``threadCount`` (they wait; the calling thread itself may). The
    /// thread count is process-wide and a matrix product's rounding depends on it, so two runs
    /// that must agree to the last bit while other work runs in the same process (tests run
    /// concurrently) hold one of these. Sections of one thread nest; those of two threads take
    /// turns. Nothing in the toolkit's commands opens one, so there nothing ever waits.
    public static func steadyThreadCount<R>(_ body: () throws -> R) rethrows -> R {
        let me = pthread_self()
        var waiting = false
        while true {
            let entered = state.withLock { s -> Bool in
                let mine = s.steadyOwner.map { pthread_equal($0, me) != 0 } ?? false
                guard mine || (s.steadyOwner == nil && s.sections == 0) else {
                    // Announce the wait, so that no new section of another thread starts meanwhile.
                    if !waiting { s.steadyWaiting += 1 }
                    return false
                }
                if waiting { s.steadyWaiting -= 1 }
                s.steadyOwner = me
                s.steadyDepth += 1
                return true
            }
            if entered { break }
            waiting = true
            usleep(1000)
        }
        defer {
            state.withLock { s in
                s.steadyDepth -= 1
                if s.steadyDepth == 0 { s.steadyOwner = nil }
            }
        }
        return try body()
    }

    /// Applies `change` to the state once no other thread holds a ``steadyThreadCount(_:)``
    /// section, and none waits for one unless this thread already has a section open (a nested
    /// one must not wait for a steady section that waits for the outer one). Polls every
    /// millisecond; in the commands no steady section is ever held or awaited.
    private static func whenSteadyAllows(opening: Bool, _ change: (inout ThreadState) -> Void) {
        let me = pthread_self()
        while true {
            let done = state.withLock { s -> Bool in
                let mine = s.steadyOwner.map { pthread_equal($0, me) != 0 } ?? false
                let nested = (s.sectionsByThread[UInt(me)] ?? 0) > 0
                guard mine || (s.steadyOwner == nil && (s.steadyWaiting == 0 || nested)) else { return false }
                change(&s)
                if opening { s.sectionsByThread[UInt(me), default: 0] += 1 }
                return true
            }
            if done { return }
            usleep(1000)
        }
    }

    /// The configured thread count (read from OpenBLAS the first time), the open sections and
    /// the thread holding steady sections, if any.
    private struct ThreadState {
        var count: Int?
        var sections = 0
        var steadyOwner: pthread_t?
        var steadyDepth = 0
        /// Threads waiting to open a steady section.
        var steadyWaiting = 0
        /// Open ``singleThreaded(_:)`` sections per thread.
        var sectionsByThread: [UInt: Int] = [:]

        mutating func configured(reading current: () -> Int32) -> Int {
            if let count { return count }
            let value = Swift.max(1, Int(current()))
            count = value
            return value
        }
    }

    private static let state = Mutex(ThreadState())

    /// The `OPENBLAS_CORETYPE` worth setting when OpenBLAS fell back to its SSE3 `Prescott`
    /// kernels on a CPU that has better ones (from the `flags` line of `/proc/cpuinfo`):
    /// `"SkylakeX"` with AVX-512 F/BW/VL, `"Haswell"` with AVX2 + FMA; `nil` when the detected
    /// kernels are already fine or nothing better is known. A launcher can set the variable and
    /// re-execute itself, since OpenBLAS reads it only when it is loaded.
    public static var recommendedCoreType: String? {
        guard coreName.lowercased() == "prescott" else { return nil }
        let flags = Set(cpuFlags())
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }

    /// The first `flags` line of `/proc/cpuinfo`, split on spaces (empty if unreadable).
    static func cpuFlags() -> [Substring] {
        #if canImport(Glibc)
        guard let file = fopen("/proc/cpuinfo", "r") else { return [] }
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0, let line {
            let text = String(cString: line)
            if text.hasPrefix("flags") {
                return text.split(separator: ":", maxSplits: 1).last?.split(whereSeparator: { $0 == " " || $0 == "\n" }) ?? []
            }
        }
        #endif
        return []
    }
}
