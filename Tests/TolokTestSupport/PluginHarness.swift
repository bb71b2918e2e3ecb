import Foundation
import TolokBuiltins
import TolokCore

/// Runs built-in plugins through the host's own path — ``AnalysisRunner``: option parsing
/// against the declared options, CSV loading, the declared-column checks, the plugin, the
/// parameter echo — exactly as `tolok run` does, minus rendering.
public enum PluginHarness {
    /// Every built-in plugin, registered as the host registers them.
    public static let registry: PluginRegistry = {
        let r = PluginRegistry()
        for plugin in BuiltinPlugins.all { r.register(plugin) }
        return r
    }()

    /// The repository's `Datasets/` folder.
    public static let datasets = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Datasets")

    /// The path of a file under `Datasets/`.
    public static func dataset(_ name: String) -> String { datasets.appendingPathComponent(name).path }

    /// Runs `plugin` on a file (a path, or a name under `Datasets/` when it is not absolute).
    public static func run(_ plugin: String, data: String, id: String? = nil, csv: CSVOptions = CSVOptions(),
                           _ arguments: [String] = []) throws -> AnalysisResult {
        let path = data.hasPrefix("/") ? data : dataset(data)
        return try AnalysisRunner.run(RunInvocation(pluginID: plugin, dataPath: path, idColumn: id, csvOptions: csv,
                                                    pluginArguments: arguments), registry: registry)
    }

    /// Runs `plugin` on CSV text written to a temporary file named `name`; further files (for
    /// `file` options) are written beside it and may be named in `arguments` by their names.
    public static func run(_ plugin: String, csvText text: String, name: String = "data.csv", files: [String: String] = [:],
                           id: String? = nil, csv: CSVOptions = CSVOptions(), _ arguments: [String] = []) throws -> AnalysisResult {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tolok-harness-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent(name).path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        var args = arguments
        for (fileName, content) in files {
            let p = folder.appendingPathComponent(fileName).path
            try Data(content.utf8).write(to: URL(fileURLWithPath: p))
            args = args.map { $0 == fileName ? p : $0 }
        }
        return try run(plugin, data: path, id: id, csv: csv, args)
    }

    /// CSV text from named numeric columns (shortest round-trip number form).
    public static func csv(_ columns: [(String, [Double])], ids: [String]? = nil, idName: String = "id") -> String {
        var header = columns.map(\.0)
        if ids != nil { header.insert(idName, at: 0) }
        var text = header.joined(separator: ",") + "\n"
        for i in 0..<(columns.first?.1.count ?? 0) {
            var cells = columns.map { "\($0.1[i])" }
            if let ids { cells.insert(ids[i], at: 0) }
            text += cells.joined(separator: ",") + "\n"
        }
        return text
    }
}

extension ResultTable {
    /// The numbers of a column (missing cells as NaN); fails the caller when the column is absent.
    public func numbers(_ name: String) throws -> [Double] {
        guard let v = values(of: name) else { throw HarnessError("table \(self.name) has no column \(name) (has: \(columns.map(\.name)))") }
        return v.map { $0.double ?? .nan }
    }

    /// The texts of a column (non-text cells as their description).
    public func texts(_ name: String) throws -> [String] {
        guard let v = values(of: name) else { throw HarnessError("table \(self.name) has no column \(name) (has: \(columns.map(\.name)))") }
        return v.map { $0.string ?? "" }
    }

    /// Row index by the `id` column.
    public func row(id: String) throws -> Int {
        guard let ids = values(of: "id"), let k = ids.firstIndex(of: .text(id)) else { throw HarnessError("table \(name) has no unit \(id)") }
        return k
    }
}

extension AnalysisResult {
    /// A table by name, or an error naming the tables there are.
    public func requireTable(_ name: String) throws -> ResultTable {
        guard let t = table(name) else { throw HarnessError("no table \(name) (has: \(tables.map(\.name)))") }
        return t
    }

    /// A summary number by name, or an error.
    public func summaryNumber(_ name: String) throws -> Double {
        guard let v = summaryValue(name)?.double else { throw HarnessError("no numeric summary value \(name)") }
        return v
    }
}

/// A harness lookup that failed (a missing table, column or unit): the test fails with it.
public struct HarnessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
