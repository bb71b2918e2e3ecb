import ArgumentParser
import TolokCore

/// `tolok schema <plugin>`: the JSON Schema of the plugin's `--format json` output.
struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema", abstract: "Print the JSON Schema (draft 2020-12) of a plugin's `run --format json` output.")

    @Argument(help: "The plugin id (see `tolok plugins`).", completion: .custom(Completion.pluginIDs)) var plugin: String
    @OptionGroup var search: PluginSearchOptions

    func run() throws {
        let registry = search.registry(for: plugin)
        guard let p = registry.plugin(id: plugin) else {
            throw UsageError("unknown plugin \"\(plugin)\" (available: \(registry.all.map(\.descriptor.id).joined(separator: ", ")))"
                             + problemsSuffix(registry))
        }
        print(OutputSchema.schema(p).render())
    }
}

/// `tolok run --missing skip|error`.
extension MissingDataPolicy: ExpressibleByArgument {}
