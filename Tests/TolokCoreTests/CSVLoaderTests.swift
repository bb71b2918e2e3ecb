import Testing
@testable import TolokCore

@Suite struct CSVLoaderTests {
    @Test func commaSemicolonAndTabAreDetected() throws {
        for (sep, text) in [(",", "a,b\n1,2\n"), (";", "a;b\n1;2\n"), ("\t", "a\tb\n1\t2\n")] {
            let d = try CSVLoader.parse(text: text)
            #expect(d.columnNames == ["a", "b"], "separator \(sep)")
            #expect(try d.numbers("b") == [2])
        }
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let d = try CSVLoader.parse(text: "\u{FEFF}id,x\r\nA,1.5\r\nB,2\r\n")
        #expect(d.columnNames == ["id", "x"])
        #expect(try d.numbers("x") == [1.5, 2])
        #expect(d.rowLines == [2, 3])
    }

    @Test func quotedFieldsWithSeparatorsQuotesAndLineBreaks() throws {
        let d = try CSVLoader.parse(text: "id,note,x\n\"A, Ltd\",\"said \"\"hi\"\"\",1\n\"B\",\"two\nlines\",2\nC,plain,3\n")
        #expect(try d.texts("id") == ["A, Ltd", "B", "C"])
        #expect(try d.texts("note") == ["said \"hi\"", "two\nlines", "plain"])
        // Physical lines: the record after the multi-line field starts on line 5.
        #expect(d.rowLines == [2, 3, 5])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let d = try CSVLoader.parse(text: "x\n\n1\n\n2\n")
        #expect(try d.numbers("x") == [1, 2])
        #expect(d.rowLines == [3, 5])
    }

    @Test func columnsAreTypedAndMissingValuesKept() throws {
        let d = try CSVLoader.parse(text: "id,x,name\nA,1,foo\nB,NA,bar\nC,,baz\n")
        #expect(try d.column("x").isNumeric)
        #expect(!(try d.column("name").isNumeric))
        #expect(throws: DataError.self) { try d.numbers("x") }
        if case .numeric(let v) = try d.column("x").values { #expect(v[0] == 1 && v[1] == nil && v[2] == nil) }
    }

    @Test func errorsNameFileLineRowAndColumn() throws {
        let d = try CSVLoader.parse(text: "id,x\nA,1\nB,-4\n", source: "branches.csv")
        let e = try #require(throws: DataError.self) { try d.numbers("x", .positive) }
        #expect(e.description == "branches.csv: line 3 (data row 2), column \"x\": expected a positive number, got \"-4\"")
    }

    @Test func duplicateIdsPerPeriod() throws {
        let d = try CSVLoader.parse(text: "id,t,x\nA,1,1\nA,2,1\nB,1,1\n")
        #expect(try d.ids(column: "id", uniqueWithin: "t") == ["A", "A", "B"])
        #expect(throws: DataError.self) { try d.ids(column: "id") }
        let e = try #require(throws: DataError.self) { try CSVLoader.parse(text: "id,t,x\nA,1,1\nA,1,2\n").ids(column: "id", uniqueWithin: "t") }
        #expect(e.description.contains("within period \"1\""))
    }

    @Test func structuralErrors() throws {
        #expect(throws: DataError.self) { try CSVLoader.parse(text: "") }
        #expect(throws: DataError.self) { try CSVLoader.parse(text: "a,b\n") }
        #expect(throws: DataError.self) { try CSVLoader.parse(text: "a,a\n1,2\n") }
        #expect(throws: DataError.self) { try CSVLoader.parse(text: "a,,c\n1,2,3\n") }
        let ragged = try #require(throws: DataError.self) { try CSVLoader.parse(text: "a,b\n1,2\n3\n") }
        #expect(ragged.line == 3 && ragged.dataRow == 2)
    }

    @Test func invalidUTF8IsAnError() {
        #expect(throws: DataError.self) { try CSVLoader.parse(bytes: Array("a\n".utf8) + [0xFF, 0x0A], source: "x", options: CSVOptions(encoding: .utf8)) }
    }
}

@Suite struct NumberFormatTests {
    @Test func indonesianNumbers() {
        let f = NumberFormat.decimalComma
        #expect(f.parse("303.218.002,35") == 303_218_002.35)
        #expect(f.parse("-1.234,5") == -1234.5)
        #expect(f.parse("12,5") == 12.5)
        #expect(f.parse("1.234") == 1234)
        #expect(f.parse("15") == 15)
        #expect(f.parse("1.23,4") == nil)       // thousands groups must have three digits
        #expect(f.parse("1,2,3") == nil)
        #expect(f.parse("abc") == nil)
    }

    @Test func decimalPointNumbers() {
        let f = NumberFormat.decimalPoint
        #expect(f.parse("15.131") == 15.131)
        #expect(f.parse("-1e-3") == -0.001)
        #expect(f.parse(" 2 ") == 2)
        #expect(f.parse("1,5") == nil)
        #expect(f.parse("NaN")!.isNaN)
        #expect(f.parse("-Inf") == -.infinity)
        #expect(f.parse("0x10") == nil)
    }

    @Test func detectionOnlyWhenUnambiguous() throws {
        // Thousands dots with a decimal comma: unambiguous (the column is read with a decimal comma).
        #expect(try CSVLoader.parse(text: "a,b\n\"303.218.002,35\",1\n").numbers("a") == [303_218_002.35])
        // `15.131` alone in a comma-separated file is fifteen point one three one (a decimal comma
        // would be quoted there), and the notes say why; in a semicolon file it is refused (issue #10).
        let c = try CSVLoader.parse(text: "a,b\n15.131,2\n", source: "c.csv")
        #expect(try c.numbers("a") == [15.131])
        #expect(c.notes == ["c.csv: column \"a\" read with a decimal point (\"15.131\" is 15.131), as the file is comma-separated (where a decimal comma would be quoted); pass --decimal-point or --decimal-comma to choose"])
        #expect(throws: DataError.self) { try CSVLoader.parse(text: "a;b\n15.131;2\n").numbers("a") }
        #expect(try CSVLoader.parse(text: "a;b\n15.131;2.25\n").numbers("a") == [15.131])
        // `12,5` in a semicolon file is a decimal comma; `"1,500"` in a comma file is not guessed.
        #expect(try CSVLoader.parse(text: "a;b\n12,5;1\n").numbers("a") == [12.5])
        #expect(!(try CSVLoader.parse(text: "a,b\n\"1,500\",1\n").column("a").isNumeric))
        let d = try CSVLoader.parse(text: "x;y\n15.131;1\n", options: CSVOptions(numberFormat: .decimalPoint))
        #expect(try d.numbers("x") == [15.131])
        let forced = try CSVLoader.parse(text: "x;y\n15.131;1\n", options: CSVOptions(numberFormat: .decimalComma))
        #expect(try forced.numbers("x") == [15131])
    }
}
