import Foundation
import TolokDomain

/// The placement of one risk across the automatic treaty, facultative reinsurance and the
/// insurer's own retention, with the premium that follows each layer (docs/INSURANCE.md §5,
/// after working document 003 §2.4.2 and its figures 2.6/2.7, "Proses Kerja Pengelolaan Resiko").
///
/// - Gross premium = sum insured × rate (100 bn × 1% = 1 bn), rounded to the cent.
/// - The treaty takes min(treaty capacity, sum insured) (40 bn); facultative reinsurance takes
///   the placed amount, which may not exceed what the treaty left (50 bn of the remaining
///   60 bn); the rest is the own retention (10 bn).
/// - Premium follows the risk share of each layer: treaty and facultative premiums are
///   gross premium × layer / sum insured, rounded to the cent; the retention's premium is the
///   remainder, so the three always add up to the gross premium (400 m, 500 m, 100 m).
/// - Net retention may not exceed 10% of the insurer's equity (*modal sendiri*): Keputusan
///   Dirjen Lembaga Keuangan No. Kep.1297/LK/2000 *Retensi Sendiri Perusahaan Asuransi dan
///   Perusahaan Reasuransi*. Equity 100 bn → limit 10 bn → allowed.
public struct RiskPlacement: Sendable, Equatable {
    /// Kep.1297/LK/2000: own retention at most 10% of equity.
    public static let maximumRetentionShare = Decimal(string: "0.1")!

    public let sumInsured: Decimal
    public let rate: Decimal
    public let treatyCapacity: Decimal
    public let facultative: Decimal
    public let equity: Decimal
    /// Maximum retention as a fraction of equity.
    public let maximumRetentionShare: Decimal

    public enum Problem: Error, Equatable {
        /// The facultative placement exceeds the risk the treaty left; carries that remainder.
        case facultativeExceedsRemainder(Decimal)
    }

    public init(sumInsured: Decimal, rate: Decimal, treatyCapacity: Decimal, facultative: Decimal, equity: Decimal,
                maximumRetentionShare: Decimal = RiskPlacement.maximumRetentionShare) throws {
        self.sumInsured = sumInsured
        self.rate = rate
        self.treatyCapacity = treatyCapacity
        self.facultative = facultative
        self.equity = equity
        self.maximumRetentionShare = maximumRetentionShare
        let remainder = sumInsured - min(treatyCapacity, sumInsured)
        guard facultative <= remainder else { throw Problem.facultativeExceedsRemainder(remainder) }
    }

    public var grossPremium: Decimal { (sumInsured * rate).rounded() }
    public var treatySum: Decimal { min(treatyCapacity, sumInsured) }
    public var facultativeSum: Decimal { facultative }
    public var retentionSum: Decimal { sumInsured - treatySum - facultativeSum }

    public func layerPremium(_ layer: Decimal) -> Decimal {
        sumInsured == 0 ? 0 : (grossPremium * layer / sumInsured).rounded()
    }
    public var treatyPremium: Decimal { layerPremium(treatySum) }
    public var facultativePremium: Decimal { layerPremium(facultativeSum) }
    public var retentionPremium: Decimal { grossPremium - treatyPremium - facultativePremium }

    /// Own retention / sum insured, `nil` when nothing is insured.
    public var retentionShare: Decimal? { quotient(retentionSum, sumInsured) }
    public var retentionLimit: Decimal { equity * maximumRetentionShare }
    /// True when own retention exceeds the Kep.1297/LK/2000 limit.
    public var retentionBreach: Bool { retentionSum > retentionLimit }
}
