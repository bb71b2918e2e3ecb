import Foundation
import Testing
import TolokInsuranceModel

/// LoanBook's sums (made once, in integer cents when every amount allows) against summing the
/// Decimals on demand, as the book did before.
@Suite struct LoanBookSumsTests {
    static func reference(_ amounts: [Decimal], _ days: [Int], _ c: Collectibility?) -> Decimal {
        zip(amounts, days).filter { c == nil || Collectibility(daysPastDue: $0.1) == c }.reduce(Decimal(0)) { $0 + $1.0 }
    }

    @Test func sumsEqualTheDecimalSums() {
        let posix = Locale(identifier: "en_US_POSIX")
        var state: UInt64 = 42
        func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 11
        }
        for variant in 0..<4 {
            var amounts: [Decimal] = [], days: [Int] = []
            for _ in 0..<3000 {
                let cents = next() % 10_000_000_000_000
                let text: String
                switch variant {
                case 0: text = "\(cents / 100).\(cents % 100 < 10 ? "0" : "")\(cents % 100)"   // cents: the integer path
                case 1: text = "\(cents / 1000).\(cents % 1000)"                                  // sometimes 3 decimals: Decimal sums
                case 2: text = "\(cents)e10"                                                     // large
                default: text = "-\(cents / 100)"                                                // negative whole amounts
                }
                amounts.append(Decimal(string: text, locale: posix)!)
                days.append(Int(next() % 400))
            }
            if variant == 2 { amounts.append(Decimal(string: "99999999999999999999999999.99", locale: posix)!); days.append(0) }
            let book = LoanBook(outstanding: amounts, daysPastDue: days)
            #expect(book.totalOutstanding == Self.reference(amounts, days, nil))
            #expect("\(book.totalOutstanding)" == "\(Self.reference(amounts, days, nil))")
            for c in Collectibility.allCases {
                #expect(book.outstanding(in: c) == Self.reference(amounts, days, c), "variant \(variant) \(c)")
                let q = book.share(of: c), r = Self.reference(amounts, days, c) / Self.reference(amounts, days, nil)
                #expect(q.map { "\($0)" } == "\(r)", "variant \(variant) \(c)")
            }
            let npl = zip(amounts, days).filter { Collectibility(daysPastDue: $0.1).isNonPerforming }.reduce(Decimal(0)) { $0 + $1.0 }
            #expect(book.nonPerformingOutstanding == npl)
            let sub = book.subset([2, 0, 5])
            #expect(sub.totalOutstanding == amounts[2] + amounts[0] + amounts[5])
        }
    }
}
