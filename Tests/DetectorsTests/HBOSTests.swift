import Foundation
import Randomness
import Testing
@testable import Detectors
import TestSupport

@Suite struct HBOSTests {
    @Test func findsOutliers() throws {
        #expect(try auroc(of: HBOS()) > 0.9)
    }

    @Test func scoreIsMinusTheSumOfLog2Densities() throws {
        // One feature, values 0,0,0,1 with 2 bins of width 0.5: densities 3/0.5/4 = 1.5 and 0.5.
        var model = HBOS(bins: 2, alpha: 0.1)
        var g = Xoshiro256StarStar(seed: 1)
        try model.fit(Matrix([[0], [0], [0], [1]]), generator: &g)
        let scores = try model.scores(Matrix([[0], [1], [5]]))
        #expect(abs(scores[0] - (-log2(1.5 + 0.1))) < 1e-12)
        #expect(abs(scores[1] - (-log2(0.5 + 0.1))) < 1e-12)
        #expect(abs(scores[2] - (-log2(0.5 + 0.1))) < 1e-12)   // far outside: the lowest height
    }

    /// PyOD's own scores (Fixtures/scripts/hbos-reference.py): integer features whose values sit
    /// on interior bin edges, a constant feature, values slightly and far outside the training
    /// range, three settings of bins, α and tolerance. Issue 19 found 85 of Arrhythmia's 274
    /// features scoring differently before.
    @Test func matchesPyOD() throws {
        struct Case: Decodable { let bins: Int; let alpha: Double; let tol: Double; let train_scores: [Double]; let test_scores: [Double] }
        struct Reference: Decodable { let train: [[Double]]; let test: [[Double]]; let cases: [Case] }
        let url = URL(fileURLWithPath: fixture("hbos/pyod-hbos.json"))
        let reference = try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
        #expect(reference.cases.count == 3)
        for c in reference.cases {
            var model = HBOS(bins: c.bins, alpha: c.alpha, tolerance: c.tol)
            var g = Xoshiro256StarStar(seed: 1)
            try model.fit(Matrix(reference.train), generator: &g)
            let ours = try model.scores(Matrix(reference.train)) + model.scores(Matrix(reference.test))
            #expect(ours.count == reference.train.count + reference.test.count
                    && c.train_scores.count + c.test_scores.count == ours.count)
            for (ours, theirs) in zip(ours, c.train_scores + c.test_scores) {
                #expect(abs(ours - theirs) <= 1e-12 * max(1, abs(theirs)), "bins \(c.bins): \(ours) vs PyOD \(theirs)")
            }
        }
    }
}
