import Foundation

/// The CSV conventions of `--locale`.
public enum OutputLocale: String, Sendable, CaseIterable {
    /// Comma separator, decimal point, no byte-order mark, ISO dates (the default; docs/OUTPUT.md).
    case standard
    /// Indonesian Excel: `;` separator, decimal comma, a UTF-8 byte-order mark, `dd/mm/yyyy`
    /// dates, empty cells for missing values (and for `—`), so that Excel in an Indonesian
    /// locale opens the file in columns.
    case id
}

/// A sort of the printed table: `--sort COLUMN[:desc]`.
public struct SortKey: Sendable, Equatable {
    public var column: String
    public var descending: Bool

    public init(column: String, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    /// `efficiency`, `efficiency:desc`, `efficiency:asc`; nil for an empty column or another suffix.
    public init?(argument: String) {
        if let colon = argument.lastIndex(of: ":") {
            let name = String(argument[..<colon]), order = argument[argument.index(after: colon)...].lowercased()
            guard !name.isEmpty, order == "desc" || order == "asc" else { return nil }
            self.init(column: name, descending: order == "desc")
        } else {
            guard !argument.isEmpty else { return nil }
            self.init(column: argument)
        }
    }
}

/// How the host's options shape the printed table (table and CSV output): which columns and in
/// what order (`--columns`), the row order (`--sort`), decimals (`--digits`), CSV conventions
/// (`--locale`). The defaults change nothing.
public struct RenderOptions: Sendable, Equatable {
    /// The columns to print, in this order (nil: all, in the result's order).
    public var columns: [String]?
    public var sort: SortKey?
    /// Decimals after the point for non-integer numbers (ratios shown as percentages keep this
    /// many decimals of the percentage); integers, money and text are unchanged. nil: the
    /// format's default (CSV: exact; table: 6 decimals).
    public var digits: Int?
    public var locale: OutputLocale

    public init(columns: [String]? = nil, sort: SortKey? = nil, digits: Int? = nil, locale: OutputLocale = .standard) {
        self.columns = columns
        self.sort = sort
        self.digits = digits
        self.locale = locale
    }

    /// True when the table is printed as the result has it.
    public var shapesTable: Bool { columns != nil || sort != nil }

    /// The table with `--columns` and `--sort` applied. An unknown column is a usage error
    /// listing the table's columns.
    public func shape(_ table: ResultTable) throws -> ResultTable {
        func index(_ name: String, option: String) throws -> Int {
            guard let k = table.columnIndex(name) else {
                throw UsageError("\(option): no column \"\(name)\" in table \(table.name); its columns: \(table.columns.map(\.name).joined(separator: ", "))")
            }
            return k
        }
        var shaped = table
        if let sort {
            let k = try index(sort.column, option: "--sort")
            // Stable: equal keys keep the result's order. Numbers numerically, text by code
            // points; missing (and NaN) last in both directions.
            let cells = table.cells(k)
            let keys = (0..<table.rowCount).map { SortValue(cells.value(at: $0)) }
            let order = Array(0..<table.rowCount).sorted { a, b in
                switch (keys[a].isMissing, keys[b].isMissing) {
                case (true, true): return a < b
                case (true, false): return false
                case (false, true): return true
                default: break
                }
                if keys[a] == keys[b] { return a < b }
                return sort.descending ? keys[b] < keys[a] : keys[a] < keys[b]
            }
            shaped = table.selecting(rows: order)
        }
        if let names = self.columns {
            let picked = try names.map { try index($0, option: "--columns") }
            return ResultTable(name: table.name, columns: picked.map { table.columns[$0] }, storage: picked.map(shaped.cells))
        }
        return shaped
    }
}

/// A cell as a sort key: numbers before text (a column is one or the other), missing last.
enum SortValue: Comparable {
    case number(Double)
    case text(String)
    case missing

    init(_ v: Value) {
        switch v {
        case .number(let x): self = x.isNaN ? .missing : .number(x)
        case .integer(let i): self = .number(Double(i))
        case .money(let d): self = d.isNaN ? .missing : .number(Double(nearest: d))
        case .bool(let b): self = .number(b ? 1 : 0)
        case .text(let s), .peers(_, let s): self = s.isEmpty ? .missing : .text(s)
        case .missing: self = .missing
        }
    }

    var isMissing: Bool { self == .missing }

    static func < (a: SortValue, b: SortValue) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.text(let x), .text(let y)): return Array(x.unicodeScalars.map(\.value)).lexicographicallyPrecedes(y.unicodeScalars.map(\.value))
        case (.number, .text): return true
        default: return false
        }
    }
}

extension AnalysisResult {
    /// The result with its selected table (`--table`, default the first) shaped by `options`
    /// (`--columns`, `--sort`), and the name to select it by.
    func shaped(table name: String?, _ options: RenderOptions) throws -> (AnalysisResult, String?) {
        guard options.shapesTable else { return (self, name) }
        let selected = try selectTable(name)
        let shaped = try options.shape(selected)
        var copy = self
        if let k = copy.tables.firstIndex(where: { $0.name == selected.name }) {
            copy.tables[k] = shaped
        } else {
            copy.tables.append(shaped)  // the summary table, shown through --table summary
        }
        return (copy, selected.name)
    }
}
