import TolokCore
import TolokPluginKit

enum ExternalPluginSupport {
    static func load(explicit: [String], into registry: PluginRegistry) {
        ExternalPluginLoader.loadAll(from: ExternalPluginLoader.searchPath(explicit: explicit), into: registry)
    }
}
