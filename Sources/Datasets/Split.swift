/// The part of a dataset a row belongs to.
public enum Split: String, Sendable, CaseIterable, Codable, Comparable {
    case train, validation, test

    /// The file holding this split's features (`train.csv`, ...), before any compression suffix.
    public var fileName: String { "\(rawValue).csv" }

    public static func < (a: Split, b: Split) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}
