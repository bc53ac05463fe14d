import DataIO

/// Every reference detector, listed explicitly (no registration side effects).
public enum DetectorRegistry {
    public static let all: [DetectorInfo] = [
        IsolationForest.info,
        OneClassSVM.info,
        PCADetector.info,
        KNNDetector.info,
        HBOS.info,
        GMMDetector.info,
        AutoencoderDetector.info,
        TollDetector.info,
        DAGMMDetector.info,
        DeepEndToEndDetector.info,
        ALADDetector.info,
        VRAEDetector.info,
        AMADDetector.info,
    ]

    /// The detectors that can write several scores from one fit (`--all-scores`).
    public static let withVariants: [String] = named { $0 is any HasScoreVariants }

    /// The detectors that can be scored part-way through their training (`--score-at-epochs`).
    public static let scoringDuringTraining: [String] = named { $0 is any ScoresDuringTraining }

    /// The detectors that read the dataset's rows themselves (``ReadsRecords``), not features:
    /// `scale`, `lists` and `list_dim` are not theirs.
    public static let readingRecords: [String] = named { $0 is any ReadsRecords }

    /// The names of the detectors whose default instance satisfies `test`.
    private static func named(_ test: (any Detector) -> Bool) -> [String] {
        all.filter { info in
            var defaults = DetectorParameters(detector: info.name)
            return (try? info.make(&defaults)).map(test) ?? false
        }.map(\.name)
    }

    public static func info(named name: String) throws -> DetectorInfo {
        guard let found = all.first(where: { $0.name == name }) else {
            throw DataError(.usage, "unknown detector '\(name)'\(Spelling.suggestion(for: name, in: all.map(\.name))); expected one of: \(all.map(\.name).joined(separator: ", ")) (see `toolkit detectors`)")
        }
        return found
    }
}
