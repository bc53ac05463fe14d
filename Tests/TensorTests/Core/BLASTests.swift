import Tensor
import Testing

@Suite struct BLASTests {
    @Test func reportsCoreAndThreads() {
        #expect(!BLAS.coreName.isEmpty)
        #expect(BLAS.threadCount >= 1)
        let before = BLAS.threadCount
        BLAS.threadCount = 1
        #expect(BLAS.threadCount == 1)
        BLAS.threadCount = before
    }

    @Test func recommendationOnlyForTheSSE3Fallback() {
        if BLAS.coreName.lowercased() != "prescott" { #expect(BLAS.recommendedCoreType == nil) }
        if let core = BLAS.recommendedCoreType { #expect(["SkylakeX", "Haswell"].contains(core)) }
    }
}
