/// Renders one result table as CSV: a header of column names, then one line per row.
/// Numbers are written exactly (shortest round-trip form); missing and non-finite values are
/// empty; money has two decimals (NaN money is empty); booleans are `true`/`false`.
public enum CSVRenderer {
    public static func render(_ result: AnalysisResult, table name: String? = nil) throws -> String {
        let table = try result.selectTable(name)
        var out = table.columns.map { quote($0.name) }.joined(separator: ",") + "\n"
        for row in table.rows {
            out += row.map(cell).joined(separator: ",") + "\n"
        }
        return out
    }

    static func cell(_ v: Value) -> String {
        switch v {
        case .number(let x): return x.isFinite ? ValueFormatting.exact(x) : ""
        case .integer(let i): return String(i)
        case .text(let s), .peers(_, let s): return quote(s)
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
