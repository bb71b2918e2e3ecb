import CTolokPluginABI
import Foundation
import TolokCore

/// Finds and loads external plugins (shared libraries exporting `tolok_plugin_entry`).
///
/// Search order: every `--plugin-path DIR` (in the order given), then each folder of
/// `TOLOK_PLUGIN_PATH` (colon-separated), then the folder holding the `tolok` executable —
/// so a build's own plugin libraries are found with no flags. A library is loaded once even if
/// several folders lead to it; the first plugin with a given id wins. Libraries are never
/// unloaded. Problems (wrong ABI version, unreadable descriptor) are recorded in the
/// registry, not thrown, so one broken plugin does not stop the others.
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

    /// Loads every plugin found in `folders` into `registry`.
    public static func loadAll(from folders: [String], into registry: PluginRegistry) {
        var loaded = Set<String>()
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names.sorted() where name.hasSuffix(".so") || name.hasSuffix(".dylib") {
                let path = URL(fileURLWithPath: folder).appendingPathComponent(name).resolvingSymlinksInPath().path
                guard loaded.insert(path).inserted else { continue }
                do {
                    if let plugin = try load(path: path) { registry.register(plugin, origin: path) }
                } catch {
                    registry.recordProblem("\(path): \(error)")
                }
            }
        }
    }

    /// Loads one library. Returns `nil` when it is not a Tolok plugin (no entry symbol).
    public static func load(path: String) throws -> ExternalPlugin? {
        guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
            throw UsageError("cannot load: \(dlerror().map { String(cString: $0) } ?? "unknown error")")
        }
        guard let symbol = dlsym(handle, TOLOK_PLUGIN_ENTRY_SYMBOL) else {
            dlclose(handle)  // not a plugin: nothing of it is in use
            return nil
        }
        typealias Entry = @convention(c) () -> UnsafeRawPointer?
        let entry = unsafeBitCast(symbol, to: Entry.self)
        guard let raw = entry() else { throw UsageError("plugin entry returned no function table") }
        // Read the version first: it is the first field in every ABI version.
        let version = raw.load(as: UInt32.self)
        guard version == TOLOK_PLUGIN_ABI_VERSION else {
            throw UsageError("plugin ABI version \(version) is not supported (this tolok speaks ABI version \(TOLOK_PLUGIN_ABI_VERSION)); rebuild the plugin against tolok_plugin.h version \(TOLOK_PLUGIN_ABI_VERSION)")
        }
        let table = raw.assumingMemoryBound(to: tolok_plugin_v1.self)
        guard let describe = table.pointee.descriptor_json, let text = describe(),
              table.pointee.run != nil, table.pointee.free_string != nil else {
            throw UsageError("plugin function table is incomplete")
        }
        do {
            let descriptor = try JSONDecoder().decode(PluginDescriptor.self, from: Data(String(cString: text).utf8))
            return ExternalPlugin(table: table, descriptor: descriptor, path: path)
        } catch {
            throw UsageError("plugin descriptor is not valid JSON for this ABI: \(error)")
        }
    }
}
