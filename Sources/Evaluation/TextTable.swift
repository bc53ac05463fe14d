/// Renders ``ReportTable``s as aligned plain text (the default output) or GitHub Markdown.
public enum TextTable {
    public static func aligned(_ tables: [ReportTable]) -> String {
        var out = ""
        for (index, table) in tables.enumerated() {
            if index > 0 { out += "\n" }
            out += table.caption + "\n"
            let widths = columnWidths(table)
            let numeric = numericColumns(table)
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { column, cell in
                    let pad = String(repeating: " ", count: max(0, widths[column] - cell.count))
                    return numeric[column] ? pad + cell : cell + pad
                }.joined(separator: "  ").trimmingTrailingSpaces()
            }
            out += line(table.header) + "\n"
            out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            for row in table.rows { out += line(row) + "\n" }
            if let note = table.note { out += note + "\n" }
        }
        return out
    }

    public static func markdown(_ tables: [ReportTable]) -> String {
        var out = ""
        for (index, table) in tables.enumerated() {
            if index > 0 { out += "\n" }
            out += "**\(escape(table.caption))**\n\n"
            let numeric = numericColumns(table)
            out += "| " + table.header.map(escape).joined(separator: " | ") + " |\n"
            out += "|" + numeric.map { $0 ? "---:" : ":---" }.joined(separator: "|") + "|\n"
            for row in table.rows { out += "| " + row.map(escape).joined(separator: " | ") + " |\n" }
            if let note = table.note { out += "\n" + escape(note) + "\n" }
        }
        return out
    }

    static func columnWidths(_ table: ReportTable) -> [Int] {
        var widths = table.header.map(\.count)
        for row in table.rows {
            for (column, cell) in row.enumerated() where column < widths.count { widths[column] = max(widths[column], cell.count) }
        }
        return widths
    }

    /// A column is right-aligned when every non-empty cell starts like a number.
    static func numericColumns(_ table: ReportTable) -> [Bool] {
        table.header.indices.map { column in
            let cells = table.rows.compactMap { column < $0.count ? $0[column] : nil }.filter { !$0.isEmpty && $0 != "n/a" && $0 != "undef." }
            return !cells.isEmpty && cells.allSatisfy { cell in
                guard let first = cell.unicodeScalars.first else { return false }
                return ("0"..."9").contains(first) || first == "-" || first == "+" || first == "<" || first == "["
            }
        }
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "\\|")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}
