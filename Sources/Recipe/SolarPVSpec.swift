/// Parameters of the `solar_pv` generator: a photovoltaic plant's energy readings every 15
/// minutes (96 per day) with labelled anomaly episodes in the test days (the VRAE slides' data,
/// which cannot be downloaded). See `SolarPVGenerator` for the model.
///
///     generator:
///       kind: solar_pv
///       days:
///         train: 300             # first days in time order, all normal
///         test: 65               # the following days, with the anomaly episodes
///       start_day_of_year: 0     # day of the year of the first day (0 = 1 January)
///       capacity: 5              # the plant's peak output (kW) on a clear midsummer noon
///       weather: 0.3             # day-to-day weather variability (0 = always clear sky)
///       noise: 0.01              # measurement noise, standard deviation as a fraction of capacity
///       windows:                 # the windows.csv index for sequence detectors
///         length: 12             # samples per window (T; 96 = a full day)
///         stride: 12             # samples between window starts
///       anomalies:
///         count: 20              # episodes, at most one per test day, on distinct days
///         kinds:                 # exact counts by largest remainder of the weights
///           - {kind: cloudy_day, weight: 1}
///           - {kind: snow_day, weight: 1}
///           - {kind: spike, weight: 1}
///           - {kind: inverter_fault, weight: 1}
///           - {kind: shading, weight: 1}
public struct SolarPVSpec: GeneratorParameters, Equatable {
    public static let kind = "solar_pv"
    public var defaultSeriesEvaluation: EvaluationSpec.SeriesSpec? { EvaluationSpec.SeriesSpec(window: nil, values: "power") }

    public var days: Days
    public var startDayOfYear: Int
    public var capacity: Double
    public var weather: Double
    public var noise: Double
    public var windows: Windows
    public var anomalies: Anomalies

    public struct Days: Sendable, Equatable, Encodable {
        public var train: Int
        public var test: Int
    }

    public struct Windows: Sendable, Equatable, Encodable {
        public var length: Int
        public var stride: Int
    }

    public struct Anomalies: Sendable, Equatable, Encodable {
        public var count: Int
        public var kinds: [WeightedKind<AnomalyKind>]
    }

    /// Anomaly episodes (the VRAE slides' examples); each is defined in `SolarPVGenerator`.
    public enum AnomalyKind: String, Sendable, Equatable, Encodable, CaseIterable {
        case cloudyDay = "cloudy_day"
        case snowDay = "snow_day"
        case spike
        case inverterFault = "inverter_fault"
        case shading
    }

    public static let samplesPerDay = 96

    /// The defaults: one year, the last 65 days tested.
    public static let year = SolarPVSpec(
        days: Days(train: 300, test: 65), startDayOfYear: 0, capacity: 5, weather: 0.3, noise: 0.01,
        windows: Windows(length: 12, stride: 12),
        anomalies: Anomalies(count: 20, kinds: AnomalyKind.allCases.map { WeightedKind(kind: $0, weight: 1) }))

    public init(days: Days, startDayOfYear: Int, capacity: Double, weather: Double, noise: Double,
                windows: Windows, anomalies: Anomalies) {
        self.days = days
        self.startDayOfYear = startDayOfYear
        self.capacity = capacity
        self.weather = weather
        self.noise = noise
        self.windows = windows
        self.anomalies = anomalies
    }

    public init(_ node: RecipeNode) throws {
        let d = SolarPVSpec.year
        let m = try node.mapping(allowed: ["kind", "days", "start_day_of_year", "capacity", "weather", "noise", "windows", "anomalies"])
        let n = try m["days"].mapping(allowed: ["train", "test"])
        days = Days(train: try n.value("train", default: d.days.train) { try $0.int(in: 0...10_000_000) },
                    test: try n.value("test", default: d.days.test) { try $0.int(in: 1...10_000_000) })
        startDayOfYear = try m.value("start_day_of_year", default: d.startDayOfYear) { try $0.int(in: 0...364) }
        capacity = try m.value("capacity", default: d.capacity) { try $0.double(in: 0.001...1e9) }
        weather = try m.value("weather", default: d.weather) { try $0.double(in: 0...1) }
        noise = try m.value("noise", default: d.noise) { try $0.double(in: 0...1) }
        let w = try m["windows"].mapping(allowed: ["length", "stride"])
        windows = Windows(length: try w.value("length", default: d.windows.length) { try $0.int(in: 1...1_000_000) },
                          stride: try w.value("stride", default: d.windows.stride) { try $0.int(in: 1...1_000_000) })
        let a = try m["anomalies"].mapping(allowed: ["count", "kinds"])
        anomalies = Anomalies(count: try a.value("count", default: d.anomalies.count) { try $0.int(in: 0...10_000_000) },
                              kinds: try a.value("kinds", default: d.anomalies.kinds) { try WeightedKind<AnomalyKind>.list($0) })
        if anomalies.count > days.test {
            throw m.error("anomalies.count", "at most one episode per test day: cannot exceed days.test (\(days.test)), got \(anomalies.count)")
        }
        if anomalies.count > 0 && anomalies.kinds.isEmpty {
            throw m.error("anomalies.kinds", "must list at least one kind when anomalies.count is above 0")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.kind, forKey: .kind)
        try c.encode(days, forKey: .days)
        try c.encode(startDayOfYear, forKey: .start_day_of_year)
        try c.encode(RecipeDouble(capacity), forKey: .capacity)
        try c.encode(RecipeDouble(weather), forKey: .weather)
        try c.encode(RecipeDouble(noise), forKey: .noise)
        try c.encode(windows, forKey: .windows)
        try c.encode(anomalies, forKey: .anomalies)
    }

    private enum Keys: String, CodingKey { case kind, days, start_day_of_year, capacity, weather, noise, windows, anomalies }
}
