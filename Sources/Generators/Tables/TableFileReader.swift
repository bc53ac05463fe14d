import DataIO
import Datasets

#if canImport(Glibc)
import Glibc
#endif

/// Reads a header-less table file (the UCI layout: one row per line, comma-separated, the class
/// in a fixed field) through libarchive and libcsv into a ``Table``, checking it against a
/// ``TableSchema``: the field count of every row, numbers where numbers belong, the class value.
/// Every problem is a ``DataError`` naming the file, line and column.
public enum TableFileReader {
    /// Where a table came from, for the manifest.
    public struct Provenance: Sendable {
        /// File name (no folders, so manifests stay machine-independent).
        public var fileName: String
        public var sha256: String
        /// True when the file (or its decompressed content) is the known UCI original.
        public var isKnownOriginal: Bool
    }

    /// - Parameter skipHeader: the first record is a header (already checked by the caller).
    public static func read(_ path: String, schema: TableSchema, skipHeader: Bool = false) throws -> (Table, Provenance) {
        let kind = FileSystem.kind(of: path)
        guard kind == .regularFile else {
            let what = kind == .folder ? "is a folder" : kind == .other ? "is not a regular file" : "no such file"
            throw DataError(.cannotOpen, file: path, "\(what) (expected the \(schema.title))")
        }
        let fileDigest = try FileSystem.sha256(of: path)
        var numeric: [[Double]] = schema.columns.map { $0.kind == .numeric ? [] : [] }
        var codes: [[Int32]] = schema.columns.map { _ in [] }
        var dictionaries: [[String: Int32]] = schema.columns.map { column in
            if case .categorical(let values?) = column.kind {
                return Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, Int32($0)) })
            }
            return [:]
        }
        var classDictionary: [String: Int32] = [:]
        if let values = schema.classValues {
            classDictionary = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, Int32($0)) })
        }
        var classCodes: [Int32] = []
        var lines: [Int32] = []
        var numberBuffer = [CChar](repeating: 0, count: 64)

        var first = skipHeader
        try CSVReader(path: path).forEachRecord { record in
            if first { first = false; return }
            guard record.count == schema.fieldCount else {
                var message = "expected \(schema.fieldCount) comma-separated fields (the \(schema.title) layout), found \(record.count)"
                if record.count == 1, record.string(0).contains(";") || record.string(0).contains("\t") {
                    message += "; the file does not look comma-separated"
                }
                throw DataError(.badRow, file: path, line: record.line, message)
            }
            var feature = 0
            for field in 0..<record.count {
                if field == schema.classIndex {
                    let value = record.string(field)
                    if let code = classDictionary[value] {
                        classCodes.append(code)
                    } else if let classValues = schema.classValues {
                        throw DataError(.badClass, file: path, line: record.line, column: field + 1,
                                        "unknown class '\(value)'; expected one of \(classValues.joined(separator: ", "))")
                    } else {
                        let code = Int32(classDictionary.count)
                        classDictionary[value] = code
                        classCodes.append(code)
                    }
                    continue
                }
                let column = schema.columns[feature]
                switch column.kind {
                case .numeric:
                    let bytes = record.field(field)
                    if schema.questionMarkIsMissing && TableFileReader.isMissing(bytes) {
                        numeric[feature].append(.nan)
                    } else if let value = parseNumber(bytes, &numberBuffer) {
                        numeric[feature].append(value)
                    } else {
                        throw DataError(.badNumber, file: path, line: record.line, column: field + 1,
                                        "expected a number for \(column.name), got '\(record.string(field))'")
                    }
                case .categorical(let declared):
                    let value = record.string(field)
                    if let code = dictionaries[feature][value] {
                        codes[feature].append(code)
                    } else if let declared {
                        throw DataError(.badValue, file: path, line: record.line, column: field + 1,
                                        "unknown value '\(value)' for \(column.name); expected one of \(declared.joined(separator: ", "))")
                    } else {
                        let code = Int32(dictionaries[feature].count)
                        dictionaries[feature][value] = code
                        codes[feature].append(code)
                    }
                }
                feature += 1
            }
            lines.append(Int32(truncatingIfNeeded: record.line))
        }
        if classCodes.isEmpty {
            throw DataError(.emptyFile, file: path, "the file has no rows (expected the \(schema.title))")
        }

        // Categories found in the file are coded in sorted order (pandas' get_dummies order).
        var columns: [Table.Column] = []
        for (index, column) in schema.columns.enumerated() {
            switch column.kind {
            case .numeric:
                columns.append(.init(name: column.name, data: .numeric(numeric[index])))
            case .categorical(let declared):
                if let declared {
                    columns.append(.init(name: column.name, data: .categorical(codes: codes[index], values: declared)))
                } else {
                    let (sortedCodes, values) = sortCodes(codes[index], dictionaries[index])
                    columns.append(.init(name: column.name, data: .categorical(codes: sortedCodes, values: values)))
                }
            }
        }
        var classValues: [String]
        if let declared = schema.classValues {
            classValues = declared
        } else {
            let sorted = sortCodes(classCodes, classDictionary)
            classCodes = sorted.0
            classValues = sorted.1
        }
        let table = Table(columns: columns, classCodes: classCodes, classValues: classValues, sourceLines: lines)
        let known = try schema.knownChecksums.contains(fileDigest) || contentDigestIsKnown(path, schema)
        return (table, Provenance(fileName: FileSystem.lastComponent(of: path), sha256: fileDigest, isKnownOriginal: known))
    }

    /// Recodes so codes follow the sorted order of the values.
    static func sortCodes(_ codes: [Int32], _ dictionary: [String: Int32]) -> ([Int32], [String]) {
        let sorted = dictionary.sorted { $0.key < $1.key }
        var remap = [Int32](repeating: 0, count: dictionary.count)
        for (newCode, entry) in sorted.enumerated() { remap[Int(entry.value)] = Int32(newCode) }
        return (codes.map { remap[Int($0)] }, sorted.map(\.key))
    }

    /// Whether the decompressed content matches a known original (a user may have unpacked it).
    static func contentDigestIsKnown(_ path: String, _ schema: TableSchema) throws -> Bool {
        schema.knownChecksums.contains(try ArchiveReader(path: path).contentSHA256())
    }

    /// `?`, empty, `NA` and `nan` mark a missing value where missing values are allowed.
    static func isMissing(_ bytes: UnsafeRawBufferPointer) -> Bool {
        switch bytes.count {
        case 0: return true
        case 1: return bytes[0] == UInt8(ascii: "?")
        case 2: return bytes[0] == UInt8(ascii: "N") && bytes[1] == UInt8(ascii: "A")
        case 3: return String(decoding: bytes, as: UTF8.self).lowercased() == "nan"
        default: return false
        }
    }

    /// Parses a decimal number exactly (strtod: correctly rounded); nil if the field is not one.
    static func parseNumber(_ bytes: UnsafeRawBufferPointer, _ buffer: inout [CChar]) -> Double? {
        guard bytes.count > 0, bytes.count < buffer.count else { return nil }
        return buffer.withUnsafeMutableBufferPointer { b -> Double? in
            UnsafeMutableRawPointer(b.baseAddress!).copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            b[bytes.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(b.baseAddress!, &end)
            guard end == b.baseAddress! + bytes.count, value.isFinite else { return nil }
            return value
        }
    }
}
