import DataIO
import Testing
@testable import Detectors

@Suite struct DetectorParametersTests {
    @Test func typedValuesDefaultsAndRanges() throws {
        var p = try DetectorParameters(detector: "x", parsing: ["k=3", "nu=0.25", "method=mean"])
        #expect(try p.integer("k", default: 5) == 3)
        #expect(try p.integer("other", default: 5) == 5)
        #expect(try p.double("nu", default: 0.5, range: 0...1) == 0.25)
        #expect(try p.choice("method", default: "largest", among: ["largest", "mean"]) == "mean")
        try p.checkAllUsed(known: ["k", "nu", "method"])
    }

    @Test func badValuesNameTheKey() throws {
        var p = try DetectorParameters(detector: "knn", parsing: ["k=zero"])
        let error = #expect(throws: DataError.self) { _ = try p.integer("k", default: 5) }
        #expect(error?.message.contains("k=zero") == true)
        #expect(throws: DataError.self) { _ = try DetectorParameters(detector: "x", parsing: ["novalue"]) }
        #expect(throws: DataError.self) { _ = try DetectorParameters(detector: "x", parsing: ["a=1", "a=2"]) }
    }

    @Test func unknownKeysAreReported() throws {
        let p = try DetectorParameters(detector: "iforest", parsing: ["tress=10"])
        let error = #expect(throws: DataError.self) { try p.checkAllUsed(known: ["trees", "samples"]) }
        #expect(error?.message.contains("tress") == true)
    }
}
