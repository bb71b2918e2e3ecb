/// A rectangular table of typed columns read from a file, with the provenance needed to
/// point at any cell in an error message.
public struct Dataset: Sendable {
    /// Where the data came from (the path as the user gave it).
    public let source: String
    /// Columns in file order.
    public let columns: [Column]
    /// Physical line (1-based) of each data row.
    public let rowLines: [Int]
    /// The number format the numeric columns were parsed with.
    /// The file's number format: decimal comma when it was forced or a numeric column was read
    /// with one, else decimal point. Each numeric column also has its own (``Column/numberFormat``).
    public let numberFormat: NumberFormat
    /// Where the file shows a decimal comma (`column "premi" has "12,5" on line 2`), for the
    /// refusal of ambiguous columns.
    public let decimalCommaExample: String?

    public init(source: String, columns: [Column], rowLines: [Int], numberFormat: NumberFormat = .decimalPoint,
                decimalCommaExample: String? = nil) {
        self.source = source
        self.columns = columns
        self.rowLines = rowLines
        self.numberFormat = numberFormat
        self.decimalCommaExample = decimalCommaExample
    }

    /// Number of data rows.
    public var rowCount: Int { rowLines.count }

    /// Column names in file order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column with this exact name, or a data error listing the available names.
    public func column(_ name: String) throws -> Column {
        if let c = columns.first(where: { $0.name == name }) { return c }
        let near = columns.first { $0.name.lowercased() == name.lowercased() }.map { " (did you mean \"\($0.name)\"?)" } ?? ""
        throw DataError(source: source, column: name,
                        expected: "a column with this name\(near); the file has: \(Dataset.nameList(columnNames))")
    }

    /// Column names for a message: each escaped and cut short, at most 40 of them.
    static func nameList(_ names: [String]) -> String {
        let shown = names.prefix(40).map { OutputText.excerpt($0, limit: 40) }.joined(separator: ", ")
        return names.count > 40 ? shown + ", … (\(names.count) columns)" : shown
    }

    /// The format to read a column's cells as numbers with. Refuses a column whose cells read
    /// differently with a decimal point and a decimal comma in a file that has decimal commas
    /// elsewhere (nothing decides; a guess would be silently wrong by a factor of 1000).
    public func numberFormat(of name: String) throws -> NumberFormat {
        let column = try column(name)
        guard let r = column.ambiguousRow else { return column.isNumeric ? column.numberFormat : numberFormat }
        let cell = column.raw[r]
        func text(_ x: Double?) -> String {
            guard let x else { return "?" }
            return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
        }
        let point = text(NumberFormat.decimalPoint.parse(cell)), comma = text(NumberFormat.decimalComma.parse(cell))
        let elsewhere = decimalCommaExample.map { " (\($0))" } ?? ""
        throw cellError(row: r, column: name,
                        expected: "a number with one reading: it is \(point) with a decimal point and \(comma) with a decimal comma, "
                            + "and the file has decimal commas\(elsewhere); pass --decimal-point or --decimal-comma",
                        got: cell)
    }

    /// True when a column of this name exists.
    public func hasColumn(_ name: String) -> Bool { columns.contains { $0.name == name } }

    /// The numbers of a column, validated against `requirement`. The first offending cell
    /// (text, missing, NaN/∞, or outside the requirement) is reported with its line and row.
    public func numbers(_ name: String, _ requirement: ValueRequirement = .finite) throws -> [Double] {
        let column = try column(name)
        _ = try numberFormat(of: name)
        guard case .numeric(let values) = column.values else {
            // Find the first cell that is not a number, to quote it.
            let format = column.numberFormat
            let row = column.raw.firstIndex { !Column.isMissing($0) && format.parse($0) == nil } ?? 0
            throw cellError(row: row, column: name, expected: requirement.phrase, got: column.raw[row])
        }
        // One pass over the compact values; the raw text is cut only for the offending cell.
        if let r = values.values.indices.first(where: { values.isMissing($0) || !requirement.accepts(values.values[$0]) }) {
            let raw = column.raw[r]
            throw cellError(row: r, column: name, expected: requirement.phrase,
                            got: Column.isMissing(raw) && raw.isEmpty ? "" : raw)
        }
        return values.values
    }

    /// The cells of a column as text (numbers as written in the file); missing cells are an error
    /// unless `allowMissing`, in which case they become "".
    public func texts(_ name: String, allowMissing: Bool = false) throws -> [String] {
        let column = try column(name)
        // A text column holds its cells (nil where missing); a numeric column's text is cut from
        // the file's bytes.
        if case .text(let values) = column.values, values.count == column.raw.count {
            if !allowMissing, let r = values.firstIndex(where: { $0.map(Column.isMissing) ?? true }) {
                throw cellError(row: r, column: name, expected: "a value", got: column.raw[r])
            }
            return values.map { v in v.map { Column.isMissing($0) ? "" : $0 } ?? "" }
        }
        let cells = Array(column.raw)
        if !allowMissing, let r = cells.firstIndex(where: { Column.isMissing($0) }) {
            throw cellError(row: r, column: name, expected: "a value", got: cells[r])
        }
        return cells.map { Column.isMissing($0) ? "" : $0 }
    }

    /// Unit identifiers: the `idColumn`'s text, or "1", "2", … when none is given.
    /// Ids must be unique; when `within` names a period column they must be unique per period.
    public func ids(column idColumn: String?, uniqueWithin periodColumn: String? = nil) throws -> [String] {
        guard let idColumn else { return (0..<rowCount).map { String($0 + 1) } }
        let ids = try texts(idColumn)
        let periods = try periodColumn.map { try texts($0) }
        var seen: [String: Int] = [:]
        seen.reserveCapacity(ids.count)
        for (r, id) in ids.enumerated() {
            let key = periods.map { id + "\u{1F}" + $0[r] } ?? id
            if let first = seen[key] {
                let scope = periods.map { " within period \"\($0[r])\"" } ?? ""
                throw cellError(row: r, column: idColumn,
                                expected: "a unique id\(scope) (already used on line \(rowLines[first]))", got: id)
            }
            seen[key] = r
        }
        return ids
    }

    /// A data error located at data row `row` (0-based) of a column.
    public func cellError(row: Int, column: String?, expected: String, got: String?) -> DataError {
        DataError(source: source, line: rowLines.indices.contains(row) ? rowLines[row] : nil,
                  dataRow: row + 1, column: column, expected: expected, got: got)
    }

    /// The rows whose index is in `rows`, in that order (used for groups and periods).
    public func subset(rows: [Int]) -> Dataset {
        let cols = columns.map { c -> Column in
            let values: Column.Values
            switch c.values {
            case .numeric(let v): values = .numeric(v.gathering(rows))
            case .text(let v): values = .text(rows.map { v[$0] })
            }
            return Column(name: c.name, position: c.position, values: values, raw: c.raw.gathering(rows),
                          numberFormat: c.numberFormat, ambiguousRow: c.ambiguousRow.flatMap { r in
                              rows.isEmpty ? nil : rows.firstIndex(of: r)
                                  ?? rows.firstIndex { NumberFormat.read(c.raw[$0], commaDelimited: false).evidence == .ambiguous } ?? 0
                          })
        }
        return Dataset(source: source, columns: cols, rowLines: rows.map { rowLines[$0] }, numberFormat: numberFormat,
                       decimalCommaExample: decimalCommaExample)
    }
}
