import DataIO
import Datasets
import Randomness
import Recipe

/// Writes synthetic anomalies over normal rows of one split (a table recipe's `inject`), in
/// place: exactly `count` normal rows of the split, chosen uniformly (Algorithm S, stream
/// `inject-rows`), their kinds apportioned exactly by weight and dealt in random order (stream
/// `inject-kinds`), their values drawn from stream `inject-values`. See
/// ``TableSpec/InjectedKind`` for what each kind does. Statistics (mean, range) come from the
/// normal training rows only.
enum AnomalyInjection {
    /// Applies `spec` to `table` and `plan`; returns the kind of each injected row (by row).
    static func apply(_ spec: TableSpec.Injection, to table: inout Table, plan: inout TableProtocol,
                      context: GenerationContext) throws -> [Int: String] {
        let place: TableProtocol.Destination = spec.split == "train" ? .train : spec.split == "validation" ? .validation : .test
        let n = table.rowCount
        let targets = (0..<n).filter { plan.destination[$0] == place && !plan.isAnomaly[$0] }
        guard spec.count <= targets.count else {
            throw DataError("bad_recipe", "generator.inject.count: \(spec.count) rows asked for, but the \(spec.split) split has only \(targets.count) normal rows")
        }
        let sources = (0..<n).filter { plan.destination[$0] == .train && !plan.isAnomaly[$0] }
        guard !sources.isEmpty else {
            throw DataError("bad_recipe", "generator.inject: there are no normal training rows to take statistics and values from")
        }
        let numericColumns = table.columns.indices.filter { if case .numeric = table.columns[$0].data { return true }; return false }
        let categoricalColumns = table.columns.indices.filter { !numericColumns.contains($0) }
        for (index, k) in spec.kinds.enumerated() {
            if k.kind.isNumeric && k.kind != .dependency && numericColumns.isEmpty {
                throw DataError("bad_recipe", "generator.inject.kinds.\(index).kind: \(k.kind.rawValue) needs numeric columns; this table has none")
            }
            if !k.kind.isNumeric && categoricalColumns.isEmpty {
                throw DataError("bad_recipe", "generator.inject.kinds.\(index).kind: \(k.kind.rawValue) needs categorical columns; this table has none")
            }
        }

        // Training statistics of the numeric columns.
        var numeric: [(column: Int, mean: Double, low: Double, high: Double)] = []  // in the order of numericColumns
        for c in numericColumns {
            guard case .numeric(let values) = table.columns[c].data else { continue }
            let stats = ColumnStatistics(sources.map { values[$0] })
            let margin = 0.1 * (stats.maximum - stats.minimum)
            numeric.append((c, stats.mean, stats.minimum - margin, stats.maximum + margin))
        }

        let counts = Apportionment.counts(total: spec.count, weights: spec.kinds.map(\.weight))
        var rows = SelectionSampler(choosing: spec.count, of: targets.count, generator: context.stream("inject-rows"))
        var dealer = KindSequencer(counts: counts, generator: context.stream("inject-kinds"))
        var g = context.stream("inject-values")
        let clusterCenterRow = sources[g.uniformInt(below: sources.count)]
        var deletedCode: [Int: Int32] = [:]
        var kinds: [Int: String] = [:]

        for row in targets where rows.next() {
            let kind = spec.kinds[dealer.next()].kind
            let x1 = sources[g.uniformInt(below: sources.count)]
            // Start from a copy of a random normal training row.
            for c in table.columns.indices { table.columns[c].copyValue(from: x1, to: row) }
            switch kind {
            case .global:
                for s in numeric { table.columns[s.column].setNumber(s.low + (s.high - s.low) * g.uniformUnit(), row) }
            case .local:
                for (c, m, _, _) in numeric {
                    table.columns[c].setNumber(m + 5.0.squareRoot() * (table.columns[c].number(x1) - m), row)
                }
            case .clustered:
                for (c, m, _, _) in numeric {
                    let center = m + 5 * (table.columns[c].number(clusterCenterRow) - m)
                    table.columns[c].setNumber(center + 0.25 * (table.columns[c].number(x1) - m), row)
                }
            case .dependency:
                for c in table.columns.indices {
                    table.columns[c].copyValue(from: sources[g.uniformInt(below: sources.count)], to: row)
                }
            case .randomValue:
                let c = categoricalColumns[g.uniformInt(below: categoricalColumns.count)]
                let cardinality = table.columns[c].cardinality
                if cardinality > 1 {
                    let current = table.columns[c].code(row)
                    var other = Int32(g.uniformInt(below: cardinality - 1))
                    if other >= current { other += 1 }
                    table.columns[c].setCode(other, row)
                }
            case .swappedAttribute:
                let c = categoricalColumns[g.uniformInt(below: categoricalColumns.count)]
                table.columns[c].copyValue(from: sources[g.uniformInt(below: sources.count)], to: row)
            case .deletedAttribute:
                let c = categoricalColumns[g.uniformInt(below: categoricalColumns.count)]
                let code = deletedCode[c] ?? table.columns[c].appendValue("<deleted>")
                deletedCode[c] = code
                table.columns[c].setCode(code, row)
            }
            plan.isAnomaly[row] = true
            kinds[row] = kind.rawValue
        }
        return kinds
    }
}

extension AnomalyInjection {
    /// One line per kind, for the manifest.
    static func definition(_ kind: TableSpec.InjectedKind) -> String {
        switch kind {
        case .global: return "each numeric column uniform over its training range widened by 10% per side (ADBench global, alpha 1.1)"
        case .local: return "mu + sqrt(5)(x1 - mu) for a random normal training row x1 (ADBench local: covariance x5, one component)"
        case .clustered: return "c + 0.25(x1 - mu) around one center c = mu + 5(xc - mu) (ADBench clustered: mean scaled by 5, one component)"
        case .dependency: return "every column from a different random normal training row (ADBench dependency: marginals kept, dependencies broken)"
        case .randomValue: return "one categorical column set to a uniformly chosen other value"
        case .swappedAttribute: return "one categorical column set to its value in another random normal training row"
        case .deletedAttribute: return "one categorical column set to the new value <deleted>"
        }
    }
}

extension Table.Column {
    var cardinality: Int {
        if case .categorical(_, let values) = data { return values.count }
        return 0
    }

    func number(_ row: Int) -> Double {
        if case .numeric(let v) = data { return v[row] }
        return 0
    }

    func code(_ row: Int) -> Int32 {
        if case .categorical(let c, _) = data { return c[row] }
        return 0
    }

    mutating func setNumber(_ value: Double, _ row: Int) {
        if case .numeric(var v) = data {
            data = .numeric([])  // release the enum's reference so the array is mutated in place
            v[row] = value
            data = .numeric(v)
        }
    }

    mutating func setCode(_ value: Int32, _ row: Int) {
        if case .categorical(var c, let values) = data {
            data = .numeric([])
            c[row] = value
            data = .categorical(codes: c, values: values)
        }
    }

    mutating func copyValue(from source: Int, to row: Int) {
        switch data {
        case .numeric(let v): setNumber(v[source], row)
        case .categorical(let c, _): setCode(c[source], row)
        }
    }

    /// Adds a value to a categorical column; returns its code.
    mutating func appendValue(_ value: String) -> Int32 {
        guard case .categorical(let c, var values) = data else { return 0 }
        values.append(value)
        data = .categorical(codes: c, values: values)
        return Int32(values.count - 1)
    }
}
