import ArgumentParser
import TolokBuiltins
import TolokCore

/// The `tolok` command line.
struct TolokCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tolok",
        abstract: "Tolok (tolok ukur: yardstick) — efficiency analysis and benchmarking workbench.",
        discussion: """
            Examples, from the repository root (an end-to-end test runs each one):
              tolok plugins
              tolok describe dea --format json
              tolok run ratios --data Datasets/cst_hospitals_12.csv --id dmu \\
                --inputs x1_doctors,x2_nurses --outputs y1_outpatients,y2_inpatients
              tolok run dea --data Datasets/cst_hospitals_12.csv --id dmu --rts vrs \\
                --inputs x1_doctors,x2_nurses --outputs y1_outpatients,y2_inpatients
              tolok check Datasets/suite.yaml

            One versioning rule for tolok and every plugin: docs/OUTPUT.md, "Versions".
            """,
        version: TolokVersion.string,
        subcommands: [PluginsCommand.self, DescribeCommand.self, SchemaCommand.self, RunCommand.self, CheckCommand.self, BenchCommand.self, PluginHostCommand.self])
}


/// Options shared by every subcommand that needs the plugin registry.
struct PluginSearchOptions: ParsableArguments {
    @Option(name: .customLong("plugin-path"), help: ArgumentHelp("A folder to search for external plugins (repeatable); searched before TOLOK_PLUGIN_PATH and the executable's folder.", valueName: "dir"))
    var pluginPaths: [String] = []

    @Option(name: .customLong("plugin-timeout"), help: ArgumentHelp("Seconds an external plugin may run before it is stopped (exit 1).", valueName: "seconds"))
    var pluginTimeout: Double = 600

    func validate() throws {
        guard pluginTimeout > 0, pluginTimeout.isFinite else { throw ValidationError("--plugin-timeout must be a positive number of seconds") }
    }

    /// The registry: built-in plugins, then — when `id` is not a built-in plugin, or when every
    /// plugin is wanted (`id` nil) — the external ones in search-path order. A command that
    /// names a built-in plugin never touches an external library.
    func registry(for id: String? = nil) -> PluginRegistry {
        let registry = PluginRegistry()
        for plugin in BuiltinPlugins.all { registry.register(plugin) }
        if let id, registry.plugin(id: id) != nil { return registry }
        ExternalPluginSupport.load(explicit: pluginPaths, timeout: pluginTimeout, into: registry)
        return registry
    }
}
