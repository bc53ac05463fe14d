import Foundation
import FoundationXML
import Testing
@testable import Bench

@Suite struct JUnitReportTests {
    static func outcome(_ label: String, expected: Double, mean: Double, error: String? = nil) -> CheckRunner.Outcome {
        let c = Expectations.Case(recipe: label, detector: "iforest", metric: "auroc", expected: expected, spread: 0.01,
                                  gate: .absolute(0.01), runs: 2, note: "a <note> & more")
        return CheckRunner.Outcome(testCase: c, values: error == nil ? [mean - 0.001, mean + 0.001] : [], mean: mean,
                                   standardDeviation: 0.0014, allowance: 0.01, error: error, seconds: 1.25)
    }

    @Test func oneTestCasePerExpectationWithFailuresAndErrorsReadable() throws {
        let outcomes = [Self.outcome("pass", expected: 0.8, mean: 0.805), Self.outcome("fail", expected: 0.8, mean: 0.7),
                        Self.outcome("err", expected: 0.8, mean: .nan, error: "metric 'x' is not computed")]
        let xml = JUnitReport.render(outcomes, suite: "Recipes/expectations/quick.yaml",
                                     machine: [("cpu", "Test CPU \"quoted\""), ("blas_kernel", "Haswell")],
                                     machineSummary: "Test CPU; OpenBLAS kernel Haswell")
        let document = try XMLDocument(xmlString: xml, options: [])
        let root = try #require(document.rootElement())
        #expect(root.name == "testsuites")
        #expect(root.attribute(forName: "tests")?.stringValue == "3")
        #expect(root.attribute(forName: "failures")?.stringValue == "1")
        #expect(root.attribute(forName: "errors")?.stringValue == "1")
        let cases = try root.nodes(forXPath: "//testcase").compactMap { $0 as? XMLElement }
        #expect(cases.count == 3)
        #expect(cases[0].children == nil || cases[0].childCount == 0)
        let failure = try #require(cases[1].elements(forName: "failure").first)
        let message = try #require(failure.attribute(forName: "message")?.stringValue)
        #expect(message.contains("measured 0.7000") && message.contains("expected 0.8000 ±0.0100"))
        #expect(failure.stringValue?.contains("machine: Test CPU; OpenBLAS kernel Haswell") == true)
        #expect(failure.stringValue?.contains("note: a <note> & more") == true)
        #expect(failure.stringValue?.contains("runs: 0.699000, 0.701000") == true)
        #expect(cases[2].elements(forName: "error").first?.attribute(forName: "message")?.stringValue?.contains("not computed") == true)
        let properties = try root.nodes(forXPath: "//property").compactMap { $0 as? XMLElement }
        #expect(properties.first?.attribute(forName: "value")?.stringValue == "Test CPU \"quoted\"")
        #expect(cases[1].attribute(forName: "time")?.stringValue == "1.250")
    }

    @Test func escapesWhatXMLCannotCarry() {
        #expect(JUnitReport.escape("a<b>&\"c'\u{1}") == "a&lt;b&gt;&amp;&quot;c&apos;\u{FFFD}")
    }
}
