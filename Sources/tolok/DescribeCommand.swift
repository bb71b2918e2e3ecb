import ArgumentParser
import TolokCore

/// `tolok describe <plugin>`: parameters, tables and references of one plugin.
struct DescribeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "describe", abstract: "Show a plugin's parameters, result tables and references.")

    @Argument(help: "The plugin id (see `tolok plugins`).", completion: .custom(Completion.pluginIDs)) var plugin: String
    @Option(help: "Output format: text, or json (options with kind, default, allowed values; tables with columns).") var format: DiscoveryFormat = .text
    @OptionGroup var search: PluginSearchOptions

    func run() throws {
        let registry = search.registry(for: plugin)
        guard let p = registry.plugin(id: plugin) else {
            throw UsageError("unknown plugin \"\(plugin)\" (available: \(registry.all.map(\.descriptor.id).joined(separator: ", ")))"
                             + problemsSuffix(registry))
        }
        if format == .json { print(DiscoveryJSON.describe(p), terminator: ""); return }
        let d = p.descriptor
        print("\(d.id) \(d.version) — \(d.summary)\n")
        print("Usage: tolok run \(d.id) --data FILE [--id COLUMN] [options] [--format table|csv|json|html|pdf|xlsx] [--lang en|id] [--output FILE|-] [--table NAME|summary] [--strict]\n")
        print("Options:")
        let width = d.parameters.map { $0.name.count + placeholder($0.kind).count }.max() ?? 0
        for spec in d.parameters {
            let head = "--\(spec.name)\(placeholder(spec.kind))"
            var line = "  " + head.padding(toLength: width + 3, withPad: " ", startingAt: 0) + spec.summary
            if spec.required { line += " (required)" }
            if let dv = spec.defaultValue { line += " [default: \(dv)]" }
            print(line)
        }
        print("\nTables: \(d.tables.joined(separator: ", ")) (the first is the default)")
        if !d.references.isEmpty {
            print("\nReferences:")
            for r in d.references { print("  - \(r)") }
        }
    }

    private func placeholder(_ kind: ParameterKind) -> String {
        switch kind {
        case .column: return " COLUMN"
        case .columns: return " A,B,..."
        case .choice(let options): return " " + options.joined(separator: "|")
        case .flag: return ""
        case .number: return " NUMBER"
        case .integer: return " N"
        case .text: return " TEXT"
        case .list: return " A,B,..."
        case .file: return " FILE"
        }
    }
}

func problemsSuffix(_ registry: PluginRegistry) -> String {
    let problems = registry.loadProblems
    return problems.isEmpty ? "" : "; plugins that failed to load: " + problems.joined(separator: "; ")
}
