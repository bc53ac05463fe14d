import DataIO
import Foundation
import Recipe
import Testing
@testable import Generators
import TestSupport

@Suite struct SeriesFileGeneratorTests {
    @Test func tsbADFileBecomesATrainPrefixAndATestSuffix() throws {
        let folder = temporaryFolder()
        let path = folder + "/001_NAB_id_1_Facility_tr_6_1st_8.csv"
        let rows = (0..<12).map { "\(Double($0) / 4),\($0 >= 8 && $0 <= 9 ? 1 : 0)" }
        try (["Data,Label"] + rows).joined(separator: "\n").appending("\n").write(toFile: path, atomically: false, encoding: .utf8)
        let recipe = try RecipeLoader.load("tsb-ad-series", overrides: [try RecipeOverride(parsing: "generator.source=\(path)")])
        #expect(recipe.evaluation.series == EvaluationSpec.SeriesSpec(window: nil, values: "value"))
        let out = folder + "/d"
        let m = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
        #expect(m.counts["train"]!.rows == 6 && m.counts["train"]!.anomalies == 0)
        #expect(m.counts["test"]!.rows == 6 && m.counts["test"]!.anomalies == 2)
        let test = try readCSV(out + "/test.csv")
        #expect(test[0] == ["id", "value"])
        #expect(test[1] == ["6", "1.5"])
        let labels = try readCSV(out + "/labels.csv").dropFirst()
        #expect(labels.map { $0[0] } == (0..<12).map(String.init))
        #expect(labels.filter { $0[2] == "1" }.map { $0[0] } == ["8", "9"])
    }

    @Test func multivariateTSBADKeepsTheChannelNames() throws {
        let folder = temporaryFolder()
        let path = folder + "/002_SMD_id_1_Facility_tr_2_1st_3.csv"
        try "a,b c,Label\n1,2,0\n3,4,0\n5,6,1\n7,8,0\n".write(toFile: path, atomically: false, encoding: .utf8)
        let recipe = try RecipeLoader.load("tsb-ad-series", overrides: [try RecipeOverride(parsing: "generator.source=\(path)")])
        let out = folder + "/d"
        _ = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
        #expect(try readCSV(out + "/train.csv")[0] == ["id", "a", "bc"])
    }

    @Test func ucrFileMarksRowsBeginToEnd() throws {
        let folder = temporaryFolder()
        let path = folder + "/001_UCR_Anomaly_test_5_7_9.txt"
        try (0..<12).map { "  \(Double($0) * 1.5)" }.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
        let recipe = try RecipeLoader.load("ucr-anomaly", overrides: [try RecipeOverride(parsing: "generator.source=\(path)")])
        let out = folder + "/d"
        let m = try DatasetGeneration.run(recipe, options: .init(destination: out, quiet: true))
        #expect(m.counts["train"]!.rows == 5 && m.counts["test"]!.rows == 7)
        let labels = try readCSV(out + "/labels.csv").dropFirst()
        #expect(labels.filter { $0[2] == "1" }.map { $0[0] } == ["7", "8"])
    }

    @Test func errorsNameTheFileAndLine() throws {
        #expect {
            try DatasetGeneration.run(try RecipeLoader.load("tsb-ad-series"), options: .init(destination: temporaryFolder() + "/e", quiet: true))
        } throws: { ($0 as? DataError)?.description.contains("--source FILE") == true }
        let folder = temporaryFolder()
        let path = folder + "/003_X_id_1_Y_tr_1_1st_2.csv"
        try "Data,Label\n1,0\nx,1\n".write(toFile: path, atomically: false, encoding: .utf8)
        let recipe = try RecipeLoader.load("tsb-ad-series", overrides: [try RecipeOverride(parsing: "generator.source=\(path)")])
        #expect {
            try DatasetGeneration.run(recipe, options: .init(destination: folder + "/e", quiet: true))
        } throws: { ($0 as? DataError)?.description.contains("003_X_id_1_Y_tr_1_1st_2.csv:3:1") == true }
        // An anomaly inside the training part leaves a test part without one: refused.
        let early = folder + "/002_UCR_Anomaly_early_8_2_4.txt"
        try (0..<12).map { "\($0)" }.joined(separator: "\n").write(toFile: early, atomically: false, encoding: .utf8)
        let ucr = try RecipeLoader.load("ucr-anomaly", overrides: [try RecipeOverride(parsing: "generator.source=\(early)")])
        #expect {
            try DatasetGeneration.run(ucr, options: .init(destination: folder + "/u", quiet: true))
        } throws: {
            ($0 as? DataError)?.description.contains("the test part (rows 8 to 11) has no anomaly: the labelled rows start at 2, inside the training part (rows 0 to 7)") == true
        }
        #expect(!FileManager.default.fileExists(atPath: folder + "/u"))
        #expect(SeriesFileGenerator.detect("001_UCR_Anomaly_x_35000_52000_52620.txt") == .ucr)
        #expect(SeriesFileGenerator.detect("001_NAB_id_1_Facility_tr_1007_1st_2014.csv.gz") == .tsbAD)
        #expect(SeriesFileGenerator.detect("data.csv") == nil)
    }
}
