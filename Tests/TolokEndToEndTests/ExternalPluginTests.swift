import Foundation
import Testing

/// External plugins through the C ABI, built here from C: discovery by `--plugin-path` and
/// `TOLOK_PLUGIN_PATH`, and refusal of a plugin built for another ABI version.
@Suite struct ExternalPluginTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// Compiles the C example plugin into `folder/sub/libcolumn_means.so`.
    func buildCPlugin(in sub: String, abiVersion: Int? = nil) throws -> String {
        let dir = folder.url.appendingPathComponent(sub)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let root = TolokProcess.repositoryRoot
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        var args = ["cc", "-shared", "-fPIC", "-O2",
                    "-I", root.appendingPathComponent("Sources/CTolokPluginABI/include").path,
                    "-o", dir.appendingPathComponent("libcolumn_means.so").path,
                    root.appendingPathComponent("Plugins/Examples/c-column-means/column_means.c").path, "-lm"]
        if let abiVersion { args.insert("-DTOLOK_EXAMPLE_ABI_VERSION=\(abiVersion)", at: 1) }
        process.arguments = args
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "cc failed")
        return dir.path
    }

    @Test func cPluginRunsFromPluginPath() throws {
        let dir = try buildCPlugin(in: "good")
        let list = try TolokProcess.run(["plugins", "--plugin-path", dir])
        #expect(list.stdout.contains("column-means"))
        let f = try folder.file("d.csv", "unit,a,b\nA,1,10\nB,3,\nC,5,30\n")
        let out = try TolokProcess.run(["run", "column-means", "--plugin-path", dir, "--data", f, "--id", "unit", "--format", "json"])
        #expect(out.status == 0, "\(out.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
        let summary = object?["summary"] as? [String: Any]
        #expect((summary?["mean_a"] as? NSNumber)?.doubleValue == 3)
        #expect((summary?["mean_b"] as? NSNumber)?.doubleValue == 20)
        let units = object?["units"] as? [[String: Any]]
        #expect((units?[1]["missing_cells"] as? NSNumber)?.intValue == 1)
    }

    @Test func cPluginFoundThroughEnvironment() throws {
        let dir = try buildCPlugin(in: "env")
        var env = ProcessInfo.processInfo.environment
        env["TOLOK_PLUGIN_PATH"] = "/nonexistent:" + dir
        let list = try TolokProcess.run(["plugins"], environment: env)
        #expect(list.status == 0)
        #expect(list.stdout.contains("column-means"))
    }

    @Test func mismatchedABIVersionIsAClearError() throws {
        let dir = try buildCPlugin(in: "bad", abiVersion: 99)
        let list = try TolokProcess.run(["plugins", "--plugin-path", dir])
        #expect(list.status == 0)
        #expect(!list.stdout.contains("column-means"))
        #expect(list.stderr.contains("ABI version 99 is not supported"))
        let f = try folder.file("d.csv", "unit,a\nA,1\n")
        let run = try TolokProcess.run(["run", "column-means", "--plugin-path", dir, "--data", f])
        #expect(run.status == 2)
        #expect(run.stderr.contains("unknown plugin \"column-means\""))
        #expect(run.stderr.contains("ABI version 99"))
    }
}
