import Randomness

/// A lookup table `[vocabularySize, dimension]` of trainable vectors, initialised `N(0, 1)`
/// (PyTorch `nn.Embedding` default). Lookup is the ``Tensor/gatherRows(_:)`` primitive, so
/// the gradient scatter-adds into the rows used. State-dict name: `weight`, as PyTorch's.
public final class Embedding: Module {
    public let table: Tensor
    public var isTraining = true

    public init(_ vocabularySize: Int, _ dimension: Int, generator: inout Xoshiro256StarStar) {
        table = Tensor.randn([vocabularySize, dimension], generator: &generator, requiresGrad: true)
    }

    public var ownParameters: [(name: String, tensor: Tensor)] { [("weight", table)] }
    public var dimension: Int { table.shape[1] }

    /// The vectors of `ids` in order: `[ids.count, dimension]`.
    public func callAsFunction(_ ids: [Int]) -> Tensor { table.gatherRows(ids) }

    /// Right-pads each id list to the longest (at least 1) and looks all positions up:
    /// `vectors` is `[batch, length, dimension]`; `valid[b·length + l]` is `false` at padding
    /// (whose vector is row 0's and must be masked by the consumer, e.g. ``AttentionPooling``).
    public func padded(_ lists: [[Int]]) -> (vectors: Tensor, valid: [Bool]) {
        let length = Swift.max(1, lists.map(\.count).max() ?? 1)
        var ids: [Int] = [], valid: [Bool] = []
        ids.reserveCapacity(lists.count * length)
        for list in lists {
            ids += list; valid += [Bool](repeating: true, count: list.count)
            ids += [Int](repeating: 0, count: length - list.count)
            valid += [Bool](repeating: false, count: length - list.count)
        }
        return (table.gatherRows(ids).reshaped([lists.count, length, dimension]), valid)
    }
}
