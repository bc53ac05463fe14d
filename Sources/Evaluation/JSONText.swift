/// A JSON value with ordered keys, rendered with two-space indentation. Numbers are written in
/// Swift's shortest round-trip form (`0.1`, `1e-05`), so reading them back gives the same
/// binary64; non-finite numbers become `null`.
///
/// Why not `JSONEncoder`: the evaluator's JSON is a documented, stable schema whose key order
/// follows the document, not the alphabet, and whose numbers must round-trip exactly.
indirect enum JSONText: Sendable {
    case object([(String, JSONText)])
    case array([JSONText])
    case number(Double)
    case integer(Int)
    case string(String)
    case bool(Bool)
    case null

    static func optional(_ value: Double?) -> JSONText { value.map { .number($0) } ?? .null }

    func rendered() -> String {
        var out = ""
        write(to: &out, indent: 0)
        out += "\n"
        return out
    }

    private func write(to out: inout String, indent: Int) {
        switch self {
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            for (index, (key, value)) in members.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                JSONText.quote(key, into: &out)
                out += ": "
                value.write(to: &out, indent: indent + 2)
                out += index == members.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "}"
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if items.allSatisfy({ $0.isScalar }) {
                out += "["
                for (index, item) in items.enumerated() {
                    if index > 0 { out += ", " }
                    item.write(to: &out, indent: indent)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (index, item) in items.enumerated() {
                out += String(repeating: " ", count: indent + 2)
                item.write(to: &out, indent: indent + 2)
                out += index == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: " ", count: indent) + "]"
        case .number(let value):
            out += value.isFinite ? (value == 0 ? "0.0" : "\(value)") : "null"
        case .integer(let value):
            out += String(value)
        case .string(let text):
            JSONText.quote(text, into: &out)
        case .bool(let value):
            out += value ? "true" : "false"
        case .null:
            out += "null"
        }
    }

    private var isScalar: Bool {
        switch self {
        case .object, .array: return false
        default: return true
        }
    }

    static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
