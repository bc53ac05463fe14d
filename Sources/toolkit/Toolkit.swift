import ArgumentParser
import DataIO
import Datasets

#if canImport(Glibc)
@preconcurrency import Glibc  // `stdout`, a C global, read once at exit (runMapped)
#endif

/// The `toolkit` command. Subcommands parse and validate their arguments, call a library, and
/// let errors propagate here, where they become one line on stderr and an exit code:
/// 0 success; 1 internal error or a failed check; 2 usage or data error (bad arguments, bad
/// input files, unwritable output).
@main
struct Toolkit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toolkit",
        abstract: "Anomaly-detection benchmark datasets, one trusted evaluator, reference detectors.",
        version: ToolkitVersion.string,
        subcommands: [Generate.self, JoinShards.self, Recipes.self, Evaluate.self, Detect.self, DetectorsList.self, BenchCommand.self, RunTask.self, Check.self, Version.self]
    )

    static func main() {
        InterruptCleanup.install()
        let code = runMapped(CommandLine.arguments.dropFirst().map { $0 })
        Glibc.exit(code)
    }

    /// An error message as one terminal-safe line: control characters from the input (a NUL,
    /// an escape sequence, a line break) are shown escaped, and the whole is cut at 600
    /// characters, so no input can flood or drive the terminal through a message.
    static func printable(_ message: String) -> String {
        var out = ""
        var count = 0
        for scalar in message.unicodeScalars {
            if count >= 600 { return out + "…" }
            if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }

    /// Parses and runs `arguments`, printing errors; returns the process exit code.
    static func runMapped(_ arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            // Results go to stdout: a write that failed there (a full disk, `> /dev/full`) is an
            // error, not a success with lost output. The last flush reports its own failure; a
            // failure of an earlier write (output longer than the buffer) leaves the stream's
            // error flag, and glibc drops what it could not write, so the last flush may succeed.
            if fflush(nil) != 0 {
                throw DataError(.cannotWrite, file: "standard output", "write failed: \(String(cString: strerror(errno)))")
            }
            if ferror(stdout) != 0 {
                throw DataError(.cannotWrite, file: "standard output", "write failed: some of the output could not be written")
            }
            return 0
        } catch let error as ExitCode {
            return error.rawValue
        } catch let error where exitCode(for: error) == .success {
            // --help, --version: ArgumentParser prints them itself.
            print(fullMessage(for: error))
            return 0
        } catch {
            // What the command printed first (`check`'s table) goes before the error that points
            // at it, also when stdout is a pipe and buffered.
            _ = fflush(nil)
            let failure = failure(error, arguments: arguments)
            StandardError.write(failure.line + "\n")
            return failure.status
        }
    }

    /// An error as its exit code and its one line for stderr. The code comes from the error's
    /// category (``DataError/Category/exitCode``): a ``DataError`` has one, ArgumentParser's
    /// validation errors are usage errors, and any other error reaching here is internal (every
    /// module turns its errors into `DataError`s, e.g. `MetricsError.dataError(file:)`).
    static func failure(_ error: Error, arguments: [String]) -> (status: Int32, line: String) {
        let category: DataError.Category, text: String
        if let error = error as? DataError {
            (category, text) = (error.code.category, printable(error.description))
        } else if exitCode(for: error) == .validationFailure {
            // One line, like every other error; the usage is one --help away.
            let names = configuration.subcommands.map { $0._commandName }
            let command = arguments.first(where: names.contains).map { "toolkit \($0)" } ?? "toolkit"
            var reason = message(for: error).replacingOccurrences(of: "\n", with: " ")
            if reason.hasSuffix(" (see --help)") { reason.removeLast(" (see --help)".count) }
            (category, text) = (.usage, "\(printable(reason)) (see `\(command) --help`)")
        } else {
            (category, text) = (.internal, String(describing: error))
        }
        return (category.exitCode, "toolkit: \(category == .internal ? "internal error" : "error"): \(text)")
    }
}
