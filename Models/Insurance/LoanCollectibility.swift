import Foundation

/// The asset-quality class (*kolektibilitas*) of a bank loan by days past due, the
/// payment-ability criterion of Bank Indonesia/OJK asset-quality rules (PBI 14/15/PBI/2012;
/// POJK 40/POJK.03/2019 on asset quality of commercial banks), as docs/INSURANCE.md §8 states it:
/// Kol 1 *Lancar* (current, 0 days), Kol 2 *Dalam Perhatian Khusus* (special mention, 1–90),
/// Kol 3 *Kurang Lancar* (substandard, 91–120), Kol 4 *Diragukan* (doubtful, 121–180),
/// Kol 5 *Macet* (loss, > 180). Kol 3–5 are non-performing (NPL).
/// Only the days-past-due criterion is modelled; the regulations also weigh business prospects
/// and the debtor's financial performance, which a data file of arrears cannot show.
public enum Collectibility: Int, Sendable, CaseIterable, Comparable {
    case current = 1
    case specialMention = 2
    case substandard = 3
    case doubtful = 4
    case loss = 5

    /// The class for a number of days past due (≥ 0).
    public init(daysPastDue days: Int) {
        self = Collectibility.allCases.first { $0.daysPastDue.upper.map { days <= $0 } ?? true }!
    }

    /// The days past due of the class: from `lower` to `upper` inclusive (`nil`: no limit).
    public var daysPastDue: (lower: Int, upper: Int?) {
        switch self {
        case .current: return (0, 0)
        case .specialMention: return (1, 90)
        case .substandard: return (91, 120)
        case .doubtful: return (121, 180)
        case .loss: return (181, nil)
        }
    }

    /// Kol 3, 4 and 5.
    public var isNonPerforming: Bool { rawValue >= 3 }

    /// The regulation's name of the class, in English and Indonesian.
    public var name: String {
        switch self {
        case .current: return "current (Lancar)"
        case .specialMention: return "special mention (Dalam Perhatian Khusus)"
        case .substandard: return "substandard (Kurang Lancar)"
        case .doubtful: return "doubtful (Diragukan)"
        case .loss: return "loss (Macet)"
        }
    }

    public static func < (a: Collectibility, b: Collectibility) -> Bool { a.rawValue < b.rawValue }
}

/// Loans with their outstanding balances and classes, and the NPL ratio (docs/INSURANCE.md §8).
public struct LoanBook: Sendable, Equatable {
    public let outstanding: [Decimal]
    public let classes: [Collectibility]

    /// The book of loans with these outstanding balances and days past due (≥ 0).
    /// The sums, made once in one pass in loan order (each sum adds the same amounts in the same
    /// order as summing on demand would, so the results are the same Decimals): the total, per
    /// class (index = Kol), and over the non-performing loans.
    private let sums: Sums

    private struct Sums: Sendable, Equatable {
        var total = Decimal(0)
        var perClass = [Decimal](repeating: 0, count: 6)
        var nonPerforming = Decimal(0)

        /// The same sums in integer cents when every amount has at most two decimals and fits in
        /// 63 bits of cents (each checked by converting back), and every sum stays below 2^63
        /// cents: exact integer addition, so the same values as the Decimal sums (which are exact
        /// below 38 digits). nil otherwise (the Decimal sums decide).
        init?(cents outstanding: [Decimal], _ classes: [Collectibility]) {
            var total: Int64 = 0, nonPerforming: Int64 = 0
            var perClass = [Int64](repeating: 0, count: 6)
            for (amount, c) in zip(outstanding, classes) {
                guard let x = Sums.cents(amount) else { return nil }
                var overflow = false
                (total, overflow) = total.addingReportingOverflow(x); if overflow { return nil }
                (perClass[c.rawValue], overflow) = perClass[c.rawValue].addingReportingOverflow(x); if overflow { return nil }
                if c.isNonPerforming { (nonPerforming, overflow) = nonPerforming.addingReportingOverflow(x); if overflow { return nil } }
            }
            self.total = Sums.decimal(total)
            self.perClass = perClass.map(Sums.decimal)
            self.nonPerforming = Sums.decimal(nonPerforming)
        }

        /// `d` × 100 when it is a whole number of cents below 2^63; nil otherwise.
        static func cents(_ d: Decimal) -> Int64? {
            let e = d.exponent
            guard !d.isNaN, e >= -2, e <= 16 else { return nil }
            let significand = d.significand
            let u = NSDecimalNumber(decimal: significand).uint64Value
            guard Decimal(u) == significand else { return nil }
            var scale: UInt64 = 1
            for _ in 0..<(e + 2) { scale *= 10 }
            let (c, overflow) = u.multipliedReportingOverflow(by: scale)
            guard !overflow, c <= UInt64(Int64.max) else { return nil }
            return d.sign == .minus ? -Int64(c) : Int64(c)
        }

        static func decimal(_ cents: Int64) -> Decimal {
            cents == 0 ? Decimal(0) : Decimal(sign: cents < 0 ? .minus : .plus, exponent: -2, significand: Decimal(cents.magnitude))
        }

        init(_ outstanding: [Decimal], _ classes: [Collectibility]) {
            if let exact = Sums(cents: outstanding, classes) { self = exact; return }
            for (amount, c) in zip(outstanding, classes) {
                total += amount
                perClass[c.rawValue] += amount
                if c.isNonPerforming { nonPerforming += amount }
            }
        }
    }

    public init(outstanding: [Decimal], daysPastDue: [Int]) {
        precondition(outstanding.count == daysPastDue.count)
        self.outstanding = outstanding
        self.classes = daysPastDue.map(Collectibility.init(daysPastDue:))
        sums = Sums(self.outstanding, self.classes)
    }

    private init(outstanding: [Decimal], classes: [Collectibility]) {
        self.outstanding = outstanding
        self.classes = classes
        sums = Sums(outstanding, classes)
    }

    /// The loans at these indices.
    public func subset(_ loans: [Int]) -> LoanBook {
        LoanBook(outstanding: loans.map { outstanding[$0] }, classes: loans.map { classes[$0] })
    }

    public var count: Int { outstanding.count }
    public var totalOutstanding: Decimal { sums.total }

    /// The loans of one class.
    public func loans(in c: Collectibility) -> [Int] { classes.indices.filter { classes[$0] == c } }
    /// The outstanding balance of one class.
    public func outstanding(in c: Collectibility) -> Decimal { sums.perClass[c.rawValue] }
    /// The class's share of the total outstanding, `nil` when nothing is outstanding.
    public func share(of c: Collectibility) -> Decimal? { quotient(outstanding(in: c), totalOutstanding) }

    /// Outstanding in Kol 3–5.
    public var nonPerformingOutstanding: Decimal { sums.nonPerforming }
    /// NPL ratio = outstanding in Kol 3–5 / total outstanding; `nil` when nothing is outstanding.
    public var nplRatio: Decimal? { quotient(nonPerformingOutstanding, totalOutstanding) }
}
