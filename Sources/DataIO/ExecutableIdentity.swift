#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Which build of the toolkit is running: names the bench cache folder and binds a task plan to
/// the build that made it, so that one build never reuses another's scores.
///
/// The identity is the GNU build ID the linker writes into the executable (`.note.gnu.build-id`:
/// a hash of the linked file, which the Swift toolchain's linkers write by default), read from
/// the running executable's program headers: a few hundred bytes. Hashing the executable
/// instead (the fallback, for a binary linked without a build ID) costs 15 ms for a 25 MB
/// binary and 50 ms for a statically linked one, in every process: a plan's units are each a
/// process, so this was a noticeable part of a small unit's time on Ray. No library reads a
/// build ID without bringing in a whole ELF parser (libelf); the header and note formats are
/// the ELF specification's (a note: 4-byte name size, descriptor size and type, then the name
/// and the descriptor, each padded to 4 bytes).
public enum ExecutableIdentity {
    /// The first 12 hex digits of the build ID, else of the executable's SHA-256, else
    /// `fallback`.
    public static func build(fallback: String = "default") -> String {
        if let id = gnuBuildID() { return String(id.prefix(12)) }
        return String(((try? FileSystem.sha256(of: "/proc/self/exe")) ?? fallback).prefix(12))
    }

    /// The running executable's GNU build ID in lower-case hex, or nil when it has none (or is
    /// not a 64-bit little-endian ELF file).
    public static func gnuBuildID(executable: String = "/proc/self/exe") -> String? {
        let descriptor = open(executable, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        func bytes(at offset: Int, count: Int) -> [UInt8]? {
            guard count > 0, count <= 1 << 20 else { return nil }
            var buffer = [UInt8](repeating: 0, count: count)
            let n = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            return n == count ? buffer : nil
        }
        // The ELF header: magic, class 2 (64-bit), data 1 (little-endian); e_phoff at 32,
        // e_phentsize and e_phnum at 54 and 56.
        guard let header = bytes(at: 0, count: 64), header[0..<4].elementsEqual([0x7F, 0x45, 0x4C, 0x46]),
              header[4] == 2, header[5] == 1 else { return nil }
        let programHeaders = Int(header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 32, as: UInt64.self) })
        let entrySize = Int(header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 54, as: UInt16.self) })
        let entries = Int(header.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 56, as: UInt16.self) })
        guard entrySize >= 56, let table = bytes(at: programHeaders, count: entrySize * entries) else { return nil }
        return table.withUnsafeBytes { table in
            for i in 0..<entries {
                // p_type at 0 (PT_NOTE = 4), p_offset at 8, p_filesz at 32.
                let base = i * entrySize
                guard table.loadUnaligned(fromByteOffset: base, as: UInt32.self) == 4 else { continue }
                let offset = Int(table.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self))
                let size = Int(table.loadUnaligned(fromByteOffset: base + 32, as: UInt64.self))
                guard let notes = bytes(at: offset, count: size) else { continue }
                if let id = notes.withUnsafeBytes({ buildID(inNotes: $0) }) { return id }
            }
            return nil
        }
    }

    /// The build ID among the ELF notes in `notes` (a `PT_NOTE` segment), in hex.
    static func buildID(inNotes notes: UnsafeRawBufferPointer) -> String? {
        func aligned(_ n: Int) -> Int { (n + 3) & ~3 }
        var offset = 0
        while offset + 12 <= notes.count {
            let nameSize = Int(notes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let descriptorSize = Int(notes.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self))
            let type = notes.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let name = offset + 12
            let descriptor = name + aligned(nameSize)
            let next = descriptor + aligned(descriptorSize)
            guard next <= notes.count else { return nil }
            // NT_GNU_BUILD_ID (3), owner "GNU\0".
            if type == 3 && nameSize == 4 && Array(notes[name..<name + 4]) == Array("GNU\0".utf8) && descriptorSize > 0 {
                return Hex.lowercase(notes[descriptor..<descriptor + descriptorSize])
            }
            offset = next
        }
        return nil
    }
}

