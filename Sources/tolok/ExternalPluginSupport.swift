import ArgumentParser
import Foundation
import TolokCore
import TolokPluginKit

enum ExternalPluginSupport {
    static func load(explicit: [String], timeout: Double, into registry: PluginRegistry) {
        ExternalPluginLoader.loadAll(from: ExternalPluginLoader.searchPath(explicit: explicit), into: registry, runTimeout: timeout)
    }
}

/// `tolok plugin-host describe|run LIBRARY` (hidden): the child process in which an external
/// plugin is loaded and run (TolokPluginKit's PluginProcess and PluginHost).
struct PluginHostCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "plugin-host", abstract: "Serve one external-plugin request (internal).",
                                                    shouldDisplay: false)

    @Argument var mode: String
    @Argument var library: String

    func run() throws {
        guard let m = PluginProcess.Mode(rawValue: mode) else { throw ValidationError("mode must be describe or run") }
        Foundation.exit(PluginHost.serve(mode: m, library: library))
    }
}
