import CTolokPluginABI
import Foundation
import TolokCore

/// Finds external plugins (shared libraries exporting `tolok_plugin_entry`) and asks each for
/// its descriptor in a child process (``PluginProcess``), so that a library that crashes or
/// hangs while loading cannot affect the host.
///
/// Search order: every `--plugin-path DIR` (in the order given), then each folder of
/// `TOLOK_PLUGIN_PATH` (colon-separated), then the folder holding the `tolok` executable —
/// so a build's own plugin libraries are found with no flags. A library is asked once even if
/// several folders lead to it; the first plugin with a given id wins. Problems (a crash, a
/// hang, a wrong ABI version, an unreadable descriptor) are recorded in the registry, not
/// thrown, so one broken plugin does not stop the others. The host asks only when a command
/// needs an external plugin (`tolok plugins`, or a plugin id that is not built in).
public enum ExternalPluginLoader {
    /// The folders to search, in order, without duplicates.
    public static func searchPath(explicit: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                                  executableFolder: String? = executableFolder()) -> [String] {
        var folders = explicit
        if let env = environment["TOLOK_PLUGIN_PATH"] {
            folders += env.split(separator: ":").map(String.init).filter { !$0.isEmpty }
        }
        if let executableFolder { folders.append(executableFolder) }
        var seen = Set<String>()
        return folders.filter { seen.insert(URL(fileURLWithPath: $0).standardizedFileURL.path).inserted }
    }

    /// The folder of the running executable (Linux: /proc/self/exe).
    public static func executableFolder() -> String? {
        let path = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments.first.map { URL(fileURLWithPath: $0).resolvingSymlinksInPath().path }
        return path.map { URL(fileURLWithPath: $0).deletingLastPathComponent().path }
    }

    /// The libraries in `folders`, in search order, each once.
    public static func libraries(in folders: [String]) -> [String] {
        var seen = Set<String>()
        var out: [String] = []
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(".so") || name.hasSuffix(".dylib") {
                let path = URL(fileURLWithPath: folder).appendingPathComponent(name).resolvingSymlinksInPath().path
                if seen.insert(path).inserted { out.append(path) }
            }
        }
        return out
    }

    /// Registers every plugin found in `folders`; `runTimeout` is each plugin's run time limit.
    public static func loadAll(from folders: [String], into registry: PluginRegistry, runTimeout: Double) {
        for path in libraries(in: folders) {
            do {
                if let plugin = try describe(path: path, runTimeout: runTimeout) { registry.register(plugin, origin: path) }
            } catch {
                registry.recordProblem("\(path): \(error)")
            }
        }
    }

    /// Asks one library for its descriptor. `nil` when it is not a Tolok plugin.
    public static func describe(path: String, runTimeout: Double) throws -> ExternalPlugin? {
        let (status, payload) = try PluginProcess.exchange(library: path, mode: .describe, request: [],
                                                           timeout: min(PluginProcess.discoveryTimeout, runTimeout), label: "plugin library")
        let text = String(decoding: payload, as: UTF8.self)
        if status == TOLOK_PLUGIN_INPUT_ERROR && text.hasPrefix("not a Tolok plugin") { return nil }
        guard status == TOLOK_PLUGIN_OK else { throw UsageError(OutputText.excerpt(text, limit: 300)) }
        do {
            let descriptor = try JSONDecoder().decode(PluginDescriptor.self, from: Data(text.utf8))
            return ExternalPlugin(descriptor: descriptor, path: path, timeout: runTimeout)
        } catch {
            throw UsageError("plugin descriptor is not valid JSON for this ABI: \(error)")
        }
    }
}
