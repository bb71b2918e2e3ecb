import Foundation
import Testing
import TolokCore
@testable import TolokInsuranceModel
@testable import TolokInsurance

/// Runs a plugin in process on CSV text, with its options parsed as the host parses them.
func run(_ plugin: some AnalysisPlugin, _ csv: String, _ arguments: [String] = [], id: String? = nil,
         files: [String: String] = [:], source: String = "data.csv", numberFormat: NumberFormat? = nil) throws -> AnalysisResult {
    let options = CSVOptions(numberFormat: numberFormat)
    let data = try CSVLoader.parse(text: csv, source: source, options: options)
    let parameters = try PluginArgumentParser.parse(arguments + fileArguments(files), for: plugin.descriptor)
    var loaded: [String: Dataset] = [:]
    for (name, text) in files { loaded[name] = try CSVLoader.parse(text: text, source: name + ".csv", options: options) }
    return try plugin.run(AnalysisRequest(dataset: data, idColumn: id, parameters: parameters, files: loaded))
}

/// Runs a plugin on bundled files of Datasets/insurance.
func runDataset(_ plugin: some AnalysisPlugin, _ name: String, _ arguments: [String] = [], id: String? = nil,
                files: [String: String] = [:]) throws -> AnalysisResult {
    let data = try CSVLoader.load(path: datasetPath(name))
    let parameters = try PluginArgumentParser.parse(arguments + fileArguments(files), for: plugin.descriptor)
    let loaded = try files.mapValues { try CSVLoader.load(path: datasetPath($0)) }
    return try plugin.run(AnalysisRequest(dataset: data, idColumn: id, parameters: parameters, files: loaded))
}

/// `--name name.csv` for each file parameter (the host would load them; the tests load them directly).
func fileArguments(_ files: [String: String]) -> [String] {
    files.keys.sorted().flatMap { ["--" + $0, $0 + ".csv"] }
}

func datasetPath(_ name: String) -> String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets/insurance").appendingPathComponent(name).path
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

    func column(_ table: String, _ column: String) -> [Value] { self.table(table)?.values(of: column) ?? [] }
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
