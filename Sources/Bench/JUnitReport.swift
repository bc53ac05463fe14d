import Foundation

/// `toolkit check --junit FILE`: the outcomes as JUnit XML, the format GitHub Actions (through a
/// test-reporter action), GitLab (`artifacts: reports: junit`) and Jenkins (`junit` step) read.
///
/// One `<testsuite>` named after the expectations file, with the machine facts as
/// `<properties>`; one `<testcase>` per expectation (`classname` = the recipe, `name` = the case
/// and metric, `time` = seconds spent). A case out of tolerance carries a `<failure>` whose
/// message says expected, measured and tolerance, and whose text adds the runs' values and the
/// machine; a case that could not run carries an `<error>`. The layout follows the common subset
/// of the Ant JUnit schema that these readers accept.
public enum JUnitReport {
    public static func render(_ outcomes: [CheckRunner.Outcome], suite: String, machine: [(String, String)],
                              machineSummary: String) -> String {
        let failures = outcomes.filter { $0.error == nil && !$0.passed }.count
        let errors = outcomes.filter { $0.error != nil }.count
        let total = outcomes.reduce(0) { $0 + $1.seconds }
        func counts() -> String {
            "tests=\"\(outcomes.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"0\" time=\"\(seconds(total))\""
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"toolkit check\" \(counts())>\n"
        xml += "  <testsuite name=\"\(escape(suite))\" \(counts())>\n"
        xml += "    <properties>\n"
        for (name, value) in machine {
            xml += "      <property name=\"\(escape(name))\" value=\"\(escape(value))\"/>\n"
        }
        xml += "    </properties>\n"
        for o in outcomes {
            let name = escape(o.testCase.label + ": " + o.testCase.metric)
            xml += "    <testcase classname=\"\(escape(o.testCase.recipe))\" name=\"\(name)\" time=\"\(seconds(o.seconds))\""
            if o.passed {
                xml += "/>\n"
                continue
            }
            xml += ">\n"
            let kind = o.error != nil ? "error" : "failure"
            let type = o.error != nil ? "check_error" : "accuracy_regression"
            var details = o.message
            if !o.values.isEmpty {
                details += "\nruns: " + o.values.map { String(format: "%.6f", $0) }.joined(separator: ", ")
            }
            if let note = o.testCase.note { details += "\nnote: " + note }
            details += "\nmachine: " + machineSummary
            xml += "      <\(kind) message=\"\(escape(o.message))\" type=\"\(type)\">\(escape(details))</\(kind)>\n"
            xml += "    </testcase>\n"
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }

    static func seconds(_ value: Double) -> String { String(format: "%.3f", value) }

    /// XML text and attribute escaping; characters XML 1.0 cannot carry become U+FFFD.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default:
                let v = scalar.value
                if v < 0x20 || (0xFFFE...0xFFFF).contains(v) { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
