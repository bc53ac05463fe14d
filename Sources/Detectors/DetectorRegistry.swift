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
    ]

    public static func info(named name: String) throws -> DetectorInfo {
        guard let found = all.first(where: { $0.name == name }) else {
            throw DataError("usage", "unknown detector '\(name)'; expected one of: \(all.map(\.name).joined(separator: ", ")) (see `toolkit detectors`)")
        }
        return found
    }
}
