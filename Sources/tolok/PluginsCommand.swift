import ArgumentParser
import Foundation
import TolokCore
import TolokPluginKit

/// `tolok plugins`: what is registered, and any plugin that failed to load.
struct PluginsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plugins", abstract: "List the registered analysis plugins.")

    @Option(help: "Output format: text or json.") var format: DiscoveryFormat = .text
    @OptionGroup var search: PluginSearchOptions

    func run() throws {
        let registry = search.registry()
        if format == .json { print(DiscoveryJSON.plugins(registry), terminator: ""); return }
        let plugins = registry.all
        let idWidth = plugins.map(\.descriptor.id.count).max() ?? 0
        let versionWidth = plugins.map(\.descriptor.version.count).max() ?? 0
        for plugin in plugins {
            let d = plugin.descriptor
            let origin = (plugin as? ExternalPlugin).map { "  [external: \($0.path)]" } ?? ""
            print(d.id.padding(toLength: idWidth, withPad: " ", startingAt: 0) + "  "
                  + d.version.padding(toLength: versionWidth, withPad: " ", startingAt: 0) + "  " + d.summary + origin)
        }
        if plugins.isEmpty { print("(no plugins registered)") }
        // A library that could not be described is listed as broken, with the reason; the
        // other plugins are unaffected.
        for problem in registry.loadProblems {
            print("broken: \(problem)")
            FileHandle.standardError.write(Data("tolok: plugin not loaded: \(problem)\n".utf8))
        }
    }
}
