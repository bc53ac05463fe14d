#if canImport(Glibc)
import Glibc
#endif

/// Unbuffered writes to stderr (file descriptor 2): progress and warnings, never results.
public enum StandardError {
    public static func write(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = Glibc.write(STDERR_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
                if n <= 0 { if errno == EINTR { continue }; return }
                offset += n
            }
        }
    }

    /// Writes `warning: message` and a line feed.
    public static func warn(_ message: String) {
        write("warning: \(message)\n")
    }
}
