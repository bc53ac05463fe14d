import DataIO

/// One tunable parameter of a detector, declared once: its `--param` name, its default, the
/// values it takes and its help. The listing of `toolkit detectors` (``info``), the reading in a
/// detector's `make` (``DetectorParameters/value(_:)``) and the default argument of the
/// detector's `init` all come from the declaration:
///
///     public enum Parameter {
///         public static let trees = DetectorParameter(integer: "trees", default: 100, range: 1...100_000, help: "number of trees")
///     }
///     public init(trees: Int = Parameter.trees.defaultValue) { … }
///     make: { p in IsolationForest(trees: try p.value(Parameter.trees)) }
public struct DetectorParameter<Value: Sendable>: Sendable {
    /// The key of `--param name=value`.
    public let name: String
    /// The value when the key is not given.
    public let defaultValue: Value
    /// The default as `toolkit detectors` shows it (`auto` where the detector chooses).
    public let shownDefault: String
    public let help: String
    /// What a given value must be, after "expected " in the error message.
    public let expected: String
    /// The value of a given text, or nil when it is not one of the values taken.
    let parse: @Sendable (String) -> Value?

    /// A parameter of any type: `parse` reads a given text (nil: not a value; the error says `expected`).
    public init(_ name: String, default value: Value, shown: String, expected: String, help: String,
                parse: @escaping @Sendable (String) -> Value?) {
        self.name = name
        self.defaultValue = value
        self.shownDefault = shown
        self.expected = expected
        self.help = help
        self.parse = parse
    }

    /// As `toolkit detectors` lists it.
    public var info: ParameterInfo { ParameterInfo(name, shownDefault, help) }

    /// The value of `text` (nil: not given, the default), or a `DataError` naming the detector,
    /// the key, the text and what was expected.
    func value(of text: String?, detector: String) throws -> Value {
        guard let text else { return defaultValue }
        guard let parsed = parse(text) else {
            throw DataError(.usage, "\(detector): --param \(name)=\(text): expected \(expected)")
        }
        return parsed
    }
}

extension DetectorParameter where Value == Int {
    /// An integer in `range` (`expected an integer in 1...100000`; no upper bound shown for `Int.max`).
    public init(integer name: String, default value: Int, range: ClosedRange<Int> = 1...Int.max, help: String) {
        self.init(name, default: value, shown: String(value), expected: Self.integerExpectation(range), help: help) { text in
            Int(text).flatMap { range.contains($0) ? $0 : nil }
        }
    }

    static func integerExpectation(_ range: ClosedRange<Int>) -> String {
        "an integer in \(range.lowerBound)...\(range.upperBound == Int.max ? "" : String(range.upperBound))"
    }
}

extension DetectorParameter where Value == Int? {
    /// An integer in `range`, or the word `keyword` (nil, also the default: the detector chooses);
    /// `expected` says so in an error (by default only the integers: `an integer in 1...100000`).
    public init(integer name: String, or keyword: String, range: ClosedRange<Int>, expected: String? = nil, help: String) {
        self.init(name, default: nil, shown: keyword, expected: expected ?? DetectorParameter<Int>.integerExpectation(range),
                  help: help) { text in
            if text == keyword { return .some(nil) }
            return Int(text).flatMap { range.contains($0) ? .some($0) : nil }
        }
    }
}

extension DetectorParameter where Value == Double {
    /// A finite number in `range`; shown as an integer when whole (`10`), else as Swift prints it
    /// (`0.001`, `1e-06`) unless `shown` says otherwise.
    public init(number name: String, default value: Double, range: ClosedRange<Double>, shown: String? = nil, help: String) {
        let whole = value == value.rounded() && abs(value) < 1e15
        self.init(name, default: value, shown: shown ?? (whole ? String(Int(value)) : String(value)),
                  expected: "a number in [\(range.lowerBound), \(range.upperBound)]", help: help) { text in
            Double(text).flatMap { $0.isFinite && range.contains($0) ? $0 : nil }
        }
    }
}

extension DetectorParameter where Value == String {
    /// One of `choices`, as given.
    public init(choice name: String, default value: String, among choices: [String], help: String) {
        self.init(choice: name, default: value, among: choices.map { ($0, $0) }, help: help)
    }
}

extension DetectorParameter where Value: Equatable {
    /// One of the words of `choices`, each standing for a value; the default is shown by its word.
    public init(choice name: String, default value: Value, among choices: [(word: String, value: Value)], help: String) {
        let words = choices.map(\.word)
        let values = choices.map(\.value)
        self.init(name, default: value, shown: choices.first { $0.value == value }?.word ?? "",
                  expected: "one of \(words.joined(separator: ", "))", help: help) { text in
            words.firstIndex(of: text).map { values[$0] }
        }
    }
}

extension DetectorParameter where Value: RawRepresentable & CaseIterable & Equatable, Value.RawValue == String {
    /// One of the cases of `Value`, by raw value, in declaration order.
    public init(choice name: String, default value: Value, help: String) {
        self.init(choice: name, default: value, among: Value.allCases.map { ($0.rawValue, $0) }, help: help)
    }
}

extension DetectorParameter where Value == Bool {
    /// `true` or `false`.
    public init(flag name: String, default value: Bool, help: String) {
        self.init(choice: name, default: value, among: [("true", true), ("false", false)], help: help)
    }
}

extension DetectorParameter where Value == [Int] {
    /// The largest layer a `layers` parameter takes.
    public static var largestLayer: Int { 65_536 }

    /// Comma-separated layer sizes from 1 to 65,536 (`64,32`).
    public init(layers name: String, default value: [Int], help: String) {
        self.init(name, default: value, shown: value.map(String.init).joined(separator: ","),
                  expected: "comma-separated layer sizes from 1 to \(Self.largestLayer) such as 64,32", help: help) { text in
            let sizes = text.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
            return !sizes.isEmpty && sizes.allSatisfy({ (1...Self.largestLayer).contains($0) }) ? sizes : nil
        }
    }
}
