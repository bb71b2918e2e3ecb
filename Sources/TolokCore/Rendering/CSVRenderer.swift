/// Renders one result table as CSV: a header of column names, then one line per row.
/// Numbers are written exactly (shortest round-trip form); missing and non-finite values are
/// empty; money has two decimals (NaN money is empty); booleans are `true`/`false`.
/// `digits` rounds non-integer numbers to that many decimals; `locale` `.id` writes the
/// Indonesian-Excel form (``IndonesianCSV``).
public enum CSVRenderer {
    public static func render(_ result: AnalysisResult, table name: String? = nil, digits: Int? = nil,
                              locale: OutputLocale = .standard) throws -> String {
        String(decoding: try renderBytes(result, table: name, digits: digits, locale: locale), as: UTF8.self)
    }

    /// The same text as UTF-8 bytes, written into one buffer (what `tolok run` writes).
    public static func renderBytes(_ result: AnalysisResult, table name: String? = nil, digits: Int? = nil,
                                   locale: OutputLocale = .standard) throws -> [UInt8] {
        let table = try result.selectTable(name)
        if locale == .id { return Array(IndonesianCSV.render(table, digits: digits).utf8) }
        var out = ByteSink(capacity: 64 + table.rows.count * max(1, table.columns.count) * 12)
        out.append(table.columns.map { quote($0.name) }.joined(separator: ","))
        out.append(UInt8(ascii: "\n"))
        for row in table.rows {
            for (c, v) in row.enumerated() {
                if c > 0 { out.append(UInt8(ascii: ",")) }
                if let digits, case .number(let x) = v, x.isFinite {
                    out.append(ValueFormatting.fixed(x, digits: digits))
                } else {
                    cell(v, into: &out)
                }
            }
            out.append(UInt8(ascii: "\n"))
        }
        return out.bytes
    }

    /// ``cell(_:)`` into the buffer.
    static func cell(_ v: Value, into out: inout ByteSink) {
        switch v {
        case .number(let x): if x.isFinite { out.append(exact: x) }
        case .integer(let i): out.append(integer: Int64(i))
        case .text(let s), .peers(_, let s): quote(s, into: &out)
        case .money(let d): out.append(money: d)
        case .bool(let b): out.append(b ? "true" as StaticString : "false")
        case .missing: break
        }
    }

    /// ``quote(_:)`` into the buffer. ASCII text without CR is checked byte by byte (each byte is
    /// one Character); other text goes through `quote` (Characters such as CRLF decide there).
    static func quote(_ s: String, into out: inout ByteSink) {
        var plain = true, needs = false
        for b in s.utf8 {
            if b >= 0x80 || b == UInt8(ascii: "\r") { plain = false; break }
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\n") { needs = true }
        }
        if plain && !needs { out.append(s); return }
        out.append(quote(s))
    }

    static func cell(_ v: Value, digits: Int?) -> String {
        if let digits, case .number(let x) = v, x.isFinite { return ValueFormatting.fixed(x, digits: digits) }
        return cell(v)
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
