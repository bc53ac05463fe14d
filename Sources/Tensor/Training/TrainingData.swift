/// What a ``Trainer`` draws mini-batches from: `count` examples, and the batch made of some of
/// them. Dense rows are ``DenseRows``; id lists, sequences and windows are sources of their own
/// (``IndexedBatches`` wraps any closure), so a model reads its natural input rather than a
/// dense matrix.
public protocol TrainingData {
    associatedtype Batch
    /// Number of examples, indexed `0..<count`.
    var count: Int { get }
    /// The batch of the examples `indices` (in that order).
    func batch(_ indices: [Int]) -> Batch
}

/// The rows of one mini-batch of ``DenseRows``: a constant `[b, d]` tensor and their row
/// numbers in the data (to look up labels, masks or other per-row inputs).
public struct MiniBatch {
    public let x: Tensor
    public let indices: [Int]

    public init(x: Tensor, indices: [Int]) {
        self.x = x
        self.indices = indices
    }
}

/// The rows of an `[n, d]` tensor (or any rank: the first axis indexes examples).
public struct DenseRows: TrainingData {
    public let data: Tensor

    public init(_ data: Tensor) {
        precondition(data.rank >= 1, "DenseRows: a tensor with rows, got shape \(data.shape)")
        self.data = data
    }

    public var count: Int { data.shape[0] }

    public func batch(_ indices: [Int]) -> MiniBatch {
        MiniBatch(x: Tensor.noGrad {
            guard data.rank != 2 else { return data.gatherRows(indices) }
            // Rows of any rank: gather from the [n, rest] view, then give the rows their shape back.
            let rest = Array(data.shape.dropFirst())
            return data.reshaped([data.shape[0], rest.reduce(1, *)]).gatherRows(indices).reshaped([indices.count] + rest)
        }, indices: indices)
    }
}

/// Any source given as a count and a closure: `IndexedBatches(count: lists.count) { ids in ids.map { lists[$0] } }`.
public struct IndexedBatches<Batch>: TrainingData {
    public let count: Int
    let make: ([Int]) -> Batch

    public init(count: Int, _ make: @escaping ([Int]) -> Batch) {
        precondition(count >= 0, "IndexedBatches: count ≥ 0")
        self.count = count
        self.make = make
    }

    public func batch(_ indices: [Int]) -> Batch { make(indices) }
}
