import Foundation
import Datasets
import Testing
import TestSupport
@testable import Detectors

/// A dataset folder with one multi-valued column `m` (ids 0..<8) and the given records.
func listDataset(train: [String], test: [String]) -> String {
    let folder = temporaryFolder(prefix: "toolkit-lists-")
    try! writeManifest(to: folder, columns: [ColumnSchema(name: "m", type: .multiCategorical, cardinality: 8)])
    func csv(_ rows: [String], from first: Int) -> String {
        "id,m\n" + rows.enumerated().map { "\(first + $0.offset),\($0.element)\n" }.joined()
    }
    try! csv(train, from: 0).write(toFile: folder + "/train.csv", atomically: false, encoding: .utf8)
    try! csv(test, from: 100).write(toFile: folder + "/test.csv", atomically: false, encoding: .utf8)
    return folder
}

@Suite struct ListEmbeddingTests {
    /// Records {0, 1} and {1, 2}: C = [[0,1,0],[1,0,1],[0,1,0]], P = D⁻¹C, P Pᵀ =
    /// [[1,0,1],[0,½,0],[1,0,1]] with eigenvalues 2 and ½ on (1,0,1)/√2 and (0,1,0); so U Σ^{1/2}
    /// puts ids 0 and 2 at (2^{-1/4}, 0) and id 1 at (0, 2^{-1/4}). Three ids are fewer than the
    /// probes: the randomized SVD is exact.
    @Test func learnedVectorsAreTheTruncatedSVDOfTheCooccurrence() throws {
        let train = try DatasetSplit.read(listDataset(train: ["0 1", "1 2"], test: ["0"]), split: "train")
        let e = try ListEmbedding(train: train, columns: [0], dimension: 2, kind: .learned)
        #expect(e.vocabularySize == 3)
        let q = pow(2.0, -0.25)
        for (id, expected) in [(0, [q, 0]), (1, [0, q]), (2, [q, 0])] {
            let v = e.vector(column: 0, id: id)
            #expect(abs(v[0] - expected[0]) < 1e-12 && abs(v[1] - expected[1]) < 1e-12, "id \(id): \(v)")
        }
        // The fallback scale is the learned entries' root mean square: √(3 q² / 6) = 2^{-3/4}.
        #expect(abs(e.fallbackScale - pow(2.0, -0.75)) < 1e-12)
        // A third dimension beyond the rank is 0.
        let wide = try ListEmbedding(train: train, columns: [0], dimension: 3, kind: .learned)
        #expect(abs(wide.vector(column: 0, id: 1)[2]) < 1e-9)
    }

    @Test func unseenIdsGetHashedRandomVectorsTheSameEveryTime() throws {
        let train = try DatasetSplit.read(listDataset(train: ["0 1", "1 2"], test: ["0"]), split: "train")
        let a = try ListEmbedding(train: train, columns: [0], dimension: 4, kind: .learned)
        let b = try ListEmbedding(train: train, columns: [0], dimension: 4, kind: .learned)
        #expect(!a.isKnown(column: 0, id: 7) && a.isKnown(column: 0, id: 2))
        #expect(a.vector(column: 0, id: 7) == b.vector(column: 0, id: 7))
        #expect(a.vector(column: 0, id: 7) != a.vector(column: 0, id: 6))
        #expect(a.vector(column: 0, id: 7) != a.vector(column: 1, id: 7))   // keyed by column too
        #expect(a.vector(column: 0, id: 7).allSatisfy { $0 != 0 && abs($0) < 6 * a.fallbackScale })
        // The hashed kind: every id random, scaled by 1/√d; the same draws as the fallback.
        let hashed = try ListEmbedding(train: train, columns: [0], dimension: 4, kind: .hashed)
        #expect(hashed.fallbackScale == 0.5 && hashed.vocabularySize == 0 && !hashed.isKnown(column: 0, id: 0))
        let ratio = a.fallbackScale / hashed.fallbackScale
        #expect(zip(a.vector(column: 0, id: 7), hashed.vector(column: 0, id: 7)).allSatisfy { abs($0 - ratio * $1) < 1e-12 })
    }

    @Test func anIdThatIsAlwaysAloneGetsTheZeroVector() throws {
        let train = try DatasetSplit.read(listDataset(train: ["0 1", "1 2", "5", ""], test: ["0"]), split: "train")
        let e = try ListEmbedding(train: train, columns: [0], dimension: 2, kind: .learned)
        #expect(e.isKnown(column: 0, id: 5) && e.vector(column: 0, id: 5) == [0, 0])
        #expect(e.vocabularySize == 4)
    }
}
