import ArgumentParser
import Foundation
import TolokBuiltins
import TolokCore

/// Shell completion (`tolok --generate-completion-script bash|zsh|fish`): plugin ids, and after
/// `tolok run <plugin>` that plugin's own options, their allowed values, and column names read
/// from the header of the `--data` file.
enum Completion {
    /// The registry as `tolok` itself sees it (built-ins, then external plugins on the default path).
    static func registry(_ words: [String]) -> PluginRegistry {
        var explicit: [String] = []
        for (k, w) in words.enumerated() where w == "--plugin-path" && k + 1 < words.count { explicit.append(words[k + 1]) }
        let registry = PluginRegistry()
        for plugin in BuiltinPlugins.all { registry.register(plugin) }
        // Completion must answer at once: a short limit for each library's descriptor query.
        ExternalPluginSupport.load(explicit: explicit, timeout: 2, into: registry)
        return registry
    }

    @Sendable static func pluginIDs(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        // bash offers the first positional again for a word starting with "--" after the
        // plugin id (an option of the plugin, unknown to the parser): complete it as one.
        if let run = words.firstIndex(of: "run"), index > run + 1 { return pluginOptions(words, index, prefix) }
        return registry(words).all.map(\.descriptor.id).filter { $0.hasPrefix(prefix) }
    }

    /// Completes a word after `tolok run <plugin>`.
    @Sendable static func pluginOptions(_ words: [String], _ index: Int, _ prefix: String) -> [String] {
        guard let run = words.firstIndex(of: "run"), run + 1 < words.count else { return [] }
        let id = words[run + 1]
        guard let plugin = registry(words).plugin(id: id) else { return [] }
        let d = plugin.descriptor
        let previous = index > 0 && index - 1 < words.count ? words[index - 1] : ""
        if previous.hasPrefix("--"), let spec = d.parameter(String(previous.dropFirst(2))) {
            switch spec.kind {
            case .choice(let options): return options.filter { $0.hasPrefix(prefix) }
            case .column, .columns: return columns(words, prefix: prefix, list: spec.kind == .columns)
            case .flag: break
            default: return []
            }
        }
        let used = Set(words.filter { $0.hasPrefix("--") }.map { String($0.dropFirst(2)) })
        let host = ["--data", "--id", "--format", "--output", "--table", "--decimal-comma", "--delimiter", "--keep-total-rows", "--progress", "--plugin-path"]
        let own = d.parameters.filter { !used.contains($0.name) || $0.kind == .columns || $0.kind == .list }.map { "--" + $0.name }
        return (own + host.filter { !used.contains(String($0.dropFirst(2))) }).filter { $0.hasPrefix(prefix) }
    }

    /// Column names from the header of the `--data` file (for a list, after the last comma).
    static func columns(_ words: [String], prefix: String, list: Bool) -> [String] {
        guard let k = words.firstIndex(of: "--data"), k + 1 < words.count,
              let handle = FileHandle(forReadingAtPath: words[k + 1]) else { return [] }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 65536), as: UTF8.self)
        guard let first = head.split(separator: "\n", omittingEmptySubsequences: false).first else { return [] }
        let line = first.trimmingCharacters(in: CharacterSet(charactersIn: "\r\u{FEFF}"))
        let separator: Character = line.contains(";") && !line.contains(",") ? ";" : (line.contains("\t") && !line.contains(",") ? "\t" : ",")
        let names = line.split(separator: separator).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")) }
        guard list, let comma = prefix.lastIndex(of: ",") else { return names.filter { $0.hasPrefix(prefix) } }
        let done = String(prefix[...comma]), rest = String(prefix[prefix.index(after: comma)...])
        let chosen = Set(done.split(separator: ",").map(String.init))
        return names.filter { $0.hasPrefix(rest) && !chosen.contains($0) }.map { done + $0 }
    }
}
