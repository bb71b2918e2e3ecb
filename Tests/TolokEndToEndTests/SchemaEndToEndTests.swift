import Foundation
import Testing

/// The JSON Schemas of the plugins' output (docs/OUTPUT.md, docs/schemas/).
@Suite struct SchemaEndToEndTests {
    static let schemaFolder = TolokProcess.repositoryRoot.appendingPathComponent("docs/schemas")

    static func builtInPlugins() throws -> [String] {
        let o = try TolokProcess.run(["plugins", "--format", "json"])
        let list = try #require((try JSONSerialization.jsonObject(with: Data(o.stdout.utf8)) as? [String: Any])?["plugins"] as? [[String: Any]])
        return list.filter { $0["origin"] as? String == "built-in" }.compactMap { $0["id"] as? String }
    }

    /// The committed schemas are exactly the generated ones (regenerate: scripts/generate-schemas.sh).
    @Test func committedSchemasEqualTheGeneratedOnes() throws {
        let plugins = try Self.builtInPlugins()
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.schemaFolder.path).filter { $0.hasSuffix(".schema.json") }
        #expect(Set(files) == Set(plugins.map { "\($0).schema.json" }), "docs/schemas: \(files.sorted()); run bash scripts/generate-schemas.sh")
        for plugin in plugins {
            let generated = try TolokProcess.run(["schema", plugin])
            #expect(generated.status == 0, "\(generated.stderr)")
            let committed = try String(contentsOf: Self.schemaFolder.appendingPathComponent("\(plugin).schema.json"), encoding: .utf8)
            #expect(generated.stdout == committed, "docs/schemas/\(plugin).schema.json differs from `tolok schema \(plugin)`; run bash scripts/generate-schemas.sh")
        }
    }

    /// `describe --format json` carries the same schema as `output_schema`.
    @Test func describeCarriesTheSchema() throws {
        let d = try TolokProcess.run(["describe", "dea", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(d.stdout.utf8)) as? [String: Any])
        let embedded = try #require(object["output_schema"] as? [String: Any])
        let alone = try #require(try JSONSerialization.jsonObject(with: Data(try TolokProcess.run(["schema", "dea"]).stdout.utf8)) as? [String: Any])
        func canonical(_ o: Any) throws -> Data { try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]) }
        #expect(try canonical(embedded) == canonical(alone))
        #expect(embedded["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let status = ((((embedded["properties"] as? [String: Any])?["units"] as? [String: Any])?["items"] as? [String: Any])?["properties"] as? [String: Any])?["status"] as? [String: Any]
        #expect(status?["enum"] as? [String] == ["ok", "infeasible", "unbounded", "iteration_limit", "numerical_failure", "missing_data", "not_converged", "undefined"])
    }

    /// Every `run` of scripts/snapshot-outputs.sh (the README's commands) in JSON holds its
    /// plugin's schema (TolokProcess validates each JSON output; this test only runs them).
    @Test func snapshotCommandsHoldTheirSchemas() throws {
        let script = try String(contentsOf: TolokProcess.repositoryRoot.appendingPathComponent("scripts/snapshot-outputs.sh"), encoding: .utf8)
        var commands: [[String]] = []
        for line in script.split(separator: "\n") where line.hasPrefix("run run ") {
            let words = line.dropFirst("run ".count).split(separator: " ").map(String.init)
            if words.contains("$m") {
                for m in ["relational", "independent", "additive"] { commands.append(words.map { $0 == "$m" ? m : $0 }) }
            } else {
                commands.append(words)
            }
        }
        #expect(commands.count >= 20)
        for command in commands {
            // --table selects one table (not the JSON document): validate the whole result.
            var args = command
            if let k = args.firstIndex(of: "--table") { args.removeSubrange(k...(k + 1)) }
            let o = try TolokProcess.run(args + ["--format", "json"], in: TolokProcess.repositoryRoot)
            #expect(o.status == 0, "\(command.joined(separator: " ")): \(o.stderr)")
        }
    }
}
