import Tensor
import Testing

@Suite struct BLASTests {
    @Test func reportsCoreAndThreads() {
        #expect(!BLAS.coreName.isEmpty)
        #expect(BLAS.threadCount >= 1)
    }
}
