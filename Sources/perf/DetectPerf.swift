import ArgumentParser
import Datasets
import Detectors
import Foundation
import Randomness

/// `perf detect`: times a detector's fit and score on a dataset folder in this process
/// (featurizing excluded), median of `--repeats` seeds, and with `--peer PYTHON` the same for
/// scikit-learn's `IsolationForest(n_jobs=2)` on the same rows (pandas reads the CSVs).
struct DetectPerf: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detect",
        abstract: "Benchmark a detector's fit and score (Isolation Forest against scikit-learn)."
    )

    @Option(help: "Dataset folder (e.g. from `toolkit generate kddcup99 --source ...`).")
    var dataset: String

    @Option(help: "Detector name.")
    var detector = "iforest"

    @Option(help: "Runs (seeds 1...N); the median is reported.")
    var repeats = 5

    @Option(help: "A Python with pandas and scikit-learn, to time IsolationForest on the same data.")
    var peer: String?

    func run() throws {
        let info = try DetectorRegistry.info(named: detector)
        let train = try DatasetSplit.read(dataset, split: "train")
        let test = try DatasetSplit.read(dataset, split: "test")
        let featurizer = try Featurizer(train: train, scaling: info.defaultScaling)
        let x = featurizer.transform(train), y = featurizer.transform(test)
        print("machine: \(MachineDescription.text())")
        print("data: \(dataset): fit on \(x.rows) × \(x.columns), score \(y.rows) rows")
        var fits: [Double] = [], scores: [Double] = []
        for seed in 1...repeats {
            var parameters = DetectorParameters(detector: detector)
            var model = try info.make(&parameters)
            var generator = Xoshiro256StarStar(seed: UInt64(seed))
            let start = Date()
            try model.fit(x, generator: &generator)
            let fitted = Date()
            _ = try model.scores(y)
            fits.append(fitted.timeIntervalSince(start))
            scores.append(Date().timeIntervalSince(fitted))
        }
        fits.sort(); scores.sort()
        print(String(format: "toolkit %@: fit %.3f s, score %.3f s (median of %d)", detector, fits[repeats / 2], scores[repeats / 2], repeats))
        if let peer, detector == "iforest" {
            let script = NSTemporaryDirectory() + "toolkit-perf-iforest.py"
            try Self.peerSource.write(toFile: script, atomically: false, encoding: .utf8)
            _ = try ChildProcess.run(peer, [script, dataset, String(repeats)], showOutput: true)
        }
    }

    static let peerSource = """
        import sys, time, statistics
        import pandas as pd
        from sklearn.ensemble import IsolationForest
        d, repeats = sys.argv[1], int(sys.argv[2])
        x = pd.read_csv(d + '/train.csv').drop(columns='id').values
        y = pd.read_csv(d + '/test.csv').drop(columns='id').values
        fits, scores = [], []
        for seed in range(1, repeats + 1):
            t0 = time.perf_counter(); m = IsolationForest(n_jobs=2, random_state=seed).fit(x)
            t1 = time.perf_counter(); m.score_samples(y); t2 = time.perf_counter()
            fits.append(t1 - t0); scores.append(t2 - t1)
        print(f"scikit-learn IsolationForest(n_jobs=2): fit {statistics.median(fits):.3f} s, score {statistics.median(scores):.3f} s (median of {repeats})")
        """
}
