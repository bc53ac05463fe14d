/// A gradient of a rank-2 tensor `[rowCount, width]` (an embedding table) that is zero outside a
/// few rows: the rows touched, **strictly increasing**, and their gradient rows, row-major
/// `[rows.count, width]`. It is what a lookup with a sparse gradient
/// (``Tensor/gatherRows(_:paddingIndex:sparseGradient:)``, ``Embedding`` with `sparse: true`)
/// leaves in a table's ``Tensor/sparseGrad`` instead of a dense `[V, d]` array, as PyTorch's
/// `nn.Embedding(sparse=True)` leaves a sparse COO tensor, but always coalesced (each row once,
/// duplicates summed) and sorted.
///
/// A row listed is "touched" even if its values happen to be zero: the lazy optimizers update
/// exactly the rows listed (PyTorch's `SparseAdam` likewise treats every stored index as present).
public struct RowSparseGradient: Sendable, Equatable {
    /// `V`, the number of rows of the dense tensor.
    public let rowCount: Int
    /// `d`, the number of columns.
    public let width: Int
    /// The touched rows, strictly increasing, each in `0..<rowCount`.
    public internal(set) var rows: [Int]
    /// Their gradients, `rows.count × width` values: row `rows[k]`'s gradient is
    /// `values[k·width ..< (k+1)·width]`.
    public internal(set) var values: [Scalar]

    /// Rows must be strictly increasing and within `0..<rowCount`, with `rows.count · width` values.
    public init(rowCount: Int, width: Int, rows: [Int], values: [Scalar]) {
        precondition(values.count == rows.count * width, "RowSparseGradient: \(values.count) values for \(rows.count) rows of \(width)")
        precondition(zip(rows, rows.dropFirst()).allSatisfy { $0 < $1 } && (rows.first ?? 0) >= 0 && (rows.last ?? 0) < rowCount,
                     "RowSparseGradient: rows must be strictly increasing within 0..<\(rowCount)")
        self.rowCount = rowCount
        self.width = width
        self.rows = rows
        self.values = values
    }

    init(unchecked rowCount: Int, width: Int, rows: [Int], values: [Scalar]) {
        self.rowCount = rowCount
        self.width = width
        self.rows = rows
        self.values = values
    }

    /// The dense `[rowCount, width]` gradient (zeros outside ``rows``), row-major.
    public func densified() -> [Scalar] {
        var dense = zeroBuffer(rowCount * width)
        scatterAdd(into: &dense)
        return dense
    }

    /// Adds the rows into a dense row-major `[rowCount, width]` array.
    func scatterAdd(into dense: inout [Scalar]) {
        precondition(dense.count == rowCount * width, "RowSparseGradient: dense array of \(dense.count) for \(rowCount)×\(width)")
        let d = width
        dense.withUnsafeMutableBufferPointer { out in
            values.withUnsafeBufferPointer { src in
                guard let o = out.baseAddress, let s = src.baseAddress else { return }
                for (k, row) in rows.enumerated() {
                    let (to, from) = (o + row * d, s + k * d)
                    for j in 0..<d { to[j] += from[j] }
                }
            }
        }
    }

    /// `self + other`: the union of the row sets (a linear merge of the two sorted lists), rows in
    /// both summed (`self`'s value first, then `other`'s).
    func adding(_ other: RowSparseGradient) -> RowSparseGradient {
        precondition(rowCount == other.rowCount && width == other.width, "RowSparseGradient: adding \(other.rowCount)×\(other.width) to \(rowCount)×\(width)")
        let d = width
        var rows: [Int] = [], values: [Scalar] = []
        rows.reserveCapacity(self.rows.count + other.rows.count)
        values.reserveCapacity((self.rows.count + other.rows.count) * d)
        self.values.withUnsafeBufferPointer { a in
            other.values.withUnsafeBufferPointer { b in
                var (i, j) = (0, 0)
                let (ra, rb) = (self.rows, other.rows)
                while i < ra.count || j < rb.count {
                    if j == rb.count || (i < ra.count && ra[i] < rb[j]) {
                        rows.append(ra[i]); values.append(contentsOf: a[(i * d)..<((i + 1) * d)]); i += 1
                    } else if i == ra.count || rb[j] < ra[i] {
                        rows.append(rb[j]); values.append(contentsOf: b[(j * d)..<((j + 1) * d)]); j += 1
                    } else {
                        rows.append(ra[i])
                        for c in 0..<d { values.append(a[i * d + c] + b[j * d + c]) }
                        i += 1; j += 1
                    }
                }
            }
        }
        return RowSparseGradient(unchecked: rowCount, width: d, rows: rows, values: values)
    }

    /// Sum of the squares of the values, in Double (for a global gradient norm).
    var squaredNorm: Double {
        values.reduce(0) { $0 + Double($1) * Double($1) }
    }

    /// Multiplies every value by `factor` (gradient clipping).
    mutating func scale(by factor: Scalar) {
        values.withUnsafeMutableBufferPointer { v in for i in 0..<v.count { v[i] *= factor } }
    }
}
