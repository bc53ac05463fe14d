import Dispatch
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Removes unfinished outputs when the process is interrupted (Ctrl-C, `kill`): temporary
/// folders and files register here while they are being written, and the handler installed by
/// ``install()`` deletes them before exiting with 128 + the signal number.
///
/// A process killed with SIGKILL cannot clean up; ``AtomicDirectory`` then removes the leftover
/// on the next run into the same place.
public enum InterruptCleanup {
    private static let paths = Mutex<Set<String>>([])
    private static let sources = Mutex<[DispatchSourceSignal]>([])

    /// Installs the SIGINT / SIGTERM / SIGHUP handlers (once; later calls do nothing).
    public static func install() {
        sources.withLock { installed in
            guard installed.isEmpty else { return }
            for sig in [SIGINT, SIGTERM, SIGHUP] {
                signal(sig, SIG_IGN)  // let the dispatch source receive it
                let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                source.setEventHandler {
                    for path in paths.withLock({ $0 }) { try? FileSystem.removeTree(path) }
                    StandardError.write("\ninterrupted: nothing was written\n")
                    _exit(128 + sig)
                }
                source.resume()
                installed.append(source)
            }
        }
    }

    /// Registers an unfinished output to delete on interruption.
    public static func register(_ path: String) {
        _ = paths.withLock { $0.insert(path) }
    }

    /// Unregisters it (finished or removed).
    public static func unregister(_ path: String) {
        _ = paths.withLock { $0.remove(path) }
    }
}
