import Datasets
import CBLAS
import DataIO
import Randomness

/// One d-dimensional vector per id of the multi-valued columns, so that a record's id list can be
/// summarised by the mean of its ids' vectors (``Featurizer`` with ``ListEncoding/embedding``), in
/// the spirit of the document embeddings (Doc2Vec) the AMAD paper's baselines used.
///
/// An id is keyed by its column and value: the same number in two columns is two ids.
///
/// **Learned** (``Kind/learned``): fitted on the training rows only. With C the id–id
/// co-occurrence counts within records (every ordered pair of two different positions of one
/// record's ids, over all multi-valued columns; C is symmetric) and D its row sums, the vectors
/// are the rows of U_d Σ_d^{1/2}, the leading d left singular vectors of the conditional
/// co-occurrence matrix P = D⁻¹C (row i: which ids come with id i) scaled by the square roots of
/// their singular values: ids seen in the same company get close vectors. The truncated SVD is
/// Halko, Martinsson & Tropp's randomized one (2011, Algorithm 4.4): k = d + 10 Gaussian probes,
/// one power iteration, each product with P or Pᵀ a pass over the training records' ids
/// (O(ids · k), never forming C), the small eigenproblems by LAPACK (`dsyevd`). The probes come
/// from a fixed seed (``probeSeed``), so the vectors depend on the training rows alone, not on a
/// detector's seed; each component's sign makes its vector's entries sum to at least 0. When the
/// ids are at most k, the probes span every direction and the result is the exact truncated SVD.
/// An id seen in training without any companion (always alone in its record) gets the zero
/// vector.
///
/// **Fallback, and the hashed kind** (``Kind/hashed``): an id never seen in training gets a
/// random vector, the same on every run and machine: d draws of a standard normal from
/// xoshiro256** seeded with SplitMix64 of the column and id, times `fallbackScale`, the
/// root-mean-square entry of the learned vectors (so an unseen id is as long as a typical seen one).
/// With ``Kind/hashed`` every id gets such a vector, scaled by 1/√d (expected length 1).
public struct ListEmbedding: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case learned, hashed
    }

    public let kind: Kind
    public let dimension: Int
    /// Distinct training ids (column and id), learned kind only.
    public let vocabularySize: Int
    /// Scale of the random vector of an id not in the vocabulary.
    public let fallbackScale: Double
    /// Row of each training id's vector in `vectors`.
    private let index: [UInt64: Int32]
    /// vocabularySize × dimension, row-major.
    private let vectors: [Double]

    /// The seed of the learned kind's Gaussian probes.
    public static let probeSeed = SeedDerivation.seed(master: 0, name: "list-embedding")
    /// Probes beyond the dimension (the randomized SVD's oversampling).
    public static let oversampling = 10

    /// Fits the vectors of the ids in `columns` (multi-valued columns of `train`).
    public init(train: DatasetSplit, columns: [Int], dimension: Int, kind: Kind) throws {
        precondition(dimension > 0)
        self.kind = kind
        self.dimension = dimension
        guard kind == .learned else {
            index = [:]
            vectors = []
            vocabularySize = 0
            fallbackScale = 1 / Double(dimension).squareRoot()
            return
        }
        // Every record's ids as vocabulary rows, in one flat array (first-seen order).
        var index: [UInt64: Int32] = [:]
        var tokens: [Int32] = []
        var starts: [Int] = [0]
        tokens.reserveCapacity(train.rowCount * columns.count * 4)
        starts.reserveCapacity(train.rowCount + 1)
        for row in 0..<train.rowCount {
            for c in columns {
                for id in train.lists[c][row] {
                    let key = ListEmbedding.key(column: c, id: id)
                    if let slot = index[key] {
                        tokens.append(slot)
                    } else {
                        let slot = Int32(index.count)
                        index[key] = slot
                        tokens.append(slot)
                    }
                }
            }
            starts.append(tokens.count)
        }
        let n = index.count
        self.index = index
        vocabularySize = n
        let k = min(dimension + ListEmbedding.oversampling, max(n, 1))
        var degree = [Double](repeating: 0, count: n)
        for r in 0..<train.rowCount {
            let length = Double(starts[r + 1] - starts[r] - 1)
            for t in starts[r]..<starts[r + 1] { degree[Int(tokens[t])] += length }
        }
        let inverseDegree = degree.map { $0 > 0 ? 1 / $0 : 0 }
        /// C · x for x (n × k, row-major): out[i] = Σ_records Σ_{other positions} x[other].
        func cooccurrence(_ x: [Double]) -> [Double] {
            var out = [Double](repeating: 0, count: n * k)
            var sum = [Double](repeating: 0, count: k)
            x.withUnsafeBufferPointer { x in
                out.withUnsafeMutableBufferPointer { out in
                    for r in 0..<train.rowCount where starts[r + 1] - starts[r] > 1 {
                        for j in 0..<k { sum[j] = 0 }
                        for t in starts[r]..<starts[r + 1] {
                            let base = Int(tokens[t]) * k
                            for j in 0..<k { sum[j] += x[base + j] }
                        }
                        for t in starts[r]..<starts[r + 1] {
                            let base = Int(tokens[t]) * k
                            for j in 0..<k { out[base + j] += sum[j] - x[base + j] }
                        }
                    }
                }
            }
            return out
        }
        func scaledRows(_ x: [Double], by factors: [Double]) -> [Double] {
            var y = x
            for i in 0..<n where factors[i] != 1 { for j in 0..<k { y[i * k + j] *= factors[i] } }
            return y
        }
        let p = { (x: [Double]) in scaledRows(cooccurrence(x), by: inverseDegree) }        // P x = D⁻¹ C x
        let pTransposed = { (x: [Double]) in cooccurrence(scaledRows(x, by: inverseDegree)) } // Pᵀ x = C D⁻¹ x

        var generator = Xoshiro256StarStar(seed: ListEmbedding.probeSeed)
        var probes = [Double](repeating: 0, count: n * k)
        for i in probes.indices { probes[i] = generator.standardNormal() }
        var q = try ListEmbedding.orthonormalized(p(probes), rows: n, columns: k)
        q = try ListEmbedding.orthonormalized(p(pTransposed(q)), rows: n, columns: k)   // one power iteration
        // Bᵀ = Pᵀ Q (n × k); B Bᵀ = W S² Wᵀ; U = Q W, singular values S.
        let bTransposed = pTransposed(q)
        let (w, s2) = try SymmetricEigen.decompose(SymmetricEigen.gram(bTransposed, rows: n, columns: k), size: k,
                                                   detector: "list embedding")
        let kept = min(dimension, k)
        var vectors = [Double](repeating: 0, count: n * dimension)
        for m in 0..<kept {
            let column = k - 1 - m   // dsyevd: ascending eigenvalues
            let scale = max(s2[column], 0).squareRoot().squareRoot()   // σ^{1/2}
            var sum = 0.0
            var u = [Double](repeating: 0, count: n)
            for i in 0..<n {
                var value = 0.0
                for j in 0..<k { value += q[i * k + j] * w[j * k + column] }
                u[i] = value
                sum += value
            }
            let sign: Double = sum < 0 ? -1 : 1
            for i in 0..<n { vectors[i * dimension + m] = sign * scale * u[i] }
        }
        self.vectors = vectors
        var squares = 0.0, counted = 0
        for i in 0..<n where degree[i] > 0 {
            for m in 0..<dimension { squares += vectors[i * dimension + m] * vectors[i * dimension + m] }
            counted += dimension
        }
        fallbackScale = counted > 0 && squares > 0 ? (squares / Double(counted)).squareRoot() : 1 / Double(dimension).squareRoot()
    }

    /// Whether `id` of column `column` has a learned vector.
    public func isKnown(column: Int, id: Int) -> Bool { index[ListEmbedding.key(column: column, id: id)] != nil }

    /// Adds the vector of `id` of column `column` to `target[0..<dimension]`.
    @inline(__always)
    public func add(column: Int, id: Int, to target: UnsafeMutablePointer<Double>) {
        if let slot = index[ListEmbedding.key(column: column, id: id)] {
            let base = Int(slot) * dimension
            for m in 0..<dimension { target[m] += vectors[base + m] }
            return
        }
        var generator = Xoshiro256StarStar(seed: SplitMix64.mix(ListEmbedding.key(column: column, id: id) &+ ListEmbedding.probeSeed))
        for m in 0..<dimension { target[m] += fallbackScale * generator.standardNormal() }
    }

    /// The vector of `id` of column `column`.
    public func vector(column: Int, id: Int) -> [Double] {
        var v = [Double](repeating: 0, count: dimension)
        v.withUnsafeMutableBufferPointer { add(column: column, id: id, to: $0.baseAddress!) }
        return v
    }

    static func key(column: Int, id: Int) -> UInt64 { UInt64(column) << 40 | UInt64(truncatingIfNeeded: id) & 0xFF_FFFF_FFFF }

    /// An orthonormal basis of X's column space as X V Λ^{-1/2} (XᵀX = V Λ Vᵀ); directions whose
    /// eigenvalue is below 1e-12 of the largest are dropped (their columns left 0).
    static func orthonormalized(_ x: [Double], rows: Int, columns: Int) throws -> [Double] {
        let (v, lambda) = try SymmetricEigen.decompose(SymmetricEigen.gram(x, rows: rows, columns: columns), size: columns,
                                                        detector: "list embedding")
        let largest = lambda.max() ?? 0
        var factors = [Double](repeating: 0, count: columns * columns)   // V Λ^{-1/2}
        for j in 0..<columns where largest > 0 && lambda[j] > 1e-12 * largest {
            let f = 1 / lambda[j].squareRoot()
            for i in 0..<columns { factors[i * columns + j] = v[i * columns + j] * f }
        }
        var q = [Double](repeating: 0, count: rows * columns)
        guard rows > 0 else { return q }
        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, Int32(rows), Int32(columns), Int32(columns), 1,
                    x, Int32(columns), factors, Int32(columns), 0, &q, Int32(columns))
        return q
    }
}
