import Testing
@testable import Detectors

@Suite struct SymmetricEigenTests {
    /// X = [[1, 2], [3, 4]] (row-major): XᵀX = [[10, 14], [14, 20]], both triangles, scaled.
    @Test func gramIsScaledXTransposeXWithBothTriangles() {
        #expect(SymmetricEigen.gram([1, 2, 3, 4], rows: 2, columns: 2) == [10, 14, 14, 20])
        #expect(SymmetricEigen.gram([1, 2, 3, 4], rows: 2, columns: 2, scale: 0.5) == [5, 7, 7, 10])
        #expect(SymmetricEigen.gram([], rows: 0, columns: 2) == [0, 0, 0, 0])
    }

    /// [[2, 1], [1, 2]]: eigenvalues 1 and 3 (ascending), eigenvectors (1, −1)/√2 and (1, 1)/√2.
    @Test func decomposeGivesAscendingEigenpairsInColumns() throws {
        let (vectors, values) = try SymmetricEigen.decompose([2, 1, 1, 2], size: 2, detector: "t")
        #expect(abs(values[0] - 1) < 1e-12 && abs(values[1] - 3) < 1e-12)
        let r = 0.5.squareRoot()
        #expect(abs(abs(vectors[0]) - r) < 1e-12 && abs(vectors[0] + vectors[2]) < 1e-12)   // column 0 ∝ (1, −1)
        #expect(abs(abs(vectors[1]) - r) < 1e-12 && abs(vectors[1] - vectors[3]) < 1e-12)   // column 1 ∝ (1, 1)
    }
}
