import DataIO
import Datasets
import Foundation
import Metrics
import Recipe
import Testing
@testable import Generators
import TestSupport

/// Look-alikes must have real structure: a simple reference scorer, fitted on the training rows
/// only, must find the test anomalies clearly better than chance. The scorer is deliberately
/// plain (so the test checks the data, not a detector): the negative log-likelihood of each row
/// under independent per-column models of the training rows (category frequencies with add-one
/// smoothing; a Gaussian per numeric column).
@Suite struct TableGeneratorTests {
    func generator(_ name: String, _ overrides: [String]) throws -> TableGenerator {
        let recipe = try RecipeLoader.load(name, overrides: overrides.map { try RecipeOverride(parsing: $0) })
        guard let spec = recipe.generator.parameters(as: TableSpec.self) else { fatalError("not a table recipe") }
        return try TableGenerator(spec: spec, context: GenerationContext(seed: recipe.seed))
    }

    func testAUROC(_ g: TableGenerator) throws -> Double {
        let d = g.plan.destination
        let train = d.indices.filter { d[$0] == .train }, test = d.indices.filter { d[$0] == .test }
        var scores = [Double](repeating: 0, count: test.count)
        for column in g.table.columns {
            switch column.data {
            case .categorical(let codes, let values):
                var counts = [Double](repeating: 1, count: values.count)
                for r in train { counts[Int(codes[r])] += 1 }
                let total = counts.reduce(0, +)
                for (i, r) in test.enumerated() { scores[i] -= log(counts[Int(codes[r])] / total) }
            case .numeric(let values):
                let s = ColumnStatistics(train.map { values[$0] })
                let sd = max(s.standardDeviation, 1e-9)
                for (i, r) in test.enumerated() { let z = (values[r] - s.mean) / sd; scores[i] += 0.5 * z * z }
            }
        }
        return try BinaryCurve(scores: scores, labels: test.map { g.plan.isAnomaly[$0] }).auroc
    }

    /// Connect-4 is hard for density models on single cells (0.557 AUROC on the real file, 0.562 on
    /// the full look-alike): the classes differ in lines of four. So the scorer here models, per
    /// line of four, how many x and o pieces it holds (0.596 on the real file, 0.608 on the full
    /// look-alike, measured when this test was written); with 2,000 test rows the AUROC's standard
    /// error is about 0.013.
    @Test func connectFourLookalikeAnomaliesAreFindable() throws {
        let g = try generator("connect4", ["generator.source.lookalike_rows=12000",
                                           "generator.split.train={normal: 6000, anomalous: 0}",
                                           "generator.split.test={normal: 1000, anomalous: 1000}"])
        let d = g.plan.destination
        let train = d.indices.filter { d[$0] == .train }, test = d.indices.filter { d[$0] == .test }
        let codes: [[Int32]] = g.table.columns.map { if case .categorical(let c, _) = $0.data { return c }; return [] }
        func pattern(_ line: [Int], _ r: Int) -> Int {
            var x = 0, o = 0
            for c in line { if codes[c][r] == 0 { x += 1 } else if codes[c][r] == 1 { o += 1 } }
            return x * 5 + o
        }
        var scores = [Double](repeating: 0, count: test.count)
        for line in ConnectFour.lines {
            var counts = [Double](repeating: 1, count: 25)
            for r in train { counts[pattern(line, r)] += 1 }
            let total = counts.reduce(0, +)
            for (i, r) in test.enumerated() { scores[i] -= log(counts[pattern(line, r)] / total) }
        }
        let auroc = try BinaryCurve(scores: scores, labels: test.map { g.plan.isAnomaly[$0] }).auroc
        #expect(auroc > 0.57, "AUROC \(auroc)")
    }

    /// `test_order: shuffled` (connect4's, as the AMAD code shuffles its test set) writes the same
    /// test rows in a seeded random order, so blocks of the test split mix the classes; `file`
    /// keeps the file order; the train split is the same either way.
    @Test func shuffledTestOrderPermutesTheTestRowsOnly() throws {
        func run(_ order: String) throws -> (train: [[String]], test: [[String]], labels: [[String]]) {
            let recipe = try RecipeLoader.load("connect4", overrides: [
                "generator.source.lookalike_rows=3000", "generator.split.train={normal: 1000, anomalous: 0}",
                "generator.split.test={normal: 200, anomalous: 200}", "generator.test_order=\(order)",
            ].map { try RecipeOverride(parsing: $0) })
            let out = temporaryFolder() + "/data"
            let manifest = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
            #expect(manifest.counts["test"]?.blocks == 4)
            return (try readCSV(out + "/train.csv"), try readCSV(out + "/test.csv"), try readCSV(out + "/labels.csv"))
        }
        let file = try run("file"), shuffled = try run("shuffled"), again = try run("shuffled")
        #expect(file.train == shuffled.train)
        #expect(shuffled.test == again.test)
        #expect(shuffled.test.first == file.test.first && shuffled.test.count == 401)
        let ids = shuffled.test.dropFirst().map { Int($0[0])! }
        #expect(file.test.dropFirst().map { Int($0[0])! } == ids.sorted())
        #expect(ids != ids.sorted())
        #expect(Set(shuffled.test.dropFirst()) == Set(file.test.dropFirst()))
        // labels.csv lists the test rows in the order written.
        #expect(shuffled.labels.filter { $0[1] == "test" }.map { Int($0[0])! } == ids)
        #expect(throws: DataError.self) {
            _ = try RecipeLoader.load("connect4", overrides: [try RecipeOverride(parsing: "generator.test_order=random")])
        }
    }

    @Test func kddLookalikeAnomaliesAreFindable() throws {
        let g = try generator("kddcup99", ["generator.source.lookalike_rows=20000"])
        let auroc = try testAUROC(g)
        #expect(auroc > 0.9, "AUROC \(auroc)")
    }

    @Test func arrhythmiaLookalikeAnomaliesAreFindable() throws {
        let g = try generator("arrhythmia", ["generator.source.lookalike_rows=2000", "generator.split.train_anomalies=exclude"])
        let auroc = try testAUROC(g)
        #expect(auroc > 0.75, "AUROC \(auroc)")
    }

    @Test func missingValuesMustBeDropped() {
        #expect {
            _ = try generator("arrhythmia", ["generator.drop_columns=[a11, a12, a13, a15]"])
        } throws: { ($0 as? DataError)?.message == "column a14 has 376 missing values ('?', 'NA', 'nan' or empty); leave it out with generator.drop_columns" }
        #expect {
            _ = try generator("arrhythmia", ["generator.drop_columns=[a11, a99x]"])
        } throws: { ($0 as? DataError)?.message.hasPrefix("generator.drop_columns: there is no column 'a99x'") == true }
    }

    @Test func genericCSVTable() throws {
        let yaml = """
            version: 1
            generator:
              kind: table
              source: {dataset: csv, file: \(fixture("tables/flowers.csv")), label_column: species, categorical: [colour]}
              classes: {anomalous: [virginica]}
              split: {method: counts, test: {normal: 10, anomalous: 5}, train: {normal: -1, anomalous: 0}}
            """
        let recipe = try RecipeLoader.parse(yaml: yaml, source: "flowers.yaml")
        let out = temporaryFolder() + "/flowers"
        let manifest = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
        #expect(manifest.source == "file")
        #expect(manifest.counts["test"]!.anomalies == 5)
        #expect(manifest.columns.map(\.name) == ["sepal", "petal", "colour"])
        let labels = try readCSV(out + "/labels.csv")
        #expect(labels.dropFirst().filter { $0[2] == "1" }.allSatisfy { $0[3] == "class:virginica" })
    }

    @Test func sameSeedSameBytes() throws {
        var digests: [[String: Manifest.FileRecord]] = []
        for _ in 0..<2 {
            let recipe = try RecipeLoader.load("arrhythmia-toll")
            digests.append(try DatasetGeneration.run(recipe, options: .init(destination: temporaryFolder() + "/a", quiet: true)).files)
        }
        #expect(digests[0] == digests[1])
        #expect(digests[0].keys.sorted() == ["labels.csv", "test.csv", "train.csv", "validation.csv"])
    }
}
