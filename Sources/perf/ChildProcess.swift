import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program as a child process and measures it: wall time and the child's peak resident
/// memory (from `wait4`'s rusage), the two figures the README's benchmark tables report.
struct ChildProcess {
    struct Result {
        var status: Int32
        var seconds: Double
        var maxResidentKB: Int
    }

    /// The `toolkit` binary built beside this `perf` binary (same configuration).
    static func toolkitPath() -> String {
        let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        return me.deletingLastPathComponent().appendingPathComponent("toolkit").path
    }

    /// Runs `executable` with `arguments`, stdout and stderr sent to /dev/null unless `showOutput`.
    static func run(_ executable: String, _ arguments: [String], showOutput: Bool = false) throws -> Result {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if !showOutput {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let start = Date()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else {
            throw PerfError("cannot start \(executable): \(String(cString: strerror(spawned)))")
        }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 {
            if errno != EINTR { throw PerfError("wait4 failed: \(String(cString: strerror(errno)))") }
        }
        let seconds = Date().timeIntervalSince(start)
        let exitStatus = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exitStatus, seconds: seconds, maxResidentKB: usage.ru_maxrss)
    }
}

struct PerfError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// One line describing the machine, for benchmark reports.
enum MachineDescription {
    static func text() -> String {
        let cores = sysconf(Int32(_SC_NPROCESSORS_ONLN))
        var model = "unknown CPU"
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let line = info.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
           let colon = line.firstIndex(of: ":") {
            model = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let memory = Double(sysconf(Int32(_SC_PHYS_PAGES)) * sysconf(Int32(_SC_PAGESIZE))) / 1_073_741_824
        return "\(model), \(cores) cores, \(String(format: "%.0f", memory)) GiB"
    }
}
