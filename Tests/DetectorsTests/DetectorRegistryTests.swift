import DataIO
import Testing
@testable import Detectors

@Suite struct DetectorRegistryTests {
    @Test func namesAreUniqueAndEveryDetectorBuildsWithDefaults() throws {
        #expect(Set(DetectorRegistry.all.map(\.name)).count == DetectorRegistry.all.count)
        for info in DetectorRegistry.all {
            var p = DetectorParameters(detector: info.name)
            _ = try info.make(&p)
        }
        #expect(throws: DataError.self) { _ = try DetectorRegistry.info(named: "nope") }
    }
}
