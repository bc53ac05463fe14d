import Dispatch
import Randomness
#if canImport(Glibc)
import Glibc
#endif

/// Isolation Forest (Liu, Ting & Zhou, ICDM 2008) with scikit-learn's defaults and rules:
/// `trees` = 100 isolation trees, each grown on ψ = min(`samples`, n) rows drawn without
/// replacement, to depth ⌈log₂ ψ⌉. A node picks a feature uniformly among those not constant
/// on its rows (a node whose features are all constant is a leaf) and a threshold uniform in
/// [min, max) of that feature there; rows with value ≤ threshold go left.
///
/// Score = 2^(−E[h(x)] / c(ψ)) with h(x) = depth of x's leaf + c(rows in that leaf), and
/// c(m) = 2(ln(m − 1) + γ) − 2(m − 1)/m (c(1) = 0, c(2) = 1), the average path length of an
/// unsuccessful binary-search-tree search. This is −`score_samples` of scikit-learn; higher =
/// more anomalous. Scoring runs on two threads.
public struct IsolationForest: Detector {
    public var treeCount: Int
    public var sampleSize: Int
    private var trees: [Tree] = []
    private var usedSampleSize = 0

    public enum Parameter {
        public static let trees = DetectorParameter(integer: "trees", default: 100, range: 1...100_000, help: "number of trees")
        public static let samples = DetectorParameter(integer: "samples", default: 256, range: 2...Int.max,
                                                      help: "rows per tree (ψ), at most the training rows")
    }

    public init(trees: Int = Parameter.trees.defaultValue, samples: Int = Parameter.samples.defaultValue) {
        self.treeCount = trees
        self.sampleSize = samples
    }

    public static let info = DetectorInfo(
        name: "iforest", summary: "Isolation Forest (scikit-learn defaults: 100 trees of 256 rows)",
        defaultScaling: .none,
        parameters: [Parameter.trees.info, Parameter.samples.info],
        work: .linear,
        make: { p in
            IsolationForest(trees: try p.value(Parameter.trees), samples: try p.value(Parameter.samples))
        })

    /// A tree in flat arrays; `feature < 0` marks a leaf whose `value` is depth + c(size).
    struct Tree: Sendable {
        var feature: [Int32] = []
        var threshold: [Double] = []
        var left: [Int32] = []
        var right: [Int32] = []
        var value: [Double] = []
    }

    public mutating func fit(_ train: Matrix, generator: inout Xoshiro256StarStar) throws {
        let n = train.rows
        usedSampleSize = min(sampleSize, n)
        let depthLimit = Int((Double(max(usedSampleSize, 2))).log2Ceiling)
        trees = []
        trees.reserveCapacity(treeCount)
        for _ in 0..<treeCount {
            var treeGenerator = Xoshiro256StarStar(seed: generator.next())
            let rows = treeGenerator.sampleWithoutReplacement(usedSampleSize, from: n)
            var tree = Tree()
            var scratch = rows
            IsolationForest.grow(&tree, train, &scratch, 0..<scratch.count, depth: 0, limit: depthLimit, &treeGenerator)
            trees.append(tree)
        }
    }

    public func scores(_ x: Matrix) throws -> [Double] {
        let n = x.rows
        var out = [Double](repeating: 0, count: n)
        let normaliser = IsolationForest.averagePathLength(usedSampleSize)
        let trees = self.trees
        out.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let results = buffer
            let parts = n >= 4096 ? 2 : 1
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let start = n * part / parts, end = n * (part + 1) / parts
                x.values.withUnsafeBufferPointer { values in
                    for row in start..<end {
                        let base = row * x.columns
                        var total = 0.0
                        for tree in trees {
                            var node = 0
                            while tree.feature[node] >= 0 {
                                node = Int(values[base + Int(tree.feature[node])] <= tree.threshold[node] ? tree.left[node] : tree.right[node])
                            }
                            total += tree.value[node]
                        }
                        let mean = total / Double(trees.count)
                        results[row] = normaliser > 0 ? exp2(-mean / normaliser) : 0.5
                    }
                }
            }
        }
        return out
    }

    /// c(m): the average path length of an unsuccessful search in a binary search tree of m keys.
    static func averagePathLength(_ m: Int) -> Double {
        if m <= 1 { return 0 }
        if m == 2 { return 1 }
        let m = Double(m)
        return 2 * (log(m - 1) + 0.5772156649015329) - 2 * (m - 1) / m
    }

    @discardableResult
    private static func grow(_ tree: inout Tree, _ x: Matrix, _ rows: inout [Int], _ range: Range<Int>,
                             depth: Int, limit: Int, _ generator: inout Xoshiro256StarStar) -> Int32 {
        let node = Int32(tree.feature.count)
        tree.feature.append(-1); tree.threshold.append(0); tree.left.append(-1); tree.right.append(-1)
        tree.value.append(Double(depth) + averagePathLength(range.count))
        guard depth < limit, range.count >= 2 else { return node }
        // Draw features without replacement until one is not constant on these rows.
        var candidates = Array(0..<x.columns)
        var chosen: (feature: Int, low: Double, high: Double)? = nil
        while !candidates.isEmpty {
            let pick = generator.uniformInt(below: candidates.count)
            let feature = candidates[pick]
            candidates.swapAt(pick, candidates.count - 1)
            candidates.removeLast()
            var low = Double.infinity, high = -Double.infinity
            for r in range {
                let v = x.values[rows[r] * x.columns + feature]
                low = min(low, v); high = max(high, v)
            }
            if high > low { chosen = (feature, low, high); break }
        }
        guard let (feature, low, high) = chosen else { return node }
        var threshold = low + generator.uniformUnit() * (high - low)
        if threshold >= high { threshold = low }
        // Partition: values ≤ threshold first.
        var i = range.lowerBound, j = range.upperBound - 1
        while i <= j {
            if x.values[rows[i] * x.columns + feature] <= threshold { i += 1 } else { rows.swapAt(i, j); j -= 1 }
        }
        let middle = i
        tree.feature[Int(node)] = Int32(feature)
        tree.threshold[Int(node)] = threshold
        let left = grow(&tree, x, &rows, range.lowerBound..<middle, depth: depth + 1, limit: limit, &generator)
        let right = grow(&tree, x, &rows, middle..<range.upperBound, depth: depth + 1, limit: limit, &generator)
        tree.left[Int(node)] = left
        tree.right[Int(node)] = right
        return node
    }
}

extension Double {
    /// ⌈log₂ self⌉ for self ≥ 1.
    var log2Ceiling: Double { log2(self).rounded(.up) }
}
