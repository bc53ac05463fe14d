/// A table held in memory by column: what real files (Connect-4, KDD Cup 99, Arrhythmia, any CSV)
/// and their look-alike synthesizers produce before a recipe's protocol splits it.
///
/// Real benchmark tables are at most a few hundred thousand rows, and their protocols draw rows
/// at random from the whole file, so they are read once into columns (numeric columns as
/// `Double`, categorical ones as integer codes into a value list) rather than streamed.
public struct Table: Sendable {
    /// One feature column.
    public struct Column: Sendable, Equatable {
        public enum Data: Sendable, Equatable {
            /// Numbers; `nan` marks a missing value.
            case numeric([Double])
            /// Codes into `values` (the distinct values, in the column's declared or sorted order).
            case categorical(codes: [Int32], values: [String])
        }

        public var name: String
        public var data: Data

        public init(name: String, data: Data) {
            self.name = name
            self.data = data
        }

        public var count: Int {
            switch data {
            case .numeric(let v): return v.count
            case .categorical(let codes, _): return codes.count
            }
        }

        /// Number of missing (NaN) values of a numeric column; 0 for categorical columns.
        public var missingCount: Int {
            if case .numeric(let v) = data { return v.reduce(0) { $0 + ($1.isNaN ? 1 : 0) } }
            return 0
        }
    }

    public var columns: [Column]
    /// The class of each row (`win`, `normal.`, `3`, ...), as codes into `classValues`.
    public var classCodes: [Int32]
    public var classValues: [String]
    /// The 1-based line of each row in its source file (for error messages), if read from a file.
    public var sourceLines: [Int32]?

    public init(columns: [Column], classCodes: [Int32], classValues: [String], sourceLines: [Int32]? = nil) {
        self.columns = columns
        self.classCodes = classCodes
        self.classValues = classValues
        self.sourceLines = sourceLines
    }

    public var rowCount: Int { classCodes.count }

    /// Rows per class value.
    public func classCounts() -> [String: Int] {
        var counts = [Int](repeating: 0, count: classValues.count)
        for c in classCodes { counts[Int(c)] += 1 }
        return Dictionary(uniqueKeysWithValues: zip(classValues, counts))
    }

    /// The table without the named columns.
    public func dropping(columns names: Set<String>) -> Table {
        var copy = self
        copy.columns.removeAll { names.contains($0.name) }
        return copy
    }
}
