import Foundation
import TolokCore

/// Reads a suite file (YAML or JSON) into a ``CheckSuite``. Every structural problem (an unknown
/// key, a missing field, a bad tolerance) is a ``SuiteError`` naming the file and line.
public enum SuiteParser {
    public static func load(path: String) throws -> CheckSuite {
        let root = try SuiteDocument.load(path: path)
        return try parse(root, path: path)
    }

    public static func parse(_ root: SuiteNode, path: String) throws -> CheckSuite {
        let p = Reader(file: path)
        try p.keys(root, allowed: ["suite", "description", "defaults", "cases"], what: "the suite")
        // Without a tolerance a reference holds to its printed digits: "0.882708" means 0.882708 ± 5e-7.
        var defaultTolerance = Tolerance(printed: true)
        if let defaults = root["defaults"] {
            try p.keys(defaults, allowed: ["tolerance"], what: "defaults")
            if let t = defaults["tolerance"] { defaultTolerance = try p.tolerance(t) }
        }
        guard let casesNode = root["cases"] else { throw p.error(root, "the suite has no \"cases\" list") }
        guard let items = casesNode.items else { throw p.error(casesNode, "\"cases\" must be a list, got \(casesNode.kindName)") }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
        var cases: [CheckCase] = []
        for item in items {
            let c = try p.checkCase(item, folder: folder, defaultTolerance: defaultTolerance)
            if cases.contains(where: { $0.name == c.name }) { throw p.error(item, "duplicate case name \"\(c.name)\"") }
            cases.append(c)
        }
        let name = try root["suite"].map { try p.string($0, "suite") } ?? URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        return CheckSuite(name: name, path: path, cases: cases)
    }

    /// Splits an argument string at blanks; single or double quotes group words.
    public static func splitArguments(_ text: String) -> [String] {
        var out: [String] = [], current = "", quote: Character?, inWord = false
        for ch in text {
            if let q = quote {
                if ch == q { quote = nil } else { current.append(ch) }
            } else if ch == "\"" || ch == "'" {
                quote = ch
                inWord = true
            } else if ch == " " || ch == "\t" || ch == "\n" {
                if inWord { out.append(current); current = ""; inWord = false }
            } else {
                current.append(ch)
                inWord = true
            }
        }
        if inWord { out.append(current) }
        return out
    }

    /// Parses a path: a list of steps, or a string of `/`-separated keys and indices.
    static func pathSteps(_ node: SuiteNode, _ p: Reader) throws -> [PathStep] {
        if let text = node.text {
            return text.split(separator: "/").map { part in Int(part).map(PathStep.index) ?? .key(String(part)) }
        }
        guard let items = node.items else { throw p.error(node, "a path must be text (a/b/0) or a list, got \(node.kindName)") }
        return try items.map { step in
            if let entries = step.entries {
                return .select(try entries.map { ($0.key, try p.string($0.value, $0.key)) })
            }
            let text = try p.string(step, "path step")
            if !(step.isQuotedScalar), let i = Int(text) { return .index(i) }
            return .key(text)
        }
    }

    final class Reader {
        let file: String
        init(file: String) { self.file = file }

        func error(_ node: SuiteNode, _ message: String) -> SuiteError { SuiteError(file: file, line: node.line, message) }

        func keys(_ node: SuiteNode, allowed: [String], what: String) throws {
            guard let entries = node.entries else { throw error(node, "\(what) must be a mapping, got \(node.kindName)") }
            for (key, value) in entries where !allowed.contains(key) {
                throw error(value, "unknown key \"\(key)\" in \(what) (expected one of: \(allowed.joined(separator: ", ")))")
            }
        }

        func string(_ node: SuiteNode, _ what: String) throws -> String {
            guard let s = node.text else { throw error(node, "\"\(what)\" must be text, got \(node.kindName)") }
            return s
        }

        func bool(_ node: SuiteNode, _ what: String) throws -> Bool {
            switch node.text?.lowercased() {
            case "true", "yes": return true
            case "false", "no": return false
            default: throw error(node, "\"\(what)\" must be true or false")
            }
        }

        func number(_ node: SuiteNode, _ what: String) throws -> Double {
            guard let s = node.text, let x = Double(s), x.isFinite, x >= 0 else {
                throw error(node, "\"\(what)\" must be a non-negative number, got \(node.text.map { "\"\($0)\"" } ?? node.kindName)")
            }
            return x
        }

        func tolerance(_ node: SuiteNode) throws -> Tolerance {
            if let entries = node.entries {
                try keys(node, allowed: ["absolute", "relative", "printed"], what: "a tolerance")
                var t = Tolerance()
                for (key, value) in entries {
                    switch key {
                    case "absolute": t.absolute = try number(value, key)
                    case "relative": t.relative = try number(value, key)
                    default: t.printed = try bool(value, key)
                    }
                }
                return t
            }
            guard let text = node.text else { throw error(node, "a tolerance must be text or a mapping, got \(node.kindName)") }
            if let x = Double(text) {
                guard x.isFinite, x >= 0 else { throw error(node, "a tolerance must be non-negative, got \"\(text)\"") }
                return Tolerance(absolute: x)
            }
            var t = Tolerance()
            let words = text.split(whereSeparator: { $0 == " " || $0 == "," || $0 == "|" || $0 == "+" }).map(String.init)
            var k = 0
            while k < words.count {
                switch words[k] {
                case "printed": t.printed = true; k += 1
                case "exact": t.absolute = max(t.absolute ?? 0, 0); k += 1
                case "abs", "absolute", "rel", "relative":
                    guard k + 1 < words.count, let x = Double(words[k + 1]), x.isFinite, x >= 0 else {
                        throw error(node, "tolerance \"\(text)\": \"\(words[k])\" needs a non-negative number after it")
                    }
                    if words[k].hasPrefix("abs") { t.absolute = x } else { t.relative = x }
                    k += 2
                default:
                    throw error(node, "tolerance \"\(text)\" not understood (use e.g. printed, abs 1e-6, rel 1e-9, or a mapping {absolute:, relative:, printed:})")
                }
            }
            return t
        }

        /// Expected values written inline: `values: {A: 1, B: 0.5}` or `values: [1, 0.5]`.
        func inline(_ node: SuiteNode) throws -> ExpectedValues {
            if let entries = node.entries {
                return .inline(keyed: try entries.map { ($0.key, try scalar($0.value)) }, ordered: nil)
            }
            if let items = node.items { return .inline(keyed: nil, ordered: try items.map { try scalar($0) }) }
            throw error(node, "\"values\" must be a mapping (key: value) or a list, got \(node.kindName)")
        }

        func scalar(_ node: SuiteNode) throws -> ExpectedText {
            if node.isNull { return nil }
            guard let s = node.text else { throw error(node, "an expected value must be a scalar or null, got \(node.kindName)") }
            return s
        }

        func checkCase(_ node: SuiteNode, folder: URL, defaultTolerance: Tolerance) throws -> CheckCase {
            try keys(node, allowed: ["name", "plugin", "data", "id", "args", "decimal_comma", "table", "key", "reference", "rename", "rows",
                                     "tolerance", "columns", "summary", "status", "description"], what: "a case")
            guard let nameNode = node["name"] else { throw error(node, "a case needs a \"name\"") }
            let name = try string(nameNode, "name")
            func required(_ key: String) throws -> SuiteNode {
                guard let v = node[key] else { throw error(node, "case \"\(name)\" needs \"\(key)\"") }
                return v
            }
            func resolve(_ relative: String) -> String {
                relative.hasPrefix("/") ? relative : folder.appendingPathComponent(relative).standardizedFileURL.path
            }
            let plugin = try string(try required("plugin"), "plugin")
            let data = resolve(try string(try required("data"), "data"))
            var arguments: [String] = []
            if let a = node["args"] {
                if let text = a.text { arguments = SuiteParser.splitArguments(text) }
                else if let items = a.items { arguments = try items.map { try string($0, "args") } }
                else if !a.isNull { throw error(a, "\"args\" must be text or a list, got \(a.kindName)") }
            }
            let tolerance = try node["tolerance"].map { try self.tolerance($0) } ?? defaultTolerance
            var reference: ReferenceSource?
            if let r = node["reference"] {
                let file: String, key: String?, at: SuiteNode?
                if let text = r.text {
                    (file, key, at) = (text, nil, nil)
                } else {
                    try keys(r, allowed: ["file", "key", "at"], what: "a reference")
                    guard let f = r["file"] else { throw error(r, "a reference needs a \"file\"") }
                    file = try string(f, "file")
                    key = try r["key"].map { try string($0, "key") }
                    at = r["at"]
                }
                let path = resolve(file)
                if file.lowercased().hasSuffix(".json") {
                    if key != nil { throw error(r, "\"key\" applies to CSV references; a JSON reference is joined by its mapping keys or by order") }
                    reference = .json(path: path, at: try at.map { try SuiteParser.pathSteps($0, self) } ?? [])
                } else {
                    if at != nil { throw error(r, "\"at\" applies to JSON references") }
                    reference = .csv(path: path, key: key)
                }
            }
            var rename: [String: String] = [:]
            if let r = node["rename"] {
                guard let entries = r.entries else { throw error(r, "\"rename\" must be a mapping from reference key to result key") }
                for (k, v) in entries { rename[k] = try string(v, k) }
            }
            var rows: [String]?
            if let r = node["rows"] {
                guard let items = r.items else { throw error(r, "\"rows\" must be a list of reference keys") }
                rows = try items.map { try string($0, "rows") }
            }
            var columns: [ColumnCheck] = []
            if let c = node["columns"] {
                guard let entries = c.entries else { throw error(c, "\"columns\" must be a mapping from result column to expected values") }
                for (column, spec) in entries {
                    for one in spec.items ?? [spec] {
                        let (expected, t) = try self.expected(one, scalarIsValue: false, reference: reference, tolerance: tolerance, what: "column \"\(column)\"")
                        columns.append(ColumnCheck(column: column, expected: expected, tolerance: t, line: one.line))
                    }
                }
            }
            var summary: [SummaryCheck] = []
            if let s = node["summary"] {
                guard let entries = s.entries else { throw error(s, "\"summary\" must be a mapping from summary name to expected value") }
                for (name, spec) in entries {
                    let row = try spec["row"].map { try string($0, "row") }
                    var specNode = spec
                    if case .mapping(let e) = spec.kind { specNode.kind = .mapping(e.filter { $0.key != "row" }) }
                    let (expected, t) = try self.expected(specNode, scalarIsValue: true, reference: reference, tolerance: tolerance, what: "summary \"\(name)\"")
                    if case .inline = expected { throw error(spec, "summary \"\(name)\": \"values\" is for columns; use \"value\"") }
                    if case .csv? = reference, case .reference = expected, row == nil {
                        throw error(spec, "summary \"\(name)\": a CSV reference needs \"row\" (the reference key of the row holding the value)")
                    }
                    summary.append(SummaryCheck(name: name, expected: expected, row: row, tolerance: t, line: spec.line))
                }
            }
            var statuses: [(String, String)] = []
            if let s = node["status"] {
                if let text = s.text { statuses = [("*", text)] }
                else if let entries = s.entries { statuses = try entries.map { ($0.key, try string($0.value, "status")) } }
                else { throw error(s, "\"status\" must be a status (for every row) or a mapping from row key (or \"*\") to status") }
                for (_, st) in statuses where !UnitStatus.allCases.map(\.rawValue).contains(st) {
                    throw error(s, "unknown status \"\(st)\" (expected one of: \(UnitStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            if columns.isEmpty && summary.isEmpty && statuses.isEmpty {
                throw error(node, "case \"\(name)\" checks nothing: give \"columns\", \"summary\" or \"status\"")
            }
            return CheckCase(name: name, line: node.line, plugin: plugin, data: data, id: try node["id"].map { try string($0, "id") },
                             arguments: arguments, decimalComma: try node["decimal_comma"].map { try bool($0, "decimal_comma") } ?? false,
                             table: try node["table"].map { try string($0, "table") }, key: try node["key"].map { try string($0, "key") },
                             reference: reference, rename: rename, rows: rows, columns: columns, summary: summary, statuses: statuses)
        }

        /// One expected-value spec: a scalar (a reference column / path, or for summaries an
        /// inline value), or a mapping with `from`, `values` or `value`, and `tolerance`.
        func expected(_ node: SuiteNode, scalarIsValue: Bool, reference: ReferenceSource?, tolerance: Tolerance,
                      what: String) throws -> (ExpectedValues, Tolerance) {
            func fromReference(_ pathNode: SuiteNode) throws -> ExpectedValues {
                guard let reference else { throw error(pathNode, "\(what): \"from\" needs a \"reference\" file in the case") }
                switch reference {
                case .csv:
                    return .reference(try string(pathNode, "from"), path: [])
                case .json:
                    return .reference(pathNode.text ?? "", path: try SuiteParser.pathSteps(pathNode, self))
                }
            }
            if node.entries == nil {
                if node.isNull || scalarIsValue { return (.value(try scalar(node)), tolerance) }
                return (try fromReference(node), tolerance)
            }
            try keys(node, allowed: ["from", "values", "value", "tolerance"], what: what)
            let t = try node["tolerance"].map { try self.tolerance($0) } ?? tolerance
            let given = ["from", "values", "value"].filter { node[$0] != nil }
            guard given.count == 1 else { throw error(node, "\(what): give exactly one of \"from\", \"values\" or \"value\"") }
            switch given[0] {
            case "from": return (try fromReference(node["from"]!), t)
            case "values": return (try inline(node["values"]!), t)
            default:
                if !scalarIsValue { throw error(node, "\(what): \"value\" is for summaries; a column takes \"values\"") }
                return (.value(try scalar(node["value"]!)), t)
            }
        }
    }
}

extension SuiteNode {
    var isQuotedScalar: Bool {
        if case .scalar(_, let quoted) = kind { return quoted }
        return false
    }
}
