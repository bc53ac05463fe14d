/// The labels' `kind` column: the anomaly kind of each row (`cloudy_day`, `spike`, `class:3`;
/// empty for normal rows in a dataset's `labels.csv` and `windows.csv`), stored as one small
/// code per row and each distinct kind once.
struct KindColumn: Sendable, Equatable {
    /// The distinct kinds, in order of first appearance.
    private(set) var names: [String] = []
    /// Each row's kind, as an index into ``names``.
    private(set) var codes: [Int32] = []
    private var lookup: [String: Int32] = [:]

    init() {}

    /// A column of these kinds, row by row.
    init<S: Sequence>(_ kinds: S) where S.Element == String {
        for kind in kinds { append(kind) }
    }

    var count: Int { codes.count }

    /// The kind of `row`.
    subscript(row: Int) -> String { names[Int(codes[row])] }

    mutating func append(_ kind: String) {
        if let code = lookup[kind] {
            codes.append(code)
        } else {
            let code = Int32(names.count)
            names.append(kind)
            lookup[kind] = code
            codes.append(code)
        }
    }

    /// Appends another column's rows (one dataset per series, concatenated).
    mutating func append(contentsOf other: KindColumn) {
        let map = other.names.map { name -> Int32 in
            if let code = lookup[name] { return code }
            let code = Int32(names.count)
            names.append(name)
            lookup[name] = code
            return code
        }
        codes.reserveCapacity(codes.count + other.codes.count)
        for code in other.codes { codes.append(map[Int(code)]) }
    }

    static func == (a: KindColumn, b: KindColumn) -> Bool {
        a.count == b.count && (0..<a.count).allSatisfy { a[$0] == b[$0] }
    }
}
