/// Renders a whole result as one JSON document:
/// `{"schema_version", "tolok_version", "plugin", "version", "parameters": {…}, "<first table>": [{…}, …], "summary": {…},
/// "<other tables>": […], "notes": […]}` — keys in that order, rows as objects keyed by column.
/// Non-finite numbers and NaN money are `null`; money is a JSON number with exactly two decimals.
public enum JSONRenderer {
    public static func render(_ result: AnalysisResult) -> String {
        String(decoding: renderBytes(result), as: UTF8.self)
    }

    /// The same document as UTF-8 bytes, written into one buffer (what `tolok run` writes).
    public static func renderBytes(_ result: AnalysisResult) -> [UInt8] {
        var w = JSONWriter(capacity: result.tables.reduce(256) { $0 + $1.rowCount * max(1, $1.columns.count) * 24 })
        write(result, into: &w)
        return w.bytes
    }

    static func write(_ result: AnalysisResult, into w: inout JSONWriter) {
        w.beginObject()
        w.key("schema_version"); w.raw(String(TolokVersion.resultSchema))
        w.key("tolok_version"); w.string(TolokVersion.string)
        w.key("plugin"); w.string(result.plugin)
        w.key("version"); w.string(result.version)
        w.key("parameters"); writePairs(result.parameters, into: &w)
        for (k, table) in result.tables.enumerated() {
            if k == 1 { w.key("summary"); writePairs(result.summary, into: &w) }
            w.key(table.name)
            w.beginArray()
            writeRows(table, into: &w)
            w.endArray()
        }
        if result.tables.count < 2 { w.key("summary"); writePairs(result.summary, into: &w) }
        w.key("notes")
        w.beginArray()
        for note in result.notes { w.string(note) }
        w.endArray()
        w.endObject()
        w.newline()
    }

    /// The table's rows as objects `{"name":value,…}` separated by commas, written column by
    /// column per chunk of rows (``ColumnChunks``): the bytes of writing each row's object with
    /// ``JSONWriter/beginObject()``, ``JSONWriter/key(escaped:)`` and ``write(_:into:moneyAsText:)``.
    static func writeRows(_ table: ResultTable, into w: inout JSONWriter) {
        guard table.rowCount > 0 else { return }
        // Each column's `"name":` escaped once per table; `,` before every key but the first.
        let keys = table.columns.indices.map { c in (c == 0 ? [] : [UInt8(ascii: ",")]) + JSONWriter.keyBytes(table.columns[c].name) }
        let storage = table.columns.indices.map(table.cells)
        let dictionaries: [[[UInt8]]?] = storage.map { s in
            guard case .coded(_, let d, _) = s else { return nil }
            return d.map { text in var b = ByteSink(); JSONWriter.escape(text, into: &b); return b.bytes }
        }
        w.appendElements { sink in
            ColumnChunks.write(rowCount: table.rowCount, columns: table.columns.count, into: &sink, format: { c, rows, cells in
                formatCells(storage[c], dictionary: dictionaries[c], rows, into: &cells)
            }, assemble: { rows, cells, text in
                ColumnChunks.interleave(rows, cells, before: keys, rowStart: [UInt8(ascii: "{")], rowEnd: [UInt8(ascii: "}")],
                                        between: [UInt8(ascii: ",")], into: &text)
            })
        }
    }

    /// The JSON values of `rows` of one column, each cell's end recorded.
    static func formatCells(_ storage: ColumnStorage, dictionary: [[UInt8]]?, _ rows: Range<Int>, into cells: inout ColumnChunks.Cells) {
        var out = ByteSink()
        swap(&out.bytes, &cells.bytes)
        defer { swap(&out.bytes, &cells.bytes) }
        @inline(__always) func end() { cells.ends.append(out.bytes.count) }
        switch storage {
        case .numbers(let a, let m):
            for i in rows {
                let x = a[i]
                if m?[i] != true, x.isFinite { out.append(exact: x) } else { out.append("null" as StaticString) }
                end()
            }
        case .integers(let a, let m):
            for i in rows {
                if m?[i] != true { out.append(integer: Int64(a[i])) } else { out.append("null" as StaticString) }
                end()
            }
        case .cents(let a, let m):
            for i in rows {
                if m?[i] != true { out.append(cents: a[i]) } else { out.append("null" as StaticString) }
                end()
            }
        case .texts(let a, let m):
            for i in rows {
                if m?[i] != true { JSONWriter.escape(a[i], into: &out) } else { out.append("null" as StaticString) }
                end()
            }
        case .coded(let a, _, let m):
            let d = dictionary!
            for i in rows {
                if m?[i] != true { out.bytes.append(contentsOf: d[Int(a[i])]) } else { out.append("null" as StaticString) }
                end()
            }
        case .bools(let a, let m):
            for i in rows {
                if m?[i] != true { out.append(a[i] ? "true" as StaticString : "false") } else { out.append("null" as StaticString) }
                end()
            }
        case .values(let a):
            // A writer with no open container writes values back to back, with no separator.
            var w = JSONWriter()
            swap(&w.sink, &out)
            for i in rows {
                write(a[i], into: &w)
                cells.ends.append(w.sink.bytes.count)
            }
            swap(&w.sink, &out)
        }
    }

    static func writePairs(_ pairs: [(name: String, value: Value)], into w: inout JSONWriter) {
        w.beginObject()
        for p in pairs { w.key(p.name); write(p.value, into: &w) }
        w.endObject()
    }

    /// `moneyAsText`: money as a decimal string and peers as their text (the plugin interchange,
    /// docs/PLUGINS.md) rather than a JSON number and a structured list (the result contract).
    static func write(_ v: Value, into w: inout JSONWriter, moneyAsText: Bool = false) {
        switch v {
        case .number(let x): x.isFinite ? w.number(x) : w.raw("null")
        case .integer(let i): w.integer(i)
        case .text(let s): w.string(s)
        // The decimal digits themselves (exact cents), not a binary double's round trip.
        case .money(let d): d.isNaN ? w.raw("null") : moneyAsText ? w.string(ValueFormatting.money(d)) : w.raw(ValueFormatting.money(d))
        case .bool(let b): w.raw(b ? "true" : "false")
        // Structured in the result contract; the interchange keeps the column's text.
        case .peers(let peers, let text):
            if moneyAsText { w.string(text); break }
            w.beginArray()
            for p in peers {
                w.beginObject()
                w.key("id"); w.string(p.id)
                w.key("lambda"); p.lambda.isFinite ? w.raw(ValueFormatting.exact(p.lambda)) : w.raw("null")
                w.endObject()
            }
            w.endArray()
        case .missing: w.raw("null")
        }
    }
}

/// A minimal streaming JSON writer that keeps keys in insertion order, into one byte buffer.
struct JSONWriter {
    var sink: ByteSink
    /// Per open container: whether the next element needs a leading comma.
    private var needsComma: [Bool] = []
    /// True right after a key, when the value must follow without a comma.
    private var afterKey = false

    init(capacity: Int = 0) { sink = ByteSink(capacity: capacity) }

    /// What was written, as UTF-8 bytes.
    var bytes: [UInt8] { sink.bytes }
    /// What was written, as text.
    var text: String { String(decoding: sink.bytes, as: UTF8.self) }

    private mutating func separator() {
        guard let last = needsComma.last else { return }
        if last { sink.append(UInt8(ascii: ",")) }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func valueStart() {
        if afterKey { afterKey = false } else { separator() }
    }

    /// Elements of the open array written straight into the buffer by `body` (with their own
    /// commas); the array then counts as having elements when `body` wrote any.
    mutating func appendElements(_ body: (inout ByteSink) -> Void) {
        let before = sink.bytes.count
        body(&sink)
        if sink.bytes.count > before, !needsComma.isEmpty { needsComma[needsComma.count - 1] = true }
    }

    mutating func beginObject() { valueStart(); sink.append(UInt8(ascii: "{")); needsComma.append(false) }
    mutating func endObject() { needsComma.removeLast(); sink.append(UInt8(ascii: "}")) }
    mutating func beginArray() { valueStart(); sink.append(UInt8(ascii: "[")); needsComma.append(false) }
    mutating func endArray() { needsComma.removeLast(); sink.append(UInt8(ascii: "]")) }
    mutating func key(_ k: String) { separator(); JSONWriter.escape(k, into: &sink); sink.append(UInt8(ascii: ":")); afterKey = true }
    /// ``key(_:)`` with the bytes of ``keyBytes(_:)`` (escaped once, written per row).
    mutating func key(escaped bytes: [UInt8]) { separator(); sink.bytes.append(contentsOf: bytes); afterKey = true }
    /// What ``key(_:)`` writes for `k`: its escaped string and the colon.
    static func keyBytes(_ k: String) -> [UInt8] {
        var s = ByteSink()
        escape(k, into: &s)
        s.append(UInt8(ascii: ":"))
        return s.bytes
    }
    mutating func string(_ s: String) { valueStart(); JSONWriter.escape(s, into: &sink) }
    mutating func raw(_ s: String) { valueStart(); sink.append(s) }
    /// A finite number as ``ValueFormatting/exact(_:)``.
    mutating func number(_ x: Double) { valueStart(); sink.append(exact: x) }
    mutating func integer(_ i: Int) { valueStart(); sink.append(integer: Int64(i)) }
    /// The line break that ends a document.
    mutating func newline() { sink.append(UInt8(ascii: "\n")) }

    static func escape(_ s: String) -> String {
        var sink = ByteSink()
        escape(s, into: &sink)
        return String(decoding: sink.bytes, as: UTF8.self)
    }

    /// `"…"` with `"`, `\\`, `\n`, `\r`, `\t` escaped and other controls below U+0020 as `\u00XX`;
    /// everything else as it is (byte by byte: the UTF-8 of a scalar ≥ U+0080 never contains a
    /// byte below 0x80).
    static func escape(_ s: String, into sink: inout ByteSink) {
        sink.append(UInt8(ascii: "\""))
        // Most names and texts need no escape: one scan of the UTF-8 and one bulk copy.
        var text = s
        let plain = text.withUTF8 { buffer -> Bool in
            for b in buffer where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return false }
            sink.bytes.append(contentsOf: buffer)
            return true
        }
        if plain {
            sink.append(UInt8(ascii: "\""))
            return
        }
        let hex: [UInt8] = Array("0123456789abcdef".utf8)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): sink.append(UInt8(ascii: "\\")); sink.append(b)
            case UInt8(ascii: "\\"): sink.append(UInt8(ascii: "\\")); sink.append(b)
            case UInt8(ascii: "\n"): sink.append(UInt8(ascii: "\\")); sink.append(UInt8(ascii: "n"))
            case UInt8(ascii: "\r"): sink.append(UInt8(ascii: "\\")); sink.append(UInt8(ascii: "r"))
            case UInt8(ascii: "\t"): sink.append(UInt8(ascii: "\\")); sink.append(UInt8(ascii: "t"))
            case 0..<0x20:
                sink.append("\\u00" as StaticString)
                sink.append(hex[Int(b >> 4)]); sink.append(hex[Int(b & 15)])
            default: sink.append(b)
            }
        }
        sink.append(UInt8(ascii: "\""))
    }
}
