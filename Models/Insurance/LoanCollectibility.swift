import Foundation
import TolokCore

/// The asset-quality class (*kolektibilitas*) of a bank loan by days past due, the
/// payment-ability criterion of Bank Indonesia/OJK asset-quality rules (PBI 14/15/PBI/2012;
/// POJK 40/POJK.03/2019 on asset quality of commercial banks), as MODELS.md §5 states it:
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
        switch days {
        case ...0: self = .current
        case 1...90: self = .specialMention
        case 91...120: self = .substandard
        case 121...180: self = .doubtful
        default: self = .loss
        }
    }

    /// Kol 3, 4 and 5.
    public var isNonPerforming: Bool { rawValue >= 3 }

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

/// NPL ratio = outstanding in Kol 3–5 / total outstanding (MODELS.md §5); empty when nothing is outstanding.
public func nplRatio(outstanding: [Decimal], classes: [Collectibility]) -> Value {
    let total = outstanding.reduce(Decimal(0), +)
    let npl = zip(outstanding, classes).filter { $0.1.isNonPerforming }.reduce(Decimal(0)) { $0 + $1.0 }
    return ratio(npl, total)
}
