import Testing
import Tensor
@testable import Detectors

@Suite struct MachineFactsTests {
    @Test func factsNameTheCPUAndTheBLASChoice() {
        let facts = MachineFacts.current()
        #expect(facts.logicalCPUs >= 1)
        #expect(facts.blasKernel == BLAS.coreName && facts.blasThreads == BLAS.threadCount)
        #expect(facts.blasConfig.hasPrefix("OpenBLAS"))
        #expect(facts.summary.contains("OpenBLAS kernel \(facts.blasKernel)") && facts.summary.contains("OPENBLAS_CORETYPE"))
        #expect(MachineFacts.resultTag == "\(BLAS.coreName)-t\(BLAS.threadCount)")
        #expect(Set(facts.properties.map(\.0)).isSuperset(of: ["cpu", "blas_kernel", "blas_threads"]))
        #if os(Linux)
        #expect(facts.cpu != "unknown" && facts.vendor != "unknown")
        #endif
    }
}
