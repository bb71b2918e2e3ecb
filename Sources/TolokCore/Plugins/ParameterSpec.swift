/// The kind of value a plugin parameter takes on the command line.
public enum ParameterKind: Sendable, Equatable, Codable {
    /// One column name: `--y output`.
    case column
    /// A comma-separated list of column names: `--inputs staff,expenses`.
    case columns
    /// One of a fixed set of words: `--rts crs|vrs|nirs|ndrs`.
    case choice([String])
    /// A switch without a value: `--super`.
    case flag
    /// A number: `--alpha 0.05`.
    case number
    /// An integer: `--replications 2000`.
    case integer
    /// Free text.
    case text
    /// A comma-separated list of free text: `--buckets 30,60,90`.
    case list
    /// Another data file, loaded by the host with the same CSV options: `--statements rc.csv`.
    case file
}

/// One parameter a plugin accepts, as shown by `tolok describe` and parsed by the host.
public struct ParameterSpec: Sendable, Equatable, Codable {
    /// Name without dashes, e.g. `inputs` for `--inputs`.
    public var name: String
    public var kind: ParameterKind
    public var required: Bool
    /// Default shown in help and used when the option is absent (as command-line text).
    public var defaultValue: String?
    /// One line of help.
    public var summary: String
    /// For `column`/`columns` parameters: what the named columns' values must be. The host
    /// checks this before the plugin runs and names the first offending cell.
    public var values: ValueRequirement?
    /// For `number`/`integer` parameters: the interval the value must lie in (checked when parsed).
    public var bounds: NumberBounds?

    public init(_ name: String, _ kind: ParameterKind, required: Bool = false, default defaultValue: String? = nil,
                values: ValueRequirement? = nil, bounds: NumberBounds? = nil, summary: String) {
        self.name = name
        self.kind = kind
        self.required = required
        self.defaultValue = defaultValue
        self.values = values
        self.bounds = bounds
        self.summary = summary
    }
}

/// Everything the host and `tolok describe` need to know about a plugin.
public struct PluginDescriptor: Sendable, Equatable, Codable {
    /// Identifier used on the command line, e.g. `dea`.
    public var id: String
    /// Semantic version of the plugin.
    public var version: String
    /// One-line summary.
    public var summary: String
    /// Parameters beyond the host's own (`--data`, `--id`, `--format`, …).
    public var parameters: [ParameterSpec]
    /// Papers and manuals the plugin implements (one citation each).
    public var references: [String]
    /// Names of the result tables the plugin produces; the first is the default.
    public var tables: [String]

    public init(id: String, version: String, summary: String, parameters: [ParameterSpec],
                references: [String], tables: [String] = ["units"]) {
        self.id = id
        self.version = version
        self.summary = summary
        self.parameters = parameters
        self.references = references
        self.tables = tables
    }

    /// A descriptor whose parameters are the declared ``PluginOptions``.
    public init(id: String, version: String, summary: String, options: some PluginOptions,
                references: [String], tables: [String] = ["units"]) {
        self.init(id: id, version: version, summary: summary, parameters: options.specs, references: references, tables: tables)
    }

    /// The spec of a parameter by name.
    public func parameter(_ name: String) -> ParameterSpec? { parameters.first { $0.name == name } }
}
