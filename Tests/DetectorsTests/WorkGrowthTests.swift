import Testing
@testable import Detectors

@Suite struct WorkGrowthTests {
    /// Only the detectors whose fit and score are a pass or a few over the rows are `linear`;
    /// pairwise and iterative ones (and any new detector, by default) are `superlinear`.
    @Test func linearDetectorsAreTheOnePassOnes() {
        let linear = DetectorRegistry.all.filter { $0.work == .linear }.map(\.name)
        #expect(Set(linear) == ["iforest", "pca", "hbos"])
        for name in ["knn", "ocsvm", "gmm", "ae", "amad"] {
            #expect(DetectorRegistry.all.first { $0.name == name }?.work == .superlinear)
        }
    }
}
