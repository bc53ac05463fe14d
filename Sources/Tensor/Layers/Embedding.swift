import Randomness

/// A lookup table `[vocabularySize, dimension]` of trainable vectors, initialised `N(0, 1)`
/// (PyTorch `nn.Embedding` default). Lookup is the ``Tensor/gatherRows(_:paddingIndex:sparseGradient:)``
/// primitive, so the gradient scatter-adds into the rows used. State-dict name: `weight`, as
/// PyTorch's.
///
/// - `paddingIndex` (PyTorch's `padding_idx`): that row is initialised to zeros and never
///   receives a gradient, so no optimizer here moves it (weight decay aside, which only matters
///   if a state dict loads a non-zero row there); positions holding it still look the row up.
///   ``padded(_:)`` pads with it.
/// - `sparse` (PyTorch's `sparse=True`): the table's gradient is row-sparse
///   (``Tensor/sparseGrad``: the distinct ids of the batch and their summed gradient rows)
///   instead of a dense `[V, d]` array, and the optimizers update it lazily (only the touched
///   rows' moments and values; see ``Adam`` and ``RMSProp``). For a vocabulary much larger
///   than a batch's ids this is much cheaper, but lazy Adam/RMSProp is a different optimizer
///   from the dense one (untouched rows' state does not decay). The default is dense, as
///   PyTorch's.
public final class Embedding: Module {
    public let table: Tensor
    /// The id whose row is fixed at zero and gets no gradient, if any.
    public let paddingIndex: Int?
    /// Whether lookups give the table a row-sparse gradient.
    public let sparse: Bool
    public var isTraining = true

    public init(_ vocabularySize: Int, _ dimension: Int, paddingIndex: Int? = nil, sparse: Bool = false,
                generator: inout Xoshiro256StarStar) {
        precondition(paddingIndex.map { $0 >= 0 && $0 < vocabularySize } ?? true,
                     "Embedding: paddingIndex \(paddingIndex ?? 0) out of 0..<\(vocabularySize)")
        table = Tensor.randn([vocabularySize, dimension], generator: &generator, requiresGrad: true)
        if let p = paddingIndex {
            for j in 0..<dimension { table.data[p * dimension + j] = 0 }
        }
        self.paddingIndex = paddingIndex
        self.sparse = sparse
    }

    public var ownParameters: [(name: String, tensor: Tensor)] { [("weight", table)] }
    public var vocabularySize: Int { table.shape[0] }
    public var dimension: Int { table.shape[1] }

    /// The vectors of `ids` in order: `[ids.count, dimension]`.
    public func callAsFunction(_ ids: [Int]) -> Tensor {
        table.gatherRows(ids, paddingIndex: paddingIndex, sparseGradient: sparse)
    }

    /// Right-pads each id list to the longest (at least 1) and looks all positions up:
    /// `vectors` is `[batch, length, dimension]`; `valid[b·length + l]` is `false` at padding
    /// positions and wherever a list holds ``paddingIndex`` itself (an empty attribute written
    /// as `[0]`). Padding uses ``paddingIndex`` (0 without one, whose vector is then row 0's and
    /// must be masked by the consumer, e.g. ``AttentionPooling``).
    public func padded(_ lists: [[Int]]) -> (vectors: Tensor, valid: [Bool]) {
        let length = Swift.max(1, lists.map(\.count).max() ?? 1)
        let pad = paddingIndex ?? 0
        var ids: [Int] = [], valid: [Bool] = []
        ids.reserveCapacity(lists.count * length)
        valid.reserveCapacity(lists.count * length)
        for list in lists {
            for id in list {
                ids.append(id)
                valid.append(id != paddingIndex)
            }
            for _ in list.count..<length {
                ids.append(pad)
                valid.append(false)
            }
        }
        return (self(ids).reshaped([lists.count, length, dimension]), valid)
    }
}
