import Foundation
import Testing
@testable import TolokCore

/// The data boundary of issue #11: per-column number formats, encodings, byte-order marks,
/// line ends, Excel's empty rows, and messages that stay one line.
@Suite struct CSVBoundaryTests {
    @Test func aDecimalCommaInAnUnusedTextColumnDoesNotFlipTheFile() throws {
        // `1,5` in a text column is no evidence: with a decimal point elsewhere (`0.5`), x reads so.
        let d = try CSVLoader.parse(text: "id;x;y;note\nA;15.131;0.5;1,5\nB;2.500;3;x\nC;3;3;y\n")
        #expect(try d.numbers("x") == [15.131, 2.5, 3])
        #expect(try d.numbers("y") == [0.5, 3, 3])
        let q = try CSVLoader.parse(text: "id,x,y,note\nA,15.131,2.25,\"1.000,5\"\nB,2.500,3,x\nC,3,3,y\n")
        #expect(try q.numbers("x") == [15.131, 2.5, 3])
        // Issue #10: with nothing deciding (the text column does not), x is refused, not guessed.
        let none = try CSVLoader.parse(text: "id;x;y;note\nA;15.131;2;1,5\nB;2.500;3;x\nC;3;3;y\n", source: "n.csv")
        let e = try #require(throws: DataError.self) { try none.numbers("x") }
        #expect(e.description == "n.csv: line 2 (data row 1), column \"x\": expected a number with one reading: it is 15.131 with a decimal point and 15131 with a decimal comma, and no other cell of the run decides; pass --decimal-point or --decimal-comma, got \"15.131\"")
    }

    @Test func formatIsDetectedPerColumn() throws {
        let d = try CSVLoader.parse(text: "a;b;c\n12,5;2.25;7\n1.234,0;3.5;8\n")
        #expect(try d.numbers("a") == [12.5, 1234])
        #expect(try d.numbers("b") == [2.25, 3.5])
        #expect(try d.column("a").numberFormat == .decimalComma)
        #expect(try d.column("b").numberFormat == .decimalPoint)
    }

    @Test func anAmbiguousColumnInADecimalCommaFileReadsWithADecimalComma() throws {
        // Issue #10: the file's decimal commas decide its undecided columns (was: refused), with a note.
        let d = try CSVLoader.parse(text: "premi;jumlah\n1.522.500,00;1.020\n2.000,00;850\n", source: "f.csv")
        #expect(try d.numbers("premi") == [1_522_500, 2000])
        #expect(try d.numbers("jumlah") == [1020, 850])
        #expect(try d.amounts("jumlah") == [1020, 850])
        #expect(d.notes == ["f.csv: column \"jumlah\" read with a decimal comma (\"1.020\" is 1020), as column \"premi\" of f.csv has \"1.522.500,00\" on line 2 shows; pass --decimal-point or --decimal-comma to choose"])
        // Decimal commas and decimal points in one file: the undecided column is refused, naming both.
        let both = try CSVLoader.parse(text: "premi;rate;jumlah\n1.522.500,00;0.5;1.020\n2.000,00;0.25;850\n", source: "b.csv")
        let e = try #require(throws: DataError.self) { try both.numbers("jumlah") }
        #expect(e.description == "b.csv: line 2 (data row 1), column \"jumlah\": expected a number with one reading: it is 1.02 with a decimal point and 1020 with a decimal comma, and the run shows both decimal commas (column \"premi\" has \"1.522.500,00\" on line 2) and decimal points (column \"rate\" has \"0.5\" on line 2); pass --decimal-point or --decimal-comma, got \"1.020\"")
        #expect(throws: DataError.self) { try both.amounts("jumlah") }
        let point = try CSVLoader.parse(text: "premi;jumlah\n1.522.500,00;1.020\n2.000,00;850\n", options: CSVOptions(numberFormat: .decimalPoint))
        #expect(try point.numbers("jumlah") == [1.02, 850])
        let comma = try CSVLoader.parse(text: "premi;jumlah\n1.522.500,00;1.020\n2.000,00;850\n", options: CSVOptions(numberFormat: .decimalComma))
        #expect(try comma.numbers("jumlah") == [1020, 850])
        // Issue #10: with nothing deciding, `1.020` beside `850` is refused (was: one point zero two).
        let alone = try CSVLoader.parse(text: "x;y\n1.020;850\n850;1\n", source: "a.csv")
        let refused = try #require(throws: DataError.self) { try alone.numbers("x") }
        #expect(refused.description == "a.csv: line 2 (data row 1), column \"x\": expected a number with one reading: it is 1.02 with a decimal point and 1020 with a decimal comma, and no other cell of the run decides; pass --decimal-point or --decimal-comma, got \"1.020\"")
        #expect(try alone.numbers("y") == [850, 1])
    }

    @Test func invalidUTF8NamesLineRowColumnAndTheEncodingOption() throws {
        let bytes = Array("id,name,x\nA,ok,1\nB,caf".utf8) + [0xE9] + Array(",2\n".utf8)
        let e = try #require(throws: DataError.self) { try CSVLoader.parse(bytes: bytes, source: "w.csv", options: CSVOptions(encoding: .utf8)) }
        #expect(e.description == "w.csv: line 3 (data row 2), column \"name\": expected UTF-8 text (if the file was saved by Excel or another Windows program, pass --encoding windows-1252), got \"caf\\xE9\"")
        let d = try CSVLoader.parse(bytes: bytes, source: "w.csv", options: CSVOptions(encoding: .windows1252))
        #expect(try d.texts("name") == ["ok", "café"])
        let euro = try CSVLoader.parse(bytes: Array("a\n".utf8) + [0x80, 0x93, 0x94, 0x0A], source: "e", options: CSVOptions(encoding: .windows1252))
        #expect(try euro.texts("a") == ["€\u{201C}\u{201D}"])
        #expect(d.notes.isEmpty)
        // Issue #10: without --encoding, a file that is not UTF-8 is read as Windows-1252, with a note.
        let fallback = try CSVLoader.parse(bytes: bytes, source: "w.csv", options: CSVOptions())
        #expect(try fallback.texts("name") == ["ok", "café"])
        #expect(fallback.notes == ["w.csv: read as Windows-1252: not valid UTF-8 (first bad byte on line 3); pass --encoding utf-8 or --encoding windows-1252 to choose"])
    }

    @Test func runWideNumberFormatFromAnotherFile() throws {
        // Issue #10: a bank statement whose credits are all `250.000`, `600.000` beside a ledger that
        // is unambiguously decimal comma: one decision for the run, 250000 and not 250.
        let ledger = try CSVLoader.read(bytes: Array("debitur;klaim\nAni;1.250.000,00\nBudi;600.000,50\n".utf8), source: "ledger.csv", options: CSVOptions())
        let statements = try CSVLoader.read(bytes: Array("debitur;kredit\nAni;250.000\nBudi;600.000\n".utf8), source: "stmt.csv", options: CSVOptions())
        let decided = RunNumberFormat.decide([ledger, statements])
        #expect(try decided[1].numbers("kredit") == [250_000, 600_000])
        #expect(try decided[1].amounts("kredit") == [250_000, 600_000])
        #expect(decided[1].notes == ["stmt.csv: column \"kredit\" read with a decimal comma (\"250.000\" is 250000), as column \"klaim\" of ledger.csv has \"1.250.000,00\" on line 2 shows; pass --decimal-point or --decimal-comma to choose"])
        // Alone, the statement decides nothing: refused.
        #expect(throws: DataError.self) { try RunNumberFormat.decide([statements])[0].numbers("kredit") }
        // A decimal-point file in the same run: conflicting evidence, refused naming both files.
        let other = try CSVLoader.read(bytes: Array("x\n0.5\n".utf8), source: "ref.csv", options: CSVOptions())
        let conflict = RunNumberFormat.decide([ledger, statements, other])
        let e = try #require(throws: DataError.self) { try conflict[1].numbers("kredit") }
        #expect(e.description.contains("the run shows both decimal commas (column \"klaim\" of ledger.csv has \"1.250.000,00\" on line 2) and decimal points (column \"x\" of ref.csv has \"0.5\" on line 2)"))
        #expect(try conflict[0].numbers("klaim") == [1_250_000, 600_000.5])
    }

    @Test func thousandsSeparatorsRupiahAndPercentages() throws {
        // Several thousands dots are an integer in either format; English thousands are read.
        let d = try CSVLoader.parse(text: "a,b,c\n11.988.130,\"1,250,000.00\",2.5\n1.000.000,\"2,000.50\",1\n")
        #expect(try d.numbers("a") == [11_988_130, 1_000_000])
        #expect(try d.numbers("b") == [1_250_000, 2000.5])
        #expect(NumberFormat.decimalPoint.parse("11.988.130") == 11_988_130)
        #expect(NumberFormat.decimalPoint.parse("1,250,000.00") == 1_250_000)
        #expect(NumberFormat.decimalComma.parse("0.125") == nil)   // no thousands group after a leading zero
        // Rp amounts: their own cells decide their format.
        let rp = try CSVLoader.parse(text: "id;kredit;share\nA;Rp 1.250.000;12,5%\nB;Rp 250.000;70%\n")
        #expect(try rp.amounts("kredit") == [1_250_000, 250_000])
        #expect(MoneyText.parseRate("12,5%", format: try rp.numberFormat(of: "share")) == Decimal(string: "0.125"))
        let english = try CSVLoader.parse(text: "id,kredit\nA,\"Rp1,250,000.00\"\nB,Rp 2.5\n")
        #expect(try english.amounts("kredit") == [1_250_000, Decimal(string: "2.5")!])
        // All-ambiguous Rp amounts with nothing deciding are refused.
        let unsure = try CSVLoader.parse(text: "id;kredit\nA;Rp 250.000\nB;Rp 600.000\n", source: "u.csv")
        let e = try #require(throws: DataError.self) { try unsure.amounts("kredit") }
        #expect(e.description.contains("it is 250 with a decimal point and 250000 with a decimal comma"))
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

/// Issue #10: total rows and id columns found by name.
@Suite struct TotalRowsAndIdAliasTests {
    @Test func totalLabels() {
        for label in ["TOTAL", "Total", " jumlah ", "Grand Total", "SUBTOTAL", "Sub-Total", "sub total", "Total Keseluruhan", "Total Jakarta", "JUMLAH:", "total_cabang"] {
            #expect(TotalRows.isTotalLabel(label), "\(label)")
        }
        for label in ["Totalindo", "Jakarta Total", "Subang", "Jumlahan", "A", ""] {
            #expect(!TotalRows.isTotalLabel(label), "\(label)")
        }
    }

    @Test func sumRowsNeedFourRowsAndExactSums() throws {
        let total = try CSVLoader.parse(text: "b,x,y\nA,1,2.5\nB,2,3.25\nC,3,1\nT,6,6.75\n", source: "t.csv")
        #expect(TotalRows.refusal(in: total, labelColumn: "b", numericColumns: ["x", "y"])?.description
                == "t.csv: line 5 (data row 4): expected a unit's row, not a total row (its \"x\", \"y\" are the sums of the other rows); remove the row or pass --keep-total-rows")
        // Off by one in the last printed digit: not a total; three rows: never judged by sums.
        let near = try CSVLoader.parse(text: "b,x,y\nA,1,2.5\nB,2,3.25\nC,3,1\nT,6,6.76\n")
        #expect(TotalRows.refusal(in: near, labelColumn: "b", numericColumns: ["x", "y"]) == nil)
        let three = try CSVLoader.parse(text: "b,x,y\nA,1,1\nB,1,1\nC,2,2\n")
        #expect(TotalRows.refusal(in: three, labelColumn: "b", numericColumns: ["x", "y"]) == nil)
        // One column is not enough evidence.
        #expect(TotalRows.refusal(in: total, labelColumn: "b", numericColumns: ["x"]) == nil)
    }

    @Test func idColumnsByName() throws {
        #expect(IdAliases.find(in: try CSVLoader.parse(text: "Kantor_Cabang,x\nA,1\nB,2\n")) == .one("Kantor_Cabang"))
        #expect(IdAliases.find(in: try CSVLoader.parse(text: "dmu,nama,x\nA,a,1\nB,b,2\n")) == .several(["dmu", "nama"]))
        #expect(IdAliases.find(in: try CSVLoader.parse(text: "loan,branch,x\n1,A,1\n2,A,2\n")) == .none)
        #expect(try CSVLoader.parse(text: "cabang,x\nMedan,1\nPadang,2\n").ids(column: nil) == ["Medan", "Padang"])
        #expect(throws: DataError.self) { try CSVLoader.parse(text: "dmu,nama,x\nA,a,1\nB,b,2\n").ids(column: nil) }
        #expect(try CSVLoader.parse(text: "x,y\n1,2\n3,4\n").ids(column: nil) == ["1", "2"])
    }
}
