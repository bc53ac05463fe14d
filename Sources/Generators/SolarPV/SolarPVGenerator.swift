import DataIO
import Datasets
import Recipe

/// Solar-PV readings (the VRAE slides' data, simulated; recipe `solar-pv`): one row per
/// 15-minute reading, 96 per day, days in time order (``SolarDay`` has the model and the
/// anomaly episodes). Row id = day · 96 + slot; columns `day_of_year`, `slot`, `power` (kW).
///
/// Train = the first days.train days, all normal; test = the following days.test days, of which
/// exactly `anomalies.count` distinct days, chosen by Algorithm S (stream `anomaly-positions`),
/// have one episode each, kinds dealt with exact counts (stream `anomaly-kinds`). The episode
/// plan is made first (O(days)); each day is then a function of the seed and its index alone.
/// `labels.csv` labels every sample the fault touches (kind = the episode's kind);
/// `episodes.csv` lists each episode (`episode,day,kind,first_id,last_id,samples`).
///
/// **Windows** for sequence detectors: `windows.csv` (`window,split,first_id,last_id,label,kind`)
/// lists the windows of `windows.length` consecutive samples starting every `windows.stride`
/// samples from the first sample of each split, never crossing the split's end; a window's label
/// is 1 when any of its samples is anomalous, its kind that of its first anomalous sample. Read
/// a window's values as rows first_id...last_id of the split's file.
///
/// Shards are whole days.
public struct SolarPVGenerator: ShardableGenerator {
    public let spec: SolarPVSpec

    public init(spec: SolarPVSpec) { self.spec = spec }

    static let slots = SolarPVSpec.samplesPerDay

    public var columns: [ColumnSchema] {
        [.numeric("day_of_year", minimum: 0, maximum: 364), .numeric("slot", minimum: 0, maximum: Double(Self.slots - 1)),
         .numeric("power", minimum: 0)]
    }

    public var info: Manifest.GeneratorInfo {
        .init(kind: SolarPVSpec.kind, version: 1,
              description: "15-minute PV output: seasonal bell curves, persistent weather, passing clouds, noise; anomaly episodes on Algorithm S days")
    }

    public var totalRows: Int { (spec.days.train + spec.days.test) * Self.slots }
    public var source: String { "synthetic" }

    public func rows(ofShard index: Int, of count: Int) -> Range<Int> {
        Self.shardRows(index, of: count, chunkRows: Self.slots, total: totalRows)
    }

    /// The episode kind of each test day that has one (by day index).
    func episodePlan(_ context: GenerationContext) -> (plan: [Int: SolarPVSpec.AnomalyKind], counts: [Int]) {
        let kinds = spec.anomalies.kinds
        let counts = kinds.isEmpty ? [] : Apportionment.counts(total: spec.anomalies.count, weights: kinds.map(\.weight))
        var positions = SelectionSampler(choosing: spec.anomalies.count, of: spec.days.test, generator: context.stream("anomaly-positions"))
        var dealer = KindSequencer(counts: counts, generator: context.stream("anomaly-kinds"))
        var plan: [Int: SolarPVSpec.AnomalyKind] = [:]
        for day in spec.days.train..<(spec.days.train + spec.days.test) where positions.next() {
            plan[day] = kinds[dealer.next()].kind
        }
        return (plan, counts)
    }

    public func generate(into writer: DatasetWriter, context: GenerationContext, rows: Range<Int>,
                         progress: (Int) -> Void) throws -> [String: JSONValue] {
        let (plan, counts) = episodePlan(context)
        let weather = context.counterStream("weather"), days = context.counterStream("days")
        let anomalyValues = context.counterStream("anomaly-values")
        func day(_ d: Int) -> SolarDay {
            SolarDay(day: d, spec: spec, episode: plan[d], weather: weather, days: days, anomalyValues: anomalyValues)
        }
        let trainRows = spec.days.train * Self.slots
        writer.setFirstRowIndex(min(rows.lowerBound, trainRows), of: .train)
        if rows.lowerBound > trainRows { writer.setFirstRowIndex(rows.lowerBound - trainRows, of: .test) }
        let episodes = try writer.extraFile("episodes.csv", header: ["episode", "day", "kind", "first_id", "last_id", "samples"])
        let windows = try writer.extraFile("windows.csv", header: ["window", "split", "first_id", "last_id", "label", "kind"])
        var episodeIndex = plan.keys.filter { $0 < rows.lowerBound / Self.slots }.count
        let firstDay = rows.lowerBound / Self.slots, endDay = (rows.upperBound + Self.slots - 1) / Self.slots
        // Windows: those starting in this range; labels of later days (a window's tail) come
        // from the same pure day function.
        var cached: (index: Int, day: SolarDay)?
        func kindOf(_ id: Int) -> SolarPVSpec.AnomalyKind? {
            let d = id / Self.slots
            if let cached, cached.index == d { return cached.day.kind[id % Self.slots] }
            let fresh = day(d)
            cached = (d, fresh)
            return fresh.kind[id % Self.slots]
        }
        let T = spec.windows.length, stride = spec.windows.stride
        var written = 0
        for d in firstDay..<endDay {
            let today = day(d)
            let split: Split = d < spec.days.train ? .train : .test
            let y = (spec.startDayOfYear + d) % 365
            for s in 0..<Self.slots {
                let id = d * Self.slots + s
                try writer.beginRow(split, id: id)
                try writer.write(y)
                try writer.write(s)
                try writer.write(number: (today.power[s] * 10_000).rounded() / 10_000)
                let kind = today.kind[s]
                try writer.endRow(label: kind != nil, kind: kind?.rawValue ?? "")
                written += 1
            }
            if let kind = plan[d] {
                let touched = (0..<Self.slots).filter { today.kind[$0] != nil }
                try episodes.writeField(episodeIndex)
                try episodes.writeField(d)
                try episodes.writeField(kind.rawValue)
                try episodes.writeField(d * Self.slots + (touched.first ?? 0))
                try episodes.writeField(d * Self.slots + (touched.last ?? 0))
                try episodes.writeField(touched.count)
                try episodes.endRecord()
                episodeIndex += 1
            }
            // Windows starting today.
            let (splitStart, splitEnd) = split == .train ? (0, trainRows) : (trainRows, totalRows)
            for id in (d * Self.slots)..<((d + 1) * Self.slots) where (id - splitStart) % stride == 0 && id + T <= splitEnd {
                var label: SolarPVSpec.AnomalyKind?
                for j in id..<(id + T) {
                    if let k = j / Self.slots == d ? today.kind[j % Self.slots] : kindOf(j) { label = k; break }
                }
                try windows.writeField((id - splitStart) / stride)
                try windows.writeField(split.rawValue)
                try windows.writeField(id)
                try windows.writeField(id + T - 1)
                try windows.writeField(label == nil ? 0 : 1)
                try windows.writeField(label?.rawValue ?? "")
                try windows.endRecord()
            }
            if d & 63 == 0 { progress(written) }
        }
        progress(written)
        var described: [String: JSONValue] = [:]
        for (k, weighted) in spec.anomalies.kinds.enumerated() {
            described[weighted.kind.rawValue] = .object(["weight": .double(weighted.weight), "count": .int(counts[k]),
                                                         "unit": .string("episodes (one per day); labels.csv counts samples")])
        }
        return described
    }
}
