import Foundation

/// The lossless JSON form of an ``AnalysisResult`` used across the external-plugin C ABI
/// (docs/PLUGINS.md). Unlike the user-facing JSON, it keeps column order and formats:
///
/// ```json
/// {"plugin": "ratios", "version": "1.0.0",
///  "tables": [{"name": "units",
///              "columns": [{"name": "id", "format": "text"}, {"name": "y_per_x", "format": "number"}],
///              "rows": [["A", 1.5], ["B", null]]}],
///  "summary": [{"name": "units", "format": "integer", "value": 2}],
///  "notes": ["..."]}
/// ```
/// Cell types follow the column's format: `text` strings, `number`/`fraction` numbers,
/// `integer` integers, `money` decimal strings, `bool` booleans; `null` is a missing value.
public enum ResultInterchange {
    public static func encode(_ result: AnalysisResult) -> String {
        var w = JSONWriter()
        w.beginObject()
        w.key("plugin"); w.string(result.plugin)
        w.key("version"); w.string(result.version)
        w.key("tables"); w.beginArray()
        for table in result.tables {
            w.beginObject()
            w.key("name"); w.string(table.name)
            w.key("columns"); w.beginArray()
            for c in table.columns {
                w.beginObject()
                w.key("name"); w.string(c.name)
                // Peers travel as their text (a text column) across the plugin interchange.
                w.key("format"); w.string(c.format == .peers ? ColumnFormat.text.rawValue : c.format.rawValue)
                if let label = c.label { w.key("label"); w.string(label) }
                w.endObject()
            }
            w.endArray()
            w.key("rows"); w.beginArray()
            for row in table.rows {
                w.beginArray()
                for v in row { JSONRenderer.write(v, into: &w, moneyAsText: true) }
                w.endArray()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("summary"); w.beginArray()
        for (name, value) in result.summary {
            w.beginObject()
            w.key("name"); w.string(name)
            w.key("format"); w.string(format(of: value).rawValue)
            w.key("value"); JSONRenderer.write(value, into: &w, moneyAsText: true)
            w.endObject()
        }
        w.endArray()
        w.key("notes"); w.beginArray()
        for n in result.notes { w.string(n) }
        w.endArray()
        w.endObject()
        return w.text
    }

    static func format(of v: Value) -> ColumnFormat {
        switch v {
        case .number, .missing: return .number
        case .integer: return .integer
        case .text, .peers: return .text
        case .money: return .money
        case .bool: return .bool
        }
    }

    /// Decodes a document produced by ``encode(_:)`` (by this or another build of Tolok, or
    /// by a plugin written in another language). Uses `JSONDecoder`, whose number parsing is
    /// correctly rounded (swift-corelibs' `JSONSerialization` is not: it moved 20/15.5 by 2 ulp).
    public static func decode(_ text: String) throws -> AnalysisResult {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: Data(text.utf8))
        } catch {
            throw InternalError("plugin result is not a valid result document: \(error)")
        }
        var tables: [ResultTable] = []
        for t in document.tables {
            let columns = try t.columns.map { c -> ResultColumn in
                guard let format = ColumnFormat(rawValue: c.format ?? "number") else {
                    throw InternalError("plugin result: column \(c.name) of table \(t.name) has unknown format \(c.format ?? "")")
                }
                return ResultColumn(c.name, format, label: c.label)
            }
            var rows: [[Value]] = []
            rows.reserveCapacity(t.rows.count)
            for r in t.rows {
                guard r.count == columns.count else {
                    throw InternalError("plugin result: a row of table \(t.name) has \(r.count) cells for \(columns.count) columns")
                }
                rows.append(try zip(r, columns).map { try $0.value(as: $1.format) })
            }
            tables.append(ResultTable(name: t.name, columns: columns, rows: rows))
        }
        let summary = try (document.summary ?? []).map { s -> (name: String, value: Value) in
            (s.name, try s.value.value(as: ColumnFormat(rawValue: s.format ?? "number") ?? .number))
        }
        return AnalysisResult(plugin: document.plugin, version: document.version, tables: tables,
                              summary: summary, notes: document.notes ?? [])
    }

    private struct Document: Decodable {
        var plugin: String
        var version: String
        var tables: [Table]
        var summary: [SummaryItem]?
        var notes: [String]?
    }
    private struct Table: Decodable {
        var name: String
        var columns: [ColumnEntry]
        var rows: [[Cell]]
    }
    private struct ColumnEntry: Decodable {
        var name: String
        var format: String?
        var label: String?
    }
    private struct SummaryItem: Decodable {
        var name: String
        var format: String?
        var value: Cell
    }
    private enum Cell: Decodable {
        case null, bool(Bool), number(Double), string(String)

        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { self = .null }
            else if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let x = try? c.decode(Double.self) { self = .number(x) }
            else { self = .string(try c.decode(String.self)) }
        }

        func value(as format: ColumnFormat) throws -> Value {
            switch (self, format) {
            case (.null, _): return .missing
            case (.string(let s), .text): return .text(s)
            case (.number(let x), .number), (.number(let x), .fraction): return .number(x)
            case (.number(let x), .integer) where x == x.rounded() && abs(x) < 9e15: return .integer(Int(x))
            case (.string(let s), .money):
                if let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) { return .money(d) }
            case (.bool(let b), .bool): return .bool(b)
            default: break
            }
            throw InternalError("plugin result: a \(format.rawValue) cell holds \(self)")
        }
    }
}
