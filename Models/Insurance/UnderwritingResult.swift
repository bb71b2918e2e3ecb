import Foundation
import TolokDomain

/// The ten components of an underwriting account, per branch × class of business × period
/// (docs/INSURANCE.md §4, after working document 003 §2.4.2 steps 1–8). The raw value is the
/// component's stable machine name (the key of its column role in TolokCore's vocabulary).
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
}

/// One underwriting account and the measures derived from it (docs/INSURANCE.md §4).
///
/// - Retained premium (*premi retensi sendiri*) = gross premium − reinsurance premium −
///   commission paid + reinsurance commission.
/// - Underwriting result (*hasil underwriting*) = gross premium − reinsurance premium −
///   commission + reinsurance commission − gross claims + reinsurance claims + (opening −
///   closing premium reserve) + (opening − closing claims reserve).
/// - Net earned premium NEP = gross − reinsurance premium + (opening − closing premium
///   reserve); net commission NC = commission − reinsurance commission; net claims incurred
///   NCI = gross claims − reinsurance claims − (opening − closing claims reserve); so the result
///   is NEP − NC − NCI. Loss ratio NCI/NEP, commission ratio NC/NEP, combined (NCI + NC)/NEP,
///   retention (gross − reinsurance premium)/gross.
/// - Minimum premium reserve (CAPYBMP): at least 40% of retained premium, KMK
///   481/KMK.017/1999 *Kesehatan Keuangan Perusahaan Asuransi dan Reasuransi*, art. 15.
///
/// All money is `Decimal`; sums of accounts are exact. Ratios are `Decimal` quotients, `nil`
/// when the denominator is zero.
public struct UnderwritingAccount: Sendable, Equatable {
    /// KMK 481/KMK.017/1999 art. 15: the closing premium reserve is at least 40% of retained premium.
    public static let minimumReserveShare = Decimal(string: "0.4")!

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

    /// The component-wise sum of some accounts (the empty account for none).
    public static func sum(_ accounts: some Sequence<UnderwritingAccount>) -> UnderwritingAccount {
        accounts.reduce(UnderwritingAccount(), +)
    }

    public var retainedPremium: Decimal {
        self[.grossPremium] - self[.reinsurancePremium] - self[.commission] + self[.reinsuranceCommission]
    }
    /// Opening − closing premium reserve (the worked example's "+/- cad premi").
    public var premiumReserveChange: Decimal { self[.premiumReserveOpening] - self[.premiumReserveClosing] }
    /// Opening − closing claims reserve (the worked example's "+/- cad klaim").
    public var claimsReserveChange: Decimal { self[.claimsReserveOpening] - self[.claimsReserveClosing] }

    public var underwritingResult: Decimal {
        self[.grossPremium] - self[.reinsurancePremium] - self[.commission] + self[.reinsuranceCommission]
            - self[.grossClaims] + self[.reinsuranceClaims] + premiumReserveChange + claimsReserveChange
    }
    public var netEarnedPremium: Decimal { self[.grossPremium] - self[.reinsurancePremium] + premiumReserveChange }
    public var netCommission: Decimal { self[.commission] - self[.reinsuranceCommission] }
    public var netClaimsIncurred: Decimal { self[.grossClaims] - self[.reinsuranceClaims] - claimsReserveChange }

    public var lossRatio: Decimal? { quotient(netClaimsIncurred, netEarnedPremium) }
    public var commissionRatio: Decimal? { quotient(netCommission, netEarnedPremium) }
    public var combinedRatio: Decimal? { quotient(netClaimsIncurred + netCommission, netEarnedPremium) }
    public var retentionRatio: Decimal? { quotient(self[.grossPremium] - self[.reinsurancePremium], self[.grossPremium]) }

    /// `floor` × retained premium (KMK 481/1999: floor = ``minimumReserveShare``).
    public func minimumPremiumReserve(floor: Decimal = minimumReserveShare) -> Decimal { floor * retainedPremium }
    /// True when the closing premium reserve is below the KMK 481/1999 minimum.
    public func premiumReserveBelowMinimum(floor: Decimal = minimumReserveShare) -> Bool {
        self[.premiumReserveClosing] < minimumPremiumReserve(floor: floor)
    }
}

/// numerator / denominator in `Decimal` (38 significant digits), `nil` when the denominator is zero.
func quotient(_ numerator: Decimal, _ denominator: Decimal) -> Decimal? {
    denominator == 0 ? nil : numerator / denominator
}
