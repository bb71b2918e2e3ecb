import Foundation
import Testing
import TolokCore
import TolokTestSupport

/// Runs a plugin through ``PluginHarness`` — the host's own path, `AnalysisRunner`, as `tolok run`
/// does — on CSV text written to a temporary file named `source`. `files` maps a file option
/// (`statements`) to its CSV text, written beside it as `statements.csv`.
func run(_ plugin: String, _ csv: String, _ arguments: [String] = [], id: String? = nil,
         files: [String: String] = [:], source: String = "data.csv", numberFormat: NumberFormat? = nil) throws -> AnalysisResult {
    let named = Dictionary(uniqueKeysWithValues: files.map { ($0.key + ".csv", $0.value) })
    let fileArguments = files.keys.sorted().flatMap { ["--" + $0, $0 + ".csv"] }
    return try PluginHarness.run(plugin, csvText: csv, name: source, files: named, id: id,
                                 csv: CSVOptions(numberFormat: numberFormat), arguments + fileArguments)
}

/// Runs a plugin through ``PluginHarness`` on bundled files of Datasets/insurance; `files` maps a
/// file option to the name of a bundled file.
func runDataset(_ plugin: String, _ name: String, _ arguments: [String] = [], id: String? = nil,
                files: [String: String] = [:]) throws -> AnalysisResult {
    let fileArguments = files.keys.sorted().flatMap { ["--" + $0, PluginHarness.dataset("insurance/" + files[$0]!)] }
    return try PluginHarness.run(plugin, data: "insurance/" + name, id: id, arguments + fileArguments)
}

func money(_ text: String) -> Value { .money(Decimal(string: text)!) }

extension AnalysisResult {
    /// The cell of a table at the row whose first column is `id`.
    func cell(_ table: String, _ id: String, _ column: String, sourceLocation: SourceLocation = #_sourceLocation) -> Value? {
        guard let t = self.table(table), let k = t.columnIndex(column) else {
            Issue.record("no table \(table) or column \(column)", sourceLocation: sourceLocation)
            return nil
        }
        guard let row = t.rows.first(where: { $0[0] == .text(id) || $0[0].asInteger.map(String.init) == id }) else {
            Issue.record("no row \(id) in \(table)", sourceLocation: sourceLocation)
            return nil
        }
        return row[k]
    }

    /// The values of a column; an empty list (failing the comparisons that use it) when absent.
    func column(_ table: String, _ column: String, sourceLocation: SourceLocation = #_sourceLocation) -> [Value] {
        guard let values = self.table(table)?.values(of: column) else {
            Issue.record("no table \(table) or column \(column)", sourceLocation: sourceLocation)
            return []
        }
        return values
    }
}

extension Value {
    var asInteger: Int? { if case .integer(let i) = self { return i }; return nil }
    var decimal: Decimal? { if case .money(let d) = self { return d }; return nil }
}

/// Asserts that `body` throws a DataError whose message contains every fragment.
func expectDataError(_ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a DataError", sourceLocation: sourceLocation)
    } catch let e as DataError {
        for f in fragments {
            #expect(e.description.contains(f), "\"\(e.description)\" lacks \"\(f)\"", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected a DataError, got \(error)", sourceLocation: sourceLocation)
    }
}

/// Asserts that `body` throws a UsageError whose message contains every fragment.
func expectUsageError(_ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a UsageError", sourceLocation: sourceLocation)
    } catch let e as UsageError {
        for f in fragments {
            #expect(e.description.contains(f), "\"\(e.description)\" lacks \"\(f)\"", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected a UsageError, got \(error)", sourceLocation: sourceLocation)
    }
}
