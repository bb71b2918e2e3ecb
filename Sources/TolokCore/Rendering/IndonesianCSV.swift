/// CSV for Excel in an Indonesian locale (`--format csv --locale id`): `;` between fields, a
/// decimal comma (`0,8532`, money `1234567,50`; no thousands separators, so that every reader
/// with `decimal=','` gets the same numbers), a UTF-8 byte-order mark (Excel then reads the
/// text as UTF-8), ISO dates in text cells (`2025-03-31`) as `31/03/2025`, and empty cells for
/// missing values and for `—`. Line ends are `\r\n`, as Excel writes.
enum IndonesianCSV {
    static let byteOrderMark = "\u{FEFF}"

    static func render(_ table: ResultTable, digits: Int?) -> String {
        var out = byteOrderMark + table.columns.map { quote($0.name) }.joined(separator: ";") + "\r\n"
        for row in table.rows {
            out += row.map { cell($0, digits: digits) }.joined(separator: ";") + "\r\n"
        }
        return out
    }

    static func cell(_ v: Value, digits: Int?) -> String {
        switch v {
        case .number(let x):
            guard x.isFinite else { return "" }
            return comma(digits.map { ValueFormatting.fixed(x, digits: $0) } ?? ValueFormatting.exact(x))
        case .integer(let i): return String(i)
        case .money(let d): return comma(ValueFormatting.money(d))
        case .bool(let b): return b ? "true" : "false"
        case .missing: return ""
        case .text(let s), .peers(_, let s):
            if s == "—" { return "" }
            return quote(date(s) ?? s)
        }
    }

    static func comma(_ s: String) -> String { s.replacingOccurrences(of: ".", with: ",") }

    /// `yyyy-mm-dd` → `dd/mm/yyyy`; nil for any other text.
    static func date(_ s: String) -> String? {
        let u = Array(s.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        let digits = [0, 1, 2, 3, 5, 6, 8, 9]
        guard digits.allSatisfy({ u[$0] >= UInt8(ascii: "0") && u[$0] <= UInt8(ascii: "9") }) else { return nil }
        let y = String(s.prefix(4)), m = String(s.dropFirst(5).prefix(2)), d = String(s.suffix(2))
        guard let mm = Int(m), (1...12).contains(mm), let dd = Int(d), (1...31).contains(dd) else { return nil }
        return d + "/" + m + "/" + y
    }

    static func quote(_ s: String) -> String {
        guard s.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
