import ArgumentParser
import Foundation
import TolokCore
import TolokPluginKit

/// `--format` of `tolok plugins` and `tolok describe`.
enum DiscoveryFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// A small ordered JSON value (key order is part of the output contract, docs/OUTPUT.md).
indirect enum OrderedJSON {
    case object([(String, OrderedJSON)])
    case array([OrderedJSON])
    case string(String)
    case bool(Bool)
    /// A JSON number, written as given (`1`, `0.5`).
    case number(String)
    case null

    static func optional(_ s: String?) -> OrderedJSON { s.map(OrderedJSON.string) ?? .null }

    func render(indent: Int = 0) -> String {
        let pad = String(repeating: "  ", count: indent + 1), close = String(repeating: "  ", count: indent)
        switch self {
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            return "{\n" + pairs.map { pad + Self.quote($0.0) + ": " + $0.1.render(indent: indent + 1) }.joined(separator: ",\n") + "\n" + close + "}"
        case .array(let items):
            if items.isEmpty { return "[]" }
            if items.allSatisfy({ if case .string = $0 { return true } else { return false } }) && items.count <= 12 {
                return "[" + items.map { $0.render() }.joined(separator: ", ") + "]"
            }
            return "[\n" + items.map { pad + $0.render(indent: indent + 1) }.joined(separator: ",\n") + "\n" + close + "]"
        case .string(let s): return Self.quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .number(let n): return n
        case .null: return "null"
        }
    }

    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }
}

/// The machine-readable forms of `tolok plugins` and `tolok describe`, built from each plugin's
/// `PluginDescriptor` (and, where a plugin declares them, its result columns).
enum DiscoveryJSON {
    static func kindName(_ kind: ParameterKind) -> String {
        switch kind {
        case .column: return "column"
        case .columns: return "columns"
        case .choice: return "choice"
        case .flag: return "flag"
        case .number: return "number"
        case .integer: return "integer"
        case .text: return "text"
        case .list: return "list"
        case .file: return "file"
        }
    }

    static func origin(_ plugin: any AnalysisPlugin) -> [(String, OrderedJSON)] {
        if let external = plugin as? ExternalPlugin { return [("origin", .string("external")), ("path", .string(external.path))] }
        return [("origin", .string("built-in")), ("path", .null)]
    }

    static func plugins(_ registry: PluginRegistry) -> String {
        let list: [OrderedJSON] = registry.all.map { p in
            let d = p.descriptor
            return .object([("id", .string(d.id)), ("version", .string(d.version)), ("summary", .string(d.summary))]
                           + origin(p) + [("tables", .array(d.tables.map(OrderedJSON.string)))])
        }
        return OrderedJSON.object([
            ("tolok_version", .string(TolokVersion.string)),
            ("plugins", .array(list)),
            ("load_problems", .array(registry.loadProblems.map(OrderedJSON.string))),
        ]).render() + "\n"
    }

    static func option(_ spec: ParameterSpec) -> OrderedJSON {
        var allowed: OrderedJSON = .null
        if case .choice(let options) = spec.kind { allowed = .array(options.map(OrderedJSON.string)) }
        var defaultValue = OrderedJSON.optional(spec.defaultValue)
        if spec.kind == .flag, spec.defaultValue == nil { defaultValue = .bool(false) }
        return .object([
            ("name", .string(spec.name)),
            ("flag", .string("--" + spec.name)),
            ("kind", .string(kindName(spec.kind))),
            ("required", .bool(spec.required)),
            ("default", defaultValue),
            ("allowed", allowed),
            ("values", OrderedJSON.optional(spec.values?.rawValue)),
            ("help", .string(spec.summary)),
        ])
    }

    static func describe(_ plugin: any AnalysisPlugin) -> String {
        let d = plugin.descriptor
        let declared = (plugin as? DeclaresResultColumns)?.declaredTables ?? []
        let tables: [OrderedJSON] = d.tables.enumerated().map { k, name in
            let table = declared.first { $0.name == name }
            var pairs: [(String, OrderedJSON)] = [("name", .string(name)), ("default", .bool(k == 0))]
            if let table {
                pairs.append(("when", .optional(table.when)))
                pairs.append(("columns", .array(table.columns.map { c in
                    .object([("name", .string(c.name)), ("type", .string(c.format.rawValue)), ("when", .optional(c.when)),
                             ("help", .string(c.summary))])
                })))
            } else {
                // Not declared: the columns are those of a run (`tolok run … --format json`).
                pairs.append(("when", .null))
                pairs.append(("columns", .null))
            }
            return .object(pairs)
        }
        return OrderedJSON.object([
            ("id", .string(d.id)),
            ("version", .string(d.version)),
            ("summary", .string(d.summary)),
        ] + origin(plugin) + [
            ("usage", .string("tolok run \(d.id) --data FILE [--id COLUMN] [options] [--format table|csv|json] [--output FILE] [--table NAME]")),
            ("options", .array(d.parameters.map(option))),
            ("tables", .array(tables)),
            ("references", .array(d.references.map(OrderedJSON.string))),
            ("output_schema", OutputSchema.schema(plugin)),
        ]).render() + "\n"
    }
}
