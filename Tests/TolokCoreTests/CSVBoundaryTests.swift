import Testing
@testable import TolokCore

/// The data boundary of issue #11: per-column number formats, encodings, byte-order marks,
/// line ends, Excel's empty rows, and messages that stay one line.
@Suite struct CSVBoundaryTests {
    @Test func aDecimalCommaInAnUnusedTextColumnDoesNotFlipTheFile() throws {
        let d = try CSVLoader.parse(text: "id;x;y;note\nA;15.131;2;1,5\nB;2.500;3;x\nC;3;3;y\n")
        #expect(try d.numbers("x") == [15.131, 2.5, 3])
        #expect(try d.numbers("y") == [2, 3, 3])
        let q = try CSVLoader.parse(text: "id,x,y,note\nA,15.131,2,\"1.000,5\"\nB,2.500,3,x\nC,3,3,y\n")
        #expect(try q.numbers("x") == [15.131, 2.5, 3])
    }

    @Test func formatIsDetectedPerColumn() throws {
        let d = try CSVLoader.parse(text: "a;b;c\n12,5;2.25;7\n1.234,0;3.5;8\n")
        #expect(try d.numbers("a") == [12.5, 1234])
        #expect(try d.numbers("b") == [2.25, 3.5])
        #expect(try d.column("a").numberFormat == .decimalComma)
        #expect(try d.column("b").numberFormat == .decimalPoint)
    }

    @Test func anAmbiguousColumnInADecimalCommaFileIsRefused() throws {
        let d = try CSVLoader.parse(text: "premi;jumlah\n1.522.500,00;1.020\n2.000,00;850\n", source: "f.csv")
        #expect(try d.numbers("premi") == [1_522_500, 2000])
        let e = try #require(throws: DataError.self) { try d.numbers("jumlah") }
        #expect(e.description == "f.csv: line 2 (data row 1), column \"jumlah\": expected a number with one reading: it is 1.02 with a decimal point and 1020 with a decimal comma, and the file has decimal commas (column \"premi\" has \"1.522.500,00\" on line 2); pass --decimal-point or --decimal-comma, got \"1.020\"")
        #expect(throws: DataError.self) { try d.amounts("jumlah") }
        let point = try CSVLoader.parse(text: "premi;jumlah\n1.522.500,00;1.020\n2.000,00;850\n", options: CSVOptions(numberFormat: .decimalPoint))
        #expect(try point.numbers("jumlah") == [1.02, 850])
        let comma = try CSVLoader.parse(text: "premi;jumlah\n1.522.500,00;1.020\n2.000,00;850\n", options: CSVOptions(numberFormat: .decimalComma))
        #expect(try comma.numbers("jumlah") == [1020, 850])
        // Without decimal commas anywhere, 1.020 is one point zero two (today's rule).
        #expect(try CSVLoader.parse(text: "x;y\n1.020;850\n").numbers("x") == [1.02])
    }

    @Test func invalidUTF8NamesLineRowColumnAndTheEncodingOption() throws {
        let bytes = Array("id,name,x\nA,ok,1\nB,caf".utf8) + [0xE9] + Array(",2\n".utf8)
        let e = try #require(throws: DataError.self) { try CSVLoader.parse(bytes: bytes, source: "w.csv", options: CSVOptions()) }
        #expect(e.description == "w.csv: line 3 (data row 2), column \"name\": expected UTF-8 text (if the file was saved by Excel or another Windows program, pass --encoding windows-1252), got \"caf\\xE9\"")
        let d = try CSVLoader.parse(bytes: bytes, source: "w.csv", options: CSVOptions(encoding: .windows1252))
        #expect(try d.texts("name") == ["ok", "café"])
        let euro = try CSVLoader.parse(bytes: Array("a\n".utf8) + [0x80, 0x93, 0x94, 0x0A], source: "e", options: CSVOptions(encoding: .windows1252))
        #expect(try euro.texts("a") == ["€\u{201C}\u{201D}"])
    }

    @Test func byteOrderMarksNeverReachNames() throws {
        let d = try CSVLoader.parse(bytes: [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + Array("id,\u{FEFF}x,\"\u{FEFF}y\"\nA,1,2\n".utf8), source: "b", options: CSVOptions())
        #expect(d.columnNames == ["id", "x", "y"])
    }

    @Test func crOnlyLineEnds() throws {
        let d = try CSVLoader.parse(text: "id,x\rA,1\rB,\"2\"\r\rC,3\r")
        #expect(d.columnNames == ["id", "x"])
        #expect(try d.numbers("x") == [1, 2, 3])
        #expect(d.rowLines == [2, 3, 5])
    }

    @Test func excelEmptyRowsAreSkipped() throws {
        let d = try CSVLoader.parse(text: "a;b;c\n1;2;3\n;;\n;;\r\n")
        #expect(d.rowCount == 1)
    }

    @Test func namesAndCellsInMessagesAreEscaped() throws {
        let d = try CSVLoader.parse(text: "id,\"x\ny\",z\u{0}\nA,1,2\n", source: "n.csv")
        let e = try #require(throws: DataError.self) { try d.column("w") }
        #expect(e.description == "n.csv: column \"w\": expected a column with this name; the file has: id, x\\ny, z\\x00")
        let huge = String(repeating: "h", count: 1 << 20)
        let big = try CSVLoader.parse(text: "id,\(huge)\nA,1\n", source: "h.csv")
        let e2 = try #require(throws: DataError.self) { try big.column("w") }
        #expect(e2.description.count < 200)
        let n = try CSVLoader.parse(text: "id,x\nA,\"1\n2\"\n", source: "q.csv")
        let e3 = try #require(throws: DataError.self) { try n.numbers("x") }
        #expect(!e3.description.contains("\n"))
        #expect(e3.description.contains("got \"1\\n2\""))
    }
}
