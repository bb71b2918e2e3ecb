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
    /// The first cell of the file that can only be read with a decimal comma, and the first that
    /// can only be read with a decimal point (the evidence of the run's number format,
    /// ``RunNumberFormat``).
    public let numberEvidence: FileNumberEvidence
    /// What the loader tells the reader about how it read the file (an encoding fallback, the
    /// number format of undecided columns); the run adds them to the result's notes.
    public let notes: [String]
    /// Why the file's undecided columns (``Column/ambiguousRow``) cannot be read, when the run
    /// did not decide them; `nil` before the run decided.
    let undecidedReason: String?
    /// The worksheet, for data read from a workbook: errors then name the sheet and the cell
    /// (``rowLines`` are the sheet's row numbers, ``Column/position`` its column numbers).
    public let sheet: String?

    public init(source: String, columns: [Column], rowLines: [Int], numberFormat: NumberFormat = .decimalPoint,
                numberEvidence: FileNumberEvidence = FileNumberEvidence(), notes: [String] = [], sheet: String? = nil) {
        self.init(source: source, columns: columns, rowLines: rowLines, numberFormat: numberFormat, numberEvidence: numberEvidence,
                  notes: notes, undecidedReason: nil, sheet: sheet)
    }

    init(source: String, columns: [Column], rowLines: [Int], numberFormat: NumberFormat, numberEvidence: FileNumberEvidence,
         notes: [String], undecidedReason: String?, sheet: String?) {
        self.sheet = sheet
        self.source = source
        self.columns = columns
        self.rowLines = rowLines
        self.numberFormat = numberFormat
        self.numberEvidence = numberEvidence
        self.notes = notes
        self.undecidedReason = undecidedReason
    }

    /// The same file with other columns, format, notes (what reading decisions change).
    func replacing(columns: [Column], numberFormat: NumberFormat, notes: [String], undecidedReason: String?) -> Dataset {
        Dataset(source: source, columns: columns, rowLines: rowLines, numberFormat: numberFormat, numberEvidence: numberEvidence,
                notes: notes, undecidedReason: undecidedReason, sheet: sheet)
    }

    /// The same file with further notes.
    public func adding(notes more: [String]) -> Dataset {
        replacing(columns: columns, numberFormat: numberFormat, notes: notes + more, undecidedReason: undecidedReason)
    }

    /// Number of data rows.
    public var rowCount: Int { rowLines.count }

    /// Column names in file order.
    public var columnNames: [String] { columns.map(\.name) }

    /// The column with this exact name, or a data error listing the available names.
    public func column(_ name: String) throws -> Column {
        if let c = columns.first(where: { $0.name == name }) { return c }
        let near = columns.first { $0.name.lowercased() == name.lowercased() }.map { " (did you mean \"\($0.name)\"?)" } ?? ""
        var error = DataError(source: source, column: name,
                              expected: "a column with this name\(near); the file has: \(Dataset.nameList(columnNames))")
        error.sheet = sheet
        throw error
    }

    /// Column names for a message: each escaped and cut short, at most 40 of them.
    static func nameList(_ names: [String]) -> String {
        let shown = names.prefix(40).map { OutputText.excerpt($0, limit: 40) }.joined(separator: ", ")
        return names.count > 40 ? shown + ", … (\(names.count) columns)" : shown
    }

    /// The format to read a column's cells as numbers with. Refuses a column whose cells read
    /// differently with a decimal point and a decimal comma when no cell of the column decides and
    /// the run does not decide either (a guess would be silently wrong by a factor of 1000).
    public func numberFormat(of name: String) throws -> NumberFormat {
        let column = try column(name)
        guard let r = column.ambiguousRow else { return column.isNumeric || column.hasOwnNumberFormat ? column.numberFormat : numberFormat }
        let cell = column.raw[r]
        let inner = NumberFormat.strippingAmountMarks(cell)?.number ?? cell
        let point = NumberFormatEvidence.plain(NumberFormat.decimalPoint.parse(inner))
        let comma = NumberFormatEvidence.plain(NumberFormat.decimalComma.parse(inner))
        let reason = undecidedReason ?? RunNumberFormat(datasets: [self]).undecidedReason(for: source) ?? "no other cell of the run decides"
        throw cellError(row: r, column: name,
                        expected: "a number with one reading: it is \(point) with a decimal point and \(comma) with a decimal comma, "
                            + "and \(reason); pass --decimal-point or --decimal-comma",
                        got: cell)
    }

    /// Refuses a column whose cells decide both number formats (``Column/formatConflict``), naming both cells.
    func refuseFormatConflict(_ column: Column) throws {
        guard let conflict = column.formatConflict else { return }
        var e = conflict.error(column: column.name)
        e.sheet = sheet
        throw e
    }

    /// True when a column of this name exists.
    public func hasColumn(_ name: String) -> Bool { columns.contains { $0.name == name } }

    /// The numbers of a column, validated against `requirement`. The first offending cell
    /// (text, missing, NaN/∞, or outside the requirement) is reported with its line and row.
    public func numbers(_ name: String, _ requirement: ValueRequirement = .finite) throws -> [Double] {
        let column = try column(name)
        _ = try numberFormat(of: name)
        try refuseFormatConflict(column)
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

    /// Unit identifiers: the `idColumn`'s text; when none is given, the column found by its name
    /// (``IdAliases``: exactly one `id`/`dmu`/`branch`/`cabang`/`nama`/… column whose cells are
    /// unique; several such columns are a ``DataError`` naming them and `--id`), else "1", "2", ….
    /// Ids must be unique; when `within` names a period column they must be unique per period.
    public func ids(column idColumn: String?, uniqueWithin periodColumn: String? = nil) throws -> [String] {
        guard let idColumn else {
            switch IdAliases.find(in: self) {
            case .one(let name) where periodColumn == nil: return try ids(column: name)
            case .several(let names):
                throw DataError(source: source, column: names[0],
                                expected: "one id column, found \(names.map { "\"\(OutputText.excerpt($0, limit: 40))\"" }.joined(separator: " and ")) (choose one with --id COLUMN)")
            default: return (0..<rowCount).map { String($0 + 1) }
            }
        }
        let ids = try texts(idColumn)
        let periods = try periodColumn.map { try texts($0) }
        if periods == nil {
            switch ASCIIUniqueness.firstRepeat(ids) {
            case .distinct: return ids
            case .repeated(let r, let first):
                throw cellError(row: r, column: idColumn, expected: "a unique id (already used on line \(rowLines[first]))", got: ids[r])
            case .notASCII: break  // Strings compare by canonical equivalence: the dictionary below
            }
        }
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
        if let sheet {
            let position = column.flatMap { name in columns.first { $0.name == name }?.position }
            let sheetRow = rowLines.indices.contains(row) ? rowLines[row] : nil
            let cell = position.flatMap { p in sheetRow.map { Dataset.cellReference(column: p, row: $0) } }
            return DataError(source: source, sheet: sheet, cell: cell, row: sheetRow, dataRow: row + 1, column: column,
                             expected: expected, got: got)
        }
        return DataError(source: source, line: rowLines.indices.contains(row) ? rowLines[row] : nil,
                  dataRow: row + 1, column: column, expected: expected, got: got)
    }

    /// `C7` for column 3, row 7 (A, …, Z, AA, …).
    public static func cellReference(column: Int, row: Int) -> String {
        var n = column, letters = ""
        while n > 0 {
            letters = String(UnicodeScalar(UInt8(65 + (n - 1) % 26))) + letters
            n = (n - 1) / 26
        }
        return letters + String(row)
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
                          }, hasOwnNumberFormat: c.hasOwnNumberFormat, formatConflict: c.formatConflict)
        }
        return Dataset(source: source, columns: cols, rowLines: rows.map { rowLines[$0] }, numberFormat: numberFormat,
                       numberEvidence: numberEvidence, notes: notes, undecidedReason: undecidedReason, sheet: sheet)
    }
}
