/// The columns a plugin declares for its result tables, for `tolok describe --format json`.
///
/// Declarations describe what the plugin produces, never more: a column whose name depends on
/// the options carries the option's name in braces (`slack_{inputs}`: one column per name given
/// to `--inputs`), and a column that appears only under some options says which (`when`).
/// An end-to-end test checks the declarations against real runs.
public struct DeclaredColumn: Sendable, Equatable {
    /// The column name, or a pattern with one `{parameter}` placeholder.
    public var name: String
    public var format: ColumnFormat
    /// The options under which the column appears, in words (e.g. `--scale`); nil: always.
    public var when: String?
    /// One line of help.
    public var summary: String

    /// A number column.
    public init(_ name: String, when: String? = nil, _ summary: String) {
        self.init(name, .number, when: when, summary)
    }

    public init(_ name: String, _ format: ColumnFormat, when: String? = nil, _ summary: String) {
        self.name = name
        self.format = format
        self.when = when
        self.summary = summary
    }

    /// The parameter named by the placeholder, if any (`slack_{inputs}` → `inputs`).
    public var placeholder: String? {
        guard let open = name.firstIndex(of: "{"), let close = name.firstIndex(of: "}"), open < close else { return nil }
        return String(name[name.index(after: open)..<close])
    }

    /// The concrete names for the given parameter values (list parameters comma-separated).
    public func expanded(_ parameters: [String: String]) -> [String] {
        guard let p = placeholder else { return [name] }
        guard let value = parameters[p], !value.isEmpty else { return [] }
        return value.split(separator: ",").map { name.replacingOccurrences(of: "{\(p)}", with: String($0)) }
    }
}

/// One result table's declared columns, in output order.
public struct DeclaredTable: Sendable, Equatable {
    public var name: String
    /// When the table is produced, in words (nil: always).
    public var when: String?
    public var columns: [DeclaredColumn]

    public init(_ name: String, when: String? = nil, _ columns: [DeclaredColumn]) {
        self.name = name
        self.when = when
        self.columns = columns
    }
}

/// A plugin that declares the columns of its result tables.
public protocol DeclaresResultColumns {
    var declaredTables: [DeclaredTable] { get }
    /// The summary's keys (name, type, the options under which it appears; nil: always), or
    /// empty when the plugin does not declare them. Declared keys are the whole summary: the
    /// output schema then refuses any other key and requires the unconditional ones.
    var declaredSummary: [DeclaredColumn] { get }
}

extension DeclaresResultColumns {
    public var declaredSummary: [DeclaredColumn] { [] }
}
