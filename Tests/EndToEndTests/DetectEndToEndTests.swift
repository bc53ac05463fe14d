import Foundation
import Testing

/// `toolkit detect` and `toolkit detectors` through the built binary, on a generated dataset,
/// evaluated by `toolkit evaluate`.
@Suite struct DetectEndToEndTests {
    static func toolkit(_ arguments: [String], _ directory: String) throws -> GenerateEndToEndTests.Run {
        try GenerateEndToEndTests.toolkit(arguments, in: directory)
    }

    @Test func generateDetectEvaluate() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try Self.toolkit(["generate", "zigzag", "--out", "zz", "--quiet"], cwd).status == 0)
        for detector in ["iforest", "pca", "knn", "gmm"] {
            let detect = try Self.toolkit(["detect", detector, "--dataset", "zz", "--out", "\(detector).csv", "--seed", "3"], cwd)
            #expect(detect.status == 0, "\(detect.stderr)")
            #expect(detect.stdout.isEmpty)
            let text = try String(contentsOfFile: cwd + "/\(detector).csv", encoding: .utf8)
            #expect(text.hasPrefix("id,score\n9000,"))
            #expect(text.split(separator: "\n").count == 2001)
            let evaluation = try Self.toolkit(["evaluate", "\(detector).csv", "--dataset", "zz", "--format", "csv"], cwd)
            #expect(evaluation.status == 0, "\(evaluation.stderr)")
            let auroc = evaluation.stdout.split(separator: "\n").first { $0.contains(",auroc,") && $0.contains(",instance,") }
                .flatMap { Double($0.split(separator: ",").last!) } ?? 0
            // On zigzag the random-id anomalies are far from the one-hot training rows.
            #expect(auroc > (detector == "iforest" ? 0.55 : 0.7), "\(detector) AUROC \(auroc)")
        }
        // Same seed → same bytes; stdout when no --out.
        let again = try Self.toolkit(["detect", "iforest", "--dataset", "zz", "--seed", "3", "--quiet"], cwd)
        #expect(again.stdout == (try String(contentsOfFile: cwd + "/iforest.csv", encoding: .utf8)))
    }

    @Test func errorsAreOneLineWithExitCode2AndNoOutput() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try Self.toolkit(["generate", "zigzag", "--out", "zz", "--quiet"], cwd).status == 0)
        for arguments in [["detect", "nope", "--dataset", "zz", "--out", "s.csv"],
                          ["detect", "iforest", "--dataset", "missing", "--out", "s.csv"],
                          ["detect", "iforest", "--dataset", "zz", "--out", "s.csv", "--param", "tress=3"],
                          ["detect", "knn", "--dataset", "zz", "--out", "s.csv", "--param", "k=0"]] {
            let run = try Self.toolkit(arguments, cwd)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.hasPrefix("toolkit: error:") && run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cwd + "/s.csv"))
        }
    }

    @Test func detectorsListsEveryDetectorWithItsParameters() throws {
        let run = try Self.toolkit(["detectors"], GenerateEndToEndTests.workingDirectory())
        #expect(run.status == 0)
        for name in ["iforest", "ocsvm", "pca", "knn", "hbos", "gmm", "trees=100", "nu=0.5", "reg_covar=1e-06"] {
            #expect(run.stdout.contains(name), "\(name)")
        }
    }

    /// Issue 19: `detect` never checked the dataset's files against the manifest's SHA-256.
    @Test func aChangedDatasetFileIsRefusedUnlessTold() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let small = ["--set", "generator.rows.train=300", "--set", "generator.rows.test=100", "--set", "generator.anomalies.count=50"]
        #expect(try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "d", "--quiet"] + small, in: cwd).status == 0)
        var train = try String(contentsOfFile: cwd + "/d/train.csv", encoding: .utf8)
        train = train.replacingOccurrences(of: "\n5,", with: "\n5,1", options: [], range: train.range(of: "\n5,"))
        try train.write(toFile: cwd + "/d/train.csv", atomically: true, encoding: .utf8)
        let refused = try GenerateEndToEndTests.toolkit(["detect", "hbos", "--dataset", "d", "--quiet"], in: cwd)
        #expect(refused.status == 2 && refused.stderr.contains("d/train.csv: ") && refused.stderr.contains("was changed after `toolkit generate` wrote it"), "\(refused.stderr)")
        let told = try GenerateEndToEndTests.toolkit(["detect", "hbos", "--dataset", "d", "--quiet", "--no-verify"], in: cwd)
        #expect(told.status == 0, "\(told.stderr)")
    }
}
