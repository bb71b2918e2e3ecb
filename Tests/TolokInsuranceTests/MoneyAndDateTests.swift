import Foundation
import Testing
import TolokCore
@testable import TolokInsuranceModel
@testable import TolokInsurance

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
        for bad in ["", "abc", "1.2.3", "3.03E+08", "1,234.50", "(-5)", "--1", "1 000"] {
            #expect(MoneyText.parse(bad, format: .decimalPoint) == nil, "\(bad)")
        }
        for bad in ["1.22.333,00", "1,2,3", "12.5", ",5", "1e3"] {
            #expect(MoneyText.parse(bad, format: .decimalComma) == nil, "\(bad)")
        }
    }

    /// Binary floating point cannot hold 0.1 + 0.2 = 0.3; Decimal can, and sums of parsed cells
    /// are exact to the cent.
    @Test func sumsAreExact() {
        let cells = Array(repeating: "0.10", count: 1000)
        let sum = cells.compactMap { MoneyText.parse($0, format: .decimalPoint) }.reduce(0, +)
        #expect(sum == 100)
        #expect(Decimal(string: "975000.325")!.rounded() == Decimal(string: "975000.33"))
        #expect(Decimal(string: "-0.005")!.rounded() == Decimal(string: "-0.01"))
        #expect(Decimal(string: "0.07")!.doubleValue == 0.07)
        #expect(Decimal(string: "1750000")!.moneyText == "1750000.00")
        #expect(Decimal(string: "-0.5")!.moneyText == "-0.50")
    }

    @Test func amountsAreLocatedWhenBad() throws {
        let data = try CSVLoader.parse(text: "a;b\n1.000,00;2\n-5,00;x\n", source: "m.csv")
        #expect(try data.requiredAmounts("a") == [1000, -5])
        expectDataError(["m.csv: line 3 (data row 2), column \"a\"", "non-negative amount", "got \"-5,00\""]) {
            _ = try data.requiredAmounts("a", .nonNegative)
        }
        let point = try CSVLoader.parse(text: "a,b\n1.500.000,2\n", source: "p.csv")
        expectDataError(["p.csv: line 2 (data row 1), column \"a\"", "--decimal-comma", "got \"1.500.000\""]) {
            _ = try point.requiredAmounts("a")
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
