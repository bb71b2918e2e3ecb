import Foundation
import TolokCore

/// Reads a data file of any kind Tolok reads: `.xlsx` workbooks here, everything else as
/// delimited text (``CSVLoader``). `.xls` (the old binary format) and `.ods` are refused with
/// the advice to save as `.xlsx` or CSV.
public enum DataLoader {
    /// The kind of data file a path names, by its extension.
    public enum Kind: Equatable, Sendable {
        case delimitedText
        case workbook
        /// A spreadsheet format Tolok does not read (`xls`, `ods`, …): the extension.
        case unsupportedSpreadsheet(String)
    }

    public static func kind(of path: String) -> Kind {
        let ext = (path as NSString).pathExtension.lowercased()
        switch ext {
        case "xlsx", "xlsm": return .workbook
        case "xls", "ods", "xlsb", "numbers": return .unsupportedSpreadsheet(ext)
        default: return .delimitedText
        }
    }

    /// Loads a file; `sheet` picks the worksheet of a workbook (the first by default) and is a
    /// usage error for a text file. `undecided`: a text file's undecided columns are left for the
    /// run to decide over all of its files (``CSVLoader/loadUndecided(path:options:)``, as
    /// `tolok run` does); a workbook's numbers have no such question.
    public static func load(path: String, options: CSVOptions = CSVOptions(), sheet: String? = nil,
                            undecided: Bool = false) throws -> Dataset {
        switch kind(of: path) {
        case .delimitedText:
            if let sheet {
                throw UsageError("--sheet \(sheet) is for an .xlsx workbook; \(path) is read as delimited text (CSV)")
            }
            return undecided ? try CSVLoader.loadUndecided(path: path, options: options)
                : try CSVLoader.load(path: path, options: options)
        case .workbook:
            return try WorkbookLoader.load(path: path, sheet: sheet)
        case .unsupportedSpreadsheet(let ext):
            throw DataError(source: path, expected: "a CSV file or an .xlsx workbook; Tolok does not read .\(ext) files: "
                                + "open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook) or CSV")
        }
    }
}

/// Turns a worksheet into a ``Dataset``: the header is the first non-empty row; numeric columns
/// come straight from the cells' numbers (a workbook's numbers are binary, with no decimal-comma
/// question); columns with text, dates or booleans are text (dates as ISO `yyyy-mm-dd`,
/// booleans `true`/`false`). Cells holding an Excel error (`#DIV/0!`) are refused, naming the
/// cell.
public enum WorkbookLoader {
    public static func load(path: String, sheet: String? = nil) throws -> Dataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError(source: path, expected: "an existing file (no such file)")
        }
        guard !isDirectory.boolValue else { throw DataError(source: path, expected: "a file, not a directory") }
        guard let handle = FileHandle(forReadingAtPath: path), let data = try? handle.readToEnd() ?? Data() else {
            throw DataError(source: path, expected: "a readable file (permission denied or I/O error)")
        }
        try? handle.close()
        return try dataset(data: data, source: path, sheet: sheet)
    }

    public static func dataset(data: Data, source: String, sheet wanted: String? = nil) throws -> Dataset {
        let content: WorksheetContent
        do {
            content = try XLSXReader.read(data: data, sheet: wanted)
        } catch let e as WorkbookReadError {
            if let cell = e.cell, let sheet = e.sheet {
                throw DataError(source: source, sheet: sheet, cell: Dataset.cellReference(column: cell.column, row: cell.row),
                                row: cell.row, expected: e.message)
            }
            if let sheet = e.sheet { throw DataError(source: source, sheet: sheet, expected: e.message) }
            throw DataError(source: source, expected: e.message)
        }
        return try dataset(content, source: source)
    }

    static func dataset(_ sheet: WorksheetContent, source: String) throws -> Dataset {
        let name = sheet.name
        func ref(_ column: Int, _ row: Int) -> String { Dataset.cellReference(column: column, row: row) }
        guard let header = sheet.rows.first else {
            throw DataError(source: source, sheet: name, expected: "a header row and data rows (the sheet is empty)")
        }
        // The header: its cells' text; a gap between names is an error.
        var names: [(column: Int, name: String)] = []
        for (column, value) in header.cells {
            let text: String
            switch value {
            case .text(let s): text = s.trimmingCharacters(in: .whitespaces)
            case .number(let x): text = numberText(x)
            case .date(let s): text = s
            case .bool(let b): text = b ? "TRUE" : "FALSE"
            case .error(let e):
                throw DataError(source: source, sheet: name, cell: ref(column, header.number), row: header.number,
                                expected: "a column name in the header, not an Excel error", got: e)
            }
            if text.isEmpty { continue }
            if let last = names.last, column > last.column + 1 {
                throw DataError(source: source, sheet: name, cell: ref(last.column + 1, header.number), row: header.number,
                                expected: "a name for column \(XLSXWriter.columnName(last.column + 1)) in the header (the header row has a gap)", got: "")
            }
            if let same = names.first(where: { $0.name == text }) {
                throw DataError(source: source, sheet: name, cell: ref(column, header.number), row: header.number,
                                expected: "unique column names (columns \(XLSXWriter.columnName(same.column)) and \(XLSXWriter.columnName(column)) are both named)",
                                got: text)
            }
            names.append((column, text))
        }
        guard let firstColumn = names.first?.column, let lastColumn = names.last?.column else {
            throw DataError(source: source, sheet: name, cell: nil, row: header.number, expected: "column names in the first non-empty row")
        }
        let width = lastColumn - firstColumn + 1
        let data = sheet.rows.dropFirst()
        guard !data.isEmpty else {
            throw DataError(source: source, sheet: name, row: header.number, expected: "at least one data row after the header (the sheet has only a header)")
        }
        var cells = [[SheetValue?]](repeating: [SheetValue?](repeating: nil, count: data.count), count: width)
        var rowNumbers: [Int] = []
        rowNumbers.reserveCapacity(data.count)
        for (r, row) in data.enumerated() {
            rowNumbers.append(row.number)
            for (column, value) in row.cells {
                let dataRow = r + 1
                guard column >= firstColumn && column <= lastColumn else {
                    throw DataError(source: source, sheet: name, cell: ref(column, row.number), row: row.number, dataRow: dataRow,
                                    expected: "cells only under the header's columns \(XLSXWriter.columnName(firstColumn))–\(XLSXWriter.columnName(lastColumn)) (this cell has no column name)",
                                    got: describe(value))
                }
                let k = column - firstColumn
                if case .error(let e) = value {
                    throw DataError(source: source, sheet: name, cell: ref(column, row.number), row: row.number, dataRow: dataRow,
                                    column: names[k].name, expected: "a value, not an Excel error (fix the formula or clear the cell)", got: e)
                }
                cells[k][r] = value
            }
        }
        let columns = names.map { entry -> Column in
            let values = cells[entry.column - firstColumn]
            return column(entry.name, position: entry.column, values)
        }
        return Dataset(source: source, columns: columns, rowLines: rowNumbers, numberFormat: .decimalPoint, sheet: name)
    }

    /// A column: numeric when every cell is a number or missing (empty, or text Tolok reads as
    /// missing: `NA`, `N/A`, `null`) and one is a number; text otherwise.
    static func column(_ name: String, position: Int, _ values: [SheetValue?]) -> Column {
        let raw = values.map { $0.map(describe) ?? "" }
        var numbers: [Double?] = []
        numbers.reserveCapacity(values.count)
        var any = false, numeric = true
        for (v, text) in zip(values, raw) {
            switch v {
            case .number(let x)?: numbers.append(x); any = true
            case nil: numbers.append(nil)
            case .text?:
                if isMissing(text) { numbers.append(nil) } else { numeric = false }
            default: numeric = false
            }
            if !numeric { break }
        }
        if numeric && any {
            return Column(name: name, position: position, numbers: numbers, raw: raw, numberFormat: .decimalPoint)
        }
        return Column(name: name, position: position, values: .text(raw.map { isMissing($0) ? nil : $0 }), raw: raw,
                      numberFormat: .decimalPoint)
    }

    static func describe(_ v: SheetValue) -> String {
        switch v {
        case .number(let x): return numberText(x)
        case .text(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .date(let s): return s
        case .error(let e): return e
        }
    }

    static func numberText(_ x: Double) -> String { XLSXWriter.numberText(x) }

    /// Text cells that count as missing, as in CSV files (Column's rule): empty, `NA`, `N/A`,
    /// `null` (any case).
    static func isMissing(_ cell: String) -> Bool {
        if cell.isEmpty { return true }
        switch cell.lowercased() {
        case "na", "n/a", "null": return true
        default: return false
        }
    }
}
