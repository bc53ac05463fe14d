/// Parameters of the `behaviour_logs` generator: time-ordered impression records of an online
/// shop's recommender (the AMAD paper's Industrial set, which cannot be downloaded), each with
/// 8 attributes that are sets of categorical ids, simulated from users with persistent,
/// drifting preferences over a catalogue with Zipf-like popularity. See `BehaviourLogsGenerator`
/// for the generative story and the attributes.
///
///     generator:
///       kind: behaviour_logs
///       days: 10                 # the records span this many days, in time order
///       rows:
///         train: 9500            # first rows in time order, all normal
///         test: 1000             # the last window, anomalies included
///       users: 3000
///       vocabulary:              # catalogue sizes; ids are global: items first, then brands,
///         items: 20000           # categories, shops and queries, each a contiguous range
///         brands: 800
///         categories: 120
///         shops: 1500
///         queries: 6000
///       popularity: 1.0          # Zipf exponent of every popularity ranking (brands, items in a
///                                # brand, categories, shops, queries)
///       preference: 0.8          # share of a user's choices that follow their preferences
///       drift: 0.1               # each preference is redrawn with this probability every day
///       session_length: 5        # mean requests per session (geometric)
///       anomalies:
///         count: 500             # exactly this many test rows are replaced by anomalies
///         kinds:                 # exact counts by largest remainder of the weights
///           - {kind: deleted_attribute, weight: 1}
///           - {kind: random_ids, weight: 1}
///           - {kind: truncated_list, weight: 1}
///           - {kind: misjoined_profile, weight: 1}
public struct BehaviourLogsSpec: GeneratorParameters, Equatable {
    public static let kind = "behaviour_logs"

    public var days: Int
    public var rows: Rows
    public var users: Int
    public var vocabulary: Vocabulary
    public var popularity: Double
    public var preference: Double
    public var drift: Double
    public var sessionLength: Double
    public var anomalies: Anomalies

    public struct Rows: Sendable, Equatable, Encodable {
        public var train: Int
        public var test: Int
    }

    public struct Vocabulary: Sendable, Equatable, Encodable {
        public var items: Int
        public var brands: Int
        public var categories: Int
        public var shops: Int
        public var queries: Int

        public var total: Int { items + brands + categories + shops + queries }
    }

    public struct Anomalies: Sendable, Equatable, Encodable {
        public var count: Int
        public var kinds: [WeightedKind<AnomalyKind>]
    }

    /// Upstream pipeline faults (the first two are the AMAD paper's).
    public enum AnomalyKind: String, Sendable, Equatable, Encodable, CaseIterable {
        /// One attribute's records deleted: a non-empty attribute, chosen uniformly, is emptied.
        case deletedAttribute = "deleted_attribute"
        /// One attribute's records replaced by random ids: a non-empty attribute, chosen
        /// uniformly, keeps its length but its ids are drawn uniformly from its vocabulary.
        case randomIDs = "random_ids"
        /// A length limit applied upstream: every attribute keeps only its first id.
        case truncatedList = "truncated_list"
        /// A join against the wrong profile row: the four long-window attributes
        /// (`purchased_categories_30d`, `fav_brands_7d`, `visited_shops_7d`, `followed_shops`)
        /// are another user's, the short-window ones stay this request's.
        case misjoinedProfile = "misjoined_profile"
    }

    /// The defaults: a small set that generates in well under a second.
    public static let small = BehaviourLogsSpec(
        days: 10, rows: Rows(train: 9500, test: 1000), users: 3000,
        vocabulary: Vocabulary(items: 20000, brands: 800, categories: 120, shops: 1500, queries: 6000),
        popularity: 1.0, preference: 0.8, drift: 0.1, sessionLength: 5,
        anomalies: Anomalies(count: 500, kinds: AnomalyKind.allCases.map { WeightedKind(kind: $0, weight: 1) }))

    public init(days: Int, rows: Rows, users: Int, vocabulary: Vocabulary, popularity: Double, preference: Double,
                drift: Double, sessionLength: Double, anomalies: Anomalies) {
        self.days = days
        self.rows = rows
        self.users = users
        self.vocabulary = vocabulary
        self.popularity = popularity
        self.preference = preference
        self.drift = drift
        self.sessionLength = sessionLength
        self.anomalies = anomalies
    }

    public init(_ node: RecipeNode) throws {
        let d = BehaviourLogsSpec.small
        let m = try node.mapping(allowed: ["kind", "days", "rows", "users", "vocabulary", "popularity", "preference",
                                           "drift", "session_length", "anomalies"])
        days = try m.value("days", default: d.days) { try $0.int(in: 1...100_000) }
        let r = try m["rows"].mapping(allowed: ["train", "test"])
        rows = Rows(train: try r.value("train", default: d.rows.train) { try $0.int(in: 0...10_000_000_000) },
                    test: try r.value("test", default: d.rows.test) { try $0.int(in: 1...10_000_000_000) })
        users = try m.value("users", default: d.users) { try $0.int(in: 1...100_000_000) }
        let v = try m["vocabulary"].mapping(allowed: ["items", "brands", "categories", "shops", "queries"])
        let limit = 100_000_000
        vocabulary = Vocabulary(
            items: try v.value("items", default: d.vocabulary.items) { try $0.int(in: 1...limit) },
            brands: try v.value("brands", default: d.vocabulary.brands) { try $0.int(in: 1...limit) },
            categories: try v.value("categories", default: d.vocabulary.categories) { try $0.int(in: 1...limit) },
            shops: try v.value("shops", default: d.vocabulary.shops) { try $0.int(in: 1...limit) },
            queries: try v.value("queries", default: d.vocabulary.queries) { try $0.int(in: 1...limit) })
        popularity = try m.value("popularity", default: d.popularity) { try $0.double(in: 0...5) }
        preference = try m.value("preference", default: d.preference) { try $0.double(in: 0...1) }
        drift = try m.value("drift", default: d.drift) { try $0.double(in: 0...1) }
        sessionLength = try m.value("session_length", default: d.sessionLength) { try $0.double(in: 1...1000) }
        let a = try m["anomalies"].mapping(allowed: ["count", "kinds"])
        anomalies = Anomalies(count: try a.value("count", default: d.anomalies.count) { try $0.int(in: 0...10_000_000_000) },
                              kinds: try a.value("kinds", default: d.anomalies.kinds) { try WeightedKind<AnomalyKind>.list($0) })
        if vocabulary.total > Int(Int32.max) {
            throw m.error("vocabulary", "the ids must fit in 32 bits: the sizes add up to \(vocabulary.total)")
        }
        if anomalies.count > rows.test {
            throw m.error("anomalies.count", "cannot exceed rows.test (\(rows.test)), got \(anomalies.count)")
        }
        if anomalies.count > 0 && anomalies.kinds.isEmpty {
            throw m.error("anomalies.kinds", "must list at least one kind when anomalies.count is above 0")
        }
        if let i = anomalies.kinds.firstIndex(where: { $0.kind == .misjoinedProfile }), users < 2 {
            throw m.error("anomalies.kinds.\(i).kind", "misjoined_profile needs at least 2 users")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.kind, forKey: .kind)
        try c.encode(days, forKey: .days)
        try c.encode(rows, forKey: .rows)
        try c.encode(users, forKey: .users)
        try c.encode(vocabulary, forKey: .vocabulary)
        try c.encode(RecipeDouble(popularity), forKey: .popularity)
        try c.encode(RecipeDouble(preference), forKey: .preference)
        try c.encode(RecipeDouble(drift), forKey: .drift)
        try c.encode(RecipeDouble(sessionLength), forKey: .session_length)
        try c.encode(anomalies, forKey: .anomalies)
    }

    private enum Keys: String, CodingKey {
        case kind, days, rows, users, vocabulary, popularity, preference, drift, session_length, anomalies
    }
}
