import Randomness

/// A dense row-major matrix of doubles: the featurized rows a detector fits and scores.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    /// `rows × columns` values, row after row.
    public var values: [Double]

    public init(rows: Int, columns: Int, values: [Double]) {
        precondition(values.count == rows * columns, "Matrix: \(values.count) values for \(rows)×\(columns)")
        self.rows = rows
        self.columns = columns
        self.values = values
    }

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
    }

    /// A matrix from an array of equally long rows.
    public init(_ rowArrays: [[Double]]) {
        let columns = rowArrays.first?.count ?? 0
        self.init(rows: rowArrays.count, columns: columns, values: rowArrays.flatMap { $0 })
    }

    public subscript(row: Int, column: Int) -> Double {
        get { values[row * columns + column] }
        set { values[row * columns + column] = newValue }
    }

    /// Row `row` as an array (a copy).
    public func row(_ row: Int) -> [Double] {
        Array(values[row * columns..<(row + 1) * columns])
    }

    /// At most `maximum` rows: all of them when there are no more, else a seeded uniform sample
    /// without replacement, kept in row order (the subsample of `ocsvm` and `knn`).
    public func subsampled(toAtMost maximum: Int, generator: inout Xoshiro256StarStar) -> Matrix {
        guard rows > maximum else { return self }
        return selecting(rows: generator.sampleWithoutReplacement(maximum, from: rows).sorted())
    }

    /// The rows at `indices`, in that order.
    public func selecting(rows indices: [Int]) -> Matrix {
        var out = [Double]()
        out.reserveCapacity(indices.count * columns)
        for index in indices { out.append(contentsOf: values[index * columns..<(index + 1) * columns]) }
        return Matrix(rows: indices.count, columns: columns, values: out)
    }
}
