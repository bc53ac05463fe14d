import DataIO
import Datasets
import Randomness
import Recipe

/// Writes synthetic anomalies over normal rows of one split (a table recipe's `inject`), in
/// place: exactly `count` normal rows of the split, chosen uniformly (Algorithm S, stream
/// `inject-rows`), their kinds apportioned exactly by weight and dealt in random order (stream
/// `inject-kinds`), their values drawn from stream `inject-values`: first the cluster center
/// (``InjectionContext/clusterCenterRow``), then per row the base row x₁ and what its kind draws.
/// Each kind is one ``InjectedAnomaly`` (``InjectedAnomalyRegistry``). Statistics (mean, range)
/// come from the normal training rows only.
enum AnomalyInjection {
    /// Applies `spec` to `table` and `plan`; returns the kind of each injected row (by row).
    static func apply(_ spec: TableSpec.Injection, to table: inout Table, plan: inout TableProtocol,
                      context: GenerationContext) throws -> [Int: String] {
        let place: TableProtocol.Destination = spec.split == "train" ? .train : spec.split == "validation" ? .validation : .test
        let n = table.rowCount
        let targets = (0..<n).filter { plan.destination[$0] == place && !plan.isAnomaly[$0] }
        guard spec.count <= targets.count else {
            throw DataError(.badRecipe, "generator.inject.count: \(spec.count) rows asked for, but the \(spec.split) split has only \(targets.count) normal rows")
        }
        let sources = (0..<n).filter { plan.destination[$0] == .train && !plan.isAnomaly[$0] }
        guard !sources.isEmpty else {
            throw DataError(.badRecipe, "generator.inject: there are no normal training rows to take statistics and values from")
        }
        let numericColumns = table.columns.indices.filter { if case .numeric = table.columns[$0].data { return true }; return false }
        let categoricalColumns = table.columns.indices.filter { !numericColumns.contains($0) }
        let anomalies = spec.kinds.map { InjectedAnomalyRegistry.anomaly(for: $0.kind) }
        for (index, (k, anomaly)) in zip(spec.kinds, anomalies).enumerated() {
            switch anomaly.columns {
            case .numeric where numericColumns.isEmpty:
                throw DataError(.badRecipe, "generator.inject.kinds.\(index).kind: \(k.kind.rawValue) needs numeric columns; this table has none")
            case .categorical where categoricalColumns.isEmpty:
                throw DataError(.badRecipe, "generator.inject.kinds.\(index).kind: \(k.kind.rawValue) needs categorical columns; this table has none")
            default: break
            }
        }

        // Training statistics of the numeric columns.
        var mean = [Double](repeating: 0, count: table.columns.count), low = mean, high = mean
        for c in numericColumns {
            guard case .numeric(let values) = table.columns[c].data else { continue }
            let stats = ColumnStatistics(sources.map { values[$0] })
            mean[c] = stats.mean
            let margin = 0.1 * (stats.maximum - stats.minimum)
            low[c] = stats.minimum - margin
            high[c] = stats.maximum + margin
        }

        let counts = Apportionment.counts(total: spec.count, weights: spec.kinds.map(\.weight))
        var rows = SelectionSampler(choosing: spec.count, of: targets.count, generator: context.stream("inject-rows"))
        var dealer = KindSequencer(counts: counts, generator: context.stream("inject-kinds"))
        var g = context.stream("inject-values")
        var injection = InjectionContext(sources: sources, numericColumns: numericColumns, categoricalColumns: categoricalColumns,
                                         mean: mean, low: low, high: high,
                                         clusterCenterRow: sources[g.uniformInt(below: sources.count)])
        var kinds: [Int: String] = [:]

        for row in targets where rows.next() {
            let chosen = dealer.next()
            let x1 = injection.randomSource(&g)
            // Start from a copy of a random normal training row, then let the kind change it.
            for c in table.columns.indices { table.columns[c].copyValue(from: x1, to: row) }
            anomalies[chosen].inject(row: row, base: x1, table: &table, context: &injection, values: &g)
            plan.isAnomaly[row] = true
            kinds[row] = spec.kinds[chosen].kind.rawValue
        }
        return kinds
    }
}
