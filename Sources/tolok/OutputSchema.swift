import TolokCore
import TolokPluginKit

/// The JSON Schema (draft 2020-12) of `tolok run PLUGIN --format json`, generated from the
/// plugin's descriptor (its options) and its declared tables and columns, so that the schema
/// cannot drift from the code. `tolok schema PLUGIN` prints it, `tolok describe PLUGIN --format
/// json` carries it as `output_schema`, and docs/schemas/PLUGIN.schema.json holds the committed
/// copy of every built-in plugin (a test compares them; scripts/generate-schemas.sh rewrites them).
enum OutputSchema {
    static let draft = "https://json-schema.org/draft/2020-12/schema"

    static func type(_ names: String...) -> OrderedJSON {
        names.count == 1 ? .object([("type", .string(names[0]))]) : .object([("type", .array(names.map(OrderedJSON.string)))])
    }

    /// The schema of one cell of a column of this format (null: missing or non-finite).
    static func cell(_ format: ColumnFormat) -> OrderedJSON {
        switch format {
        case .number, .fraction, .money: return type("number", "null")
        case .integer: return type("integer", "null")
        case .text: return type("string", "null")
        case .bool: return type("boolean", "null")
        case .peers:
            return .object([
                ("type", .array([.string("array"), .string("null")])),
                ("items", .object([
                    ("type", .string("object")),
                    ("required", .array([.string("id"), .string("lambda")])),
                    ("properties", .object([("id", type("string")), ("lambda", type("number", "null"))])),
                    ("additionalProperties", .bool(false)),
                ])),
            ])
        }
    }

    /// Every status of the one vocabulary (docs/OUTPUT.md).
    static var status: OrderedJSON {
        .object([("enum", .array(UnitStatus.allCases.map { .string($0.rawValue) }))])
    }

    /// The echoed value of one option: a flag is a boolean, a number a number, a choice one of
    /// its words; null when neither given nor defaulted.
    static func parameter(_ spec: ParameterSpec) -> OrderedJSON {
        switch spec.kind {
        case .flag: return type("boolean")
        case .number: return type("number", "null")
        case .integer: return type("integer", "null")
        case .choice(let words): return .object([("enum", .array(words.map(OrderedJSON.string) + [.null]))])
        default: return type("string", "null")
        }
    }

    /// `slack_{inputs}` → `^slack_.+$` (one column per value of the option).
    static func pattern(_ name: String) -> String? {
        guard let open = name.firstIndex(of: "{"), let close = name.firstIndex(of: "}"), open < close else { return nil }
        func escaped(_ s: Substring) -> String {
            s.map { "\\^$.|?*+()[]{}".contains($0) ? "\\" + String($0) : String($0) }.joined()
        }
        return "^" + escaped(name[..<open]) + ".+" + escaped(name[name.index(after: close)...]) + "$"
    }

    static func table(_ declared: DeclaredTable?) -> OrderedJSON {
        var row: [(String, OrderedJSON)] = [("type", .string("object"))]
        if let declared {
            var properties: [(String, OrderedJSON)] = [], patterns: [(String, OrderedJSON)] = []
            var required: [OrderedJSON] = []
            // A bare placeholder (`{inputs}`: the option's own column names) matches any name, so
            // the table's other, fixed columns are excluded from its pattern.
            let fixed = declared.columns.map(\.name).filter { pattern($0) == nil }
            for c in declared.columns {
                let value = c.name == "status" ? status : cell(c.format)
                if var p = pattern(c.name) {
                    if p == "^.+$", !fixed.isEmpty {
                        p = "^(?!(" + fixed.map { n in n.map { "\\^$.|?*+()[]{}".contains($0) ? "\\" + String($0) : String($0) }.joined() }.joined(separator: "|") + ")$).+$"
                    }
                    if !patterns.contains(where: { $0.0 == p }) { patterns.append((p, value)) }
                } else {
                    properties.append((c.name, value))
                    if c.when == nil { required.append(.string(c.name)) }
                }
            }
            row += [("required", .array(required)), ("properties", .object(properties))]
            if !patterns.isEmpty { row.append(("patternProperties", .object(patterns))) }
            row.append(("additionalProperties", .bool(false)))
        } else {
            // Columns not declared: any name, scalar cells.
            row.append(("additionalProperties", cell(.number).merged(with: ["string", "integer", "boolean", "array"])))
        }
        return .object([("type", .string("array")), ("items", .object(row))])
    }

    /// The summary object: its declared keys (unconditional ones required, no others), or any
    /// scalar values when the plugin does not declare them.
    static func summary(_ declared: [DeclaredColumn]) -> OrderedJSON {
        guard !declared.isEmpty else {
            return .object([("type", .string("object")), ("additionalProperties", cell(.number).merged(with: ["string", "integer", "boolean"]))])
        }
        return .object([
            ("type", .string("object")),
            ("required", .array(declared.filter { $0.when == nil }.map { .string($0.name) })),
            ("properties", .object(declared.map { ($0.name, cell($0.format)) })),
            ("additionalProperties", .bool(false)),
        ])
    }

    static func schema(_ plugin: any AnalysisPlugin) -> OrderedJSON {
        let d = plugin.descriptor
        let declared = (plugin as? DeclaresResultColumns)?.declaredTables
        var parameters: [(String, OrderedJSON)] = [("data", type("string")), ("id", type("string")), ("keep-total-rows", type("boolean"))]
        parameters += d.parameters.map { ($0.name, parameter($0)) }
        var properties: [(String, OrderedJSON)] = [
            ("schema_version", .object([("const", .number(String(TolokVersion.resultSchema)))])),
            ("tolok_version", .object([("type", .string("string")), ("pattern", .string("^[0-9]+\\.[0-9]+\\.[0-9]+"))])),
            ("plugin", .object([("const", .string(d.id))])),
            ("version", .object([("type", .string("string")), ("pattern", .string("^[0-9]+\\.[0-9]+\\.[0-9]+"))])),
            ("parameters", .object([
                ("type", .string("object")),
                ("required", .array((["data"] + d.parameters.map(\.name)).map(OrderedJSON.string))),
                ("properties", .object(parameters)),
                ("additionalProperties", .bool(false)),
            ])),
            ("summary", summary((plugin as? DeclaresResultColumns)?.declaredSummary ?? [])),
            ("notes", .object([("type", .string("array")), ("items", type("string"))])),
        ]
        var required = ["schema_version", "tolok_version", "plugin", "version", "parameters", "summary", "notes"]
        for name in d.tables {
            let table = declared?.first { $0.name == name }
            properties.append((name, Self.table(table)))
            // A declared table without a condition is always there; the first table is the
            // default one of a run without options that choose another (dea --period: pairs).
            if let table, table.when == nil { required.append(name) }
        }
        return .object([
            ("$schema", .string(draft)),
            ("title", .string("tolok run \(d.id) --format json (plugin \(d.id) \(d.version), result schema \(TolokVersion.resultSchema))")),
            ("type", .string("object")),
            ("required", .array(required.map(OrderedJSON.string))),
            ("properties", .object(properties)),
            ("additionalProperties", .bool(false)),
        ])
    }
}

extension OrderedJSON {
    /// `{"type": [...]}` with further type names added.
    func merged(with names: [String]) -> OrderedJSON {
        guard case .object(let pairs) = self, case .array(let types)? = pairs.first(where: { $0.0 == "type" })?.1 else { return self }
        return .object([("type", .array(types + names.map(OrderedJSON.string)))])
    }
}
