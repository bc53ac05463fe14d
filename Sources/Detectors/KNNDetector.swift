import CBLAS
import Dispatch
import Randomness

/// k-nearest-neighbour distance (Ramaswamy et al., 2000; PyOD's `KNN`): a row's score is the
/// Euclidean distance to its k-th nearest training row (`method=largest`) or the mean distance
/// to its k nearest (`mean`). Squared distances come from ‖x‖² + ‖y‖² − 2x·y with the cross
/// products by BLAS `dgemm`, in blocks of rows. Training sets larger than `max_train` are
/// subsampled (seeded, recorded in the parameters) because the cost is O(n_train · n_score · d).
/// When scoring the training rows themselves, a row is its own nearest neighbour at distance 0
/// (PyOD excludes it; here the training split is scored like any other).
public struct KNNDetector: Detector, DescribesFit {
    public var k: Int
    public var method: String
    public var maxTrain: Int
    private var reference = Matrix(rows: 0, columns: 0)
    private var referenceNorms: [Double] = []
    private var sourceRows = 0

    public var fitSummary: String {
        "\(reference.rows) reference rows\(reference.rows < sourceRows ? " (a seeded subsample of \(sourceRows))" : "")"
            + (k > reference.rows ? "; k=\(k) is more than the reference rows, so every row is a neighbour (k=\(reference.rows))" : "")
    }

    public enum Parameter {
        public static let k = DetectorParameter(integer: "k", default: 5, range: 1...10_000, help: "neighbours")
        public static let method = DetectorParameter(choice: "method", default: "largest", among: ["largest", "mean"],
                                                     help: "largest (k-th distance) or mean (of the k)")
        public static let maxTrain = DetectorParameter(integer: "max_train", default: 10_000, range: 1...Int.max,
                                                       help: "training rows kept (seeded subsample beyond it)")
    }

    public init(k: Int = Parameter.k.defaultValue, method: String = Parameter.method.defaultValue,
                maxTrain: Int = Parameter.maxTrain.defaultValue) {
        self.k = k
        self.method = method
        self.maxTrain = maxTrain
    }

    public static let info = DetectorInfo(
        name: "knn", summary: "Distance to the k-th nearest training row (BLAS distances)",
        defaultScaling: .standard,
        parameters: [Parameter.k.info, Parameter.method.info, Parameter.maxTrain.info],
        make: { p in
            KNNDetector(k: try p.value(Parameter.k), method: try p.value(Parameter.method),
                        maxTrain: try p.value(Parameter.maxTrain))
        })

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        sourceRows = train.rows
        reference = train.subsampled(toAtMost: maxTrain, generator: &generator)
        referenceNorms = (0..<reference.rows).map { i in
            var s = 0.0
            for j in 0..<reference.columns { s += reference[i, j] * reference[i, j] }
            return s
        }
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        let n = x.rows, m = reference.rows, d = x.columns
        let neighbours = min(k, m)
        var out = [Double](repeating: 0, count: n)
        let block = 512
        let blocks = (n + block - 1) / block
        let reference = self.reference, norms = referenceNorms, useMean = method == "mean"
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let results = buffer
            let workers = min(2, max(blocks, 1))
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                var cross = [Double](repeating: 0, count: block * m)
                var best = [Double](repeating: 0, count: neighbours)
                var b = worker
                while b < blocks {
                    let start = b * block, rows = min(block, n - start)
                    x.values.withUnsafeBufferPointer { xs in
                        cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rows), Int32(m), Int32(d), 1,
                                    xs.baseAddress! + start * d, Int32(d), reference.values, Int32(d), 0, &cross, Int32(m))
                        for i in 0..<rows {
                            var own = 0.0
                            for j in 0..<d { own += xs[(start + i) * d + j] * xs[(start + i) * d + j] }
                            // Keep the `neighbours` smallest squared distances (insertion into a sorted array).
                            var count = 0
                            for r in 0..<m {
                                let distance = max(own + norms[r] - 2 * cross[i * m + r], 0)
                                if count < neighbours {
                                    var p = count
                                    while p > 0 && best[p - 1] > distance { best[p] = best[p - 1]; p -= 1 }
                                    best[p] = distance
                                    count += 1
                                } else if distance < best[neighbours - 1] {
                                    var p = neighbours - 1
                                    while p > 0 && best[p - 1] > distance { best[p] = best[p - 1]; p -= 1 }
                                    best[p] = distance
                                }
                            }
                            if useMean {
                                var s = 0.0
                                for q in 0..<neighbours { s += best[q].squareRoot() }
                                results[start + i] = s / Double(neighbours)
                            } else {
                                results[start + i] = best[neighbours - 1].squareRoot()
                            }
                        }
                    }
                    b += workers
                }
            }
        }
        return out
    }
}
