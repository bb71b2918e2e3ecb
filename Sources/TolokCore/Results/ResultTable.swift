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
///
/// The cells are kept column by column, typed (``ColumnStorage``); ``rows`` is a row-major view
/// (built on each read, and rebuilding the columns when set) for code that wants rows. The
/// renderers read ``storage`` directly. Two tables are equal when their names, columns and
/// cells (as ``Value``s) are.
public struct ResultTable: Sendable, Equatable {
    public var name: String
    public var columns: [ResultColumn]
    /// The cells of each column (as many as ``columns`` once there are rows).
    public private(set) var storage: [ColumnStorage]
    /// The number of rows.
    public private(set) var rowCount: Int

    public init(name: String, columns: [ResultColumn], rows: [[Value]] = []) {
        self.name = name
        self.columns = columns
        self.storage = []
        self.rowCount = 0
        if !rows.isEmpty { self.rows = rows }
    }

    /// A table of typed columns, one storage per column, all of one length.
    public init(name: String, columns: [ResultColumn], storage: [ColumnStorage]) {
        precondition(columns.count == storage.count, "\(storage.count) column storages for \(columns.count) columns in table \(name)")
        let n = storage.first?.count ?? 0
        precondition(storage.allSatisfy { $0.count == n }, "columns of different lengths in table \(name)")
        self.name = name
        self.columns = columns
        self.storage = storage
        self.rowCount = n
    }

    /// The rows, row-major (materialised from the columns on each read; setting them rebuilds
    /// the columns). Prefer ``subscript(_:_:)``, ``rowCount`` and ``storage`` in loops.
    public var rows: [[Value]] {
        get { (0..<rowCount).map(row) }
        set {
            let width = newValue.first?.count ?? columns.count
            precondition(newValue.allSatisfy { $0.count == width }, "rows of different lengths in table \(name)")
            rowCount = newValue.count
            storage = newValue.isEmpty ? [] : (0..<width).map { k in ColumnStorage(newValue.map { $0[k] }) }
        }
    }

    /// The cells of column `k` (empty when the table has no rows).
    public func cells(_ k: Int) -> ColumnStorage { storage.isEmpty ? .values([]) : storage[k] }

    /// Row `i` as values.
    public func row(_ i: Int) -> [Value] { storage.map { $0.value(at: i) } }

    /// The cell at row `row`, column `column`.
    public subscript(row: Int, column: Int) -> Value { storage[column].value(at: row) }

    /// Appends a row; its length must equal the column count.
    public mutating func append(_ row: [Value]) {
        precondition(row.count == columns.count, "row of \(row.count) values for \(columns.count) columns in table \(name)")
        if storage.isEmpty {
            storage = row.map { ColumnStorage([$0]) }
        } else {
            for k in row.indices { storage[k].append(row[k]) }
        }
        rowCount += 1
    }

    /// The same table with only these rows, in this order.
    public func selecting(rows picked: [Int]) -> ResultTable {
        guard !storage.isEmpty else { return self }
        return ResultTable(name: name, columns: columns, storage: storage.map { $0.gather(picked) })
    }

    /// The index of a column by name.
    public func columnIndex(_ name: String) -> Int? { columns.firstIndex { $0.name == name } }

    /// All values of a column by name.
    public func values(of name: String) -> [Value]? {
        columnIndex(name).map { k in storage.isEmpty ? [] : storage[k].values }
    }

    public static func == (a: ResultTable, b: ResultTable) -> Bool {
        guard a.name == b.name, a.columns == b.columns, a.rowCount == b.rowCount else { return false }
        guard a.rowCount > 0 else { return true }
        guard a.storage.count == b.storage.count else { return false }
        for k in a.storage.indices {
            let x = a.storage[k], y = b.storage[k]
            for i in 0..<a.rowCount where x.value(at: i) != y.value(at: i) { return false }
        }
        return true
    }
}
