import ArgumentParser

/// `--seed` of every command: a whole number from 0 to 2⁶⁴ − 1, read even when it looks like an
/// option (`--seed -1` is then refused with the range, not "missing value").
enum SeedArgument {
    struct Invalid: Error, CustomStringConvertible {
        let text: String
        var description: String { "expected a whole number from 0 to \(UInt64.max)" }
    }

    static func parse(_ text: String) throws -> UInt64 {
        guard let value = UInt64(text) else { throw Invalid(text: text) }
        return value
    }
}
