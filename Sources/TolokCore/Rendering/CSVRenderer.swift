/// Renders one result table as CSV: a header of column names, then one line per row.
/// Numbers are written exactly (shortest round-trip form); missing and non-finite values are
/// empty; money has two decimals (NaN money is empty); booleans are `true`/`false`.
/// `digits` rounds non-integer numbers to that many decimals; `locale` `.id` writes the
/// Indonesian-Excel form (``IndonesianCSV``).
public enum CSVRenderer {
    public static func render(_ result: AnalysisResult, table name: String? = nil, digits: Int? = nil,
                              locale: OutputLocale = .standard) throws -> String {
        let table = try result.selectTable(name)
        if locale == .id { return IndonesianCSV.render(table, digits: digits) }
        var out = table.columns.map { quote($0.name) }.joined(separator: ",") + "\n"
        for row in table.rows {
            out += row.map { cell($0, digits: digits) }.joined(separator: ",") + "\n"
        }
        return out
    }

    static func cell(_ v: Value, digits: Int?) -> String {
        if let digits, case .number(let x) = v, x.isFinite { return ValueFormatting.fixed(x, digits: digits) }
        return cell(v)
    }

    static func cell(_ v: Value) -> String {
        switch v {
        case .number(let x): return x.isFinite ? ValueFormatting.exact(x) : ""
        case .integer(let i): return String(i)
        case .text(let s): return quote(s)
        case .money(let d): return ValueFormatting.money(d)  // "" for NaN
        case .bool(let b): return b ? "true" : "false"
        case .missing: return ""
        }
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
