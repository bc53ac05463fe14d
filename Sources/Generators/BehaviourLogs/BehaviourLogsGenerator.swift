import Datasets
import Foundation
import Randomness
import Recipe

/// Behaviour logs (AMAD's Industrial set, simulated; recipes `behaviour-logs`,
/// `behaviour-logs-paper`): time-ordered impression records of an online shop's recommender,
/// 8 attributes per record, each a set of ids (``BehaviourRecord`` names them).
///
/// **Generative story.** A ``Catalogue`` with Zipf-like popularity; a ``UserPopulation`` with
/// activity levels, a preferred part of the day and preferences that drift day by day. Rows
/// r = 0..<N (N = rows.train + rows.test) are spread over `days` days in order, row r on day
/// ⌊r·days/N⌋; within a day rows follow a daily cycle (few at night, most in the evening) that
/// fixes each row's hour. Requests come from sessions: 4 sessions run at once, each row belongs
/// to one of them at random; a new session draws its user from the users active in that quarter
/// of the day (by activity), a length (geometric, mean `session_length`) and an intent category
/// (a favourite one with probability `preference`). A record (``RecordBuilder``) mixes the user's
/// day history (block u·days + d of the counter stream `histories`: the same for all of a user's
/// requests that day) and the session's own draws.
///
/// **Chunks and shards.** Rows are made in chunks of 1,024; chunk k draws from block k of the
/// counter stream `requests`, and sessions start afresh at each chunk, so a chunk depends only
/// on the seed, its index and the preferences of its days (rebuilt by replaying the drift).
///
/// **Anomalies** replace exactly `anomalies.count` of the test rows, chosen by Algorithm S
/// (stream `anomaly-positions`), kinds dealt in random order with exact counts (stream
/// `anomaly-kinds`); each anomaly draws from block r of the counter stream `anomaly-values`.
/// The normal record of that row is made first (the sessions stay in step), then faulted as
/// ``BehaviourLogsSpec/AnomalyKind`` says. Train = the first rows.train rows, all normal;
/// test = the last rows.test rows (the paper: train 758,000, test 50,000 with 25,000 replaced).
///
/// Time O(rows) after the tables; memory O(users + vocabulary): rows stream to disk.
public struct BehaviourLogsGenerator: ShardableGenerator {
    public let spec: BehaviourLogsSpec
    static let chunkRows = 1024
    static let concurrentSessions = 4
    /// Relative request rate by hour of the day (0-23).
    static let hourlyRate: [Double] = [0.30, 0.20, 0.15, 0.12, 0.12, 0.18, 0.35, 0.60, 0.80, 0.90, 0.95, 1.00,
                                       1.05, 1.00, 0.95, 0.95, 1.00, 1.10, 1.25, 1.45, 1.60, 1.60, 1.30, 0.80]
    private let measured = Measured()

    final class Measured: @unchecked Sendable {
        var seen: [UInt64] = []
        var ids = 0
        var rows = 0
    }

    public init(spec: BehaviourLogsSpec) { self.spec = spec }

    public var columns: [ColumnSchema] {
        BehaviourRecord.names.map { ColumnSchema(name: $0, type: .multiCategorical, cardinality: spec.vocabulary.total) }
    }

    public var info: Manifest.GeneratorInfo {
        .init(kind: BehaviourLogsSpec.kind, version: 1,
              description: "impression records of simulated users (Zipf catalogue, drifting preferences, sessions, daily cycle); 8 id-set attributes; anomalies by Algorithm S")
    }

    public var totalRows: Int { spec.rows.train + spec.rows.test }
    public var source: String { "synthetic" }

    public func rows(ofShard index: Int, of count: Int) -> Range<Int> {
        Self.shardRows(index, of: count, chunkRows: Self.chunkRows, total: totalRows)
    }

    public var statistics: [String: JSONValue] {
        Self.statistics(distinct: measured.seen.reduce(0) { $0 + $1.nonzeroBitCount }, ids: measured.ids, rows: measured.rows)
    }

    /// The manifest's `statistics` from the distinct ids, the ids written and the rows (also how
    /// ``ShardJoin`` recomputes them from joined shards).
    static func statistics(distinct: Int, ids: Int, rows: Int) -> [String: JSONValue] {
        ["distinct_ids": .int(distinct), "ids_written": .int(ids),
         "mean_ids_per_row": .double(rows > 0 ? (Double(ids) / Double(rows) * 100).rounded() / 100 : 0)]
    }

    /// The hour of each row of a day with `n` rows: the inverse of the daily cycle's distribution.
    static func hour(position: Int, of n: Int) -> Int {
        let total = hourlyRate.reduce(0, +)
        let target = (Double(position) + 0.5) / Double(n) * total
        var cumulative = 0.0
        for (h, rate) in hourlyRate.enumerated() {
            cumulative += rate
            if target < cumulative { return h }
        }
        return 23
    }

    public func generate(into writer: DatasetWriter, context: GenerationContext, rows: Range<Int>,
                         progress: (Int) -> Void) throws -> [String: JSONValue] {
        let n = totalRows, days = spec.days, train = spec.rows.train
        var catalogueStream = context.stream("catalogue")
        let catalogue = Catalogue(spec: spec, generator: &catalogueStream)
        var userStream = context.stream("users")
        var users = UserPopulation(count: spec.users, preference: spec.preference, drift: spec.drift, catalogue: catalogue,
                                   generator: &userStream, driftStream: context.counterStream("drift"))
        let requests = context.counterStream("requests")
        let histories = context.counterStream("histories")
        let anomalyValues = context.counterStream("anomaly-values")
        let builder = RecordBuilder(catalogue: catalogue, preference: spec.preference)

        // Anomalies: fast-forward the samplers over the test rows before this range.
        let kinds = spec.anomalies.kinds
        let kindCounts = kinds.isEmpty ? [] : Apportionment.counts(total: spec.anomalies.count, weights: kinds.map(\.weight))
        var positions = SelectionSampler(choosing: spec.anomalies.count, of: spec.rows.test, generator: context.stream("anomaly-positions"))
        var dealer = KindSequencer(counts: kindCounts, generator: context.stream("anomaly-kinds"))
        for _ in train..<max(train, rows.lowerBound) where positions.next() { _ = dealer.next() }
        if rows.lowerBound > train { writer.setFirstRowIndex(rows.lowerBound - train, of: .test) }
        writer.setFirstRowIndex(min(rows.lowerBound, train), of: .train)

        measured.seen = [UInt64](repeating: 0, count: (spec.vocabulary.total + 63) / 64)
        var record = BehaviourRecord(), other = BehaviourRecord()
        struct Session { var user = 0, remaining = 0, intent = 0 }
        var sessions = [Session](repeating: Session(), count: Self.concurrentSessions)
        var g = requests.generator(at: 0)
        var day = -1, dayStart = 0, dayRows = 1
        let sessionStop = 1 / spec.sessionLength
        var written = 0
        for r in rows {
            if r % Self.chunkRows == 0 || r == rows.lowerBound {
                precondition(r % Self.chunkRows == 0, "a range of rows starts at a chunk")
                g = requests.generator(at: r / Self.chunkRows)
                for s in sessions.indices { sessions[s].remaining = 0 }
            }
            let d = r * days / n
            if d != day {
                day = d
                dayStart = (d * n + days - 1) / days
                dayRows = max(((d + 1) * n + days - 1) / days - dayStart, 1)
                users.advance(to: d, catalogue: catalogue)
            }
            let quarter = Self.hour(position: r - dayStart, of: dayRows) / 6
            let slot = g.uniformInt(below: Self.concurrentSessions)
            if sessions[slot].remaining == 0 {
                let u = users.requesters[quarter].draw(using: &g)
                var length = 1
                if sessionStop < 1 { length += Int(log(1 - g.uniformUnit()) / log(1 - sessionStop)) }
                let intent = g.uniformUnit() < spec.preference
                    ? Int(users.favouriteCategory(u, g.uniformInt(below: UserPopulation.categorySlots)))
                    : catalogue.popularCategory(&g)
                sessions[slot] = Session(user: u, remaining: length, intent: intent)
            }
            sessions[slot].remaining -= 1
            let session = sessions[slot]
            var h = histories.generator(at: session.user * days + d)
            builder.build(user: session.user, intent: session.intent, users: users, history: &h, session: &g, into: &record)

            let isTest = r >= train
            var kind = ""
            if isTest && positions.next() {
                let k = kinds[dealer.next()].kind
                kind = k.rawValue
                var a = anomalyValues.generator(at: r)
                fault(k, &record, other: &other, user: session.user, day: d, users: users, builder: builder,
                      histories: histories, generator: &a)
            }
            try writer.beginRow(isTest ? .test : .train, id: r)
            for list in record.lists {
                try list.withUnsafeBufferPointer { try writer.write(ids: $0) }
                for id in list { measured.seen[Int(id) >> 6] |= 1 << UInt64(id & 63) }
                measured.ids += list.count
            }
            measured.rows += 1
            try writer.endRow(label: !kind.isEmpty, kind: kind)
            written += 1
            if written & 0xFFFF == 0 { progress(written) }
        }
        progress(written)
        return describe(kindCounts)
    }

    /// Turns a normal record into an anomaly of kind `kind`.
    func fault(_ kind: BehaviourLogsSpec.AnomalyKind, _ record: inout BehaviourRecord, other: inout BehaviourRecord,
               user: Int, day: Int, users: UserPopulation, builder: RecordBuilder, histories: CounterStream,
               generator a: inout Xoshiro256StarStar) {
        switch kind {
        case .deletedAttribute, .randomIDs:
            let nonEmpty = (0..<BehaviourRecord.count).filter { !record.lists[$0].isEmpty }
            let attribute = nonEmpty[a.uniformInt(below: nonEmpty.count)]
            if kind == .deletedAttribute {
                record.lists[attribute].removeAll(keepingCapacity: true)
            } else {
                let (offset, size) = range(of: BehaviourRecord.entities[attribute], builder.catalogue.offsets)
                let length = record.lists[attribute].count
                record.lists[attribute].removeAll(keepingCapacity: true)
                while record.lists[attribute].count < min(length, size) {
                    record.add(attribute, offset + Int32(a.uniformInt(below: size)))
                }
            }
        case .truncatedList:
            for i in 0..<BehaviourRecord.count where record.lists[i].count > 1 {
                record.lists[i].removeSubrange(1...)
            }
        case .misjoinedProfile:
            var stranger = a.uniformInt(below: users.count - 1)
            if stranger >= user { stranger += 1 }
            var h = histories.generator(at: stranger * spec.days + day)
            let intent = Int(users.favouriteCategory(stranger, 0))
            builder.build(user: stranger, intent: intent, users: users, history: &h, session: &a, into: &other)
            for i in BehaviourRecord.profileAttributes { record.lists[i] = other.lists[i] }
        }
    }

    func range(of entity: BehaviourRecord.Entity, _ o: Catalogue.Offsets) -> (Int32, Int) {
        let v = spec.vocabulary
        switch entity {
        case .items: return (o.items, v.items)
        case .brands: return (o.brands, v.brands)
        case .categories: return (o.categories, v.categories)
        case .shops: return (o.shops, v.shops)
        case .queries: return (o.queries, v.queries)
        }
    }

    func describe(_ counts: [Int]) -> [String: JSONValue] {
        var described: [String: JSONValue] = [:]
        for (k, weighted) in spec.anomalies.kinds.enumerated() {
            let definition: String
            switch weighted.kind {
            case .deletedAttribute: definition = "one non-empty attribute, chosen uniformly, emptied"
            case .randomIDs: definition = "one non-empty attribute, chosen uniformly, refilled with as many distinct ids uniform over its vocabulary"
            case .truncatedList: definition = "every attribute cut to its first id"
            case .misjoinedProfile: definition = "purchased_categories_30d, fav_brands_7d, visited_shops_7d and followed_shops taken from another user's record of the same day"
            }
            described[weighted.kind.rawValue] = .object(["weight": .double(weighted.weight), "count": .int(counts[k]),
                                                         "definition": .string(definition), "placement": .string("replace")])
        }
        return described
    }
}
