import DataIO
import Datasets
import Recipe
import Testing
@testable import Generators
import TestSupport

@Suite struct TableProtocolTests {
    /// 100 rows: classes a (60), b (30), c (10) in a fixed order; one numeric column = row number.
    func table() -> Table {
        let classes = (0..<100).map { Int32($0 % 10 == 9 ? 2 : ($0 % 3 == 0 ? 1 : 0)) }
        return Table(columns: [.init(name: "x", data: .numeric((0..<100).map(Double.init)))],
                     classCodes: classes, classValues: ["a", "b", "c"])
    }

    func spec(_ yaml: String) throws -> TableSpec {
        let recipe = try RecipeLoader.parse(yaml: "version: 1\ngenerator:\n  kind: table\n  source: {dataset: csv, file: x, label_column: y}\n" + yaml, source: "t")
        guard let spec = recipe.generator.parameters(as: TableSpec.self) else { fatalError() }
        return spec
    }

    func count(_ p: TableProtocol, _ d: TableProtocol.Destination, anomalies: Bool? = nil) -> Int {
        p.destination.indices.filter { p.destination[$0] == d && (anomalies == nil || p.isAnomaly[$0] == anomalies!) }.count
    }

    @Test func fractionSplitExcludesTrainAnomalies() throws {
        let t = table()
        let s = try spec("  classes: {anomalous: [b]}\n  split: {method: fraction, train_fraction: 0.5}\n")
        let p = try TableProtocol(table: t, spec: s, context: GenerationContext(seed: 1))
        let anomalies = t.classCodes.filter { $0 == 1 }.count
        #expect(count(p, .train, anomalies: true) == 0)
        #expect(count(p, .train) + count(p, .test) + count(p, .dropped) == 100)
        #expect(count(p, .test) + count(p, .train) + count(p, .dropped, anomalies: true) == 100)
        #expect(count(p, .test, anomalies: true) + count(p, .dropped, anomalies: true) == anomalies)
        #expect(count(p, .test) == 50)  // the test half is whole
    }

    @Test func trainAnomalyRatioIsExact() throws {
        let s = try spec("  classes: {anomalous: [b], normal: [a]}\n  split: {method: fraction, train_fraction: 0.5, train_anomalies: ratio, train_anomaly_ratio: 0.2}\n")
        let p = try TableProtocol(table: table(), spec: s, context: GenerationContext(seed: 3))
        let normals = count(p, .train, anomalies: false)
        #expect(count(p, .train, anomalies: true) == Int((0.2 * Double(normals) / 0.8).rounded()))
        // Class c is neither normal nor anomalous: dropped everywhere.
        for r in 0..<100 where r % 10 == 9 { #expect(p.destination[r] == .dropped) }
    }

    /// KDD's train half at 20 %: too few anomalies beside all the normal rows, so every anomaly
    /// is kept with a seeded sample of the normal rows that makes the share exact.
    @Test func aRatioBeyondTheAnomaliesAtHandKeepsThemAllAndSamplesTheNormalRows() throws {
        // About 30 normal (a) and 15 anomalous (b) rows in the train half: 0.5 would need ~30 anomalies.
        let s = try spec("  classes: {anomalous: [b], normal: [a]}\n  split: {method: fraction, train_fraction: 0.5, train_anomalies: ratio, train_anomaly_ratio: 0.5}\n")
        let p = try TableProtocol(table: table(), spec: s, context: GenerationContext(seed: 3))
        let anomalies = count(p, .train, anomalies: true), normals = count(p, .train, anomalies: false)
        // Class b has 30 rows; the test half is whole, so the train half holds the rest.
        #expect(anomalies == 30 - count(p, .test, anomalies: true), "every train-half anomaly is kept")
        #expect(anomalies == normals, "the share is exactly 0.5: \(anomalies) anomalies, \(normals) normal rows")
        #expect(count(p, .dropped, anomalies: false) > 0)
    }

    @Test func rowsFileGivesTheListedHalf() throws {
        let folder = temporaryFolder()
        try FileSystem.writeAtomically("# the train half\n0\n1\n2\n3\n", to: folder + "/rows.txt")
        let s = try spec("  classes: {anomalous: [c]}\n  split: {method: fraction, rows_file: \(folder)/rows.txt, train_anomalies: keep}\n")
        let p = try TableProtocol(table: table(), spec: s, context: GenerationContext(seed: 1))
        #expect((0..<4).allSatisfy { p.destination[$0] == .train })
        #expect(count(p, .train) == 4 && count(p, .test) == 96)
    }

    @Test func countsDealTestThenValidationThenTrain() throws {
        let s = try spec("  classes: {anomalous: [b]}\n  split: {method: counts, test: {normal: 10, anomalous: 5}, validation: {normal: 10, anomalous: 5}, train: {normal: -1, anomalous: 0}}\n")
        let p = try TableProtocol(table: table(), spec: s, context: GenerationContext(seed: 9))
        #expect(count(p, .test, anomalies: false) == 10 && count(p, .test, anomalies: true) == 5)
        #expect(count(p, .validation, anomalies: false) == 10 && count(p, .validation, anomalies: true) == 5)
        #expect(count(p, .train, anomalies: false) == 70 - 20 && count(p, .train, anomalies: true) == 0)  // classes a and c are normal
    }

    @Test func orderFilesFixTheDeal() throws {
        let folder = temporaryFolder()
        // The 30 anomalous rows (class b) in file order, dealt in the order 2, 9, 16, ... (a permutation).
        try FileSystem.writeAtomically((0..<30).map { String((2 + $0 * 7) % 30) }.joined(separator: "\n"), to: folder + "/b.txt")
        let s = try spec("  classes: {anomalous: [b], normal: [a]}\n  split: {method: counts, test: {normal: 0, anomalous: 2}, train: {normal: 0, anomalous: 0}, anomalous_order_file: \(folder)/b.txt}\n")
        let p = try TableProtocol(table: table(), spec: s, context: GenerationContext(seed: 1))
        let anomalousRows = (0..<100).filter { $0 % 10 != 9 && $0 % 3 == 0 }
        #expect(p.destination[anomalousRows[2]] == .test && p.destination[anomalousRows[9]] == .test)
        #expect(count(p, .test) == 2)
    }

    @Test func impossibleCountsAreErrors() throws {
        let s = try spec("  classes: {anomalous: [b]}\n  split: {method: counts, test: {normal: 10, anomalous: 50}}\n")
        #expect {
            _ = try TableProtocol(table: table(), spec: s, context: GenerationContext(seed: 1))
        } throws: { ($0 as? DataError)?.message.contains("50 anomalous rows asked for (test 50, validation 0, train 0), but the data has 30") == true }
        let s2 = try spec("  classes: {anomalous: [zz]}\n")
        #expect {
            _ = try TableProtocol(table: table(), spec: s2, context: GenerationContext(seed: 1))
        } throws: { ($0 as? DataError)?.message.contains("the class 'zz' does not occur in the data") == true }
    }

    @Test func sameSeedSameSplit() throws {
        let s = try spec("  classes: {anomalous: [b]}\n")
        let a = try TableProtocol(table: table(), spec: s, context: GenerationContext(seed: 4))
        let b = try TableProtocol(table: table(), spec: s, context: GenerationContext(seed: 4))
        let c = try TableProtocol(table: table(), spec: s, context: GenerationContext(seed: 5))
        #expect(a.destination == b.destination)
        #expect(a.destination != c.destination)
    }
}

@Suite struct TableProtocolTestRatioTests {
    @Test func testAnomalyRatioIsExact() throws {
        let t = TableProtocolTests()
        let s = try t.spec("  classes: {anomalous: [b], normal: [a]}\n  split: {method: fraction, train_fraction: 0.5, test_anomaly_ratio: 0.1}\n")
        let p = try TableProtocol(table: t.table(), spec: s, context: GenerationContext(seed: 3))
        let normals = t.count(p, .test, anomalies: false)
        #expect(t.count(p, .test, anomalies: true) == Int((0.1 * Double(normals) / 0.9).rounded()))
        #expect(t.count(p, .train, anomalies: true) == 0)
    }
}
