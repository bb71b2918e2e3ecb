import Foundation
import Testing
@testable import TolokCore

/// Amounts, counts and ids read straight from the file's bytes give what the text path gives:
/// the same values (to the digit of the `Decimal`), the same error messages.
@Suite struct ByteCellTests {
    /// The dataset with every column's raw cells as Strings: the text path of amounts and counts.
    static func asStrings(_ d: Dataset) -> Dataset {
        let columns = d.columns.map { c in
            Column(name: c.name, position: c.position, values: c.values, raw: RawCells(Array(c.raw)), numberFormat: c.numberFormat,
                   ambiguousRow: c.ambiguousRow, hasOwnNumberFormat: c.hasOwnNumberFormat)
        }
        return d.replacing(columns: columns, numberFormat: d.numberFormat, notes: d.notes, undecidedReason: d.undecidedReason)
    }

    /// The values' descriptions, or the error's.
    static func outcome<T>(_ f: () throws -> [T]) -> String {
        do { return try f().map { "\($0)" }.joined(separator: "|") } catch { return "error: \(error)" }
    }

    static let oddCells = [
        "0", "5", "-5", "+5", "-0", "-0.00", "0.00", "007", "1250000", "1250000.5", "1250000.50", "1250000.505", "12.", ".5",
        "1,250,000.00", "1.250.000", "1.250.000,00", "12,5", "12,50", "Rp 1.250.000", "Rp. 450.000,00", "rp5", "(24.418.392,95)",
        "(5)", "(-5)", "1e3", "3.03E+08", "NA", "n/a", "null", "", " 7 ", "\"7\"", "\"1,5\"", "abc", "5 000", "１２", "5\u{00A0}",
        "99999999999999999999", "9999999999999999999", "1234567890123456789.12", "123456789012345", "1234567890123456",
        "262.769.113", "11.988.130", "1.020", "15.131", "--5", "+-5", "5-", "0.1", "0.01", "100.25",
    ]

    @Test func amountsAndCountsFromBytesEqualTheTextPath() throws {
        for cell in Self.oddCells {
            for second in ["5", "7.25", "x", "12,5"] {
                for options in [CSVOptions(), CSVOptions(numberFormat: .decimalComma), CSVOptions(numberFormat: .decimalPoint)] {
                    let text = "id,a\nL1,\(cell)\nL2,\(second)\n"
                    guard let fast = try? CSVLoader.parse(text: text, source: "f.csv", options: options) else { continue }
                    #expect(try fast.column("a").raw.isFromFile)
                    let slow = Self.asStrings(fast)
                    for requirement in [AmountRequirement.any, .nonNegative, .positive] {
                        for allowMissing in [false, true] {
                            #expect(Self.outcome { try fast.amounts("a", requirement, allowMissing: allowMissing) }
                                        == Self.outcome { try slow.amounts("a", requirement, allowMissing: allowMissing) },
                                    "\(cell) / \(second)")
                        }
                    }
                    for positive in [false, true] {
                        #expect(Self.outcome { try fast.counts("a", positive: positive, expected: "days") }
                                    == Self.outcome { try slow.counts("a", positive: positive, expected: "days") }, "\(cell) / \(second)")
                    }
                }
            }
        }
    }

    @Test func randomAmountFilesGiveTheSameDecimals() throws {
        var rng = SplitMix(seed: 20261203)
        for _ in 0..<20 {
            var text = "loan,outstanding,days_past_due\n"
            for r in 0..<500 {
                let whole = rng.next() % 10_000_000_000
                let amount: String
                switch rng.next() % 8 {
                case 0: amount = "\(whole)"
                case 1: amount = "\(whole).\(rng.next() % 10)"
                case 2: amount = "-\(whole).\(String(format: "%02d", Int(rng.next() % 100)))"
                case 3: amount = "\"\(whole).\(String(format: "%02d", Int(rng.next() % 100)))\""
                default: amount = "\(whole).\(String(format: "%02d", Int(rng.next() % 100)))"
                }
                text += "L\(r),\(amount),\(rng.next() % 400)\n"
            }
            let fast = try CSVLoader.parse(text: text, source: "f.csv")
            let slow = Self.asStrings(fast)
            #expect(Self.outcome { try fast.amounts("outstanding") } == Self.outcome { try slow.amounts("outstanding") })
            #expect(Self.outcome { try fast.counts("days_past_due", expected: "days") }
                        == Self.outcome { try slow.counts("days_past_due", expected: "days") })
            #expect(try fast.ids(column: "loan") == (0..<500).map { "L\($0)" })
        }
    }

    @Test func repeatedIdsByBytesAndByCanonicalEquivalence() throws {
        let d = try CSVLoader.parse(text: "loan,a\nA1,1\nB2,2\nC3,3\nB2,4\nA1,5\n", source: "f.csv")
        let e = try #require(throws: DataError.self) { try d.ids(column: "loan") }
        #expect(e == d.cellError(row: 3, column: "loan", expected: "a unique id (already used on line 3)", got: "B2"))
        #expect(ASCIIUniqueness.firstRepeat(["A1", "B2", "C3", "B2", "A1"]) == .repeated(row: 3, first: 1))
        #expect(ASCIIUniqueness.firstRepeat(["A1", "A10", "A", ""]) == .distinct)
        #expect(ASCIIUniqueness.firstRepeat(["x", "", "y", ""]) == .repeated(row: 3, first: 1))
        #expect(ASCIIUniqueness.firstRepeat(["é", "e"]) == .notASCII)
        #expect(ASCIIUniqueness.firstRepeat((0..<100_000).map { "id\($0)" }) == .distinct)
        // Not ASCII: Strings compare by canonical equivalence (é precomposed and decomposed, `;` and U+037E).
        for (a, b) in [("caf\u{E9}", "cafe\u{301}"), (";", "\u{37E}")] {
            let u = try CSVLoader.parse(text: "loan,a\n\(a),1\nz,2\n\(b),3\n", source: "f.csv")
            let e = try #require(throws: DataError.self) { try u.ids(column: "loan") }
            #expect(e == u.cellError(row: 2, column: "loan", expected: "a unique id (already used on line 2)", got: b))
        }
    }

    @Test func totalLabelsSiftedByBytesAreStillFound() throws {
        let cells = ["total", "TOTAL", "Total Jakarta", " jumlah:", "-Subtotal", "_grand_total", "Sub-Total", "JUMLAH TOTAL",
                     "\u{A0}Total", "Tötal", "totals", "L0000001", "Jakarta", "", " ", "--", "t", "g", "subtotal:", "\tTotal",
                     "Grand Total:", "jumlah cabang", "x total", "TOTAL\u{301}", "\u{212A}", "s"]
        for cell in cells {
            let bytes = Array(cell.utf8)
            let may = bytes.withUnsafeBufferPointer { TotalRows.mayBeTotalLabel($0) }
            if TotalRows.isTotalLabel(cell) { #expect(may, "\(cell)") }
        }
        #expect(!Array("L0000001".utf8).withUnsafeBufferPointer { TotalRows.mayBeTotalLabel($0) })
        // From a file: the first total row is refused, as with Strings.
        for label in ["Total", "  jumlah", "\"Sub-total: Jakarta\"", "\u{A0}TOTAL"] {
            let d = try CSVLoader.parse(text: "loan,a\nL1,1\nL2,2\n\(label),3\nL4,4\n", source: "f.csv")
            #expect(TotalRows.firstTotalLabel(try d.column("loan").raw) == 2, "\(label)")
            #expect(TotalRows.firstTotalLabel(Self.asStrings(d).columns[0].raw) == 2, "\(label)")
        }
        let plain = try CSVLoader.parse(text: "loan,a\nL1,1\nsubject,2\ngross,3\n", source: "f.csv")
        #expect(TotalRows.firstTotalLabel(try plain.column("loan").raw) == nil)
    }

    @Test func moneyWrittenAsDigitsIsValueFormattingMoney() {
        var amounts: [Decimal] = [0, -0.0, Decimal.nan, 5, -5, 0.05, -0.05, 0.5, 12.34, 1250000, 1234.505, -1234.505, 0.001, 1e20, -1e20,
                                  Decimal(string: "92233720368547758.07")!, Decimal(string: "92233720368547758.08")!,
                                  Decimal(string: "-92233720368547758.08")!, Decimal(string: "123.4500")!, Decimal(sign: .minus, exponent: -2, significand: 0)]
        var rng = SplitMix(seed: 7)
        for _ in 0..<5000 {
            let units = Decimal(rng.next() % 100_000_000_000_000)
            amounts.append(Decimal(sign: rng.next() % 2 == 0 ? .plus : .minus, exponent: -Int(rng.next() % 4), significand: units))
        }
        for d in amounts {
            var sink = ByteSink()
            sink.append(money: d)
            #expect(sink.bytes == Array(ValueFormatting.money(d).utf8), "\(d)")
        }
    }

    @Test func missingCellsAreTheFourSpellingsInAnyCase() {
        for cell in ["", "NA", "na", "nA", "N/A", "n/a", "null", "NULL", "nUlL"] { #expect(Column.isMissing(cell), "\(cell)") }
        for cell in ["n", "nan", "none", "nulls", " NA", "NA ", "n.a", "\u{212A}", "nul\u{212A}", "NULL\u{301}", "L0000001"] {
            #expect(!Column.isMissing(cell), "\(cell)")
        }
    }
}
