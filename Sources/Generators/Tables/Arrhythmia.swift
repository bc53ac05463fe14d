import Datasets
import Randomness

/// UCI Arrhythmia: 452 patients, 279 ECG and demographic attributes (`a1` ... `a279`, 1-based as
/// in `arrhythmia.names`), `?` for missing values (only in attributes 11-15), and a class 1-16.
/// ODDS' `arrhythmia.mat` is this table without attributes 11-15, with classes
/// 3, 4, 5, 7, 8, 9, 14, 15 as the outliers.
public enum Arrhythmia {
    static let attributeCount = 279
    /// Rows per class 1..16 in the original (classes 11-13 have none).
    static let classCounts = [245, 44, 15, 15, 13, 25, 3, 2, 9, 50, 0, 0, 0, 4, 5, 22]
    /// Missing values in attributes 11-15 of the original.
    static let missingCounts = [11: 8, 12: 22, 13: 1, 14: 376, 15: 1]
    static let anomalousClasses: Set<Int> = [3, 4, 5, 7, 8, 9, 14, 15]

    public static let schema = TableSchema(
        name: "arrhythmia", title: "UCI Arrhythmia (arrhythmia.data)",
        columns: (1...attributeCount).map { .init("a\($0)", .numeric) },
        classIndex: attributeCount, classValues: (1...16).map(String.init), questionMarkIsMissing: true,
        knownChecksums: ["59a3360ee531a55cec553cd2cd1eaeab143ba8658d1b324a08fb7941f39ade2e"],
        originalRows: 452)

    /// A look-alike: the original's class counts (scaled to `rows` by largest remainder, in random
    /// order), 279 attributes with the original's kinds of values and correlated through 8 latent
    /// factors, and missing values in attributes 11-15 in the original's proportions.
    ///
    /// Attribute j is μ_j + σ_j·(0.8·w_j·z + 0.6·ε) for a patient's factors z ~ N(0, I₈), rounded to
    /// one decimal; every fifth attribute from 22 on is a 0/1 flag (z-score above a threshold).
    /// The first 15 have the original's scales (age, sex, height, weight, QRS, PR, QT, T and P
    /// durations, the four vector angles, heart rate). Each class c > 1 shifts 20 attributes
    /// (chosen per class from stream `lookalike-classes`) by ±1σ for the classes that stay normal
    /// in the ODDS protocol and by ±2.5σ for the anomalous ones, so the anomalies are findable but
    /// not trivially separable.
    public static func lookalike(rows: Int, context: GenerationContext) -> Table {
        var g = context.stream("lookalike")
        var structure = context.stream("lookalike-classes")
        let factors = 8
        let counts = Apportionment.counts(total: rows, weights: classCounts.map { Double(max($0, 0)) + 1e-9 })
        var labels: [Int32] = []
        for (code, count) in counts.enumerated() { labels += [Int32](repeating: Int32(code), count: count) }
        g.shuffle(&labels)

        // Per-attribute scale and loadings.
        let known: [(Double, Double)] = [(46, 16), (0.55, 0.5), (166, 37), (68, 16), (89, 15), (155, 45), (367, 33),
                                         (169, 35), (90, 25), (33, 45), (36, 57), (48, 29), (36, 36), (-13, 160), (75, 14)]
        var mean = [Double](), sd = [Double](), binary = [Bool]()
        var loadings = [[Double]]()
        for j in 0..<attributeCount {
            if j < known.count {
                mean.append(known[j].0); sd.append(known[j].1)
            } else {
                mean.append(-5 + 65 * structure.uniformUnit()); sd.append(0.5 + 19.5 * structure.uniformUnit())
            }
            binary.append(j == 1 || (j >= 21 && j % 5 == 1))
            let w = (0..<factors).map { _ in structure.standardNormal() }
            let norm = w.reduce(0) { $0 + $1 * $1 }.squareRoot()
            loadings.append(w.map { $0 / norm })
        }
        // Per-class shifts.
        var shifts = [[Int: Double]](repeating: [:], count: 16)
        for c in 1..<16 {
            let size = anomalousClasses.contains(c + 1) ? 2.5 : 1.0
            var attributes = Array(15..<attributeCount)
            structure.shuffle(&attributes)
            for a in attributes.prefix(20) { shifts[c][a] = structure.bernoulli(0.5) ? size : -size }
        }

        var values = [[Double]](repeating: [Double](repeating: 0, count: rows), count: attributeCount)
        for (row, label) in labels.enumerated() {
            let z = (0..<factors).map { _ in g.standardNormal() }
            for j in 0..<attributeCount {
                var s = 0.0
                for k in 0..<factors { s += loadings[j][k] * z[k] }
                let score = 0.8 * s + 0.6 * g.standardNormal() + (shifts[Int(label)][j] ?? 0)
                if binary[j] {
                    values[j][row] = score > 0.3 ? 1 : 0
                } else {
                    values[j][row] = ((mean[j] + sd[j] * score) * 10).rounded() / 10
                }
            }
        }
        // Missing values in attributes 11-15, at random rows, in the original's proportions.
        for (attribute, missing) in missingCounts.sorted(by: { $0.key < $1.key }) {
            let count = Int((Double(missing) * Double(rows) / 452).rounded())
            var sampler = SelectionSampler(choosing: min(count, rows), of: rows, generator: context.stream("lookalike-missing-\(attribute)"))
            for row in 0..<rows where sampler.next() { values[attribute - 1][row] = .nan }
        }
        let columns = (0..<attributeCount).map { Table.Column(name: "a\($0 + 1)", data: .numeric(values[$0])) }
        return Table(columns: columns, classCodes: labels, classValues: (1...16).map(String.init))
    }
}
