import Foundation
import Synchronization
import Testing
@testable import Tensor

@Suite struct BLASTests {
    @Test func reportsCoreAndThreads() {
        #expect(!BLAS.coreName.isEmpty)
        #expect(BLAS.threadCount >= 1)
        let before = BLAS.threadCount
        BLAS.threadCount = 1
        #expect(BLAS.threadCount == 1)
        BLAS.threadCount = before
    }

    /// Inside a section OpenBLAS runs on one thread, sections nest, and `threadCount` keeps
    /// reporting the configured count (what a machine tag or a row split reads).
    @Test func singleThreadedSectionsKeepTheConfiguredCount() {
        let configured = BLAS.threadCount
        let inner = BLAS.singleThreaded {
            let outer = (BLAS.activeThreadCount, BLAS.threadCount)
            let nested = BLAS.singleThreaded { (BLAS.activeThreadCount, BLAS.threadCount) }
            return [outer.0, outer.1, nested.0, nested.1, BLAS.activeThreadCount]
        }
        #expect(inner == [1, configured, 1, configured, 1])
        #expect(BLAS.threadCount == configured)
    }

    @Test func recommendationOnlyForTheSSE3Fallback() {
        if BLAS.coreName.lowercased() != "prescott" { #expect(BLAS.recommendedCoreType == nil) }
        if let core = BLAS.recommendedCoreType { #expect(["SkylakeX", "Haswell"].contains(core)) }
    }
}

/// ``BLAS/steadyThreadCount(_:)`` holds the thread count against other threads, not its own.
@Suite struct BLASSteadyThreadCountTests {
    @Test func anotherThreadsSingleThreadedSectionWaitsForTheSteadySection() async {
        let order = Mutex<[String]>([])
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            BLAS.steadyThreadCount {
                let configured = BLAS.threadCount
                #expect(BLAS.activeThreadCount == configured)   // no section of another thread is open
                Thread.detachNewThread {
                    BLAS.singleThreaded { order.withLock { $0.append("other") } }
                    done.resume()
                }
                usleep(100_000)
                #expect(BLAS.activeThreadCount == configured)   // the other thread could not change it
                // The owner itself may (nested sections too).
                BLAS.steadyThreadCount { BLAS.singleThreaded { BLAS.singleThreaded { #expect(BLAS.activeThreadCount == 1) } } }
                #expect(BLAS.activeThreadCount == configured)
                order.withLock { $0.append("steady") }
            }
        }
        #expect(order.withLock { $0 } == ["steady", "other"])
    }
}
