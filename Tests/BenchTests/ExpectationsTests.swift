import DataIO
import Foundation
import Testing
@testable import Bench

@Suite struct ExpectationsTests {
    static func write(_ text: String) -> String {
        let path = NSTemporaryDirectory() + "toolkit-expect-" + UUID().uuidString + ".yaml"
        try! text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func readsCasesWithDefaults() throws {
        let path = Self.write("""
            version: 1
            cases:
              - {recipe: zigzag, detector: iforest, metric: auroc, expected: 0.57, tolerance: 0.02}
              - recipe: arrhythmia
                set: [generator.source.file=x.data]
                detector: ocsvm
                params: [nu=0.1]
                metric: top:0.15.f1
                expected: 1
                tolerance_sd: 3
                runs: 4
                seed: 9
            """)
        let e = try Expectations.read(path)
        #expect(e.cases.count == 2)
        #expect(e.cases[0].seed == 1 && e.cases[0].runs == nil && e.cases[0].tolerance == 0.02)
        #expect(e.cases[1].overrides == ["generator.source.file=x.data"] && e.cases[1].parameters == ["nu=0.1"])
        #expect(e.cases[1].expected == 1 && e.cases[1].toleranceSD == 3 && e.cases[1].runs == 4 && e.cases[1].seed == 9)
        // --update's rendering reads back to the same cases with the new values.
        let again = try Expectations.read(Self.write(e.rendered(expected: [0.5, 0.25])))
        #expect(again.cases.map(\.expected) == [0.5, 0.25])
        #expect(again.cases.map(\.metric) == e.cases.map(\.metric))
    }

    @Test(arguments: [
        ("version: 2\ncases: []", "version"),
        ("version: 1\ncases: []", "cases"),
        ("version: 1\ncases:\n  - {recipe: z, detector: d, metric: m, expected: 1, tolerance: 1, tolernce_sd: 1}", "cases[0].tolernce_sd"),
        ("version: 1\ncases:\n  - {recipe: z, detector: d, metric: m, expected: 1}", "cases[0].tolerance"),
        ("version: 1\ncases:\n  - {recipe: z, detector: d, metric: m, tolerance: 1}", "cases[0].expected"),
        ("version: 1\ncases:\n  - {recipe: z, detector: d, metric: m, expected: 1, tolerance: 1, runs: 0}", "cases[0].runs"),
    ])
    func badFilesNameTheKey(text: String, key: String) {
        let error = #expect(throws: DataError.self) { _ = try Expectations.read(Self.write(text)) }
        #expect(error?.message.contains(key) == true, "\(error?.message ?? "")")
    }
}

@Suite struct ProjectExpectationsTests {
    /// The project's own expectation files parse (the quick one also runs in .ci/run).
    @Test(arguments: ["expectations.yaml", "expectations-full.yaml"])
    func projectFilesParse(name: String) throws {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Recipes/" + name).path
        let e = try Expectations.read(path)
        #expect(e.cases.count >= 5)
        #expect(e.cases.allSatisfy { $0.tolerance != nil || $0.toleranceSD != nil })
    }
}
