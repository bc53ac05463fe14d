import Foundation
import Testing

/// `toolkit evaluate` run as a user would: the reference vectors through `--format json`, the
/// other output formats, output files, compressed inputs, several runs, comparisons,
/// calibration, `--lower-is-anomalous` and `--dataset`.
@Suite struct EvaluateEndToEndTests {
    typealias Run = GenerateEndToEndTests.Run

    static func toolkit(_ arguments: [String], in directory: String) throws -> Run {
        try GenerateEndToEndTests.toolkit(arguments, in: directory)
    }

    static func json(_ run: Run, sourceLocation: SourceLocation = #_sourceLocation) throws -> JSONValue {
        #expect(run.status == 0, "\(run.stderr)", sourceLocation: sourceLocation)
        return try JSONValue.parse(Array(run.stdout.utf8))
    }

    /// The arguments evaluating instance case `name` (files written into `cwd`).
    static func instanceArguments(_ name: String, in cwd: String) -> [String] {
        let c = EvaluateFixtures.vectorCase(name)
        let input = c["input"]!
        var arguments = ["evaluate", EvaluateFixtures.inputPath(input, "scores", in: cwd),
                         "--labels", EvaluateFixtures.inputPath(input, "labels", in: cwd)]
        for entry in EvaluateFixtures.cutoffKeys { arguments += ["--cutoff", entry.rule] }
        if let size = c["params"]?["block_size"]?.int { arguments += ["--block-size", String(size)] }
        return arguments
    }

    /// Checks one run object of the JSON output against an instance case's `expected`.
    static func checkRun(_ run: JSONValue, against expected: JSONValue, _ name: String) {
        #expect(run["n"]?.int == expected["n"]?.int, "\(name) n")
        #expect(run["n_anomalies"]?.int == expected["n_anomalies"]?.int, "\(name) n_anomalies")
        #expect(run["n_distinct_scores"]?.int == expected["n_distinct_scores"]?.int, "\(name) n_distinct_scores")
        expectClose(run["anomaly_ratio"]?.double, expected["anomaly_ratio"]?.double, "\(name) anomaly_ratio")
        expectClose(run["auroc"]?.double, expected["auroc"]?.double, "\(name) auroc")
        expectClose(run["average_precision"]?.double, expected["average_precision"]?.double, "\(name) average_precision")
        expectClose(run["pr_auc"]?.double, expected["pr_auc_trapz"]?.double, "\(name) pr_auc")
        let cutoffs = run["cutoffs"]?.array ?? []
        #expect(cutoffs.count == EvaluateFixtures.cutoffKeys.count)
        for (index, entry) in EvaluateFixtures.cutoffKeys.enumerated() where index < cutoffs.count {
            let actual = cutoffs[index]
            #expect(actual["name"]?.string == entry.rule)
            for (key, value) in expected[entry.key]?.object ?? [:] {
                let jsonKey = EvaluateFixtures.jsonKey[key] ?? key
                guard let got = actual[jsonKey] else {
                    Issue.record("\(name) \(entry.key): no JSON field \(jsonKey)")
                    continue
                }
                if EvaluateFixtures.exactFields.contains(key) {
                    #expect(got.double == value.double, "\(name) \(entry.key).\(key): got \(got), expected \(value)")
                } else {
                    expectClose(got.double, value.double, "\(name) \(entry.key).\(key)")
                }
            }
        }
        guard let block = expected["block"], !block.isNull else {
            #expect(run["block"]?.isNull == true, "\(name): unexpected block object")
            return
        }
        let actual = run["block"] ?? .null
        #expect(actual["block_size"]?.int == block["B"]?.int)
        #expect(actual["n_blocks"]?.int == block["n_blocks"]?.int)
        #expect(actual["last_block_size"]?.int == block["last_block_size"]?.int)
        #expect(actual["n_anomalous_blocks"]?.int == block["n_anomalous_blocks"]?.int)
        if block["auroc"]?.isNull == true {
            #expect(actual["auroc"]?.isNull == true, "\(name): block AUROC should be null")
            #expect(actual["average_precision"]?.isNull == true)
            #expect(actual["reason"]?.string == block["reason"]?.string)
        } else {
            expectClose(actual["auroc"]?.double, block["auroc"]?.double, "\(name) block.auroc")
            expectClose(actual["average_precision"]?.double, block["average_precision"]?.double, "\(name) block.average_precision")
            #expect(actual["reason"]?.isNull == true)
        }
    }

    @Test(arguments: EvaluateFixtures.names(kind: "instance"))
    func instanceVectorThroughJSON(_ name: String) throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let run = try EvaluateEndToEndTests.toolkit(EvaluateEndToEndTests.instanceArguments(name, in: cwd) + ["--format", "json"], in: cwd)
        let json = try EvaluateEndToEndTests.json(run)
        #expect(json["schema_version"]?.int == 1)
        #expect(json["runs"]?.array?.count == 1)
        #expect(json["summary"]?.array?.isEmpty == true)
        #expect(json["comparison"]?.isNull == true)
        EvaluateEndToEndTests.checkRun(json["runs"]?[0] ?? .null, against: EvaluateFixtures.vectorCase(name)["expected"]!, name)
    }

    @Test(arguments: EvaluateFixtures.names(kind: "error"))
    func errorVectorExitsWith2(_ name: String) throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let input = EvaluateFixtures.vectorCase(name)["input"]!
        let run = try EvaluateEndToEndTests.toolkit(["evaluate", EvaluateFixtures.inputPath(input, "scores", in: cwd),
                                                     "--labels", EvaluateFixtures.inputPath(input, "labels", in: cwd)], in: cwd)
        #expect(run.status == 2)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("toolkit: error: ") && run.stderr.filter { $0 == "\n" }.count == 1, "\(run.stderr)")
    }

    // MARK: Output formats and files

    /// sklearn's documentation example: AUROC 0.75, AP 0.8333….
    static func docExample(in cwd: String) -> [String] {
        EvaluateEndToEndTests.instanceArguments("sklearn_doc_example", in: cwd)
    }

    @Test func csvMarkdownAndTableShowTheFigures() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let arguments = EvaluateEndToEndTests.docExample(in: cwd)
        let expected = EvaluateFixtures.vectorCase("sklearn_doc_example")["expected"]!
        let auroc = expected["auroc"]!.double!, ap = expected["average_precision"]!.double!

        let csv = try EvaluateEndToEndTests.toolkit(arguments + ["--format", "csv"], in: cwd)
        #expect(csv.status == 0, "\(csv.stderr)")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "run,level,cutoff,selection,metric,value")
        #expect(lines.contains("scores.csv:score,instance,,,auroc,\(auroc)"), "\(csv.stdout)")
        #expect(lines.contains("scores.csv:score,instance,,,average_precision,\(ap)"), "\(csv.stdout)")
        #expect(lines.contains("scores.csv:score,instance,,,n,4"))
        let f1 = expected["best_f1"]!["f1"]!.double!
        #expect(lines.contains { $0.hasPrefix("scores.csv:score,instance,best-f1,") && $0.hasSuffix(",f1,\(f1)") }, "\(csv.stdout)")

        let markdown = try EvaluateEndToEndTests.toolkit(arguments + ["--format", "markdown"], in: cwd)
        #expect(markdown.status == 0)
        #expect(markdown.stdout.contains("|"))
        #expect(markdown.stdout.contains("0.75"), "\(markdown.stdout)")
        #expect(markdown.stdout.contains("0.8333"), "\(markdown.stdout)")

        let table = try EvaluateEndToEndTests.toolkit(arguments, in: cwd)
        #expect(table.status == 0)
        #expect(table.stdout.contains("0.75"), "\(table.stdout)")
        #expect(table.stdout.contains("0.8333"), "\(table.stdout)")
        #expect(table.stdout.contains("best-f1") && table.stdout.contains("youden"))
    }

    @Test func outputFileAndReport() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let arguments = EvaluateEndToEndTests.docExample(in: cwd)
        let toStdout = try EvaluateEndToEndTests.toolkit(arguments + ["--format", "json"], in: cwd)
        let toFile = try EvaluateEndToEndTests.toolkit(arguments + ["--format", "json", "-o", "out.json", "--report", "r.html"], in: cwd)
        #expect(toFile.status == 0, "\(toFile.stderr)")
        #expect(toFile.stdout.isEmpty)
        let written = try #require(FileManager.default.contents(atPath: cwd + "/out.json"))
        let fromFile = try JSONValue.parse([UInt8](written))
        let fromStdout = try JSONValue.parse(Array(toStdout.stdout.utf8))
        #expect(fromFile["runs"] == fromStdout["runs"])
        let html = String(decoding: FileManager.default.contents(atPath: cwd + "/r.html") ?? Data(), as: UTF8.self)
        // The report's content belongs to HTMLReport (tested with it); here only that it is written.
        #expect(html.lowercased().contains("<html"), "the report is not HTML")

        let badReport = try EvaluateEndToEndTests.toolkit(arguments + ["--report", "r.pdf"], in: cwd)
        #expect(badReport.status == 2)

        // Issue 19: -o X --report X wrote one over the other.
        let before = try #require(FileManager.default.contents(atPath: cwd + "/r.html"))
        for (output, report) in [("r.html", "r.html"), ("./r.html", "r.html"), ("new.html", "./new.html")] {
            let same = try EvaluateEndToEndTests.toolkit(arguments + ["-o", output, "--report", report], in: cwd)
            #expect(same.status == 2 && same.stderr.contains("name the same file"), "\(output) \(report): \(same.stderr)")
        }
        #expect(FileManager.default.contents(atPath: cwd + "/r.html") == before)
        #expect(!FileManager.default.fileExists(atPath: cwd + "/new.html"))
    }

    /// `-o FILE` without `--format` takes the format from the extension (`metrics.json` was once
    /// the text table); an explicit `--format` wins; any other extension is the table.
    @Test func theOutputsExtensionChoosesTheFormat() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let arguments = EvaluateEndToEndTests.docExample(in: cwd)
        for (file, format) in [("m.json", "json"), ("m.csv", "csv"), ("m.md", "markdown"), ("m.txt", "table"), ("M.JSON", "json")] {
            let byName = try EvaluateEndToEndTests.toolkit(arguments + ["-o", file], in: cwd)
            let explicit = try EvaluateEndToEndTests.toolkit(arguments + ["--format", format], in: cwd)
            #expect(byName.status == 0 && explicit.status == 0, "\(file): \(byName.stderr)")
            let written = try #require(FileManager.default.contents(atPath: cwd + "/" + file), "\(file)")
            if format == "json" {  // the JSON records its command line, which differs
                #expect(try JSONValue.parse([UInt8](written))["runs"] == JSONValue.parse(Array(explicit.stdout.utf8))["runs"], "\(file)")
            } else {
                #expect(written == Data(explicit.stdout.utf8), "\(file)")
            }
        }
        let table = try EvaluateEndToEndTests.toolkit(arguments + ["--format", "table"], in: cwd)
        #expect(try EvaluateEndToEndTests.toolkit(arguments + ["--format", "table", "-o", "t.json"], in: cwd).status == 0)
        #expect(FileManager.default.contents(atPath: cwd + "/t.json") == Data(table.stdout.utf8))
    }

    /// Issue 19: `evaluate --dataset` never checked the labels against the manifest's SHA-256.
    @Test func aChangedLabelFileIsRefusedUnlessTold() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let small = ["--set", "generator.rows.train=300", "--set", "generator.rows.test=100", "--set", "generator.anomalies.count=50"]
        #expect(try EvaluateEndToEndTests.toolkit(["generate", "zigzag", "--out", "d", "--quiet"] + small, in: cwd).status == 0)
        let labels = try String(contentsOfFile: cwd + "/d/labels.csv", encoding: .utf8)
        var scores = "id,score\n"
        for line in labels.split(separator: "\n").dropFirst() where line.contains(",test,") {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            scores += "\(fields[0]),\(fields[2] == "1" ? "0.9" : "0.1")\n"
        }
        try scores.write(toFile: cwd + "/s.csv", atomically: false, encoding: .utf8)
        #expect(try EvaluateEndToEndTests.toolkit(["evaluate", "s.csv", "--dataset", "d", "--quiet"], in: cwd).status == 0)
        // Flip one test label: the file no longer matches its manifest.
        let changed = labels.replacingOccurrences(of: ",test,0,", with: ",test,1,", options: [], range: labels.range(of: ",test,0,"))
        try changed.write(toFile: cwd + "/d/labels.csv", atomically: false, encoding: .utf8)
        let refused = try EvaluateEndToEndTests.toolkit(["evaluate", "s.csv", "--dataset", "d"], in: cwd)
        #expect(refused.status == 2 && refused.stderr.contains("d/labels.csv: checksum_mismatch")
                && refused.stderr.contains("--no-verify"), "\(refused.stderr)")
        let told = try EvaluateEndToEndTests.toolkit(["evaluate", "s.csv", "--dataset", "d", "--no-verify", "--quiet"], in: cwd)
        #expect(told.status == 0, "\(told.stderr)")
    }

    @Test func gzipScoreFileGivesIdenticalMetrics() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let arguments = EvaluateEndToEndTests.instanceArguments("integer_scores_many_ties", in: cwd) + ["--format", "json"]
        let plain = try EvaluateEndToEndTests.json(try EvaluateEndToEndTests.toolkit(arguments, in: cwd))
        let gzip = Process()
        gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
        gzip.arguments = ["-c", "gzip -k -n scores.csv"]
        gzip.currentDirectoryURL = URL(fileURLWithPath: cwd)
        try gzip.run()
        gzip.waitUntilExit()
        try #require(gzip.terminationStatus == 0)
        let zipped = try EvaluateEndToEndTests.json(try EvaluateEndToEndTests.toolkit(arguments.map { $0 == "scores.csv" ? "scores.csv.gz" : $0 }, in: cwd))
        let a = plain["runs"]![0]!, b = zipped["runs"]![0]!
        #expect(b["file"]?.string == "scores.csv.gz")
        for key in ["n", "n_anomalies", "auroc", "average_precision", "pr_auc", "cutoffs", "block"] {
            #expect(a[key] == b[key], "\(key) differs")
        }
    }

    // MARK: Several runs, comparisons, calibration

    @Test func severalColumnsAndFilesAreSummarised() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        EvaluateFixtures.write("id,label\n1,0\n2,1\n3,0\n4,1\n5,0\n", to: cwd + "/labels.csv")
        // AUROCs: a = 1, b = 0.5, c = 2/3 … see below.
        EvaluateFixtures.write("id,a,b\n1,0.1,0.5\n2,0.9,0.5\n3,0.2,0.5\n4,0.8,0.5\n5,0.3,0.5\n", to: cwd + "/run1.csv")
        EvaluateFixtures.write("id,a,b\n5,0.3,0.1\n4,0.25,0.9\n3,0.2,0.2\n2,0.9,0.3\n1,0.1,0.4\n", to: cwd + "/run2.csv")
        let json = try EvaluateEndToEndTests.json(try EvaluateEndToEndTests.toolkit(
            ["evaluate", "run1.csv", "run2.csv", "--labels", "labels.csv", "--format", "json"], in: cwd))
        let runs = json["runs"]?.array ?? []
        #expect(runs.compactMap { $0["name"]?.string } == ["run1.csv:a", "run1.csv:b", "run2.csv:a", "run2.csv:b"])
        // run2:a: anomalies 0.9, 0.25 vs normals 0.1, 0.2, 0.3 → (3 + 2) / 6; run2:b: 0.3, 0.9 vs 0.4, 0.2, 0.1 → (2 + 3) / 6.
        let aurocs = runs.compactMap { $0["auroc"]?.double }
        let expected = [1.0, 0.5, 5.0 / 6, 5.0 / 6]
        #expect(aurocs.count == expected.count)
        for (got, want) in zip(aurocs, expected) { expectClose(got, want, "auroc") }
        let summary = try #require(json["summary"]?[0])
        #expect(summary["runs"]?.int == 4)
        #expect(summary["group"]?.isNull == true)
        let auroc = try #require(summary["metrics"]?["auroc"])
        let mean = expected.reduce(0, +) / 4
        let std = (expected.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 3).squareRoot()
        expectClose(auroc["mean"]?.double, mean, "mean")
        expectClose(auroc["std"]?.double, std, "std")
        expectClose(auroc["min"]?.double, 0.5, "min")
        expectClose(auroc["max"]?.double, 1.0, "max")

        // --score selects columns.
        let only = try EvaluateEndToEndTests.json(try EvaluateEndToEndTests.toolkit(
            ["evaluate", "run1.csv", "run2.csv", "--labels", "labels.csv", "--score", "b", "--format", "json"], in: cwd))
        #expect(only["runs"]?.array?.compactMap { $0["name"]?.string } == ["run1.csv:b", "run2.csv:b"])
    }

    @Test(arguments: ["delong_small_hand", "delong_aSAH_wfns_vs_s100b"])
    func compareGivesDeLong(_ name: String) throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let c = EvaluateFixtures.vectorCase(name)
        let input = c["input"]!, expected = c["expected"]!
        let labels = EvaluateFixtures.inputPath(input, "labels", in: cwd)
        let first = EvaluateFixtures.inputPath(input, "scores1", in: cwd), second = EvaluateFixtures.inputPath(input, "scores2", in: cwd)
        let json = try EvaluateEndToEndTests.json(try EvaluateEndToEndTests.toolkit(
            ["evaluate", "--labels", labels, "--compare", first, second, "--format", "json"], in: cwd))
        let delong = try #require(json["comparison"]?["delong"])
        expectClose(delong["z"]?.double, expected["z"]?.double, "\(name) z")
        expectClose(delong["p_value"]?.double, expected["p_value"]?.double, "\(name) p_value")
        expectClose(delong["auroc_a"]?.double, expected["auc1"]?.double, "\(name) auc1")
        expectClose(delong["auroc_b"]?.double, expected["auc2"]?.double, "\(name) auc2")
        #expect(json["runs"]?.array?.compactMap { $0["group"]?.string } == ["a", "b"])
    }

    @Test func calibratedYoudenWithAValidationFile() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        EvaluateFixtures.write("id,label,score\n1,0,1\n2,0,2\n3,1,3\n4,1,4\n", to: cwd + "/validation.csv")
        EvaluateFixtures.write("id,label\n1,0\n2,0\n3,1\n4,1\n5,0\n", to: cwd + "/labels.csv")
        EvaluateFixtures.write("id,score\n1,1\n2,2.5\n3,2.9\n4,5\n5,3.5\n", to: cwd + "/scores.csv")
        let json = try EvaluateEndToEndTests.json(try EvaluateEndToEndTests.toolkit(
            ["evaluate", "scores.csv", "--labels", "labels.csv", "--calibrate", "validation.csv",
             "--cutoff", "calibrated:youden", "--cutoff", "youden", "--format", "json"], in: cwd))
        let cutoffs = json["runs"]?[0]?["cutoffs"]?.array ?? []
        try #require(cutoffs.count == 2)
        #expect(cutoffs[0]["name"]?.string == "calibrated:youden")
        #expect(cutoffs[0]["selection"]?.string == "deployable")
        #expect(cutoffs[0]["calibrated"]?.bool == true)
        #expect(cutoffs[0]["threshold"]?.double == 3)
        #expect(cutoffs[0]["tp"]?.int == 1 && cutoffs[0]["fp"]?.int == 1)
        // The oracle Youden cut-off on the evaluated scores: 2.9 flags both anomalies and 3.5.
        #expect(cutoffs[1]["threshold"]?.double == 2.9)
        #expect(cutoffs[1]["selection"]?.string == "oracle")

        let missing = try EvaluateEndToEndTests.toolkit(["evaluate", "scores.csv", "--labels", "labels.csv",
                                                         "--cutoff", "calibrated:youden"], in: cwd)
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("toolkit: error: ") && missing.stderr.contains("--calibrate"))
    }

    @Test(arguments: ["ties_across_classes", "rand_1k_gauss_iid", "sklearn_doc_example"])
    func lowerIsAnomalousFlipsAUROC(_ name: String) throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let arguments = EvaluateEndToEndTests.instanceArguments(name, in: cwd) + ["--format", "json", "--lower-is-anomalous"]
        let json = try EvaluateEndToEndTests.json(try EvaluateEndToEndTests.toolkit(arguments, in: cwd))
        let auroc = try #require(EvaluateFixtures.vectorCase(name)["expected"]?["auroc"]?.double)
        expectClose(json["runs"]?[0]?["auroc"]?.double, 1 - auroc, tolerance: 1e-12, "\(name) flipped auroc")
    }

    @Test func datasetFolderFromGenerate() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        // The paper's counts keep the brute-force AUROC below quick (2,000 test rows).
        let generate = try EvaluateEndToEndTests.toolkit(["generate", "zigzag-paper", "--out", "d", "--quiet"], in: cwd)
        try #require(generate.status == 0, "\(generate.stderr)")
        // Score every test row: anomalies by their id's parity decide how many normals they beat.
        let labels = String(decoding: FileManager.default.contents(atPath: cwd + "/d/labels.csv") ?? Data(), as: UTF8.self)
        let rows = labels.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let id = header.firstIndex(of: "id")!, split = header.firstIndex(of: "split")!, label = header.firstIndex(of: "label")!
        var scores = "id,score\n"
        var testLabels: [Int] = [], testScores: [Double] = []
        for (index, row) in rows.dropFirst().enumerated() where row[split] == "test" {
            let score = row[label] == "1" ? Double(index % 3) : Double(index % 2)   // overlapping on purpose
            scores += "\(row[id]),\(score)\n"
            testLabels.append(Int(row[label])!)
            testScores.append(score)
        }
        EvaluateFixtures.write(scores, to: cwd + "/scores.csv")
        var twice = 0, positives = 0, negatives = 0
        for i in testScores.indices where testLabels[i] == 1 {
            positives += 1
            for j in testScores.indices where testLabels[j] == 0 {
                twice += testScores[i] > testScores[j] ? 2 : (testScores[i] == testScores[j] ? 1 : 0)
            }
        }
        negatives = testLabels.count - positives
        let expected = Double(twice) / Double(2 * positives * negatives)

        let json = try EvaluateEndToEndTests.json(try EvaluateEndToEndTests.toolkit(
            ["evaluate", "scores.csv", "--dataset", "d", "--block-size", "dataset", "--format", "json"], in: cwd))
        #expect(json["labels"]?.string?.contains("split test") == true)
        #expect(json["dataset"]?["recipe"]?.string == "zigzag-paper")
        // snake_case keys, as the schema says (they were "test rows").
        #expect(json["dataset"]?["test_rows"]?.string?.hasSuffix("anomalies)") == true)
        let run = try #require(json["runs"]?[0])
        #expect(run["n"]?.int == testLabels.count)
        #expect(run["n_anomalies"]?.int == positives)
        expectClose(run["auroc"]?.double, expected, tolerance: 1e-12, "dataset auroc")
        #expect(run["block"]?["blocks_from"]?.string == "labels")
        #expect((run["block"]?["n_blocks"]?.int ?? 0) > 1)

        // A score file for the wrong split: the train ids are not in the test labels.
        let table = try EvaluateEndToEndTests.toolkit(["evaluate", "scores.csv", "--dataset", "d", "--split", "train"], in: cwd)
        #expect(table.status == 2)
        #expect(table.stderr.hasPrefix("toolkit: error: d/labels.csv:"), "\(table.stderr)")
        #expect(table.stderr.contains("missing_score"), "\(table.stderr)")
    }

    /// The `runs` vectors through `--compare`: each AUROC becomes a score file with exactly that
    /// AUROC (20 anomalies, 50 normals; anomaly i beats c_i normals, Σ c_i = 1000·AUROC).
    @Test(arguments: EvaluateFixtures.names(kind: "runs"))
    func runsVectorThroughCompare(_ name: String) throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        let c = EvaluateFixtures.vectorCase(name), expected = c["expected"]!
        EvaluateFixtures.write("id,label\n" + (1...70).map { "\($0),\($0 <= 20 ? 1 : 0)\n" }.joined(), to: cwd + "/labels.csv")
        var sides: [String] = []
        for side in ["a", "b"] {
            var files: [String] = []
            for (index, value) in (c["input"]![side]!.array ?? []).enumerated() {
                let pairs = Int((value.double! * 1000).rounded())
                var text = "id,score\n"
                for i in 0..<20 { text += "\(i + 1),\(Double(pairs / 20 + (i < pairs % 20 ? 1 : 0)) + 0.5)\n" }
                for j in 1...50 { text += "\(20 + j),\(j)\n" }
                EvaluateFixtures.write(text, to: cwd + "/\(side)\(index).csv")
                files.append("\(side)\(index).csv")
            }
            sides.append(files.joined(separator: ","))
        }
        let json = try EvaluateEndToEndTests.json(try EvaluateEndToEndTests.toolkit(
            ["evaluate", "--labels", "labels.csv", "--compare", sides[0], sides[1], "--cutoff", "youden", "--format", "json"], in: cwd))
        for (index, group) in ["a", "b"].enumerated() {
            let summary = json["summary"]?[index]
            #expect(summary?["group"]?.string == group)
            let auroc = summary?["metrics"]?["auroc"]
            let e = expected[group]!
            expectClose(auroc?["mean"]?.double, e["mean"]?.double, "\(name).\(group) mean")
            expectClose(auroc?["std"]?.double, e["std_sample"]?.double, "\(name).\(group) std")
            expectClose(auroc?["ci"]?[0]?.double, e["ci_t"]?[0]?.double, "\(name).\(group) ci lower")
            expectClose(auroc?["ci"]?[1]?.double, e["ci_t"]?[1]?.double, "\(name).\(group) ci upper")
        }
        let test = json["comparison"]?["paired_t_tests"]?["auroc"]
        let e = expected["paired_ttest"]!
        #expect(test?["df"]?.int == e["df"]?.int)
        expectClose(test?["mean_difference"]?.double, e["mean_diff"]?.double, "\(name) mean_diff")
        expectClose(test?["p_value"]?.double, e["p_value"]?.double, "\(name) p_value")
        if e["t"]?.string == "+inf" {
            // JSON has no infinity: t = +∞ is written as null (p_value 0 tells it from undefined).
            #expect(test?["t"]?.isNull == true)
        } else {
            expectClose(test?["t"]?.double, e["t"]?.double, "\(name) t")
        }
    }

    /// `evaluate --dataset` applies the recipe's `evaluation:` protocol unless told otherwise.
    @Test func recipeProtocolIsTheDefault() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try EvaluateEndToEndTests.toolkit(["generate", "zigzag", "--out", "d", "--quiet"], in: cwd).status == 0)
        #expect(try EvaluateEndToEndTests.toolkit(["detect", "hbos", "--dataset", "d", "--out", "s.csv", "--quiet"], in: cwd).status == 0)
        let byProtocol = try EvaluateEndToEndTests.toolkit(["evaluate", "s.csv", "--dataset", "d", "--format", "json"], in: cwd)
        #expect(byProtocol.stderr.contains("recipe zigzag's protocol: --cutoff youden --block-size dataset"), "\(byProtocol.stderr)")
        let json = try EvaluateEndToEndTests.json(byProtocol)
        #expect(json["runs"]?[0]?["cutoffs"]?.array?.compactMap { $0["name"]?.string } == ["youden"])
        #expect(json["runs"]?[0]?["block"]?["blocks_from"]?.string == "labels")
        // 200 test blocks: no warning that the block metric is unstable.
        #expect(json["runs"]?[0]?["block"]?["n_blocks"]?.int == 200 && json["runs"]?[0]?["block"]?["few_blocks"]?.bool == false)
        #expect(!byProtocol.stderr.contains("warning"), "\(byProtocol.stderr)")
        let explicit = try EvaluateEndToEndTests.json(try EvaluateEndToEndTests.toolkit(
            ["evaluate", "s.csv", "--dataset", "d", "--cutoff", "top:0.5", "--format", "json", "--quiet"], in: cwd))
        #expect(explicit["runs"]?[0]?["cutoffs"]?.array?.compactMap { $0["name"]?.string } == ["top:0.5"])
    }

    /// Errors name their file and carry their code once (review findings: a block score file's
    /// errors named no file, a calibration file's single class said `single_class:` twice, a
    /// row count too large for a count was called a bad fraction).
    @Test func errorsNameTheFileAndTheirCodeOnce() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        EvaluateFixtures.write("id,label\na,0\nb,1\nc,0\nd,1\ne,0\n", to: cwd + "/L.csv")
        EvaluateFixtures.write("id,score\na,0.1\nb,0.9\nc,0.2\nd,0.7\ne,0.3\n", to: cwd + "/S.csv")
        EvaluateFixtures.write("id,score,label\na,0.1,0\nb,0.2,0\n", to: cwd + "/cal.csv")
        EvaluateFixtures.write("block,score\n0,0.5\n", to: cwd + "/bs.csv")
        for (arguments, message) in [
            (["--calibrate", "cal.csv", "--cutoff", "calibrated:youden"],
             "toolkit: error: cal.csv: single_class: 0 anomalies among 2 instances; AUROC/AP undefined\n"),
            (["--block-size", "2", "--block-scores", "bs.csv"], "toolkit: error: bs.csv: missing_score: the block score file has no score for block 1\n"),
            (["--calibrate", "cal.csv"],
             "toolkit: error: --calibrate is for calibrated:RULE cut-offs; add one, such as --cutoff calibrated:youden\n"),
            (["--cutoff", "top:9223372036854775808"],
             "toolkit: error: bad_cutoff: invalid cut-off 'top:9223372036854775808': the count of rows must be at most 9223372036854775807\n"),
        ] {
            let run = try Self.toolkit(["evaluate", "S.csv", "--labels", "L.csv"] + arguments, in: cwd)
            #expect(run.status == 2 && run.stderr == message, "\(arguments): \(run.stderr)")
        }
        // A recipe may declare the calibrated cut-off: then --calibrate alone is what it needs.
        #expect(try Self.toolkit(["generate", "zigzag-paper", "--out", "d", "--quiet", "--set", "generator.rows.train=300",
                                  "--set", "generator.rows.test=200", "--set", "generator.anomalies.count=40",
                                  "--set", "evaluation.cutoffs=[calibrated:youden]"], in: cwd).status == 0)
        #expect(try Self.toolkit(["detect", "hbos", "--dataset", "d", "--out", "d/s.csv", "--quiet"], in: cwd).status == 0)
        EvaluateFixtures.write("id,score,label\na,0.1,0\nb,0.9,1\nc,0.2,0\nd,0.8,1\n", to: cwd + "/val.csv")
        let calibrated = try Self.toolkit(["evaluate", "d/s.csv", "--dataset", "d", "--calibrate", "val.csv"], in: cwd)
        #expect(calibrated.status == 0 && calibrated.stdout.contains("calibrated:youden"), "\(calibrated.stderr)")
        // Scores written into the dataset's folder are not its files: writing them again is fine.
        let again = try Self.toolkit(["detect", "hbos", "--dataset", "d", "--out", "d/s.csv", "--quiet"], in: cwd)
        #expect(again.status == 0, "\(again.stderr)")
        let report = try Self.toolkit(["evaluate", "d/s.csv", "--dataset", "d", "--calibrate", "val.csv", "-o", "d/r.json"], in: cwd)
        #expect(report.status == 0 && FileManager.default.fileExists(atPath: cwd + "/d/r.json"), "\(report.stderr)")
        #expect(try Self.toolkit(["evaluate", "d/s.csv", "--dataset", "d", "--calibrate", "val.csv", "-o", "d/r.json"], in: cwd).status == 0)
    }

    /// A block metric over fewer than 30 blocks (the paper's zigzag: 20 test blocks) is flagged
    /// on stderr and in the JSON, and `--quiet` silences only stderr.
    @Test func fewBlocksWarn() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try EvaluateEndToEndTests.toolkit(["generate", "zigzag-paper", "--out", "d", "--quiet"], in: cwd).status == 0)
        #expect(try EvaluateEndToEndTests.toolkit(["detect", "hbos", "--dataset", "d", "--out", "s.csv", "--quiet"], in: cwd).status == 0)
        let warning = "block metrics rest on 20 blocks (fewer than 30); block AUROC is unstable between runs"
        let run = try EvaluateEndToEndTests.toolkit(["evaluate", "s.csv", "--dataset", "d", "--format", "json"], in: cwd)
        #expect(run.status == 0)
        #expect(run.stderr.contains("toolkit: warning: \(warning)\n"), "\(run.stderr)")
        let json = try EvaluateEndToEndTests.json(run)
        #expect(json["warnings"]?.array?.compactMap(\.string) == [warning])
        #expect(json["runs"]?[0]?["block"]?["n_blocks"]?.int == 20 && json["runs"]?[0]?["block"]?["few_blocks"]?.bool == true)
        let quiet = try EvaluateEndToEndTests.toolkit(["evaluate", "s.csv", "--dataset", "d", "--quiet"], in: cwd)
        #expect(quiet.status == 0 && quiet.stderr.isEmpty, "\(quiet.stderr)")
        // Blocks of 50 rows: 40 blocks, no warning.
        let smaller = try EvaluateEndToEndTests.toolkit(["evaluate", "s.csv", "--dataset", "d", "--block-size", "50"], in: cwd)
        #expect(smaller.status == 0 && !smaller.stderr.contains("warning"), "\(smaller.stderr)")
    }
}
