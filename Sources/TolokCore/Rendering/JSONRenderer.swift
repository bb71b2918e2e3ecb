/// Renders a whole result as one JSON document:
/// `{"schema_version", "tolok_version", "plugin", "version", "parameters": {…}, "<first table>": [{…}, …], "summary": {…},
/// "<other tables>": […], "notes": […]}` — keys in that order, rows as objects keyed by column.
/// Non-finite numbers and NaN money are `null`; money is a JSON number with exactly two decimals.
public enum JSONRenderer {
    public static func render(_ result: AnalysisResult) -> String {
        var w = JSONWriter()
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
            for row in table.rows {
                w.beginObject()
                for (c, column) in table.columns.enumerated() { w.key(column.name); write(row[c], into: &w) }
                w.endObject()
            }
            w.endArray()
        }
        if result.tables.count < 2 { w.key("summary"); writePairs(result.summary, into: &w) }
        w.key("notes")
        w.beginArray()
        for note in result.notes { w.string(note) }
        w.endArray()
        w.endObject()
        return w.text + "\n"
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
        case .number(let x): x.isFinite ? w.raw(ValueFormatting.exact(x)) : w.raw("null")
        case .integer(let i): w.raw(String(i))
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

/// A minimal streaming JSON writer that keeps keys in insertion order.
struct JSONWriter {
    private(set) var text = ""
    /// Per open container: whether the next element needs a leading comma.
    private var needsComma: [Bool] = []
    /// True right after a key, when the value must follow without a comma.
    private var afterKey = false

    private mutating func separator() {
        guard let last = needsComma.last else { return }
        if last { text += "," }
        needsComma[needsComma.count - 1] = true
    }

    private mutating func valueStart() {
        if afterKey { afterKey = false } else { separator() }
    }

    mutating func beginObject() { valueStart(); text += "{"; needsComma.append(false) }
    mutating func endObject() { needsComma.removeLast(); text += "}" }
    mutating func beginArray() { valueStart(); text += "["; needsComma.append(false) }
    mutating func endArray() { needsComma.removeLast(); text += "]" }
    mutating func key(_ k: String) { separator(); text += JSONWriter.escape(k) + ":"; afterKey = true }
    mutating func string(_ s: String) { valueStart(); text += JSONWriter.escape(s) }
    mutating func raw(_ s: String) { valueStart(); text += s }

    static func escape(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
