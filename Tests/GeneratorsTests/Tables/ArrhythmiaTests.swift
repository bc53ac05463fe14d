import DataIO
import Foundation
import Recipe
import Testing
@testable import Generators
import TestSupport

@Suite struct ArrhythmiaTests {
    @Test func lookalikeHasTheOriginalsShapeClassesAndMissingValues() {
        let table = Arrhythmia.lookalike(rows: 452, context: GenerationContext(seed: 1))
        #expect(table.columns.count == 279)
        #expect(table.classCounts()["1"] == 245)
        let anomalous = Set(["3", "4", "5", "7", "8", "9", "14", "15"])
        #expect(table.classCodes.filter { anomalous.contains(table.classValues[Int($0)]) }.count == 66)
        #expect(table.columns[13].missingCount == 376)   // a14
        #expect(table.columns[10].missingCount == 8)     // a11
        #expect(table.columns[20].missingCount == 0)
    }

    @Test(.enabled(if: haveSharedData, "needs ../shared/data/arrhythmia.data"))
    func realFileMatchesTheODDSMatrix() throws {
        let reference = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: fixture("tables/arrhythmia-mat-reference.json")))) as! [String: Any]
        let recipe = try RecipeLoader.load("arrhythmia", overrides: [try RecipeOverride(parsing: "generator.source.file=\(sharedData("arrhythmia.data"))")])
        guard let spec = recipe.generator.parameters(as: TableSpec.self) else { Issue.record("kind"); return }
        let generator = try TableGenerator(spec: spec, context: GenerationContext(seed: 1))
        let table = generator.table
        #expect(table.rowCount == reference["rows"] as! Int)
        #expect(table.columns.count == reference["columns"] as! Int)
        #expect(generator.plan.isAnomaly.filter { $0 }.count == reference["anomalies"] as! Int)
        // Every value, row-major, as little-endian float64: the SHA-256 of the .mat's X.
        var hasher = SHA256()
        for row in 0..<table.rowCount {
            for column in table.columns {
                guard case .numeric(let values) = column.data else { Issue.record("numeric"); return }
                withUnsafeBytes(of: values[row].bitPattern.littleEndian) { hasher.update(bufferPointer: $0) }
            }
        }
        let digest = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        #expect(digest == reference["x_sha256_row_major_float64_le"] as! String)
        let first = table.columns.prefix(12).map { column -> Double in
            if case .numeric(let v) = column.data { return v[0] }
            return .nan
        }
        #expect(first == (reference["first_row_first_12"] as! [Double]))
    }
}
