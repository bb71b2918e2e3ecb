import Foundation
import Testing
import TolokCore
@testable import TolokWorkbook

/// Fixtures written by openpyxl and LibreOffice (scripts/make-xlsx-fixtures.py).
@Suite struct XLSXReaderTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    func numbers(_ d: Dataset, _ name: String) throws -> [Double?] {
        let c = try d.column(name)
        guard case .numeric(let v) = c.values else { Issue.record("\(name) is not numeric"); return [] }
        return Array(v)
    }

    @Test(arguments: ["typed.xlsx", "typed-libreoffice.xlsx"])
    func readsTypedCellsWithTheHeaderInTheFirstNonEmptyRow(_ file: String) throws {
        let d = try WorkbookLoader.load(path: Self.path(file))
        #expect(d.sheet == "premiums")
        #expect(d.columnNames == ["branch", "premi", "claims", "start", "paid", "active", "note"])
        #expect(d.rowLines == [3, 4, 5])                       // sheet rows; the header is row 2
        #expect(try d.texts("branch") == ["Jakarta", "Bandung", "Surabaya"])
        #expect(try numbers(d, "premi") == [1_250_000.5, 980_000, 0.1])
        #expect(try numbers(d, "claims") == [10, 7.25, nil])   // "NA" is missing
        // A built-in date format (14) and the 1900 leap-year bug: serial 61 is 1900-03-01.
        #expect(try d.texts("start") == ["2024-01-31", "1900-03-01", "2025-03-31"])
        // A custom format (dd/mm/yyyy), a leap day, a time of day.
        #expect(try d.texts("paid") == ["2024-02-29", "2023-12-01", "2025-04-01 12:30:00"])
        #expect(try d.texts("active") == ["true", "false", "true"])
        #expect(try d.texts("note", allowMissing: true) == ["a", "", "b"])
    }

    @Test func picksASheetByName() throws {
        let d = try WorkbookLoader.load(path: Self.path("typed.xlsx"), sheet: "second")
        #expect(d.columnNames == ["id", "x", "y"])
        #expect(try d.numbers("y") == [2, 4])
        #expect(try XLSXReader.sheetNames(data: Data(contentsOf: Self.fixtures.appendingPathComponent("typed.xlsx"))) == ["premiums", "second"])
        let error = #expect(throws: DataError.self) { try WorkbookLoader.load(path: Self.path("typed.xlsx"), sheet: "Second") }
        #expect(error?.description == #"\#(Self.path("typed.xlsx")): expected a sheet named "Second" (did you mean "second"?); the workbook has: "premiums", "second""#)
    }

    @Test func refusesAnErrorCellNamingIt() throws {
        let error = #expect(throws: DataError.self) { try WorkbookLoader.load(path: Self.path("error.xlsx")) }
        #expect(error?.description == ##"\##(Self.path("error.xlsx")), sheet "Sheet1", cell C4 (row 4, data row 3, column "premi"): expected a value, not an Excel error (fix the formula or clear the cell), got "#DIV/0!""##)
    }

    @Test func locatesBadCellsBySheetAndCell() throws {
        let d = try WorkbookLoader.load(path: Self.path("typed.xlsx"))
        let error = #expect(throws: DataError.self) { try d.numbers("branch") }
        #expect(error?.description == #"\#(Self.path("typed.xlsx")), sheet "premiums", cell A3 (row 3, data row 1, column "branch"): expected a finite number, got "Jakarta""#)
        let missing = #expect(throws: DataError.self) { try d.numbers("claims") }
        #expect(missing?.description.contains(#"cell C5 (row 5, data row 3, column "claims")"#) == true)
    }

    @Test func refusesTheNonexistent1900LeapDayNamingTheCell() throws {
        let error = #expect(throws: DataError.self) { try WorkbookLoader.load(path: Self.path("leapbug.xlsx")) }
        #expect(error?.description == #"\#(Self.path("leapbug.xlsx")), sheet "dates", cell B3 (row 3): expected a real date; serial 60 is 1900-02-29, which did not exist (Excel's 1900 leap-year bug)"#)
    }

    @Test func theDefaultSheetIsTheFirstWorksheet() throws {
        let path = Self.path("chartfirst.xlsx")
        #expect(try XLSXReader.sheetNames(data: Data(contentsOf: URL(fileURLWithPath: path))) == ["chart", "data"])
        let d = try WorkbookLoader.load(path: path)
        #expect(d.sheet == "data")
        #expect(try d.numbers("x") == [1, 2])
        let error = #expect(throws: DataError.self) { try WorkbookLoader.load(path: path, sheet: "chart") }
        #expect(error?.description.contains("expected a worksheet; \"chart\" is a chart sheet (no cells)") == true)
    }

    @Test func reads1904Dates() throws {
        let d = try WorkbookLoader.load(path: Self.path("date1904.xlsx"))
        #expect(try d.texts("day") == ["2024-03-15"])
    }

    @Test func aWorkbookReadsAsTheSameNumbersAsItsCSV() throws {
        let x = try WorkbookLoader.load(path: Self.path("hospitals.xlsx"))
        let csv = try CSVLoader.load(path: Self.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Datasets/cst_hospitals_12.csv").path)
        #expect(x.columnNames == csv.columnNames)
        for name in csv.columnNames.dropFirst() { #expect(try x.numbers(name) == (try csv.numbers(name))) }
        #expect(try x.texts("dmu") == (try csv.texts("dmu")))
    }

    @Test func dateSerials() throws {
        #expect(try ExcelDate.text(serial: 1, date1904: false, cell: (1, 1)) == "1900-01-01")
        #expect(try ExcelDate.text(serial: 59, date1904: false, cell: (1, 1)) == "1900-02-28")
        #expect(try ExcelDate.text(serial: 61, date1904: false, cell: (1, 1)) == "1900-03-01")
        #expect(try ExcelDate.text(serial: 45_658, date1904: false, cell: (1, 1)) == "2025-01-01")
        #expect(try ExcelDate.text(serial: 0, date1904: true, cell: (1, 1)) == "1904-01-01")
        #expect(throws: WorkbookReadError.self) { try ExcelDate.text(serial: 60, date1904: false, cell: (1, 1)) }
        #expect(StylesXML.isDateFormat("dd/mm/yyyy") && StylesXML.isDateFormat("[$-421]d mmmm yyyy"))
        #expect(!StylesXML.isDateFormat("#,##0.00") && !StylesXML.isDateFormat("0.0%") && !StylesXML.isDateFormat("\"days\" 0"))
    }

    @Test func refusesOldAndOtherSpreadsheetFormats() throws {
        #expect(DataLoader.kind(of: "a.XLSX") == .workbook && DataLoader.kind(of: "a.csv") == .delimitedText)
        let error = #expect(throws: DataError.self) { try DataLoader.load(path: "old.xls") }
        #expect(error?.description.contains("save it as .xlsx (Excel Workbook) or CSV") == true)
        #expect(throws: DataError.self) { try DataLoader.load(path: "sheet.ods") }
        #expect(throws: UsageError.self) { try DataLoader.load(path: "a.csv", sheet: "x") }
    }

    @Test func refusesAFileThatIsNotAZip() throws {
        let error = #expect(throws: DataError.self) { try WorkbookLoader.dataset(data: Data("id,x\n".utf8), source: "fake.xlsx") }
        #expect(error?.description.hasPrefix("fake.xlsx: expected an .xlsx workbook (a zip archive)") == true)
    }
}
