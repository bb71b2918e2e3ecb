/// A problem with input data, located as precisely as it can be.
///
/// Rendered as one line, e.g.
/// `branches.csv: line 7 (data row 6), column "staff": expected a positive number, got "-4"`.
/// Line numbers are physical lines of the file (1-based, the header is line 1 for a file
/// without blank leading lines); data rows count records after the header (1-based).
public struct DataError: UserFacingError, Equatable {
    /// The file (or source name) the data came from.
    public var source: String
    /// Physical line of the offending record, when known.
    public var line: Int?
    /// Data row (1-based, header excluded), when known.
    public var dataRow: Int?
    /// The column name, when the problem is in one column.
    public var column: String?
    /// What was expected, e.g. "a positive number".
    public var expected: String
    /// What was found (shown quoted), when there is a single offending value.
    public var got: String?
    /// The worksheet, for data read from a workbook (`.xlsx`); `line` is then the sheet's row.
    public var sheet: String?
    /// The cell reference (`C7`), for data read from a workbook.
    public var cell: String?

    public var kind: FailureKind { .data }

    public init(source: String, line: Int? = nil, dataRow: Int? = nil, column: String? = nil,
                expected: String, got: String? = nil) {
        self.source = source
        self.line = line
        self.dataRow = dataRow
        self.column = column
        self.expected = expected
        self.got = got
    }

    /// A problem in a workbook, located by sheet and cell:
    /// `premi.xlsx, sheet "Sheet1", cell C7 (row 7, data row 5, column "premi"): expected …`.
    public init(source: String, sheet: String, cell: String? = nil, row: Int? = nil, dataRow: Int? = nil, column: String? = nil,
                expected: String, got: String? = nil) {
        self.init(source: source, line: row, dataRow: dataRow, column: column, expected: expected, got: got)
        self.sheet = sheet
        self.cell = cell
    }

    public var description: String {
        if let sheet { return workbookDescription(sheet: sheet) }
        var location: [String] = []
        if let line {
            location.append(dataRow.map { "line \(line) (data row \($0))" } ?? "line \(line)")
        } else if let dataRow {
            location.append("data row \(dataRow)")
        }
        // Names come from the file or the command line: escaped like cells, so that the message
        // stays one line.
        if let column { location.append("column \"\(OutputText.excerpt(column, limit: 60))\"") }
        var text = source.isEmpty ? "" : OutputText.excerpt(source, limit: 300) + ": "
        if !location.isEmpty { text += location.joined(separator: ", ") + ": " }
        text += "expected " + expected
        // Cell text is quoted short and escaped: a NUL byte, a line break or a megabyte-long
        // cell must not reach the terminal raw.
        if let got { text += got.isEmpty ? ", got an empty cell" : ", got \"\(OutputText.excerpt(got, limit: 60))\"" }
        return text
    }

    private func workbookDescription(sheet: String) -> String {
        var text = OutputText.excerpt(source, limit: 300) + ", sheet \"\(OutputText.excerpt(sheet, limit: 60))\""
        var within: [String] = []
        if let line { within.append("row \(line)") }
        if let dataRow { within.append("data row \(dataRow)") }
        if let column { within.append("column \"\(OutputText.excerpt(column, limit: 60))\"") }
        if let cell {
            text += ", cell \(cell)" + (within.isEmpty ? "" : " (" + within.joined(separator: ", ") + ")")
        } else if !within.isEmpty {
            text += ", " + within.joined(separator: ", ")
        }
        text += ": expected " + expected
        if let got { text += got.isEmpty ? ", got an empty cell" : ", got \"\(OutputText.excerpt(got, limit: 60))\"" }
        return text
    }
}
