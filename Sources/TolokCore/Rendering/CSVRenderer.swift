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
        var out = ByteSink(capacity: 64 + table.rowCount * max(1, table.columns.count) * 12)
        out.append(table.columns.map { quote($0.name) }.joined(separator: ","))
        out.append(UInt8(ascii: "\n"))
        // Column by column per chunk of rows (ColumnChunks), then interleaved into lines.
        let storage = table.columns.indices.map(table.cells)
        // Dictionary-coded text: each distinct string quoted once.
        let dictionaries: [[[UInt8]]?] = storage.map { s in
            guard case .coded(_, let d, _) = s else { return nil }
            return d.map { text in var b = ByteSink(); quote(text, into: &b); return b.bytes }
        }
        let separators: [[UInt8]] = table.columns.indices.map { $0 == 0 ? [] : [UInt8(ascii: ",")] }
        ColumnChunks.write(rowCount: table.rowCount, columns: table.columns.count, into: &out, format: { c, rows, cells in
            formatCells(storage[c], dictionary: dictionaries[c], rows, digits: digits, into: &cells)
        }, assemble: { rows, cells, text in
            ColumnChunks.interleave(rows, cells, before: separators, rowStart: [], rowEnd: [UInt8(ascii: "\n")], between: [], into: &text)
        })
        return out.bytes
    }

    /// The CSV cells of `rows` of one column, each cell's end recorded.
    static func formatCells(_ storage: ColumnStorage, dictionary: [[UInt8]]?, _ rows: Range<Int>, digits: Int?,
                            into cells: inout ColumnChunks.Cells) {
        var out = ByteSink()
        swap(&out.bytes, &cells.bytes)
        defer { swap(&out.bytes, &cells.bytes) }
        @inline(__always) func end() { cells.ends.append(out.bytes.count) }
        switch storage {
        case .numbers(let a, let m):
            for i in rows {
                let x = a[i]
                if m?[i] != true, x.isFinite {
                    if let digits { out.append(ValueFormatting.fixed(x, digits: digits)) } else { out.append(exact: x) }
                }
                end()
            }
        case .integers(let a, let m):
            for i in rows {
                if m?[i] != true { out.append(integer: Int64(a[i])) }
                end()
            }
        case .cents(let a, let m):
            for i in rows {
                if m?[i] != true { out.append(cents: a[i]) }
                end()
            }
        case .texts(let a, let m):
            for i in rows {
                if m?[i] != true { quote(a[i], into: &out) }
                end()
            }
        case .coded(let a, _, let m):
            let d = dictionary!
            for i in rows {
                if m?[i] != true { out.bytes.append(contentsOf: d[Int(a[i])]) }
                end()
            }
        case .bools(let a, let m):
            for i in rows {
                if m?[i] != true { out.append(a[i] ? "true" as StaticString : "false") }
                end()
            }
        case .values(let a):
            for i in rows {
                let v = a[i]
                if let digits, case .number(let x) = v, x.isFinite {
                    out.append(ValueFormatting.fixed(x, digits: digits))
                } else {
                    cell(v, into: &out)
                }
                end()
            }
        }
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
