/// The part of a dataset a row belongs to.
public enum Split: String, Sendable, CaseIterable, Codable, Comparable {
    case train, validation, test

    /// The file holding this split's features (`train.csv`, ...), before any compression suffix.
    public var fileName: String { "\(rawValue).csv" }

    /// The position in the declaration order (train, validation, test).
    private var order: Int {
        switch self {
        case .train: 0
        case .validation: 1
        case .test: 2
        }
    }

    public static func < (a: Split, b: Split) -> Bool { a.order < b.order }
}
