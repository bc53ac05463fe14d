/// Parameters of the `table` generator: a labelled table (a real file, or a look-alike
/// synthesized with the same schema when no file is given), whose classes are mapped to normal and
/// anomalous rows and split by a protocol.
///
///     generator:
///       kind: table
///       source:
///         dataset: kddcup99      # connect4 | kddcup99 | arrhythmia | csv
///         file: ~                # the real file (plain, .gz, .Z, .bz2, .xz, .zip); absent = look-alike
///         lookalike_rows: 0      # rows of the look-alike (0 = the real file's size)
///         label_column: ~        # csv only: the class column (by header name)
///         categorical: []        # csv only: columns read as categories (the others are numbers)
///       drop_columns: []         # features left out (arrhythmia: a11..a15, the ones with missing values)
///       classes:
///         anomalous: [normal.]   # class values that are anomalies (label 1)
///         normal: []             # class values that are normal; empty = every class not anomalous
///                                # rows of a class in neither list are dropped (connect4: draw)
///       split:
///         method: fraction       # fraction | counts
///         # fraction: a seeded permutation of all rows; the first train_fraction of it is the
///         # train half, the rest the test half (the ALAD / DAGMM protocol)
///         train_fraction: 0.5
///         rows_file: ~           # paper-exact split: a file of 0-based row numbers ...
///         rows_file_lists: train #   ... of the train half, or of the test half
///         train_anomalies: exclude  # exclude | keep | ratio: what the train half keeps of its anomalies
///         train_anomaly_ratio: 0.05 # with `ratio`: anomalies as a fraction of the train rows
///         test_anomaly_ratio: ~     # if set: the test half keeps just enough anomalies to make this
///                                   # fraction of its rows
///         # counts: rows drawn without replacement per class group, in permutation order:
///         # test first, then validation, then train (-1 = all that are left)
///         train: {normal: 40000, anomalous: 0}
///         validation: {normal: 0, anomalous: 0}
///         test: {normal: 4000, anomalous: 4000}
///         normal_order_file: ~     # optional permutations (0-based, within the normal /
///         anomalous_order_file: ~  # anomalous rows in file order) instead of seeded ones (Toll)
///       inject:                  # optional: replace normal rows of a split by synthetic anomalies
///         split: test            # test | train | validation
///         count: 200             # exactly this many normal rows of that split
///         kinds:                 # exact counts by largest remainder of the weights
///           - {kind: global, weight: 1}   # see InjectedKind for each kind
///       test_order: file         # file | shuffled: the order of the test rows (and so of its blocks)
public struct TableSpec: GeneratorParameters, Equatable {
    public static let kind = "table"
    public static let sourceKey: String? = "generator.source.file"

    public var source: Source
    public var dropColumns: [String]
    public var classes: Classes
    public var split: SplitRule
    public var inject: Injection?
    public var testOrder: TestOrder

    /// The order in which the test rows are written, which is also what blocks group: `file`
    /// keeps the source's row order (a class-sorted file then makes blocks of one class);
    /// `shuffled` writes them in a seeded random order (stream `test-order`, Fisher-Yates), as
    /// the AMAD code shuffles its test set, so every block holds about the test set's share of
    /// anomalies. Ids stay the rows' 0-based numbers in the file either way.
    public enum TestOrder: String, Sendable, Equatable, Encodable, CaseIterable {
        case file, shuffled
    }

    /// Synthetic anomalies written over normal rows of one split (the ADBench kinds for numeric
    /// columns, three kinds for categorical ones). Each kind is documented on ``InjectedKind``.
    public struct Injection: Sendable, Equatable, Encodable {
        public var split: String
        public var count: Int
        public var kinds: [WeightedKind<InjectedKind>]
    }

    /// Injected anomaly kinds. Numeric ones follow ADBench (Han et al., NeurIPS 2022) with one
    /// Gaussian component: with μ and the spread of the normal training rows, and x₁ a random
    /// normal training row,
    /// - `global`: each numeric column uniform over its training range widened by 10% on each
    ///   side (ADBench's α = 1.1);
    /// - `local`: μ + √5·(x₁ − μ): the normal data's covariance scaled by α = 5;
    /// - `clustered`: one center c = μ + 5·(x_c − μ) drawn once, then c + 0.25·(x₁ − μ): a tight
    ///   cluster away from the data (ADBench's mean scaled by α = 5);
    /// - `dependency`: every column from a different random normal training row: each marginal
    ///   is kept, the dependencies between columns are broken.
    /// Categorical ones change one uniformly chosen categorical column of a normal training row:
    /// - `random_value`: to a uniformly chosen other value;
    /// - `swapped_attribute`: to that column's value in another random normal training row
    ///   (plausible alone, out of context);
    /// - `deleted_attribute`: to a new value `<deleted>` (a record lost upstream).
    /// Under numeric kinds categorical columns come from x₁; under categorical kinds numeric
    /// columns are x₁'s. Each kind is one file in `Sources/Generators/Tables/Injection/`, listed
    /// in its `InjectedAnomalyRegistry`.
    public enum InjectedKind: String, Sendable, Equatable, Encodable, CaseIterable {
        case global, local, clustered, dependency
        case randomValue = "random_value", swappedAttribute = "swapped_attribute", deletedAttribute = "deleted_attribute"
    }

    public enum Dataset: String, Sendable, Equatable, Encodable, CaseIterable {
        case connect4, kddcup99, arrhythmia, csv
    }

    public struct Source: Sendable, Equatable, Encodable {
        public var dataset: Dataset
        public var file: String?
        public var lookalikeRows: Int
        public var labelColumn: String?
        public var categorical: [String]

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            try c.encode(dataset, forKey: .dataset)
            try c.encode(file, forKey: .file)
            try c.encode(lookalikeRows, forKey: .lookalike_rows)
            if dataset == .csv {
                try c.encode(labelColumn, forKey: .label_column)
                try c.encode(categorical, forKey: .categorical)
            }
        }

        private enum Keys: String, CodingKey { case dataset, file, lookalike_rows, label_column, categorical }
    }

    public struct Classes: Sendable, Equatable, Encodable {
        public var anomalous: [String]
        public var normal: [String]
    }

    public struct Counts: Sendable, Equatable, Encodable {
        /// Rows of normal classes; -1 = all that are left.
        public var normal: Int
        /// Rows of anomalous classes; -1 = all that are left.
        public var anomalous: Int
    }

    public enum TrainAnomalies: String, Sendable, Equatable, Encodable, CaseIterable {
        case exclude, keep, ratio
    }

    public enum RowsFileLists: String, Sendable, Equatable, Encodable, CaseIterable {
        case train, test
    }

    public enum SplitRule: Sendable, Equatable, Encodable {
        case fraction(trainFraction: Double, rowsFile: String?, rowsFileLists: RowsFileLists,
                      trainAnomalies: TrainAnomalies, trainAnomalyRatio: Double, testAnomalyRatio: Double?)
        case counts(train: Counts, validation: Counts, test: Counts, normalOrderFile: String?, anomalousOrderFile: String?)

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Keys.self)
            switch self {
            case .fraction(let f, let file, let lists, let trainAnomalies, let ratio, let testRatio):
                try c.encode("fraction", forKey: .method)
                try c.encode(RecipeDouble(f), forKey: .train_fraction)
                try c.encode(file, forKey: .rows_file)
                try c.encode(lists, forKey: .rows_file_lists)
                try c.encode(trainAnomalies, forKey: .train_anomalies)
                if trainAnomalies == .ratio { try c.encode(RecipeDouble(ratio), forKey: .train_anomaly_ratio) }
                try c.encode(testRatio.map(RecipeDouble.init), forKey: .test_anomaly_ratio)
            case .counts(let train, let validation, let test, let normalFile, let anomalousFile):
                try c.encode("counts", forKey: .method)
                try c.encode(train, forKey: .train)
                try c.encode(validation, forKey: .validation)
                try c.encode(test, forKey: .test)
                try c.encode(normalFile, forKey: .normal_order_file)
                try c.encode(anomalousFile, forKey: .anomalous_order_file)
            }
        }

        private enum Keys: String, CodingKey {
            case method, train_fraction, rows_file, rows_file_lists, train_anomalies, train_anomaly_ratio, test_anomaly_ratio
            case train, validation, test, normal_order_file, anomalous_order_file
        }
    }

    public init(source: Source, dropColumns: [String], classes: Classes, split: SplitRule, inject: Injection? = nil,
                testOrder: TestOrder = .file) {
        self.testOrder = testOrder
        self.source = source
        self.dropColumns = dropColumns
        self.classes = classes
        self.split = split
        self.inject = inject
    }

    public init(_ node: RecipeNode) throws {
        let m = try node.mapping(allowed: ["kind", "source", "drop_columns", "classes", "split", "inject", "test_order"])
        guard m.has("source") else { throw m.error("source", "is required (source.dataset: one of \(Dataset.allCases.map(\.rawValue).joined(separator: ", ")))") }
        let s = try m["source"].mapping(allowed: ["dataset", "file", "lookalike_rows", "label_column", "categorical"])
        guard s.has("dataset") else { throw s.error("dataset", "is required (one of \(Dataset.allCases.map(\.rawValue).joined(separator: ", ")))") }
        let dataset = try s["dataset"].string(oneOf: Dataset.self)
        let file = try s.value("file", default: nil as String?) { try $0.string() }
        let lookalikeRows = try s.value("lookalike_rows", default: 0) { try $0.int(in: 0...100_000_000) }
        let labelColumn = try s.value("label_column", default: nil as String?) { try $0.string() }
        let categorical = try s.value("categorical", default: [String]()) { try $0.list().map { try $0.string() } }
        if dataset == .csv {
            if file == nil { throw s.error("file", "is required for dataset csv (a look-alike needs a known schema)") }
            if labelColumn == nil { throw s.error("label_column", "is required for dataset csv") }
        } else {
            if labelColumn != nil { throw s.error("label_column", "applies to dataset csv only (\(dataset.rawValue) has a fixed schema)") }
            if !categorical.isEmpty { throw s.error("categorical", "applies to dataset csv only (\(dataset.rawValue) has a fixed schema)") }
        }
        source = Source(dataset: dataset, file: file, lookalikeRows: lookalikeRows, labelColumn: labelColumn, categorical: categorical)
        dropColumns = try m.value("drop_columns", default: []) { try $0.list().map { try $0.string() } }

        let c = try m["classes"].mapping(allowed: ["anomalous", "normal"])
        guard c.has("anomalous") else { throw c.error("anomalous", "is required: the class values that are anomalies") }
        let anomalous = try c["anomalous"].list().map { try $0.string() }
        let normal = try c.value("normal", default: [String]()) { try $0.list().map { try $0.string() } }
        if anomalous.isEmpty { throw c.error("anomalous", "must list at least one class value") }
        if let both = anomalous.first(where: normal.contains) {
            throw c.error("normal", "'\(both)' is listed as both normal and anomalous")
        }
        classes = Classes(anomalous: anomalous, normal: normal)

        let p = try m["split"].mapping(allowed: ["method", "train_fraction", "rows_file", "rows_file_lists", "train_anomalies",
                                                 "train_anomaly_ratio", "test_anomaly_ratio", "train", "validation", "test",
                                                 "normal_order_file", "anomalous_order_file"])
        let method = try p.value("method", default: "fraction") { try $0.string(oneOf: ["fraction", "counts"]) }
        let fractionKeys = ["train_fraction", "rows_file", "rows_file_lists", "train_anomalies", "train_anomaly_ratio", "test_anomaly_ratio"]
        let countKeys = ["train", "validation", "test", "normal_order_file", "anomalous_order_file"]
        if method == "fraction" {
            if let stray = countKeys.first(where: p.has) { throw p.error(stray, "applies to split.method counts, not fraction") }
            let f = try p.value("train_fraction", default: 0.5) { try $0.double(in: 0...1) }
            let rowsFile = try p.value("rows_file", default: nil as String?) { try $0.string() }
            let lists = try p.value("rows_file_lists", default: RowsFileLists.train) {
                try $0.string(oneOf: RowsFileLists.self)
            }
            let trainAnomalies = try p.value("train_anomalies", default: TrainAnomalies.exclude) {
                try $0.string(oneOf: TrainAnomalies.self)
            }
            let ratio = try p.value("train_anomaly_ratio", default: 0.0) { try $0.double(in: 0...0.999) }
            if trainAnomalies == .ratio && !p.has("train_anomaly_ratio") {
                throw p.error("train_anomaly_ratio", "is required with train_anomalies: ratio")
            }
            if trainAnomalies != .ratio && p.has("train_anomaly_ratio") {
                throw p.error("train_anomaly_ratio", "applies only with train_anomalies: ratio")
            }
            let testRatio = try p.value("test_anomaly_ratio", default: nil as Double?) { try $0.double(in: 0...0.999) }
            split = .fraction(trainFraction: f, rowsFile: rowsFile, rowsFileLists: lists,
                              trainAnomalies: trainAnomalies, trainAnomalyRatio: ratio, testAnomalyRatio: testRatio)
        } else {
            if let stray = fractionKeys.first(where: p.has) { throw p.error(stray, "applies to split.method fraction, not counts") }
            func counts(_ key: String, _ fallback: Counts) throws -> Counts {
                let k = try p[key].mapping(allowed: ["normal", "anomalous"])
                return Counts(normal: try k.value("normal", default: fallback.normal) { try $0.int(in: -1...1_000_000_000) },
                              anomalous: try k.value("anomalous", default: fallback.anomalous) { try $0.int(in: -1...1_000_000_000) })
            }
            let train = try counts("train", Counts(normal: -1, anomalous: 0))
            let validation = try counts("validation", Counts(normal: 0, anomalous: 0))
            let test = try counts("test", Counts(normal: 0, anomalous: 0))
            let rest = [test.normal, validation.normal].contains(-1) || [test.anomalous, validation.anomalous].contains(-1)
            if rest { throw p.error("test", "-1 (all that are left) is allowed for train only: test and validation are drawn first") }
            split = .counts(train: train, validation: validation, test: test,
                            normalOrderFile: try p.value("normal_order_file", default: nil as String?) { try $0.string() },
                            anomalousOrderFile: try p.value("anomalous_order_file", default: nil as String?) { try $0.string() })
        }

        if m.has("inject") {
            let i = try m["inject"].mapping(allowed: ["split", "count", "kinds"])
            let split = try i.value("split", default: "test") { try $0.string(oneOf: ["train", "validation", "test"]) }
            guard i.has("count") else { throw i.error("count", "is required: how many normal rows to replace") }
            let count = try i["count"].int(in: 0...1_000_000_000)
            guard i.has("kinds") else {
                throw i.error("kinds", "is required (kinds: \(InjectedKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let kinds = try WeightedKind<InjectedKind>.list(i["kinds"])
            if kinds.isEmpty { throw i.error("kinds", "must list at least one kind") }
            inject = Injection(split: split, count: count, kinds: kinds)
        }
        testOrder = try m.value("test_order", default: TestOrder.file) {
            try $0.string(oneOf: TestOrder.self)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Keys.self)
        try c.encode(Self.kind, forKey: .kind)
        try c.encode(source, forKey: .source)
        try c.encode(dropColumns, forKey: .drop_columns)
        try c.encode(classes, forKey: .classes)
        try c.encode(split, forKey: .split)
        if let inject { try c.encode(inject, forKey: .inject) }
        try c.encode(testOrder, forKey: .test_order)
    }

    private enum Keys: String, CodingKey { case kind, source, drop_columns, classes, split, inject, test_order }
}
