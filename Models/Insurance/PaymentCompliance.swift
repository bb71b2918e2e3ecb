import Foundation
import TolokDomain

/// Arrears buckets by days past due: upper bounds `[30, 60, 90]` give 1–30, 31–60, 61–90 and
/// > 90 days (docs/INSURANCE.md §7; working document 002 asks that payment-compliance data be
/// grouped — "data kepatuhan membayar iuran disusun berdasarkan pengelompokan", unit O.84JSN00
/// "Melakukan pembinaan kepada peserta" 1.1–1.3 — without fixing the groups).
public struct ArrearsBuckets: Sendable, Equatable {
    /// The usual scheme: 1–30, 31–60, 61–90 and > 90 days.
    public static let standardBounds = [30, 60, 90]

    /// Strictly increasing positive upper bounds (inclusive).
    public let bounds: [Int]

    public enum Problem: Error, Equatable {
        /// The bounds are empty, not positive or not strictly increasing.
        case notIncreasingPositive([Int])
    }

    public init(bounds: [Int] = standardBounds) throws {
        guard !bounds.isEmpty, bounds[0] >= 1, zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw Problem.notIncreasingPositive(bounds)
        }
        self.bounds = bounds
    }

    /// Number of buckets (bounds + the open-ended last one).
    public var count: Int { bounds.count + 1 }

    /// The bucket (0-based) for `days` ≥ 1 past due.
    public func bucket(days: Int) -> Int {
        bounds.firstIndex { days <= $0 } ?? bounds.count
    }

    /// The days of bucket `k`: from `lower` to `upper` inclusive (`nil` for the open-ended last one).
    public func days(_ k: Int) -> (lower: Int, upper: Int?) {
        let lower = k == 0 ? 1 : bounds[k - 1] + 1
        return (lower, k < bounds.count ? bounds[k] : nil)
    }
}

/// The payment-compliance class of one contribution bill (docs/INSURANCE.md §7): paid in full
/// on or before the due date (on time), paid in full after it (late), not yet due, or in
/// arrears — an amount still outstanding at the as-of date, by days past the due date.
public enum ComplianceClass: Sendable, Hashable {
    case onTime
    case late
    case notDue
    case arrears(bucket: Int)

    /// The classes in report order for a bucket scheme.
    public static func all(_ buckets: ArrearsBuckets) -> [ComplianceClass] {
        [.onTime, .late, .notDue] + (0..<buckets.count).map { .arrears(bucket: $0) }
    }
}

/// One contribution bill (*iuran*): amount billed and received, due date and payment date.
public struct ContributionBill: Sendable, Equatable {
    public var billed: Decimal
    public var received: Decimal
    public var dueDate: CivilDate?
    public var paidDate: CivilDate?

    public init(billed: Decimal, received: Decimal, dueDate: CivilDate? = nil, paidDate: CivilDate? = nil) {
        self.billed = billed; self.received = received; self.dueDate = dueDate; self.paidDate = paidDate
    }

    /// Billed − received, never below zero (an overpayment leaves nothing outstanding).
    public var outstanding: Decimal { max(billed - received, 0) }

    /// Received / billed, `nil` when nothing was billed.
    public var collectionRatio: Decimal? { quotient(received, billed) }

    public enum Problem: Error, Equatable {
        case paidInFullWithoutDate
        case outstandingWithoutAsOf
        case missingDueDate
    }

    /// The compliance class and the days late (paid bills) or past due (outstanding bills).
    public func classify(asOf: CivilDate?, buckets: ArrearsBuckets) throws -> (ComplianceClass, days: Int) {
        guard let due = dueDate else { throw Problem.missingDueDate }
        if outstanding == 0 {
            if billed == 0 && paidDate == nil { return (.onTime, 0) }
            guard let paid = paidDate else { throw Problem.paidInFullWithoutDate }
            let late = due.days(to: paid)
            return late <= 0 ? (.onTime, 0) : (.late, late)
        }
        guard let asOf else { throw Problem.outstandingWithoutAsOf }
        let days = due.days(to: asOf)
        return days <= 0 ? (.notDue, 0) : (.arrears(bucket: buckets.bucket(days: days)), days)
    }
}

/// The sums over some bills: billed, received, outstanding and the collection ratio.
public struct CollectionTotals: Sendable, Equatable {
    public let bills: Int
    public let billed: Decimal
    public let received: Decimal
    public let outstanding: Decimal

    public init(_ bills: some Sequence<ContributionBill>) {
        var n = 0, b = Decimal(0), r = Decimal(0), o = Decimal(0)
        for bill in bills { n += 1; b += bill.billed; r += bill.received; o += bill.outstanding }
        self.bills = n; billed = b; received = r; outstanding = o
    }

    /// Received / billed, `nil` when nothing was billed.
    public var collectionRatio: Decimal? { quotient(received, billed) }
}
