import Testing
import Randomness
@testable import Detectors

@Suite struct HBOSTests {
    @Test func findsOutliers() throws {
        #expect(try auroc(of: HBOS()) > 0.9)
    }

    @Test func scoreIsSumOfNegativeLogDensities() throws {
        // One feature, values 0,0,0,1 with 2 bins of width 0.5: densities 3/(4·0.5)=1.5 and 0.5.
        var model = HBOS(bins: 2, alpha: 0.1)
        var g = Xoshiro256StarStar(seed: 1)
        try model.fit(Matrix([[0], [0], [0], [1]]), generator: &g)
        let scores = try model.scores(Matrix([[0], [1], [5]]))
        #expect(abs(scores[0] - (-log(1.5 + 0.1))) < 1e-12)
        #expect(abs(scores[1] - (-log(0.5 + 0.1))) < 1e-12)
        #expect(abs(scores[2] - (-log(0.5 + 0.1))) < 1e-12)   // far outside: the lowest height
    }
}

#if canImport(Glibc)
import Glibc
#endif
