import Foundation
import TolokCore

/// One value compared.
public struct Comparison: Sendable {
    /// What was compared, e.g. `efficiency[C]`, `summary.gamma`, `status[D4]`.
    public var label: String
    public var expected: String
    public var actual: String
    /// |x − ref| for numbers.
    public var difference: Double?
    /// The admissible difference for numbers.
    public var bound: Double?
    public var holds: Bool
    /// For failures that are not a value mismatch (a missing row or column).
    public var problem: String?

    /// difference / bound (0 when equal; ∞ for a nonzero difference with a zero bound).
    public var toleranceUsed: Double? {
        guard let difference, let bound else { return nil }
        if difference == 0 { return 0 }
        return bound > 0 ? difference / bound : .infinity
    }
}

public enum Verdict: Sendable, Equatable {
    case pass
    case fail
    /// The case could not be run or its reference not read.
    case error(String)

    public var word: String {
        switch self {
        case .pass: return "pass"
        case .fail: return "FAIL"
        case .error: return "ERROR"
        }
    }
}

public struct CaseReport: Sendable {
    public var name: String
    public var plugin: String
    public var comparisons: [Comparison]
    public var verdict: Verdict
    public var seconds: Double

    public var failures: [Comparison] { comparisons.filter { !$0.holds } }

    /// The numeric comparison that used the largest share of its tolerance.
    public var worst: Comparison? {
        comparisons.filter { $0.difference != nil }.max { ($0.toleranceUsed ?? 0, $0.difference ?? 0) < ($1.toleranceUsed ?? 0, $1.difference ?? 0) }
    }
}

public struct SuiteReport: Sendable {
    public var suite: String
    public var cases: [CaseReport]
    public var seconds: Double
    public var allHold: Bool { cases.allSatisfy { $0.verdict == .pass } }
}

/// Runs suite cases in-process through ``AnalysisRunner`` and compares their results.
public final class CheckRunner {
    let registry: PluginRegistry
    private var documents: [String: SuiteNode] = [:]
    private var datasets: [String: Dataset] = [:]

    public init(registry: PluginRegistry) { self.registry = registry }

    public func run(_ suite: CheckSuite, only names: [String] = []) -> SuiteReport {
        let start = Date()
        let selected = names.isEmpty ? suite.cases : suite.cases.filter { c in names.contains { c.name == $0 || c.name.hasPrefix($0) } }
        let reports = selected.map(run)
        return SuiteReport(suite: suite.name, cases: reports, seconds: Date().timeIntervalSince(start))
    }

    public func run(_ c: CheckCase) -> CaseReport {
        let start = Date()
        var comparisons: [Comparison] = []
        let verdict: Verdict
        do {
            comparisons = try evaluate(c)
            verdict = comparisons.allSatisfy(\.holds) ? .pass : .fail
        } catch let e as UserFacingError {
            verdict = .error(e.description)
        } catch {
            verdict = .error("\(error)")
        }
        return CaseReport(name: c.name, plugin: c.plugin, comparisons: comparisons, verdict: verdict, seconds: Date().timeIntervalSince(start))
    }

    // MARK: Evaluation

    func evaluate(_ c: CheckCase) throws -> [Comparison] {
        var invocation = RunInvocation(pluginID: c.plugin, dataPath: c.data, idColumn: c.id,
                                       csvOptions: CSVOptions(numberFormat: c.decimalComma ? .decimalComma : nil),
                                       pluginArguments: c.arguments)
        invocation.progress = nil
        let result = try AnalysisRunner.run(invocation, registry: registry)
        let needsTable = !c.columns.isEmpty || !c.statuses.isEmpty
        var table: ResultTable?
        if needsTable {
            if let name = c.table {
                guard let t = result.table(name) else {
                    throw UsageError("the result has no table \"\(name)\" (tables: \(result.tables.map(\.name).joined(separator: ", ")))")
                }
                table = t
            } else {
                guard let t = result.tables.first else { throw UsageError("the result has no table") }
                table = t
            }
        }
        let keys = try table.map { try resultKeys($0, spec: c.key) } ?? []
        var out: [Comparison] = []

        // The reference record, once per case.
        var csvReference: (dataset: Dataset, keys: [String])?
        var jsonRecord: SuiteNode?
        var jsonPath = ""
        switch c.reference {
        case .csv(let path, let key)?:
            let d = try dataset(path)
            csvReference = (d, try referenceKeys(d, spec: key))
        case .json(let path, let at)?:
            jsonRecord = try locate(try document(path), at, file: path)
            jsonPath = path
        case nil: break
        }

        for check in c.columns {
            guard let table else { break }
            guard let k = table.columnIndex(check.column) else {
                out.append(Comparison(label: check.column, expected: "a column", actual: "none", holds: false,
                                      problem: "the result table \"\(table.name)\" has no column \"\(check.column)\""))
                continue
            }
            var expected = try expectedList(check.expected, csv: csvReference, json: jsonRecord, jsonFile: jsonPath, what: "column \"\(check.column)\"")
            if let only = c.rows { expected.keyed = expected.keyed.map { list in list.filter { only.contains($0.0) } } }
            expected.keyed = expected.keyed.map { list in list.map { (c.rename[$0.0] ?? $0.0, $0.1) } }
            if c.key == "order", let keyed = expected.keyed { expected = (nil, keyed.map(\.1)) }
            if let keyed = expected.keyed {
                for (key, text) in keyed {
                    guard let r = keys.firstIndex(of: key) else {
                        out.append(Comparison(label: "\(check.column)[\(key)]", expected: text ?? "missing", actual: "no such row", holds: false,
                                              problem: "no row with key \"\(key)\" in table \"\(table.name)\""))
                        continue
                    }
                    out.append(compare("\(check.column)[\(key)]", table[r, k], text, check.tolerance))
                }
            } else if let ordered = expected.ordered {
                // Joined by order: a reference may cover the first rows only (coefficients of the
                // frontier before σ², γ); joined by a list, it must cover every row.
                let short = ordered.count < table.rowCount && c.key == "order"
                if ordered.count != table.rowCount && !short {
                    out.append(Comparison(label: "\(check.column) rows", expected: "\(ordered.count)", actual: "\(table.rowCount)",
                                          holds: false,
                                          problem: "\(ordered.count) expected values for \(table.rowCount) rows of table \"\(table.name)\""))
                }
                for (r, text) in ordered.enumerated() where r < table.rowCount {
                    out.append(compare("\(check.column)[\(keys[r])]", table[r, k], text, check.tolerance))
                }
            }
        }

        for check in c.summary {
            let text: ExpectedText
            switch check.expected {
            case .value(let v): text = v
            case .reference(let column, let path):
                if let csvReference {
                    guard let row = check.row, let r = csvReference.keys.firstIndex(of: row) else {
                        throw UsageError("summary \"\(check.name)\": no row \"\(check.row ?? "")\" in \(csvReference.dataset.source)")
                    }
                    guard csvReference.dataset.hasColumn(column) else { throw UsageError("\(csvReference.dataset.source): no column \"\(column)\"") }
                    let cell = try csvReference.dataset.column(column).raw[r]
                    text = cell.isEmpty ? nil : cell
                    break
                }
                guard let jsonRecord else { throw UsageError("summary \"\(check.name)\": \"from\" needs a reference") }
                let node = try locate(jsonRecord, path, file: jsonPath)
                guard node.isNull || node.text != nil else {
                    throw UsageError("\(jsonPath): \(path.map(\.description).joined(separator: "/")) is \(node.kindName), not a value")
                }
                text = node.text
            case .inline: continue
            }
            guard let value = result.summaryValue(check.name) else {
                out.append(Comparison(label: "summary.\(check.name)", expected: text ?? "missing", actual: "none", holds: false,
                                      problem: "the result has no summary value \"\(check.name)\""))
                continue
            }
            out.append(compare("summary.\(check.name)", value, text, check.tolerance))
        }

        if !c.statuses.isEmpty, let table {
            guard let s = table.columnIndex("status") else { throw UsageError("table \"\(table.name)\" has no status column") }
            let others = c.statuses.first { $0.0 == "*" }?.1
            for (key, _) in c.statuses where key != "*" && !keys.contains(key) {
                out.append(Comparison(label: "status[\(key)]", expected: "a row", actual: "none", holds: false,
                                      problem: "no row with key \"\(key)\" in table \"\(table.name)\""))
            }
            for (r, key) in keys.enumerated() {
                guard let want = c.statuses.first(where: { $0.0 == key })?.1 ?? others else { continue }
                let got = Self.text(table[r, s]) ?? "missing"
                out.append(Comparison(label: "status[\(key)]", expected: want, actual: got, holds: got == want))
            }
        }
        return out
    }

    /// Compares one result value with one reference text.
    func compare(_ label: String, _ value: Value, _ expected: ExpectedText, _ tolerance: Tolerance) -> Comparison {
        let actualText = Self.text(value)
        guard let expected, !expected.isEmpty, expected != "NA" else {
            let missing = actualText == nil
            return Comparison(label: label, expected: "missing", actual: actualText ?? "missing", holds: missing)
        }
        if let ref = Double(expected.trimmingCharacters(in: .whitespaces)), ref.isFinite {
            guard let x = value.double, x.isFinite else {
                return Comparison(label: label, expected: expected, actual: actualText ?? "missing", holds: false)
            }
            let difference = abs(x - ref)
            let bound = tolerance.bound(reference: ref, text: expected)
            return Comparison(label: label, expected: expected, actual: actualText ?? "\(x)", difference: difference, bound: bound,
                              holds: difference <= bound)
        }
        return Comparison(label: label, expected: expected, actual: actualText ?? "missing", holds: actualText == expected)
    }

    /// A result value as text (nil when missing or non-finite).
    static func text(_ value: Value) -> String? {
        switch value {
        case .number(let x): return x.isFinite ? "\(x)" : nil
        case .integer(let i): return "\(i)"
        case .text(let s), .peers(_, let s): return s
        case .money(let d): return "\(d)"
        case .bool(let b): return b ? "true" : "false"
        case .missing: return nil
        }
    }

    // MARK: Keys

    func resultKeys(_ table: ResultTable, spec: String?) throws -> [String] {
        guard let spec, spec != "order" else {
            return table.rows.enumerated().map { r, row in row.first.flatMap(Self.text) ?? "\(r + 1)" }
        }
        let names = table.columns.map(\.name)
        return try table.rows.map { row in
            try Self.fill(spec, names: names, cell: { Self.text(row[$0]) ?? "" }, what: "table \"\(table.name)\"")
        }
    }

    func referenceKeys(_ d: Dataset, spec: String?) throws -> [String] {
        let names = d.columnNames
        guard let first = names.first else { throw UsageError("\(d.source): no columns") }
        let spec = spec ?? first
        return try (0..<d.rowCount).map { r in try Self.fill(spec, names: names, cell: { d.columns[$0].raw[r] }, what: d.source) }
    }

    /// A key from a column name or a `{column}` template.
    static func fill(_ spec: String, names: [String], cell: (Int) -> String, what: String) throws -> String {
        guard spec.contains("{") else {
            guard let k = names.firstIndex(of: spec) else { throw UsageError("\(what) has no key column \"\(spec)\" (columns: \(names.joined(separator: ", ")))") }
            return cell(k)
        }
        var out = "", name = "", inside = false
        for ch in spec {
            if inside {
                if ch == "}" {
                    guard let k = names.firstIndex(of: name) else { throw UsageError("\(what) has no column \"\(name)\" for key \"\(spec)\"") }
                    out += cell(k)
                    name = ""
                    inside = false
                } else { name.append(ch) }
            } else if ch == "{" { inside = true } else { out.append(ch) }
        }
        return out
    }

    // MARK: References

    func dataset(_ path: String) throws -> Dataset {
        if let d = datasets[path] { return d }
        let d = try CSVLoader.load(path: path)
        datasets[path] = d
        return d
    }

    func document(_ path: String) throws -> SuiteNode {
        if let d = documents[path] { return d }
        let d = try SuiteDocument.load(path: path)
        documents[path] = d
        return d
    }

    func locate(_ node: SuiteNode, _ path: [PathStep], file: String) throws -> SuiteNode {
        var current = node
        var walked: [String] = []
        for step in path {
            walked.append(step.description)
            let here = walked.joined(separator: "/")
            switch step {
            case .key(let k):
                if let v = current[k] { current = v; continue }
                if let items = current.items, let i = Int(k), items.indices.contains(i) { current = items[i]; continue }
                throw UsageError("\(file): no \"\(k)\" at \(here)" + (current.entries.map { " (keys: \($0.map(\.key).prefix(12).joined(separator: ", ")))" } ?? ""))
            case .index(let i):
                guard let items = current.items, items.indices.contains(i) else { throw UsageError("\(file): no element \(i) at \(here)") }
                current = items[i]
            case .select(let pairs):
                guard let items = current.items else { throw UsageError("\(file): \(here) is not a list") }
                let matches = items.filter { item in
                    pairs.allSatisfy { field, want in
                        guard let got = item[field]?.text else { return false }
                        return want.hasSuffix("*") ? got.hasPrefix(want.dropLast()) : got == want
                    }
                }
                guard matches.count == 1 else {
                    throw UsageError("\(file): \(matches.isEmpty ? "no" : "\(matches.count)") elements match \(here)" + (matches.isEmpty ? "" : " (make the selector unique)"))
                }
                current = matches[0]
            }
        }
        return current
    }

    /// Expected values of a column check: keyed by reference key, or in row order.
    func expectedList(_ e: ExpectedValues, csv: (dataset: Dataset, keys: [String])?, json: SuiteNode?, jsonFile: String,
                      what: String) throws -> (keyed: [(String, ExpectedText)]?, ordered: [ExpectedText]?) {
        switch e {
        case .inline(let keyed, let ordered): return (keyed, ordered)
        case .value: throw UsageError("\(what): a single value is for summaries")
        case .reference(let name, let path):
            if let csv {
                guard csv.dataset.hasColumn(name) else {
                    throw UsageError("\(csv.dataset.source): no column \"\(name)\" (columns: \(csv.dataset.columnNames.joined(separator: ", ")))")
                }
                let raw = try csv.dataset.column(name).raw
                return (Array(zip(csv.keys, raw.map { $0.isEmpty ? nil : $0 })), nil)
            }
            guard let json else { throw UsageError("\(what): no reference") }
            let node = try locate(json, path, file: jsonFile)
            if let entries = node.entries {
                return (try entries.map { k, v in
                    guard v.isNull || v.text != nil else { throw UsageError("\(jsonFile): \(k) under \(name) is \(v.kindName), not a value") }
                    return (k, v.text)
                }, nil)
            }
            if let items = node.items {
                return (nil, try items.map { v in
                    guard v.isNull || v.text != nil else { throw UsageError("\(jsonFile): an element of \(name) is \(v.kindName), not a value") }
                    return v.text
                })
            }
            throw UsageError("\(jsonFile): \(name) is a single value; compare it as a summary value, or give a list or mapping")
        }
    }
}
