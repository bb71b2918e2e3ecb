import Foundation
import Testing
import TolokCore
import TolokFrontierModel
import TolokFrontier

/// Runs the `ols` and `sfa` plugins through the host's own path (`AnalysisRunner`: option
/// parsing, CSV loading, declared-column checks, the plugin) and reads their result tables.
enum PluginHarness {
    static let registry: PluginRegistry = {
        let r = PluginRegistry()
        r.register(OLSPlugin())
        r.register(SFAPlugin())
        return r
    }()

    /// Runs `plugin` on a file of `Datasets/`.
    static func run(_ plugin: String, dataset: String, id: String? = nil, _ arguments: [String]) throws -> AnalysisResult {
        try run(plugin, path: Reference.directory.appendingPathComponent(dataset).path, id: id, arguments)
    }

    static func run(_ plugin: String, path: String, id: String? = nil, _ arguments: [String]) throws -> AnalysisResult {
        try AnalysisRunner.run(RunInvocation(pluginID: plugin, dataPath: path, idColumn: id, pluginArguments: arguments),
                               registry: registry)
    }

    /// Runs `plugin` on CSV text written to a temporary file named `name`.
    static func run(_ plugin: String, csv text: String, name: String = "data.csv", id: String? = nil,
                    _ arguments: [String]) throws -> AnalysisResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tolok-frontier-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return try run(plugin, path: path, id: id, arguments)
    }

    /// CSV text from named columns (shortest round-trip number form).
    static func csv(_ columns: [(String, [Double])]) -> String {
        var text = columns.map(\.0).joined(separator: ",") + "\n"
        for i in 0..<(columns.first?.1.count ?? 0) {
            text += columns.map { "\($0.1[i])" }.joined(separator: ",") + "\n"
        }
        return text
    }
}

/// One row of a `coefficients` table.
struct CoefficientRow {
    var estimate: Double
    var standardError: Double
    var t: Double
    var p: Double
}

extension AnalysisResult {
    /// The `coefficients` row of a term (nil if absent).
    func coefficient(_ term: String) -> CoefficientRow? {
        guard let table = table("coefficients"), let terms = table.values(of: "term"),
              let k = terms.firstIndex(where: { $0.string == term }) else { return nil }
        func v(_ column: String) -> Double { table.values(of: column)?[k].double ?? .nan }
        return CoefficientRow(estimate: v("estimate"), standardError: v("std_error"), t: v("t"), p: v("p"))
    }

    /// Term names of the `coefficients` table in order.
    var terms: [String] { table("coefficients")?.values(of: "term")?.compactMap(\.string) ?? [] }

    /// A numeric summary value (NaN when absent or missing).
    func number(_ name: String) -> Double { summaryValue(name)?.double ?? .nan }

    /// A numeric column of a table (NaN for missing cells).
    func column(_ name: String, table tableName: String = "units") -> [Double] {
        (table(tableName)?.values(of: name) ?? []).map { $0.double ?? .nan }
    }

    /// A text column of a table.
    func texts(_ name: String, table tableName: String = "units") -> [String] {
        (table(tableName)?.values(of: name) ?? []).map { $0.string ?? "" }
    }
}
