/// Renders a result for people: the selected table with aligned columns (numbers right-aligned,
/// fractions as percentages, money with thousands separators), then the summary and notes.
public enum TextTableRenderer {
    /// `digits`: decimals for non-integer numbers (percentages: of the percentage), instead of
    /// the default six (two for percentages).
    public static func render(_ result: AnalysisResult, table name: String? = nil, digits: Int? = nil) throws -> String {
        let table = try result.selectTable(name)
        var out = "\(result.plugin) \(result.version) — \(table.name)\n\n"
        let headers = table.columns.map { $0.label ?? $0.name }
        let cells = table.rows.map { row in zip(row, table.columns).map { cell($0, format: $1.format, digits: digits) } }
        var widths = headers.map(\.count)
        for row in cells { for (k, c) in row.enumerated() { widths[k] = max(widths[k], c.count) } }
        let rightAligned = table.columns.map { $0.format != .text && $0.format != .peers }
        func line(_ fields: [String]) -> String {
            fields.enumerated().map { k, f in
                let pad = String(repeating: " ", count: widths[k] - f.count)
                return rightAligned[k] ? pad + f : f + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        out += line(headers) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in cells { out += line(row) + "\n" }
        if !result.summary.isEmpty {
            out += "\nSummary\n"
            let w = result.summary.map(\.name.count).max() ?? 0
            for (name, value) in result.summary {
                let isRatio = name.hasSuffix("_ratio") || name.hasSuffix("_rate")
                out += "  " + name + String(repeating: " ", count: w - name.count) + "  "
                    + cell(value, format: isRatio ? .fraction : .number, digits: digits) + "\n"
            }
        }
        if !result.notes.isEmpty {
            out += "\nNotes\n"
            for note in result.notes { out += "  - " + note + "\n" }
        }
        let others = result.tables.map(\.name).filter { $0 != table.name }
        if !others.isEmpty {
            out += "\nOther tables: \(others.joined(separator: ", ")) (--table NAME, or --format json for all)\n"
        }
        return out
    }

    static func cell(_ v: Value, format: ColumnFormat, digits: Int? = nil) -> String {
        if let digits, case .number(let x) = v, x.isFinite {
            if format == .fraction { return String(format: "%.\(digits)f%%", x * 100) }
            let s = String(format: "%.\(digits)f", abs(x))
            let parts = s.split(separator: ".", omittingEmptySubsequences: false)
            let grouped = abs(x) >= 1e5 ? ValueFormatting.group(String(parts[0])) : String(parts[0])
            let text = grouped + (parts.count > 1 ? "." + parts[1] : "")
            let isZero = !text.contains { $0 != "0" && $0 != "." && $0 != "," }
            return (x < 0 && !isZero ? "-" : "") + text
        }
        switch v {
        case .number(let x):
            if format == .fraction { return x.isFinite ? String(format: "%.2f%%", x * 100) : "—" }
            return ValueFormatting.human(x)
        case .integer(let i): return String(i)
        case .text(let s), .peers(_, let s): return s
        case .money(let d): return d.isNaN ? "—" : ValueFormatting.money(d, grouping: true)
        case .bool(let b): return b ? "yes" : "no"
        case .missing: return "—"
        }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
