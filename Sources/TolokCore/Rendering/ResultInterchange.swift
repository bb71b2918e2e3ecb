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
                w.key("format"); w.string(c.format.rawValue)
                if let label = c.label { w.key("label"); w.string(label) }
                w.endObject()
            }
            w.endArray()
            w.key("rows"); w.beginArray()
            for row in table.rows {
                w.beginArray()
                for v in row { JSONRenderer.write(v, into: &w) }
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
            w.key("value"); JSONRenderer.write(value, into: &w)
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
        case .text: return .text
        case .money: return .money
        case .bool: return .bool
        }
    }

    /// Decodes a document produced by ``encode(_:)`` (by this or another build of Tolok, or
    /// by a plugin written in another language). Throws a description of the first problem.
    public static func decode(_ text: String) throws -> AnalysisResult {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
              let root = object as? [String: Any] else {
            throw InternalError("plugin result is not a JSON object")
        }
        guard let plugin = root["plugin"] as? String, let version = root["version"] as? String else {
            throw InternalError("plugin result lacks \"plugin\" or \"version\"")
        }
        var tables: [ResultTable] = []
        for case let t as [String: Any] in root["tables"] as? [Any] ?? [] {
            guard let name = t["name"] as? String else { throw InternalError("plugin result: a table has no name") }
            var columns: [ResultColumn] = []
            for case let c as [String: Any] in t["columns"] as? [Any] ?? [] {
                guard let cname = c["name"] as? String,
                      let format = ColumnFormat(rawValue: c["format"] as? String ?? "number") else {
                    throw InternalError("plugin result: table \(name) has a malformed column")
                }
                columns.append(ResultColumn(cname, format, label: c["label"] as? String))
            }
            var table = ResultTable(name: name, columns: columns)
            for case let r as [Any] in t["rows"] as? [Any] ?? [] {
                guard r.count == columns.count else {
                    throw InternalError("plugin result: a row of table \(name) has \(r.count) cells for \(columns.count) columns")
                }
                table.rows.append(try zip(r, columns).map { try value($0, format: $1.format) })
            }
            tables.append(table)
        }
        var summary: [(name: String, value: Value)] = []
        for case let s as [String: Any] in root["summary"] as? [Any] ?? [] {
            guard let name = s["name"] as? String else { continue }
            let format = ColumnFormat(rawValue: s["format"] as? String ?? "number") ?? .number
            summary.append((name, try value(s["value"] ?? NSNull(), format: format)))
        }
        let notes = (root["notes"] as? [Any] ?? []).compactMap { $0 as? String }
        return AnalysisResult(plugin: plugin, version: version, tables: tables, summary: summary, notes: notes)
    }

    static func value(_ any: Any, format: ColumnFormat) throws -> Value {
        if any is NSNull { return .missing }
        switch format {
        case .text:
            if let s = any as? String { return .text(s) }
        case .number, .fraction:
            if let x = (any as? NSNumber)?.doubleValue { return .number(x) }
        case .integer:
            if let i = (any as? NSNumber)?.intValue { return .integer(i) }
        case .money:
            if let s = any as? String, let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) { return .money(d) }
        case .bool:
            if let b = any as? Bool { return .bool(b) }
        }
        throw InternalError("plugin result: a \(format.rawValue) cell holds \(String(describing: any))")
    }
}
