/// How a column should be shown to people (CSV and JSON always carry the raw value).
public enum ColumnFormat: String, Sendable, Equatable, Codable {
    /// A general real number (table: 6 significant decimals).
    case number
    /// A fraction shown as a percentage in the human-readable table (CSV/JSON: the fraction).
    case fraction
    /// Money with two decimals.
    case money
    case integer
    case text
    case bool
    /// A unit's peers (``Value/peers(_:text:)``): JSON `[{"id", "lambda"}, …]`, text elsewhere.
    case peers
}

/// A column of a result table.
public struct ResultColumn: Sendable, Equatable {
    /// Machine name, e.g. `efficiency`, `slack_x1`.
    public var name: String
    public var format: ColumnFormat
    /// Header for the human-readable table, when it differs from `name`.
    public var label: String?

    public init(_ name: String, _ format: ColumnFormat = .number, label: String? = nil) {
        self.name = name
        self.format = format
        self.label = label
    }
}

/// A named table of a result: `units` (one row per unit, `id` first) and any others.
public struct ResultTable: Sendable, Equatable {
    public var name: String
    public var columns: [ResultColumn]
    public var rows: [[Value]]

    public init(name: String, columns: [ResultColumn], rows: [[Value]] = []) {
        self.name = name
        self.columns = columns
        self.rows = rows
    }

    /// Appends a row; its length must equal the column count.
    public mutating func append(_ row: [Value]) {
        precondition(row.count == columns.count, "row of \(row.count) values for \(columns.count) columns in table \(name)")
        rows.append(row)
    }

    /// The index of a column by name.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// All values of a column by name.
    public func values(of name: String) -> [Value]? {
        columnIndex(name).map { k in rows.map { $0[k] } }
    }
}
