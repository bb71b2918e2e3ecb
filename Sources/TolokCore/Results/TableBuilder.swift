import Foundation

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
    private var storage: [ColumnStorage] = []

    public init(name: String, rows: Int) {
        self.name = name
        self.rowCount = rows
    }

    /// A table whose first two columns are `id` and `status`, one row per unit: the layout of
    /// every `units` table.
    public init(name: String = "units", ids: [String], statuses: [UnitStatus]) {
        precondition(ids.count == statuses.count, "\(ids.count) ids for \(statuses.count) statuses")
        self.init(name: name, rows: ids.count)
        add(ResultColumn("id", .text), storage: .texts(ids, missing: nil))
        add(ResultColumn("status", .text), storage: .text(statuses.map(\.rawValue)))
    }

    /// Appends a column: its header and the value of each row (kept typed: ``ColumnStorage``).
    public mutating func add(_ column: ResultColumn, _ value: (Int) -> Value) {
        add(column, storage: ColumnStorage((0..<rowCount).map(value)))
    }

    /// Appends a column with its cells already typed; `cells.count` must be the row count.
    public mutating func add(_ column: ResultColumn, storage cells: ColumnStorage) {
        precondition(cells.count == rowCount, "\(cells.count) cells for \(rowCount) rows in column \(column.name) of table \(name)")
        columns.append(column)
        storage.append(cells)
    }

    /// Appends a column of numbers (NaN and ±∞ as they are; nil entries missing).
    public mutating func add(_ name: String, _ format: ColumnFormat = .number, label: String? = nil, doubles: [Double], missing: [Bool]? = nil) {
        add(ResultColumn(name, format, label: label), storage: .numbers(doubles, missing: missing))
    }

    /// Appends a column of finite numbers, non-finite ones and nil missing (``Value/optional(_:)``).
    public mutating func add(_ name: String, _ format: ColumnFormat = .number, label: String? = nil, optionalDoubles: [Double?]) {
        var missing: [Bool]? = nil
        let values = optionalDoubles.enumerated().map { i, x -> Double in
            guard let x, x.isFinite else {
                if missing == nil { missing = [Bool](repeating: false, count: optionalDoubles.count) }
                missing![i] = true
                return .nan
            }
            return x
        }
        add(ResultColumn(name, format, label: label), storage: .numbers(values, missing: missing))
    }

    /// Appends a column of integers.
    public mutating func add(_ name: String, _ format: ColumnFormat = .integer, label: String? = nil, integers: [Int]) {
        add(ResultColumn(name, format, label: label), storage: .integers(integers, missing: nil))
    }

    /// Appends a column of money amounts (exact cents when every amount has them).
    public mutating func add(_ name: String, _ format: ColumnFormat = .money, label: String? = nil, money: [Decimal]) {
        add(ResultColumn(name, format, label: label), storage: .money(money))
    }

    /// Appends a column of text (dictionary-coded when few distinct strings occur).
    public mutating func add(_ name: String, _ format: ColumnFormat = .text, label: String? = nil, texts: [String]) {
        add(ResultColumn(name, format, label: label), storage: .text(texts))
    }

    /// Appends a column of text given as codes into `dictionary` (every code < dictionary.count).
    public mutating func add(_ name: String, _ format: ColumnFormat = .text, label: String? = nil, codes: [UInt32], dictionary: [String]) {
        precondition(codes.allSatisfy { Int($0) < dictionary.count }, "a code outside the dictionary of column \(name)")
        add(ResultColumn(name, format, label: label), storage: .coded(codes, dictionary: dictionary, missing: nil))
    }

    /// Appends a column of booleans.
    public mutating func add(_ name: String, _ format: ColumnFormat = .bool, label: String? = nil, bools: [Bool]) {
        add(ResultColumn(name, format, label: label), storage: .bools(bools, missing: nil))
    }

    /// Appends a column by name and format.
    public mutating func add(_ name: String, _ format: ColumnFormat = .number, label: String? = nil, _ value: (Int) -> Value) {
        add(ResultColumn(name, format, label: label), value)
    }

    /// Appends one column per name (`slack_x1`, `slack_x2`, …): `value(row, k)` for the k-th name.
    public mutating func add(each names: [String], prefix: String, _ format: ColumnFormat = .number, _ value: (Int, Int) -> Value) {
        for (k, n) in names.enumerated() { add(ResultColumn(prefix + n, format)) { value($0, k) } }
    }

    /// The table (its columns as built, no transposition).
    public var table: ResultTable {
        rowCount == 0 ? ResultTable(name: name, columns: columns) : ResultTable(name: name, columns: columns, storage: storage)
    }
}
