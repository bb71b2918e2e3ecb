import Foundation
import TolokCore

/// Arrears buckets by days past due: upper bounds `[30, 60, 90]` give 1–30, 31–60, 61–90 and
/// > 90 days (MODELS.md §5, after seed 002's "data kepatuhan membayar iuran disusun
/// berdasarkan pengelompokan" — payment-compliance data grouped, unit O.84JSN00 "Melakukan
/// pembinaan kepada peserta" 1.1–1.3). Configurable with `--buckets`.
public struct ArrearsBuckets: Sendable, Equatable {
    /// Strictly increasing positive upper bounds (inclusive).
    public let bounds: [Int]

    public init(bounds: [Int]) throws {
        guard !bounds.isEmpty, bounds[0] >= 1, zip(bounds, bounds.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw UsageError("--buckets expects strictly increasing positive day counts, e.g. 30,60,90, got \(bounds.map(String.init).joined(separator: ","))")
        }
        self.bounds = bounds
    }

    /// Number of buckets (bounds + the open-ended last one).
    public var count: Int { bounds.count + 1 }

    /// The bucket (0-based) for `days` ≥ 1 past due.
    public func bucket(days: Int) -> Int {
        bounds.firstIndex { days <= $0 } ?? bounds.count
    }

    /// `arrears_1_30`, `arrears_31_60`, …, `arrears_over_90`.
    public func label(_ k: Int) -> String {
        if k == bounds.count { return "arrears_over_\(bounds.last!)" }
        let low = k == 0 ? 1 : bounds[k - 1] + 1
        return "arrears_\(low)_\(bounds[k])"
    }
}

/// The payment-compliance class of one contribution bill (MODELS.md §5): paid in full on or
/// before the due date (on time), paid in full after it (late), not yet due, or in arrears —
/// an amount still outstanding at the as-of date, by days past the due date.
public enum ComplianceClass: Sendable, Hashable {
    case onTime
    case late
    case notDue
    case arrears(bucket: Int)

    /// The classes in report order for a bucket scheme.
    public static func all(_ buckets: ArrearsBuckets) -> [ComplianceClass] {
        [.onTime, .late, .notDue] + (0..<buckets.count).map { .arrears(bucket: $0) }
    }

    public func label(_ buckets: ArrearsBuckets) -> String {
        switch self {
        case .onTime: return "on_time"
        case .late: return "late"
        case .notDue: return "not_due"
        case .arrears(let k): return buckets.label(k)
        }
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
