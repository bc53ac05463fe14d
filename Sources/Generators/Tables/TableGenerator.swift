import DataIO
import Datasets
import Recipe

/// The `table` generator: a real table file (Connect-4, KDD Cup 99, Arrhythmia, or any CSV with a
/// header), or a look-alike of a known one when no file is given, with the recipe's class mapping
/// and split applied (``TableProtocol``).
///
/// Rows are written split by split (train, validation, test) in file order, the test rows in a
/// seeded random order instead with `test_order: shuffled`; a row's id is its 0-based row number
/// in the file (or in the look-alike); an anomaly's kind is `class:VALUE`.
public struct TableGenerator: Generator {
    public let spec: TableSpec
    let table: Table
    let plan: TableProtocol
    /// Kinds of injected anomalies, by row.
    let injectedKinds: [Int: String]
    public let source: String
    public let sourceFile: Manifest.SourceFile?

    public init(spec: TableSpec, context: GenerationContext) throws {
        self.spec = spec
        var table: Table
        if let path = spec.source.file {
            if spec.source.dataset == .csv {
                guard let labelColumn = spec.source.labelColumn else {
                    throw DataError(.badRecipe, "generator.source.label_column: required with dataset csv")
                }
                let (read, provenance) = try HeaderTableReader.read(path, labelColumn: labelColumn,
                                                                     categorical: spec.source.categorical)
                table = read
                source = "file"
                sourceFile = .init(name: provenance.fileName, sha256: provenance.sha256, knownOriginal: false,
                                   description: "a CSV file with a header; class column \(labelColumn)")
            } else {
                let schema = TableGenerator.schema(spec.source.dataset)
                let (read, provenance) = try TableFileReader.read(path, schema: schema)
                table = read
                source = provenance.isKnownOriginal ? "uci-original" : "file"
                sourceFile = .init(name: provenance.fileName, sha256: provenance.sha256, knownOriginal: provenance.isKnownOriginal,
                                   description: provenance.isKnownOriginal
                                       ? "the original \(schema.title), byte for byte"
                                       : "not the known original \(schema.title); its layout fits")
                if !provenance.isKnownOriginal {
                    StandardError.warn("\(path) is not the known original \(schema.title) (SHA-256 \(provenance.sha256)); its layout fits, so it is used")
                }
            }
        } else {
            let schema = TableGenerator.schema(spec.source.dataset)
            let rows = spec.source.lookalikeRows > 0 ? spec.source.lookalikeRows : schema.originalRows
            switch spec.source.dataset {
            case .connect4: table = ConnectFour.lookalike(rows: rows, context: context)
            case .kddcup99: table = KDDCup99.lookalike(rows: rows, context: context)
            case .arrhythmia: table = Arrhythmia.lookalike(rows: rows, context: context)
            case .csv: preconditionFailure("validated: dataset csv needs a file")
            }
            source = "synthetic-lookalike"
            sourceFile = nil
        }

        // Columns to drop must exist; what is left must have no missing values.
        let names = Set(table.columns.map(\.name))
        if let unknown = spec.dropColumns.first(where: { !names.contains($0) }) {
            throw DataError(.badRecipe, "generator.drop_columns: there is no column '\(unknown)' (columns: \(TableGenerator.summary(table.columns.map(\.name))))")
        }
        table = table.dropping(columns: Set(spec.dropColumns))
        if let column = table.columns.first(where: { $0.missingCount > 0 }) {
            throw DataError(.missingValues, file: spec.source.file,
                            "column \(column.name) has \(column.missingCount) missing value\(column.missingCount == 1 ? "" : "s") ('?', 'NA', 'nan' or empty); leave it out with generator.drop_columns")
        }
        var plan = try TableProtocol(table: table, spec: spec, context: context)
        if let inject = spec.inject {
            injectedKinds = try AnomalyInjection.apply(inject, to: &table, plan: &plan, context: context)
        } else {
            injectedKinds = [:]
        }
        self.table = table
        self.plan = plan
    }

    /// Statistics of each numeric column over the training rows (computed when asked: only
    /// scaling needs them).
    public var trainStatistics: [String: ColumnStatistics] {
        var statistics: [String: ColumnStatistics] = [:]
        var selected: [Double] = []
        for column in table.columns {
            guard case .numeric(let values) = column.data else { continue }
            selected.removeAll(keepingCapacity: true)
            for row in 0..<values.count where plan.destination[row] == .train { selected.append(values[row]) }
            statistics[column.name] = ColumnStatistics(selected)
        }
        return statistics
    }

    static func schema(_ dataset: TableSpec.Dataset) -> TableSchema {
        switch dataset {
        case .connect4: return ConnectFour.schema
        case .kddcup99: return KDDCup99.schema
        case .arrhythmia, .csv: return Arrhythmia.schema
        }
    }

    static func summary(_ names: [String]) -> String {
        names.count <= 12 ? names.joined(separator: ", ") : names.prefix(10).joined(separator: ", ") + ", ... (\(names.count) in all)"
    }

    public var columns: [ColumnSchema] {
        table.columns.map { column in
            switch column.data {
            case .numeric(let values):
                let present = values.filter { !$0.isNaN }
                return .numeric(column.name, minimum: present.min(), maximum: present.max())
            case .categorical(_, let values):
                return .categorical(column.name, cardinality: values.count, values: values)
            }
        }
    }

    public var info: Manifest.GeneratorInfo {
        .init(kind: TableSpec.kind, version: 1,
              description: "\(spec.source.dataset.rawValue) table; classes mapped to normal/anomalous; split by \(spec.split.methodName)")
    }

    public var totalRows: Int { plan.destination.reduce(0) { $0 + ($1 == .dropped ? 0 : 1) } }

    public func generate(into writer: DatasetWriter, context: GenerationContext,
                         progress: (Int) -> Void) throws -> [String: JSONValue] {
        var written = 0
        let kinds = table.classValues.map { "class:\($0)" }
        // Column data hoisted out of the enum once, so the row loop does no copying.
        var numeric: [[Double]] = [], codes: [[Int32]] = [], isNumeric: [Bool] = [], slot: [Int] = []
        for column in table.columns {
            switch column.data {
            case .numeric(let values): isNumeric.append(true); slot.append(numeric.count); numeric.append(values)
            case .categorical(let c, _): isNumeric.append(false); slot.append(codes.count); codes.append(c)
            }
        }
        for (split, place) in [(Split.train, TableProtocol.Destination.train), (.validation, .validation), (.test, .test)] {
            var rows = (0..<table.rowCount).filter { plan.destination[$0] == place }
            if place == .test && spec.testOrder == .shuffled {
                var generator = context.stream("test-order")
                generator.shuffle(&rows)
            }
            for row in rows {
                try writer.beginRow(split, id: row)
                for c in 0..<isNumeric.count {
                    if isNumeric[c] { try writer.write(number: numeric[slot[c]][row]) } else { try writer.write(Int(codes[slot[c]][row])) }
                }
                let anomalous = plan.isAnomaly[row]
                let kind = injectedKinds[row] ?? (anomalous ? kinds[Int(table.classCodes[row])] : "")
                try writer.endRow(label: anomalous, kind: kind)
                written += 1
                if written & 0x3FFF == 0 { progress(written) }
            }
        }
        progress(written)

        var described: [String: JSONValue] = [:]
        var perClass = [Int](repeating: 0, count: table.classValues.count)
        for row in 0..<table.rowCount where plan.destination[row] != .dropped && plan.isAnomaly[row] && injectedKinds[row] == nil {
            perClass[Int(table.classCodes[row])] += 1
        }
        for (code, value) in table.classValues.enumerated() where perClass[code] > 0 {
            described["class:\(value)"] = .object(["class": .string(value), "count": .int(perClass[code]),
                                                   "meaning": .string("rows of class '\(value)' in the source, labelled anomalous by generator.classes.anomalous")])
        }
        if let inject = spec.inject {
            var perKind: [String: Int] = [:]
            for kind in injectedKinds.values { perKind[kind, default: 0] += 1 }
            for weighted in inject.kinds {
                described[weighted.kind.rawValue] = .object([
                    "injected_into": .string(inject.split), "count": .int(perKind[weighted.kind.rawValue] ?? 0),
                    "weight": .double(weighted.weight), "definition": .string(InjectedAnomalyRegistry.definition(weighted.kind)),
                ])
            }
        }
        return described
    }
}

extension TableSpec.SplitRule {
    var methodName: String {
        switch self {
        case .fraction: return "fraction"
        case .counts: return "counts"
        }
    }
}
