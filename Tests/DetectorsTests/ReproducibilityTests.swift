import Testing
@testable import Detectors

@Suite struct ReproducibilityTests {
    /// The detectors trained by stochastic optimisation in Float32 are the machine-dependent ones;
    /// `toolkit check` holds their cases to the mean of several runs.
    @Test func theNeuralDetectorsAreMachineDependent() {
        let dependent = DetectorRegistry.all.filter { $0.reproducibility == .machineDependent }.map(\.name)
        #expect(Set(dependent) == ["ae", "toll", "dagmm", "deep-e2e", "alad", "vrae", "amad"])
        #expect(Reproducibility.machineDependent.rawValue == "machine-dependent")
    }
}
