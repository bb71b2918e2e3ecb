import Foundation

/// Validates every `tolok run … --format json` written (to standard output or `--output`) by a successful
/// end-to-end run against the plugin's JSON Schema (`tolok schema PLUGIN`), with the Python
/// package jsonschema (scripts/validate-json.py). A violation is thrown, failing the test that
/// ran the command (XCTest and Swift Testing alike).
enum OutputSchemaCheck {
    struct Violation: Error, CustomStringConvertible {
        var description: String
    }

    /// The schema files written so far, by plugin and plugin search arguments.
    nonisolated(unsafe) private static var schemas: [String: String] = [:]
    private static let lock = NSLock()
    static let validator = TolokProcess.repositoryRoot.appendingPathComponent("scripts/validate-json.py").path

    static func value(after option: String, in arguments: [String]) -> String? {
        guard let k = arguments.firstIndex(of: option), k + 1 < arguments.count else { return nil }
        return arguments[k + 1]
    }

    /// The JSON result the run wrote, to standard output or to its `--output` file (nil: none).
    static func document(_ arguments: [String], _ outcome: TolokProcess.Outcome, folder: URL?) -> String? {
        guard arguments.first == "run", arguments.count > 1, outcome.status == 0 || outcome.status == 3 else { return nil }
        guard value(after: "--table", in: arguments) == nil else { return nil }
        let format = value(after: "--format", in: arguments)
        if let output = value(after: "--output", in: arguments), output != "-" {
            guard format == "json" || (format == nil && output.hasSuffix(".json")) else { return nil }
            let url = output.hasPrefix("/") ? URL(fileURLWithPath: output)
                : (folder ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).appendingPathComponent(output)
            return (try? String(contentsOf: url, encoding: .utf8)).flatMap { $0.hasPrefix("{") ? $0 : nil }
        }
        guard format == "json", outcome.stdout.hasPrefix("{") else { return nil }
        return outcome.stdout
    }

    static func validate(_ arguments: [String], _ outcome: TolokProcess.Outcome, environment: [String: String]?, folder: URL?) throws {
        guard let document = document(arguments, outcome, folder: folder) else { return }
        let plugin = arguments[1]
        var search: [String] = []
        for (k, a) in arguments.enumerated() where a == "--plugin-path" && k + 1 < arguments.count {
            search += [a, arguments[k + 1]]
        }
        let schema = try schemaFile(plugin, search: search, environment: environment, folder: folder)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tolok-doc-\(UUID().uuidString).json")
        try Data(document.utf8).write(to: scratch)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", validator, schema, scratch.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Violation(description: "JSON output of `tolok \(arguments.prefix(2).joined(separator: " "))` does not hold its schema:\n\(text.prefix(3000))")
        }
    }

    static func schemaFile(_ plugin: String, search: [String], environment: [String: String]?, folder: URL?) throws -> String {
        let key = ([plugin] + search + [environment?["TOLOK_PLUGIN_PATH"] ?? ""]).joined(separator: "\u{1}")
        lock.lock()
        defer { lock.unlock() }
        if let path = schemas[key] { return path }
        let p = Process()
        p.executableURL = TolokProcess.executable
        p.arguments = ["schema", plugin] + search
        if let environment { p.environment = environment }
        if let folder { p.currentDirectoryURL = folder }
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Violation(description: "tolok schema \(plugin) failed (exit \(p.terminationStatus))") }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tolok-schema-\(UUID().uuidString).json").path
        try data.write(to: URL(fileURLWithPath: path))
        schemas[key] = path
        return path
    }
}
