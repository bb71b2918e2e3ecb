import Foundation
import TolokCore

/// The ten components of an underwriting account, per branch × class of business × period
/// (seed 003 §2.4.2, steps 1–8, "Proses Pengelolaan Premi Resiko (Underwriting)").
public enum UnderwritingComponent: String, CaseIterable, Sendable {
    case grossPremium = "gross_premium"
    case reinsurancePremium = "reinsurance_premium"
    case commission = "commission"
    case reinsuranceCommission = "reinsurance_commission"
    case grossClaims = "gross_claims"
    case reinsuranceClaims = "reinsurance_claims"
    case premiumReserveOpening = "premium_reserve_opening"
    case premiumReserveClosing = "premium_reserve_closing"
    case claimsReserveOpening = "claims_reserve_opening"
    case claimsReserveClosing = "claims_reserve_closing"

    /// The header names recognised for this component: English, and the Indonesian terms of
    /// seed 003 (premi bruto, premi reasuransi, komisi, komisi reasuransi, klaim bruto, klaim
    /// reasuransi, cadangan premi awal/akhir, cadangan klaim awal/akhir) with the worked
    /// example's abbreviations (Premi Gross, Premi R/A, Komisi Cabang, Cad Premi Awal, …).
    public var role: ColumnRole {
        switch self {
        case .grossPremium:
            return ColumnRole(rawValue, "gross premium", aliases: ["gross premium", "premi bruto", "premi gross", "gross written premium", "gwp"])
        case .reinsurancePremium:
            return ColumnRole(rawValue, "reinsurance premium", aliases: ["reinsurance premium", "premi reasuransi", "premi ra", "ri premium", "ceded premium"])
        case .commission:
            return ColumnRole(rawValue, "commission paid", aliases: ["commission paid", "komisi", "komisi operasional", "komisi cabang", "komisi penutupan", "acquisition commission"])
        case .reinsuranceCommission:
            return ColumnRole(rawValue, "reinsurance commission", aliases: ["reinsurance commission", "komisi reasuransi", "komisi ra", "ri commission"])
        case .grossClaims:
            return ColumnRole(rawValue, "gross claims", aliases: ["gross claims", "gross claim", "klaim bruto", "klaim gross", "claim gross"])
        case .reinsuranceClaims:
            return ColumnRole(rawValue, "reinsurance claims recovered", aliases: ["reinsurance claims", "reinsurance claims recovered", "reinsurance recoveries", "klaim reasuransi", "klaim ra", "claim ra", "recovery klaim reasuransi"])
        case .premiumReserveOpening:
            return ColumnRole(rawValue, "opening premium reserve", aliases: ["opening premium reserve", "premium reserve opening", "cadangan premi awal", "cad premi awal"])
        case .premiumReserveClosing:
            return ColumnRole(rawValue, "closing premium reserve", aliases: ["closing premium reserve", "premium reserve closing", "cadangan premi akhir", "cad premi akhir"])
        case .claimsReserveOpening:
            return ColumnRole(rawValue, "opening claims reserve", aliases: ["opening claims reserve", "claims reserve opening", "cadangan klaim awal", "cad klaim awal"])
        case .claimsReserveClosing:
            return ColumnRole(rawValue, "closing claims reserve", aliases: ["closing claims reserve", "claims reserve closing", "cadangan klaim akhir", "cad klaim akhir"])
        }
    }
}

/// One underwriting account and the measures derived from it (seed 003 §2.4.2; MODELS.md §4).
///
/// - Retained premium (*premi retensi sendiri*, seed 003 §2.4.2 step 7) = gross premium −
///   reinsurance premium − commission paid + reinsurance commission.
/// - Underwriting result (*hasil underwriting*, step 9) = gross premium − reinsurance premium −
///   commission + reinsurance commission − gross claims + reinsurance claims + (opening −
///   closing premium reserve) + (opening − closing claims reserve).
/// - Net earned premium NEP = gross − reinsurance premium + (opening − closing premium
///   reserve); net commission NC = commission − reinsurance commission; net claims incurred
///   NCI = gross claims − reinsurance claims − (opening − closing claims reserve); so the result
///   is NEP − NC − NCI. Loss ratio NCI/NEP, commission ratio NC/NEP, combined (NCI + NC)/NEP,
///   retention (gross − reinsurance premium)/gross.
/// - Minimum premium reserve (CAPYBMP): at least 40% of retained premium, KMK
///   481/KMK.017/1999 *Kesehatan Keuangan Perusahaan Asuransi dan Reasuransi*, art. 15 (quoted
///   in seed 003 §2.4.2 step 7).
///
/// All money is `Decimal`; sums of accounts are exact.
public struct UnderwritingAccount: Sendable, Equatable {
    public var amounts: [UnderwritingComponent: Decimal]

    public init(_ amounts: [UnderwritingComponent: Decimal] = [:]) { self.amounts = amounts }

    public subscript(_ c: UnderwritingComponent) -> Decimal {
        get { amounts[c] ?? 0 }
        set { amounts[c] = newValue }
    }

    /// Component-wise sum (branch and class accounts add up to the company's).
    public static func + (a: UnderwritingAccount, b: UnderwritingAccount) -> UnderwritingAccount {
        var s = a
        for c in UnderwritingComponent.allCases { s[c] = a[c] + b[c] }
        return s
    }

    public var retainedPremium: Decimal {
        self[.grossPremium] - self[.reinsurancePremium] - self[.commission] + self[.reinsuranceCommission]
    }
    /// Opening − closing premium reserve (the seed's "+/- cad premi").
    public var premiumReserveChange: Decimal { self[.premiumReserveOpening] - self[.premiumReserveClosing] }
    /// Opening − closing claims reserve (the seed's "+/- cad klaim").
    public var claimsReserveChange: Decimal { self[.claimsReserveOpening] - self[.claimsReserveClosing] }

    public var underwritingResult: Decimal {
        self[.grossPremium] - self[.reinsurancePremium] - self[.commission] + self[.reinsuranceCommission]
            - self[.grossClaims] + self[.reinsuranceClaims] + premiumReserveChange + claimsReserveChange
    }
    public var netEarnedPremium: Decimal { self[.grossPremium] - self[.reinsurancePremium] + premiumReserveChange }
    public var netCommission: Decimal { self[.commission] - self[.reinsuranceCommission] }
    public var netClaimsIncurred: Decimal { self[.grossClaims] - self[.reinsuranceClaims] - claimsReserveChange }

    public var lossRatio: Value { ratio(netClaimsIncurred, netEarnedPremium) }
    public var commissionRatio: Value { ratio(netCommission, netEarnedPremium) }
    public var combinedRatio: Value { ratio(netClaimsIncurred + netCommission, netEarnedPremium) }
    public var retentionRatio: Value { ratio(self[.grossPremium] - self[.reinsurancePremium], self[.grossPremium]) }

    /// `floor` × retained premium (KMK 481/1999: floor = 40%).
    public func minimumPremiumReserve(floor: Decimal) -> Decimal { floor * retainedPremium }
    /// True when the closing premium reserve is below the KMK 481/1999 minimum.
    public func premiumReserveBelowMinimum(floor: Decimal) -> Bool {
        self[.premiumReserveClosing] < minimumPremiumReserve(floor: floor)
    }
}
