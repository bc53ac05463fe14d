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
        // The paper's counts (2,000 test rows) keep four detectors quick in a debug build.
        #expect(try Self.toolkit(["generate", "zigzag-paper", "--out", "zz", "--quiet"], cwd).status == 0)
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

    /// amad reads the id lists and writes instance and block scores; `evaluate --block-scores`
    /// takes the block file; --windows is refused in one line.
    @Test func amadWritesInstanceAndBlockScores() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try Self.toolkit(["generate", "zigzag-paper", "--out", "zz", "--quiet"], cwd).status == 0)
        let detect = try Self.toolkit(["detect", "amad", "--dataset", "zz", "--out", "a.csv", "--param", "epochs=2"], cwd)
        #expect(detect.status == 0, "\(detect.stderr)")
        #expect(detect.stderr.contains("wrote a.blocks.csv (20 blocks of 100 rows"))
        let scores = try String(contentsOfFile: cwd + "/a.csv", encoding: .utf8).split(separator: "\n")
        #expect(scores.count == 2001 && scores[0] == "id,score" && scores[1].hasPrefix("9000,"))
        let blocks = try String(contentsOfFile: cwd + "/a.blocks.csv", encoding: .utf8).split(separator: "\n")
        #expect(blocks.count == 21 && blocks[0] == "block,score" && blocks[1].hasPrefix("0,") && blocks[20].hasPrefix("19,"))
        let evaluation = try Self.toolkit(["evaluate", "a.csv", "--dataset", "zz", "--block-scores", "a.blocks.csv", "--format", "json"], cwd)
        #expect(evaluation.status == 0, "\(evaluation.stderr)")
        #expect(evaluation.stdout.contains("\"score\" : \"file\"") || evaluation.stdout.contains("\"score\": \"file\""))
        // Same seed → same bytes, blocks included.
        #expect(try Self.toolkit(["detect", "amad", "--dataset", "zz", "--out", "b.csv", "--param", "epochs=2", "--quiet"], cwd).status == 0)
        #expect(try String(contentsOfFile: cwd + "/b.blocks.csv", encoding: .utf8) == blocks.joined(separator: "\n") + "\n")
        // Two runs, each with its own block scores; a block score file per score file or one for all.
        #expect(try Self.toolkit(["detect", "amad", "--dataset", "zz", "--out", "c.csv", "--param", "epochs=1", "--seed", "1", "--quiet"], cwd).status == 0)
        let each = try Self.toolkit(["evaluate", "a.csv", "c.csv", "--dataset", "zz", "--block-scores", "a.blocks.csv",
                                     "--block-scores", "c.blocks.csv", "--format", "csv"], cwd)
        #expect(each.status == 0, "\(each.stderr)")
        func blockAUROC(_ text: String, _ run: String) -> String? {
            text.split(separator: "\n").first { $0.hasPrefix(run) && $0.contains(",block,") && $0.hasSuffix(",") == false && $0.contains(",auroc,") }
                .map { String($0.split(separator: ",").last!) }
        }
        for run in ["a", "c"] {
            let alone = try Self.toolkit(["evaluate", "\(run).csv", "--dataset", "zz", "--block-scores", "\(run).blocks.csv", "--format", "csv"], cwd)
            #expect(blockAUROC(each.stdout, "\(run).csv") != nil && blockAUROC(each.stdout, "\(run).csv") == blockAUROC(alone.stdout, "\(run).csv"))
        }
        let mismatched = try Self.toolkit(["evaluate", "a.csv", "c.csv", "b.csv", "--dataset", "zz", "--block-scores", "a.blocks.csv",
                                           "--block-scores", "c.blocks.csv"], cwd)
        #expect(mismatched.status == 2 && mismatched.stderr.contains("one per score file"))
        // bench evaluates amad's blocks by its block scores.
        let bench = try Self.toolkit(["bench", "zigzag-paper", "--detectors", "amad", "--runs", "1", "--param", "epochs=1",
                                      "--out", "bench", "--quiet"], cwd)
        #expect(bench.status == 0, "\(bench.stderr)")
        let metrics = try String(contentsOfFile: cwd + "/bench/zigzag-paper/metrics.json", encoding: .utf8)
        #expect(metrics.contains("\"score\": \"file\""))
        let windows = try Self.toolkit(["detect", "amad", "--dataset", "zz", "--windows", "--out", "w.csv"], cwd)
        #expect(windows.status == 2 && windows.stderr.contains("--windows is for detectors that read a feature matrix"))
        #expect(!FileManager.default.fileExists(atPath: cwd + "/w.csv"))
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

    /// A bad output path, a missing split and a bad seed stop `detect` before it reads or trains:
    /// nothing is logged first (no "fitting on …" line), and the message names the problem.
    @Test func badOutputsSplitsAndSeedsAreRefusedBeforeTheFit() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try Self.toolkit(["generate", "zigzag", "--out", "zz", "--quiet"], cwd).status == 0)
        try FileManager.default.createDirectory(atPath: cwd + "/folder", withIntermediateDirectories: false)
        for (arguments, message) in [
            (["--out", "nodir/s.csv"], "toolkit: error: nodir/s.csv: cannot create the file: the folder nodir does not exist\n"),
            (["--out", "folder"], "toolkit: error: folder: is a folder; expected a file name\n"),
            (["--out", "s.csv", "--split", "validation"], "toolkit: error: zz: no validation.csv in the dataset folder (it has: test, train)\n"),
            (["--out", "s.csv", "--seed", "-1"],
             "toolkit: error: The value '-1' is invalid for '--seed <seed>': expected a whole number from 0 to 18446744073709551615 (see `toolkit detect --help`)\n"),
        ] {
            let run = try Self.toolkit(["detect", "ae", "--dataset", "zz"] + arguments, cwd)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr == message, "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cwd + "/s.csv"))
        }
    }

    @Test func detectorsListsEveryDetectorWithItsParameters() throws {
        let run = try Self.toolkit(["detectors"], GenerateEndToEndTests.workingDirectory())
        #expect(run.status == 0)
        for name in ["iforest", "ocsvm", "pca", "knn", "hbos", "gmm", "trees=100", "nu=0.5", "reg_covar=1e-06"] {
            #expect(run.stdout.contains(name), "\(name)")
        }
        // A parameter line longer than the name column still leaves a gap before its help.
        #expect(run.stdout.contains("percentile_over=clusters  the variance percentile"), "\(run.stdout)")
        for line in run.stdout.split(separator: "\n") where line.hasPrefix("           ") && line.contains("=") {
            let head = line.drop { $0 == " " }.prefix { $0 != " " }
            #expect(line.contains(head + "  ") || line.hasSuffix(head), "\(line)")
        }
    }

    /// Issue 19: `detect` never checked the dataset's files against the manifest's SHA-256.
    @Test func aChangedDatasetFileIsRefusedUnlessTold() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let small = ["--set", "generator.rows.train=300", "--set", "generator.rows.test=100", "--set", "generator.anomalies.count=50"]
        #expect(try GenerateEndToEndTests.toolkit(["generate", "zigzag", "--out", "d", "--quiet"] + small, in: cwd).status == 0)
        var train = try String(contentsOfFile: cwd + "/d/train.csv", encoding: .utf8)
        train = train.replacingOccurrences(of: "\n5,", with: "\n5,1", options: [], range: train.range(of: "\n5,"))
        try train.write(toFile: cwd + "/d/train.csv", atomically: false, encoding: .utf8)
        let refused = try GenerateEndToEndTests.toolkit(["detect", "hbos", "--dataset", "d", "--quiet"], in: cwd)
        #expect(refused.status == 2 && refused.stderr.contains("d/train.csv: ") && refused.stderr.contains("was changed after `toolkit generate` wrote it"), "\(refused.stderr)")
        let told = try GenerateEndToEndTests.toolkit(["detect", "hbos", "--dataset", "d", "--quiet", "--no-verify"], in: cwd)
        #expect(told.status == 0, "\(told.stderr)")
    }

    /// Issue 19: `detect` refused `--format npy` datasets; it reads them, with the same scores as
    /// the CSV form of the same recipe and seed, and still checks their SHA-256.
    @Test func anNPYDatasetGivesTheCSVScores() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let small = ["--set", "generator.rows.train=300", "--set", "generator.rows.test=100", "--set", "generator.anomalies.count=50", "--quiet"]
        #expect(try Self.toolkit(["generate", "zigzag", "--out", "c"] + small, cwd).status == 0)
        #expect(try Self.toolkit(["generate", "zigzag", "--out", "n", "--format", "npy"] + small, cwd).status == 0)
        for detector in ["iforest", "hbos"] {
            let fromCSV = try Self.toolkit(["detect", detector, "--dataset", "c", "--quiet"], cwd)
            let fromNPY = try Self.toolkit(["detect", detector, "--dataset", "n", "--quiet"], cwd)
            #expect(fromNPY.status == 0, "\(fromNPY.stderr)")
            #expect(!fromCSV.stdout.isEmpty && fromNPY.stdout == fromCSV.stdout, "\(detector)")
        }
        var matrix = try Data(contentsOf: URL(fileURLWithPath: cwd + "/n/test.npy"))
        matrix[matrix.count - 1] ^= 0x01
        try matrix.write(to: URL(fileURLWithPath: cwd + "/n/test.npy"))
        let changed = try Self.toolkit(["detect", "hbos", "--dataset", "n", "--quiet"], cwd)
        #expect(changed.status == 2 && changed.stderr.contains("n/test.npy: its SHA-256 differs"), "\(changed.stderr)")
    }

    /// Issue 16: `ecg5000` from files in the UCR format (class, then 140 values per line), scored
    /// by the VRAE with all three scores from one fit, each file evaluated.
    /// A tiny `ecg5000` dataset `ecg` in `cwd` from files in the UCR format: 26 training and 10
    /// test heartbeats of 140 values.
    static func tinyHeartbeats(in cwd: String) throws {
        try FileManager.default.createDirectory(atPath: cwd + "/ucr", withIntermediateDirectories: true)
        func beats(_ classes: [Int]) -> String {
            classes.enumerated().map { i, c in
                let values = (0..<140).map { t -> String in
                    let x = Double(t) / 140
                    let v = c == 1 ? Foundation.sin(6.283 * x) : Foundation.sin(12.566 * x) + (t / 10 == i % 14 ? 2 : 0)
                    return String(format: "%.6e", v + 0.01 * Double((i * 7 + t) % 5))
                }
                return ([String(format: "%.7e", Double(c))] + values).joined(separator: "  ")
            }.joined(separator: "\n") + "\n"
        }
        try beats(Array(repeating: 1, count: 24) + [2, 3]).write(toFile: cwd + "/ucr/ECG5000_TRAIN.txt", atomically: false, encoding: .utf8)
        try beats([1, 2, 1, 3, 1, 4, 1, 5, 1, 1]).write(toFile: cwd + "/ucr/ECG5000_TEST.txt", atomically: false, encoding: .utf8)
        let generate = try Self.toolkit(["generate", "ecg5000", "--source", "ucr", "--out", "ecg", "--quiet"], cwd)
        #expect(generate.status == 0, "\(generate.stderr)")
    }

    @Test func vraeOnUCRFormatHeartbeats() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        try Self.tinyHeartbeats(in: cwd)
        let detect = try Self.toolkit(["detect", "vrae", "--dataset", "ecg", "--out", "v.csv", "--all-scores", "--seed", "1",
                                       "--param", "hidden=4", "--param", "epochs=2", "--param", "batch=8",
                                       "--param", "samples=2", "--param", "reference=10"], cwd)
        #expect(detect.status == 0, "\(detect.stderr)")
        #expect(detect.stderr.contains("140 steps × 1 features"), "\(detect.stderr)")
        for file in ["v.csv", "v.probability.csv", "v.error.csv", "v.wasserstein.csv"] {
            let lines = try String(contentsOfFile: cwd + "/" + file, encoding: .utf8).split(separator: "\n")
            #expect(lines.count == 11 && lines[0] == "id,score" && lines[1].hasPrefix("26,"), "\(file)")
            let evaluation = try Self.toolkit(["evaluate", file, "--dataset", "ecg", "--format", "json"], cwd)
            #expect(evaluation.status == 0 && evaluation.stdout.contains("\"auroc\""), "\(file): \(evaluation.stderr)")
        }
        #expect(try String(contentsOfFile: cwd + "/v.csv", encoding: .utf8) == String(contentsOfFile: cwd + "/v.probability.csv", encoding: .utf8))
    }

    /// `--score-at-epochs`: the snapshot files are those of shorter runs, byte for byte, every
    /// score's; the run's own files are unchanged; misuse is refused in one line, before any file.
    @Test func scoresAtEpochsAreThoseOfShorterRuns() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        try Self.tinyHeartbeats(in: cwd)
        let alad = ["detect", "alad", "--dataset", "ecg", "--seed", "2", "--all-scores", "--param", "batch=8", "--param", "latent=4"]
        func file(_ name: String) throws -> String { try String(contentsOfFile: cwd + "/" + name, encoding: .utf8) }
        let long = try Self.toolkit(alad + ["--param", "epochs=4", "--score-at-epochs", "3,1", "--out", "long.csv"], cwd)
        #expect(long.status == 0, "\(long.stderr)")
        #expect(long.stderr.contains("wrote long.epoch1.csv (after epoch 1") && long.stderr.contains("wrote long.epoch3.fm.csv"), "\(long.stderr)")
        var snapshots: [String] = []
        for epochs in [1, 3, 4] {
            let short = try Self.toolkit(alad + ["--param", "epochs=\(epochs)", "--out", "short\(epochs).csv", "--quiet"], cwd)
            #expect(short.status == 0, "\(short.stderr)")
            for suffix in ["", ".fm", ".l1", ".l2", ".ch"] {
                let got = try file(epochs == 4 ? "long\(suffix).csv" : "long.epoch\(epochs)\(suffix).csv")
                #expect(got == (try file("short\(epochs)\(suffix).csv")), "epoch \(epochs)\(suffix)")
                #expect(got.hasPrefix("id,score\n26,") && got.split(separator: "\n").count == 11)
            }
            snapshots.append(try file("short\(epochs).csv"))
        }
        #expect(Set(snapshots).count == 3, "the scores change with the epochs")
        let evaluation = try Self.toolkit(["evaluate", "long.epoch1.fm.csv", "--dataset", "ecg", "--format", "json"], cwd)
        #expect(evaluation.status == 0, "\(evaluation.stderr)")

        for (arguments, message) in [
            (alad + ["--score-at-epochs", "1"], "give --out"),
            (alad + ["--score-at-epochs", "1,x", "--out", "bad.csv"], "expected comma-separated epoch numbers"),
            (alad + ["--score-at-epochs", "0", "--out", "bad.csv"], "expected comma-separated epoch numbers"),
            (alad + ["--param", "epochs=2", "--score-at-epochs", "1,2", "--out", "bad.csv"], "snapshots come after epochs 1 to 1"),
            (["detect", "iforest", "--dataset", "ecg", "--score-at-epochs", "1", "--out", "bad.csv"], "--score-at-epochs is for alad"),
        ] {
            let run = try Self.toolkit(arguments, cwd)
            #expect(run.status == 2 && run.stderr.contains(message), "\(arguments): \(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cwd + "/bad.csv") && !FileManager.default.fileExists(atPath: cwd + "/bad.epoch1.csv"))
        }
    }

    /// Issue 16: `detect --windows` scores a sequence dataset's windows; the window scores feed
    /// `evaluate --windows`, the per-reading scores `evaluate --dataset` as a series.
    @Test func windowsOfASequenceDatasetFeedBothEvaluations() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try Self.toolkit(["generate", "solar-pv", "--out", "pv", "--quiet", "--set", "generator.days.train=20",
                                  "--set", "generator.days.test=25", "--set", "generator.anomalies.count=10"], cwd).status == 0)
        let windows = try String(contentsOfFile: cwd + "/pv/windows.csv", encoding: .utf8)
        let testWindows = windows.split(separator: "\n").filter { $0.split(separator: ",")[1] == "test" }.count
        #expect(testWindows == 25 * 96 / 12)
        let detect = try Self.toolkit(["detect", "iforest", "--dataset", "pv", "--windows", "--out", "w.csv", "--seed", "1"], cwd)
        #expect(detect.status == 0, "\(detect.stderr)")
        #expect(detect.stdout.isEmpty)
        #expect(detect.stderr.contains("fitting on 160 train windows of 12 readings (power) × 12 features"), "\(detect.stderr)")
        #expect(detect.stderr.contains("wrote w.csv (200 windows;"), "\(detect.stderr)")
        #expect(detect.stderr.contains("wrote w.readings.csv (2400 readings, max of the windows covering each)"), "\(detect.stderr)")
        let scores = try String(contentsOfFile: cwd + "/w.csv", encoding: .utf8)
        #expect(scores.hasPrefix("id,score\n0,") && scores.split(separator: "\n").count == testWindows + 1)
        let readings = try String(contentsOfFile: cwd + "/w.readings.csv", encoding: .utf8)
        #expect(readings.hasPrefix("id,score\n1920,") && readings.split(separator: "\n").count == 25 * 96 + 1)

        let byWindow = try Self.toolkit(["evaluate", "w.csv", "--dataset", "pv", "--windows", "--format", "json", "--quiet"], cwd)
        #expect(byWindow.status == 0, "\(byWindow.stderr)")
        let windowJSON = try JSONValue.parse(Array(byWindow.stdout.utf8))
        #expect(windowJSON["runs"]?[0]?["n"]?.int == testWindows)
        #expect((windowJSON["runs"]?[0]?["auroc"]?.double ?? 0) > 0.5)
        let byReading = try Self.toolkit(["evaluate", "w.readings.csv", "--dataset", "pv", "--format", "json", "--quiet"], cwd)
        #expect(byReading.status == 0, "\(byReading.stderr)")
        let readingJSON = try JSONValue.parse(Array(byReading.stdout.utf8))
        #expect(readingJSON["runs"]?[0]?["n"]?.int == 25 * 96)
        #expect(readingJSON["runs"]?[0]?["series"]?["per_series"]?[0]?["vus_pr"]?.double != nil)

        // Stdout: the window scores only; mean readings differ from max ones.
        let stdout = try Self.toolkit(["detect", "iforest", "--dataset", "pv", "--windows", "--seed", "1", "--quiet"], cwd)
        #expect(stdout.stdout == scores)
        let mean = try Self.toolkit(["detect", "iforest", "--dataset", "pv", "--windows", "--reading-scores", "mean", "--seed", "1",
                                     "--out", "m.csv", "--quiet"], cwd)
        #expect(mean.status == 0, "\(mean.stderr)")
        #expect(try String(contentsOfFile: cwd + "/m.csv", encoding: .utf8) == scores)
        #expect(FileManager.default.fileExists(atPath: cwd + "/m.readings.csv"))
    }

    /// `--windows --all-scores`: every score gets its window file and its per-reading file.
    @Test func allScoresOfWindowsWriteEachScoresReadings() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try Self.toolkit(["generate", "solar-pv", "--out", "pv", "--quiet", "--set", "generator.days.train=20",
                                  "--set", "generator.days.test=25", "--set", "generator.anomalies.count=10"], cwd).status == 0)
        let detect = try Self.toolkit(["detect", "alad", "--dataset", "pv", "--windows", "--all-scores", "--out", "w.csv", "--seed", "1",
                                       "--param", "epochs=2", "--param", "latent=4", "--param", "batch=8"], cwd)
        #expect(detect.status == 0, "\(detect.stderr)")
        func text(_ file: String) throws -> String { try String(contentsOfFile: cwd + "/" + file, encoding: .utf8) }
        #expect(try text("w.fm.csv") == text("w.csv") && text("w.fm.readings.csv") == text("w.readings.csv"), "fm is the main score")
        for score in ["fm", "l1", "l2", "ch"] {
            #expect(detect.stderr.contains("wrote w.\(score).readings.csv (score \(score), per reading)"), "\(detect.stderr)")
            let lines = try text("w.\(score).readings.csv").split(separator: "\n")
            #expect(lines.count == 25 * 96 + 1 && lines[1].hasPrefix("1920,"), "\(score)")
            #expect(try text("w.\(score).csv").split(separator: "\n").count == 25 * 96 / 12 + 1, "\(score)")
        }
        #expect(try text("w.ch.readings.csv") != text("w.l1.readings.csv"))
    }

    @Test func windowOptionsAreCheckedWithOneLineErrors() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try Self.toolkit(["generate", "zigzag", "--out", "zz", "--quiet", "--set", "generator.rows.train=300",
                                  "--set", "generator.rows.test=100", "--set", "generator.anomalies.count=50"], cwd).status == 0)
        for (arguments, message) in [
            (["--window-columns", "x"], "--window-columns is for --windows"),
            (["--reading-scores", "max"], "--reading-scores is for --windows"),
            (["--windows", "--reading-scores", "median"], "--reading-scores must be max or mean, got 'median'"),
            (["--windows", "--window-columns", "a,,b"], "--window-columns: expected comma-separated column names"),
            (["--windows"], "no windows.csv in the dataset folder"),  // not "give --window-columns", which would not help
            (["--windows", "--window-columns", "x"], "no windows.csv in the dataset folder"),
        ] {
            let run = try Self.toolkit(["detect", "hbos", "--dataset", "zz", "--out", "s.csv"] + arguments, cwd)
            #expect(run.status == 2, "\(arguments)")
            #expect(run.stderr.hasPrefix("toolkit: error:") && run.stderr.contains(message) && run.stderr.split(separator: "\n").count == 1,
                    "\(run.stderr)")
            #expect(!FileManager.default.fileExists(atPath: cwd + "/s.csv"))
        }
    }
}
