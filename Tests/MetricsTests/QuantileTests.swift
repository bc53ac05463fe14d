import Testing
import Metrics

/// The type-7 quantile against numpy.
@Suite struct QuantileTests {
    @Test("type-7 quantile = numpy percentile (linear)")
    func quantile() {
        let values = [1.0, 2, 3, 4, 10]
        #expect(linearQuantile(sorted: values, probability: 0.5) == 3)
        #expect(linearQuantile(sorted: values, probability: 0.9) == 7.6000000000000005)  // numpy: 7.6000000000000005
        #expect(linearQuantile(sorted: values, probability: 0) == 1)
        #expect(linearQuantile(sorted: values, probability: 1) == 10)
        #expect(linearQuantile(sorted: [], probability: 0.5).isNaN)
    }
}
