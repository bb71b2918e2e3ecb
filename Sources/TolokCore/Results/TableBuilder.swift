/// Builds a result table column by column, so that each column's header and its values are
/// written together (and cannot drift apart as columns are added or made conditional).
///
/// ```swift
/// var t = TableBuilder(name: "units", rows: ids.count)
/// t.add("id", .text) { .text(ids[$0]) }
/// t.add("efficiency") { .optional(scores[$0].efficiency) }
/// if grouped { t.add("group", .text) { .text(groups[$0]) } }
/// let table = t.table
/// ```
public struct TableBuilder {
    public let name: String
    public let rowCount: Int
    private var columns: [ResultColumn] = []
    private var values: [[Value]] = []

    public init(name: String, rows: Int) {
        self.name = name
        self.rowCount = rows
    }

    /// A table whose first two columns are `id` and `status`, one row per unit: the layout of
    /// every `units` table.
    public init(name: String = "units", ids: [String], statuses: [UnitStatus]) {
        precondition(ids.count == statuses.count, "\(ids.count) ids for \(statuses.count) statuses")
        self.init(name: name, rows: ids.count)
        add("id", .text) { .text(ids[$0]) }
        add("status", .text) { statuses[$0].value }
    }

    /// Appends a column: its header and the value of each row.
    public mutating func add(_ column: ResultColumn, _ value: (Int) -> Value) {
        columns.append(column)
        values.append((0..<rowCount).map(value))
    }

    /// Appends a column by name and format.
    public mutating func add(_ name: String, _ format: ColumnFormat = .number, label: String? = nil, _ value: (Int) -> Value) {
        add(ResultColumn(name, format, label: label), value)
    }

    /// Appends one column per name (`slack_x1`, `slack_x2`, …): `value(row, k)` for the k-th name.
    public mutating func add(each names: [String], prefix: String, _ format: ColumnFormat = .number, _ value: (Int, Int) -> Value) {
        for (k, n) in names.enumerated() { add(ResultColumn(prefix + n, format)) { value($0, k) } }
    }

    /// The table, row-major.
    public var table: ResultTable {
        var t = ResultTable(name: name, columns: columns)
        t.rows = (0..<rowCount).map { i in values.map { $0[i] } }
        return t
    }
}
