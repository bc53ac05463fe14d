import Foundation
import Testing

/// `toolkit evaluate` on time series, through the binary: the time-series vectors
/// (`Fixtures/ts-metrics/vectors.json`) via `--series --format json`, TSB-AD's keys via
/// `--compat tsb-ad`, the `solar-pv` default with its inflated point-adjusted rows, several
/// series (a `series` column, and one dataset per series), and every output format.
@Suite struct EvaluateSeriesEndToEndTests {
    typealias Run = GenerateEndToEndTests.Run

    static func toolkit(_ arguments: [String], in directory: String) throws -> Run {
        try GenerateEndToEndTests.toolkit(arguments, in: directory)
    }

    /// Writes a vector's scores and labels as `scores.csv` (`id,score`) and `labels.csv`.
    static func writeVector(_ name: String, in cwd: String) {
        let x = TimeSeriesVectors.input(name)
        var scores = "id,score\n", labels = "id,label\n"
        for i in x.scores.indices {
            scores += "\(i),\(x.scores[i])\n"
            labels += "\(i),\(x.labels[i])\n"
        }
        EvaluateFixtures.write(scores, to: cwd + "/scores.csv")
        EvaluateFixtures.write(labels, to: cwd + "/labels.csv")
    }

    /// Vectors whose prediction is `score >= threshold` (so `--cutoff threshold:T` makes it).
    static let thresholdCases = TimeSeriesVectors.names(kind: "ts").filter {
        TimeSeriesVectors.vectorCase($0)["params"]?["pred_rule"]?.string == "score >= threshold"
    }

    @Test("series vectors through the binary: VUS, range-AUC, figures at the cut-off, TSB-AD get_metrics",
          arguments: thresholdCases)
    func vector(name: String) throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        Self.writeVector(name, in: cwd)
        let c = TimeSeriesVectors.vectorCase(name)
        let e = c["expected"]!
        let w = c["params"]!["sliding_window"]!.int!, t = c["params"]!["threshold"]!.double!
        let run = try Self.toolkit(["evaluate", "scores.csv", "--labels", "labels.csv", "--series", "--window", String(w),
                                    "--cutoff", "threshold:\(t)", "--compat", "tsb-ad", "--format", "json"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONValue.parse(Array(run.stdout.utf8))
        let s = try #require(json["runs"]?[0]?["series"]?["per_series"]?[0])
        #expect(s["window"]?.int == w)
        expectMatches(s["vus_roc"]!.double!, e["vus_roc"], "\(name) vus_roc")
        expectMatches(s["vus_pr"]!.double!, e["vus_pr"], "\(name) vus_pr")
        expectMatches(s["range_auc_roc"]!.double!, e["range_auc_roc"], "\(name) range_auc_roc")
        expectMatches(s["range_auc_pr"]!.double!, e["range_auc_pr"], "\(name) range_auc_pr")
        let cut = try #require(s["cutoffs"]?[0])
        #expect(cut["point_adjusted"]?["inflated"]?.bool == true)
        for key in ["precision", "recall", "f1"] {
            expectMatches(cut["point"]![key]!.double!, e["point"]?[key], "\(name) point.\(key)")
            for k in ["0", "20", "50", "80", "100"] {
                expectMatches(cut["point_adjusted"]!["pa_k"]![k]![key]!.double!, e["pa_k"]?[k]?[key], "\(name) PA%\(k).\(key)")
            }
        }
        expectMatches(cut["point_adjusted"]!["tsbad_pa_f1"]!.double!, e["pa_tsbad"]?["f1"], "\(name) tsbad PA")
        expectMatches(cut["event_based"]!["f1"]!.double!, e["event_f1_tsbad"], "\(name) event F1")
        let rb = e["range_based"]?["alpha=0.0,cardinality=one,bias=flat"]
        expectMatches(cut["range_based"]!["precision"]!.double!, rb?["precision"], "\(name) range precision")
        expectMatches(cut["range_based"]!["recall"]!.double!, rb?["recall"], "\(name) range recall")
        let affiliation = cut["affiliation"]!["precision"]!
        if affiliation.isNull {
            #expect(e["affiliation"]?["precision"]?.string == "nan", "\(name): affiliation precision undefined")
        } else {
            expectMatches(affiliation.double!, e["affiliation"]?["precision"], "\(name) affiliation precision")
        }
        expectMatches(cut["affiliation"]!["recall"]!.double!, e["affiliation"]?["recall"], "\(name) affiliation recall")
        #expect(s["tsbad_get_metrics_random"]?["pa_f1"]?.double != nil)
        #expect(s["tsbad_get_metrics_constant"]?["pa_f1"]?.double == 0, "constant scores: every sweep flags nothing (TS §8.1)")
        let tsbad = try #require(s["tsbad_get_metrics"])
        #expect(tsbad["oracle"]?.bool == true && tsbad["window"]?.int == w)
        for key in ["AUC-PR", "AUC-ROC", "VUS-PR", "VUS-ROC", "Standard-F1", "PA-F1", "Event-based-F1", "R-based-F1", "Affiliation-F"] {
            let snake = key.lowercased().replacingOccurrences(of: "-", with: "_")
            let expected = e["tsbad_get_metrics"]?[key]
            if expected?.string == "nan" {
                #expect(tsbad[snake]?.isNull == true, "\(name) \(key): expected NaN (null)")
            } else {
                expectMatches(tsbad[snake]?.double ?? .nan, expected, "\(name) tsbad \(key)")
            }
        }
    }

    @Test("--compat tsb-ad prints TSB-AD's keys; the window defaults to 100")
    func compatTable() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        Self.writeVector("rand_1000_ties1dp_w30", in: cwd)
        let run = try Self.toolkit(["evaluate", "scores.csv", "--labels", "labels.csv", "--compat", "tsb-ad"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        for key in ["AUC-PR", "AUC-ROC", "VUS-PR", "VUS-ROC", "Standard-F1", "PA-F1", "Event-based-F1", "R-based-F1", "Affiliation-F"] {
            #expect(run.stdout.contains(key), "\(key) missing:\n\(run.stdout)")
        }
        #expect(run.stdout.contains("W = 100 (default)"), "\(run.stdout)")
        #expect(run.stdout.contains("PA-F1 (inflated)") && run.stdout.contains("random (seed 0)") && run.stdout.contains("constant"))
        #expect(run.stdout.contains("oracle threshold"))
        #expect(!run.stdout.contains("Metrics at each cut-off"))
    }

    @Test("a solar-pv dataset gets the series metrics by default, PA marked inflated beside random and constant scores")
    func solarPVDefault() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try Self.toolkit(["generate", "solar-pv", "--out", "pv", "--quiet", "--set", "generator.days.train=20",
                                  "--set", "generator.days.test=25", "--set", "generator.anomalies.count=10"], in: cwd).status == 0)
        #expect(try Self.toolkit(["detect", "hbos", "--dataset", "pv", "--out", "s.csv", "--quiet"], in: cwd).status == 0)
        let table = try Self.toolkit(["evaluate", "s.csv", "--dataset", "pv"], in: cwd)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stderr.contains("--series --window auto"), "\(table.stderr)")
        for fragment in ["Time-series metrics (threshold-free), sliding window W = ", "find_length_rank(power)", "VUS-PR",
                         "Point-adjusted F1 (PA%K) — INFLATED", "PA%0 (inflated)", "TSB-AD PA-F1 (inflated)",
                         "random (seed 0)", "constant", "range F1", "affil. P", "event F1 (lenient)"] {
            #expect(table.stdout.contains(fragment), "'\(fragment)' not in:\n\(table.stdout)")
        }
        let json = try JSONValue.parse(Array(try Self.toolkit(["evaluate", "s.csv", "--dataset", "pv", "--format", "json", "--quiet"], in: cwd).stdout.utf8))
        let s = try #require(json["runs"]?[0]?["series"]?["per_series"]?[0])
        #expect(s["window_rule"]?.string == "find_length_rank(power)")
        #expect(s["cutoffs"]?.array?.count == 3)
        #expect(s["cutoffs"]?[0]?["point_adjusted"]?["inflated"]?.bool == true)
        #expect(s["cutoffs"]?[0]?["point_adjusted"]?["pa_k"]?["0"]?["random_f1"]?.double != nil)
        #expect(s["baselines"]?["constant"]?["vus_roc"]?.double != nil)
        let csv = try Self.toolkit(["evaluate", "s.csv", "--dataset", "pv", "--format", "csv", "--quiet"], in: cwd).stdout
        #expect(csv.contains(",series,youden,oracle,pa_k0_f1_inflated,"))
        #expect(csv.contains(",series,youden,oracle,random.pa_k0_f1_inflated,"))
        let markdown = try Self.toolkit(["evaluate", "s.csv", "--dataset", "pv", "--format", "markdown", "--quiet"], in: cwd).stdout
        #expect(markdown.contains("**Point-adjusted F1 (PA%K) — INFLATED"))
        let report = try Self.toolkit(["evaluate", "s.csv", "--dataset", "pv", "--report", "r.html", "--quiet"], in: cwd)
        #expect(report.status == 0, "\(report.stderr)")
        let html = String(decoding: FileManager.default.contents(atPath: cwd + "/r.html") ?? Data(), as: UTF8.self)
        for fragment in ["<h2>Series s.csv:score</h2>", "<h2>Anomaly rows ", "<h2>VUS surface of s.csv:score (W = ", ">power</text>",
                         "PA%0 (inflated)"] {
            #expect(html.contains(fragment), "'\(fragment)' not in the report")
        }
        let off = try Self.toolkit(["evaluate", "s.csv", "--dataset", "pv", "--no-series", "--format", "json", "--quiet"], in: cwd)
        #expect(try JSONValue.parse(Array(off.stdout.utf8))["runs"]?[0]?["series"] == nil)
        let fixed = try JSONValue.parse(Array(try Self.toolkit(["evaluate", "s.csv", "--dataset", "pv", "--window", "12", "--format", "json", "--quiet"], in: cwd).stdout.utf8))
        #expect(fixed["runs"]?[0]?["series"]?["per_series"]?[0]?["window"]?.int == 12)
    }

    @Test("a TSB-AD file with several value columns: window auto measures the first (the recipe names a single 'value')")
    func severalValueColumnsWindowFromTheFirst() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        var text = "s0,s1,Label\n"
        for t in 0..<400 {
            let s0 = sin(2 * Double.pi * Double(t) / 25), s1 = Double((t * 7919) % 13) / 13
            text += "\(s0),\(s1),\(t >= 250 && t < 262 ? 1 : 0)\n"
        }
        EvaluateFixtures.write(text, to: cwd + "/900_TEST_id_1_Two_tr_100_1st_250.csv")
        #expect(try Self.toolkit(["generate", "tsb-ad-series", "--source", "900_TEST_id_1_Two_tr_100_1st_250.csv", "--out", "m", "--quiet"],
                                 in: cwd).status == 0)
        #expect(try Self.toolkit(["detect", "hbos", "--dataset", "m", "--out", "s.csv", "--quiet"], in: cwd).status == 0)
        let run = try Self.toolkit(["evaluate", "s.csv", "--dataset", "m"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("sliding window W = 25 (find_length_rank(s0))"), "\(run.stdout)")
        // With a second series whose file names its columns otherwise: each series' own first column.
        var other = "p0,p1,Label\n"
        for t in 0..<400 { other += "\(sin(2 * Double.pi * Double(t) / 40)),\(Double((t * 31) % 7) / 7),\(t >= 250 && t < 262 ? 1 : 0)\n" }
        EvaluateFixtures.write(other, to: cwd + "/901_TEST_id_2_Other_tr_100_1st_250.csv")
        #expect(try Self.toolkit(["generate", "tsb-ad-series", "--source", "901_TEST_id_2_Other_tr_100_1st_250.csv", "--out", "m2", "--quiet"],
                                 in: cwd).status == 0)
        #expect(try Self.toolkit(["detect", "hbos", "--dataset", "m2", "--out", "s2.csv", "--quiet"], in: cwd).status == 0)
        let both = try Self.toolkit(["evaluate", "s.csv", "s2.csv", "--dataset", "m", "--dataset", "m2", "--format", "json"], in: cwd)
        #expect(both.status == 0, "\(both.stderr)")
        for fragment in ["\"window\": 25", "\"window_rule\": \"find_length_rank(s0)\"", "\"window\": 40", "\"window_rule\": \"find_length_rank(p0)\""] {
            #expect(both.stdout.contains(fragment), "\(fragment) not in \(both.stdout.prefix(2000))")
        }
    }

    @Test("--window and --range-* without a series are refused, not ignored; a negative window names the range")
    func seriesOptionsWithoutASeries() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try Self.toolkit(["generate", "solar-pv", "--out", "pv", "--quiet", "--set", "generator.days.train=10",
                                  "--set", "generator.days.test=10", "--set", "generator.anomalies.count=4"], in: cwd).status == 0)
        #expect(try Self.toolkit(["generate", "zigzag-paper", "--out", "zz", "--quiet"], in: cwd).status == 0)
        #expect(try Self.toolkit(["detect", "hbos", "--dataset", "pv", "--out", "p.csv", "--quiet"], in: cwd).status == 0)
        #expect(try Self.toolkit(["detect", "hbos", "--dataset", "zz", "--out", "z.csv", "--quiet"], in: cwd).status == 0)
        for (arguments, message) in [
            (["z.csv", "--dataset", "zz", "--window", "50"],
             "toolkit: error: --window sets the time-series metrics, which this evaluation does not compute: add --series (the rows in label-file order are then one series)\n"),
            (["z.csv", "--dataset", "zz", "--range-alpha", "0.5", "--range-bias", "front"],
             "toolkit: error: --range-alpha, --range-bias set the time-series metrics, which this evaluation does not compute: add --series (the rows in label-file order are then one series)\n"),
            (["p.csv", "--dataset", "pv", "--window", "50", "--no-series"],
             "toolkit: error: --window sets the time-series metrics, which this evaluation does not compute: drop --no-series\n"),
            (["p.csv", "--dataset", "pv", "--window", "-5"],
             "toolkit: error: --window must be an integer from 0 to 1,000,000 (as the recipe key evaluation.series.window) or 'auto', got '-5' (see `toolkit evaluate --help`)\n"),
        ] {
            let run = try Self.toolkit(["evaluate"] + arguments, in: cwd)
            #expect(run.status == 2 && run.stderr == message, "\(arguments): \(run.stderr)")
        }
        let given = try Self.toolkit(["evaluate", "p.csv", "--dataset", "pv", "--window", "50", "--range-bias", "front"], in: cwd)
        #expect(given.status == 0 && given.stdout.contains("sliding window W = 50 (given)"), "\(given.stderr)")
    }

    @Test("several series: a series column, and one dataset per series, are scored each and averaged")
    func severalSeries() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        var labels = "id,label,series\n", scores = "id,score\n"
        for (k, name) in ["rand_100_signal_w10", "rand_150_lagged_w16"].enumerated() {
            let x = TimeSeriesVectors.input(name)
            for i in x.scores.indices {
                labels += "\(k)-\(i),\(x.labels[i]),\(name)\n"
                scores += "\(k)-\(i),\(x.scores[i])\n"
            }
        }
        EvaluateFixtures.write(labels, to: cwd + "/labels.csv")
        EvaluateFixtures.write(scores, to: cwd + "/scores.csv")
        let run = try Self.toolkit(["evaluate", "scores.csv", "--labels", "labels.csv", "--series", "--format", "json"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONValue.parse(Array(run.stdout.utf8))
        let series = try #require(json["runs"]?[0]?["series"])
        #expect(series["n_series"]?.int == 2)
        #expect(series["per_series"]?[1]?["series"]?.string == "rand_150_lagged_w16")
        let a = series["per_series"]![0]!["vus_pr"]!.double!, b = series["per_series"]![1]!["vus_pr"]!.double!
        #expect(abs(series["mean"]!["vus_pr"]!.double! - (a + b) / 2) < 1e-15)
        #expect(series["per_series"]?[0]?["window_rule"]?.string == "default")
        let table = try Self.toolkit(["evaluate", "scores.csv", "--labels", "labels.csv", "--series"], in: cwd)
        #expect(table.stdout.contains("mean of 2"), "\(table.stdout)")

        // One dataset per series.
        for seed in ["1", "2"] {
            #expect(try Self.toolkit(["generate", "solar-pv", "--out", "pv\(seed)", "--seed", seed, "--quiet", "--set", "generator.days.train=10",
                                      "--set", "generator.days.test=20", "--set", "generator.anomalies.count=8"], in: cwd).status == 0)
            #expect(try Self.toolkit(["detect", "hbos", "--dataset", "pv\(seed)", "--out", "s\(seed).csv", "--quiet"], in: cwd).status == 0)
        }
        let pair = try Self.toolkit(["evaluate", "s1.csv", "s2.csv", "--dataset", "pv1", "--dataset", "pv2", "--format", "json", "--quiet"], in: cwd)
        #expect(pair.status == 0, "\(pair.stderr)")
        let pairJSON = try JSONValue.parse(Array(pair.stdout.utf8))
        #expect(pairJSON["runs"]?.array?.count == 1)
        #expect(pairJSON["runs"]?[0]?["series"]?["per_series"]?.array?.compactMap { $0["series"]?.string } == ["pv1", "pv2"])
        let mismatch = try Self.toolkit(["evaluate", "s1.csv", "--dataset", "pv1", "--dataset", "pv2"], in: cwd)
        #expect(mismatch.status == 2 && mismatch.stderr.contains("2 datasets need as many score files"), "\(mismatch.stderr)")
    }

    @Test("--windows: window scores against the dataset's windows.csv")
    func windowLevel() throws {
        let cwd = GenerateEndToEndTests.workingDirectory()
        #expect(try Self.toolkit(["generate", "solar-pv", "--out", "pv", "--quiet", "--set", "generator.days.train=5",
                                  "--set", "generator.days.test=10", "--set", "generator.anomalies.count=4"], in: cwd).status == 0)
        let windows = String(decoding: FileManager.default.contents(atPath: cwd + "/pv/windows.csv")!, as: UTF8.self)
        var scores = "id,score\n", count = 0, anomalous = 0
        for line in windows.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false)
            guard f[1] == "test" else { continue }
            // A perfect window detector: its label, with a tie-free offset.
            scores += "\(f[0]),\(Double(String(f[4]))! + Double(count) * 1e-6)\n"
            count += 1
            anomalous += f[4] == "1" ? 1 : 0
        }
        EvaluateFixtures.write(scores, to: cwd + "/w.csv")
        let run = try Self.toolkit(["evaluate", "w.csv", "--dataset", "pv", "--windows", "--format", "json", "--quiet"], in: cwd)
        #expect(run.status == 0, "\(run.stderr)")
        let json = try JSONValue.parse(Array(run.stdout.utf8))
        #expect(json["runs"]?[0]?["n"]?.int == count)
        #expect(json["runs"]?[0]?["n_anomalies"]?.int == anomalous)
        #expect(json["runs"]?[0]?["auroc"]?.double == 1)
        #expect(json["runs"]?[0]?["series"] == nil, "windows are not a series unless --series")
        #expect((json["labels"]?.string ?? "").contains("windows.csv"))
        let reading = try Self.toolkit(["evaluate", "w.csv", "--dataset", "pv", "--quiet"], in: cwd)
        #expect(reading.status == 2, "window ids are not reading ids: \(reading.stderr)")
    }
}
