import Foundation
import Testing
@testable import TolokCore

/// Asserts that `body` throws a DataError whose message contains every fragment.
private func expectDataError(_ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation, _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected a DataError", sourceLocation: sourceLocation)
    } catch let e as DataError {
        for f in fragments {
            #expect(e.description.contains(f), "\"\(e.description)\" lacks \"\(f)\"", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected a DataError, got \(error)", sourceLocation: sourceLocation)
    }
}

@Suite struct MoneyTextTests {
    @Test func decimalCommaCellsParseExactly() {
        #expect(MoneyText.parse("303.218.002,35", format: .decimalComma) == Decimal(string: "303218002.35"))
        #expect(MoneyText.parse("1.522.500,00", format: .decimalComma) == Decimal(1_522_500))
        #expect(MoneyText.parse("12,5", format: .decimalComma) == Decimal(string: "12.5"))
        #expect(MoneyText.parse("Rp. 450.000,00", format: .decimalComma) == Decimal(450_000))
        #expect(MoneyText.parse("(24.418.392,95)", format: .decimalComma) == Decimal(string: "-24418392.95"))
        #expect(MoneyText.parse("-0,01", format: .decimalComma) == Decimal(string: "-0.01"))
    }

    @Test func decimalPointCellsParseExactly() {
        #expect(MoneyText.parse("303218002.35", format: .decimalPoint) == Decimal(string: "303218002.35"))
        #expect(MoneyText.parse(" 0.10 ", format: .decimalPoint) == Decimal(string: "0.1"))
        #expect(MoneyText.parse("+7", format: .decimalPoint) == Decimal(7))
    }

    @Test func rejectsWhatIsNotAnAmount() {
        // `1,234.50` (English thousands) and `1.234.567` (thousands dots) are amounts since issue #10.
        #expect(MoneyText.parse("1,234.50", format: .decimalPoint) == Decimal(string: "1234.5"))
        #expect(MoneyText.parse("Rp 1.234.567", format: .decimalPoint) == Decimal(1_234_567))
        for bad in ["", "abc", "1.2.3", "3.03E+08", "1,23.50", "(-5)", "--1", "1 000"] {
            #expect(MoneyText.parse(bad, format: .decimalPoint) == nil, "\(bad)")
        }
        for bad in ["1.22.333,00", "1,2,3", "12.5", ",5", "1e3"] {
            #expect(MoneyText.parse(bad, format: .decimalComma) == nil, "\(bad)")
        }
    }

    @Test func ratesArePercentagesPerMilleOrFractions() {
        #expect(MoneyText.parseRate("1%", format: .decimalPoint) == Decimal(string: "0.01"))
        #expect(MoneyText.parseRate("1,5‰", format: .decimalComma) == Decimal(string: "0.0015"))
        #expect(MoneyText.parseRate(" 70% ", format: .decimalPoint) == Decimal(string: "0.7"))
        #expect(MoneyText.parseRate("0,7", format: .decimalComma) == Decimal(string: "0.7"))
        #expect(MoneyText.parseRate("%", format: .decimalPoint) == nil)
    }

    /// Binary floating point cannot hold 0.1 + 0.2 = 0.3; Decimal can, and sums of parsed cells
    /// are exact to the cent.
    @Test func sumsAreExact() {
        let cells = Array(repeating: "0.10", count: 1000)
        let sum = cells.compactMap { MoneyText.parse($0, format: .decimalPoint) }.reduce(0, +)
        #expect(sum == 100)
        #expect(Decimal(string: "975000.325")!.rounded() == Decimal(string: "975000.33"))
        #expect(Decimal(string: "-0.005")!.rounded() == Decimal(string: "-0.01"))
        #expect(Decimal(string: "1750000")!.moneyText == "1750000.00")
        #expect(Decimal(string: "-0.5")!.moneyText == "-0.50")
        #expect(Decimal(string: "-0.004")!.moneyText == "0.00")
    }

    /// `NSDecimalNumber.doubleValue` is not correctly rounded (0.07 → 0.06999999999999999); the
    /// conversions Core offers are.
    @Test func decimalToDoubleIsCorrectlyRounded() {
        for text in ["0.07", "0.1", "75295920.29", "0.3836164530595146", "262769113", "-1846.44"] {
            let d = Decimal(string: text)!
            #expect(Double(nearest: d) == Double(text)!, "\(text)")
            #expect(Value.money(d).double == Double(text)!, "\(text)")
            #expect(Value.fraction(d) == .number(Double(text)!), "\(text)")
        }
        #expect(Value.fraction(nil) == .missing)
        #expect(Value.count(Decimal(262_769_113)) == .integer(262_769_113))
        #expect(Value.count(Decimal(string: "2.5")!) == .money(Decimal(string: "2.5")!))
    }

    @Test func amountsAreLocatedWhenBad() throws {
        let data = try CSVLoader.parse(text: "a;b\n1.000,00;2\n-5,00;x\n", source: "m.csv")
        #expect(try data.requiredAmounts("a") == [1000, -5])
        expectDataError(["m.csv: line 3 (data row 2), column \"a\"", "non-negative amount", "got \"-5,00\""]) {
            _ = try data.requiredAmounts("a", .nonNegative)
        }
        // `1.500.000` has only one reading (thousands dots): its column is read with a decimal comma.
        #expect(try CSVLoader.parse(text: "a,b\n1.500.000,2\n").requiredAmounts("a") == [1_500_000])
        // In a column that is not numbers, the cell that looks like a decimal comma gets the hint
        // (`1.500.000` itself is read in either format since issue #10).
        let point = try CSVLoader.parse(text: "a,b\n1.500,5,2\nabc,3\n".replacingOccurrences(of: "1.500,5", with: "\"1.500,5\""), source: "p.csv", options: CSVOptions(numberFormat: .decimalPoint))
        expectDataError(["p.csv: line 2 (data row 1), column \"a\"", "--decimal-comma", "got \"1.500,5\""]) {
            _ = try point.requiredAmounts("a")
        }
        let counts = try CSVLoader.parse(text: "n\n3\n4.5\n", source: "n.csv")
        expectDataError(["n.csv: line 3 (data row 2), column \"n\"", "a whole count", "got \"4.5\""]) {
            _ = try counts.wholeNumbers("n", expected: "a whole count")
        }
    }

    /// Fraction options are read as exact decimals through their shortest text; values with more
    /// decimal places than anyone types (or that `Decimal` cannot hold) are usage errors.
    @Test func fractionOptionsAreExactDecimals() throws {
        #expect(try exactDecimal(0.4, option: "x", places: 10) == Decimal(string: "0.4"))
        #expect(try exactDecimal(0.98, option: "x", places: 10) == Decimal(string: "0.98"))
        #expect(try exactDecimal(0, option: "x", places: 10) == 0)
        #expect(try exactDecimal(1e-10, option: "x", places: 10) == Decimal(string: "0.0000000001"))
        for bad in [1e-300, 1e-20, 1e-11, 1.0 / 3.0] {
            #expect(throws: UsageError.self, "\(bad)") { try exactDecimal(bad, option: "x", places: 10) }
        }
    }
}

@Suite struct CivilDateTests {
    @Test func acceptsIsoAndIndonesianForms() {
        let d = CivilDate(year: 2024, month: 3, day: 31)
        #expect(CivilDate(parsing: "2024-03-31") == d)
        #expect(CivilDate(parsing: "31/03/2024") == d)
        #expect(CivilDate(parsing: "31-03-2024") == d)
        #expect(CivilDate(parsing: " 1/3/2024 ") == CivilDate(year: 2024, month: 3, day: 1))
        #expect(d?.description == "2024-03-31")
    }

    @Test func rejectsImpossibleOrAmbiguousDates() {
        for bad in ["2024-02-30", "31/04/2024", "29/02/2023", "2024/03/31", "03/31/2024", "31.03.2024", "24-3-31", "", "yesterday", "2024-3"] {
            #expect(CivilDate(parsing: bad) == nil, "\(bad)")
        }
        #expect(CivilDate(parsing: "29/02/2024") != nil)
        #expect(CivilDate(parsing: "29/02/2000") != nil)
        #expect(CivilDate(parsing: "29/02/1900") == nil)
    }

    @Test func dayArithmetic() throws {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        let a = try #require(CivilDate(parsing: "2024-01-10")), b = try #require(CivilDate(parsing: "31/03/2024"))
        #expect(a.days(to: b) == 81)  // 21 + 29 (leap February) + 31
        #expect(CivilDate(parsing: "2023-12-31")! < CivilDate(parsing: "01/01/2024")!)
    }

    @Test func badDateCellIsLocated() throws {
        let data = try CSVLoader.parse(text: "d\n2024-01-01\n31/02/2024\n", source: "d.csv")
        expectDataError(["d.csv: line 3 (data row 2), column \"d\"", "a date", "got \"31/02/2024\""]) { _ = try data.dates("d") }
    }
}

@Suite struct ColumnVocabularyTests {
    /// One vocabulary: no header name (after normalisation) belongs to two roles.
    @Test func everyNameMeansOneRole() {
        var owner: [String: String] = [:]
        for role in ColumnRole.vocabulary {
            for name in role.normalisedNames {
                if let other = owner[name], other != role.key {
                    Issue.record("\"\(name)\" names both \(other) and \(role.key)")
                }
                owner[name] = role.key
            }
        }
        #expect(Set(ColumnRole.vocabulary.map(\.key)).count == ColumnRole.vocabulary.count)
    }

    /// The organisational levels: `kantor wilayah` region, `kantor cabang` branch, KCP unit,
    /// plain `kantor` an office.
    @Test func organisationalLevelsAreApart() {
        func roleOf(_ header: String) -> String? {
            ColumnRole.vocabulary.first { $0.normalisedNames.contains(ColumnRole.normalise(header)) }?.key
        }
        #expect(roleOf("Kantor Wilayah") == "region")
        #expect(roleOf("kanwil") == "region")
        #expect(roleOf("Kantor Cabang") == "branch")
        #expect(roleOf("cabang") == "branch")
        #expect(roleOf("KCP") == "unit")
        #expect(roleOf("Unit/KCP") == "unit")
        #expect(roleOf("Kantor Cabang Pembantu") == "unit")
        #expect(roleOf("kantor") == "office")
        #expect(roleOf("Baki Debet") == "outstanding")
        #expect(ColumnRole.statementBalance.key == "balance" && ColumnRole.statementBalance.normalisedNames.contains("bakidebet"))
    }

    @Test func resolverFindsMapsAndRefuses() throws {
        let data = try CSVLoader.parse(text: "Kantor Cabang;Premi Bruto;x\nA;1;2\n", source: "r.csv")
        let resolver = try ColumnResolver(roles: [.branch, .grossPremium, .office], mapEntries: ["office=x"])
        #expect(try resolver.find(.branch, in: data) == "Kantor Cabang")
        #expect(try resolver.require(.grossPremium, in: data) == "Premi Bruto")
        #expect(try resolver.find(.office, in: data) == "x")
        #expect(throws: UsageError.self) { try ColumnResolver(roles: [.branch], mapEntries: ["region=x"]) }
        let twice = try CSVLoader.parse(text: "cabang,branch\nA,B\n", source: "t.csv")
        expectDataError(["one column for branch", "\"cabang\" and \"branch\"", "--map branch=COLUMN"]) {
            _ = try ColumnResolver(roles: [.branch], mapEntries: []).find(.branch, in: twice)
        }
    }
}
