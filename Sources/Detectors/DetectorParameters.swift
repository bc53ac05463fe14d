import DataIO

/// The `--param key=value` settings of one detector run, read with defaults and checked: an
/// unknown key or a value of the wrong type is a `DataError` naming the key and what was
/// expected. Every detector also accepts `scale` (`none|standard|minmax`).
public struct DetectorParameters: Sendable {
    private var values: [String: String]
    private var read: Set<String> = []
    /// The detector's name, for error messages.
    public let detector: String

    public init(detector: String, values: [String: String] = [:]) {
        self.detector = detector
        self.values = values
    }

    /// Parses `key=value` pairs.
    public init(detector: String, parsing pairs: [String]) throws {
        var values: [String: String] = [:]
        for pair in pairs {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw DataError(.usage, "--param '\(pair)': expected key=value")
            }
            let key = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            if values.updateValue(value, forKey: key) != nil {
                throw DataError(.usage, "--param \(key) is given twice")
            }
        }
        self.init(detector: detector, values: values)
    }

    /// The value of a declared parameter: its default when not given, else the given text read
    /// as the declaration says (a `DataError` naming the key and what was expected otherwise).
    public mutating func value<Value>(_ parameter: DetectorParameter<Value>) throws -> Value {
        try parameter.value(of: text(parameter.name), detector: detector)
    }

    public mutating func integer(_ key: String, default value: Int, range: ClosedRange<Int> = 1...Int.max) throws -> Int {
        try self.value(DetectorParameter(integer: key, default: value, range: range, help: ""))
    }

    public mutating func double(_ key: String, default value: Double, range: ClosedRange<Double>) throws -> Double {
        try self.value(DetectorParameter(number: key, default: value, range: range, help: ""))
    }

    public mutating func choice(_ key: String, default value: String, among choices: [String]) throws -> String {
        try self.value(DetectorParameter(choice: key, default: value, among: choices, help: ""))
    }

    /// `key` as one of an enumeration's cases, spelled by its raw value (default `value`); the
    /// choices are the cases in declaration order.
    public mutating func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, default value: Choice) throws -> Choice
    where Choice.RawValue == String {
        let text = try choice(key, default: value.rawValue, among: Choice.allCases.map(\.rawValue))
        return Choice.allCases.first { $0.rawValue == text } ?? value
    }

    /// Raw text of `key` (for values a detector parses itself, such as `gamma=scale|auto|0.1`).
    public mutating func text(_ key: String) -> String? {
        read.insert(key)
        return values[key]
    }

    /// Throws if a given key was never read (a typo or a parameter of another detector).
    public func checkAllUsed(known: [String]) throws {
        if let unknown = values.keys.sorted().first(where: { !read.contains($0) }) {
            throw DataError(.usage, "\(detector): unknown parameter '\(unknown)'\(Spelling.suggestion(for: unknown, in: known)); expected one of: \(known.joined(separator: ", "))")
        }
    }

    /// The values given, sorted by key (recorded with the scores).
    public var given: [(String, String)] { values.sorted { $0.key < $1.key } }
}
