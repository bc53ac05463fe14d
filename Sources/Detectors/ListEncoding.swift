/// How ``Featurizer`` encodes a multi-valued column (a list of ids), chosen with
/// `--param lists=multi-hot|embedding|hashed-embedding` and `--param list_dim=D`:
/// - `multi-hot` (the default): one count column per id (hashed into buckets past the one-hot
///   limit), then the list's length;
/// - `embedding`: the mean of the ids' learned D-dimensional vectors (``ListEmbedding``, fitted
///   on the training rows: a truncated SVD of the id–id co-occurrence within records; unseen ids
///   get hashed random vectors), then the list's length;
/// - `hashed-embedding`: the same with every id's vector a hashed random one (no learning).
/// An empty list gives the zero vector and length 0.
public enum ListEncoding: Sendable, Equatable {
    case multiHot
    case embedding(dimension: Int, kind: ListEmbedding.Kind)

    /// The names of `--param lists=`.
    public static let names = ["multi-hot", "embedding", "hashed-embedding"]
    /// The default `list_dim`.
    public static let defaultDimension = 16

    /// The encoding named `name` (one of ``names``) with `dimension` for the embeddings.
    public init(name: String, dimension: Int) {
        switch name {
        case "embedding": self = .embedding(dimension: dimension, kind: .learned)
        case "hashed-embedding": self = .embedding(dimension: dimension, kind: .hashed)
        default: self = .multiHot
        }
    }

    public var name: String {
        switch self {
        case .multiHot: return "multi-hot"
        case .embedding(let d, .learned): return "embedding (\(d) dimensions)"
        case .embedding(let d, .hashed): return "hashed-embedding (\(d) dimensions)"
        }
    }
}
