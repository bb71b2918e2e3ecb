import Foundation
import TolokCore
import TolokInsuranceModel

/// The tables of `tolok run underwriting`: `units` (one row per input row), `groups` (sums over
/// `--group-by`, ratios recomputed from the sums), `total`; the summary and the notes.
struct UnderwritingReport {
    struct Groups {
        var columns: [String]
        var groups: OrderedGroups
    }

    let ids: [String]
    /// The role keys of the key columns the file has (`branch`, `class`, `period`) and each
    /// row's values of them.
    let keyRoles: [String]
    let keys: [[String]]
    let accounts: [UnderwritingAccount]
    let groups: Groups?
    let floor: Decimal
    let components: Bool

    var total: UnderwritingAccount { UnderwritingAccount.sum(accounts) }
    var belowMinimum: Int { accounts.filter { $0.premiumReserveBelowMinimum(floor: floor) }.count }

    var tables: [ResultTable] {
        var units = TableBuilder(name: "units", rows: accounts.count)
        units.add("id", .text) { .text(ids[$0]) }
        for (k, role) in keyRoles.enumerated() { units.add(role, .text) { .text(keys[$0][k]) } }
        units.add("status", .text) { _ in UnitStatus.ok.value }
        addMeasures(&units, accounts)
        var out = [units.table]

        if let groups {
            let sums = groups.groups.members.map { rows in UnderwritingAccount.sum(rows.map { accounts[$0] }) }
            let keys = groups.groups.keys
            var t = TableBuilder(name: "groups", rows: sums.count)
            t.add("id", .text) { .text(groupID(keys[$0])) }
            for (k, column) in groups.columns.enumerated() { t.add(column, .text) { .text(keys[$0][k]) } }
            t.add("rows", .integer) { .integer(groups.groups.members[$0].count) }
            addMeasures(&t, sums)
            out.append(t.table)
        }

        var t = TableBuilder(name: "total", rows: 1)
        t.add("id", .text) { _ in .text("total") }
        t.add("rows", .integer) { _ in .integer(accounts.count) }
        addMeasures(&t, [total])
        out.append(t.table)
        return out
    }

    /// The measure columns of every table, for one account per row.
    func addMeasures(_ t: inout TableBuilder, _ a: [UnderwritingAccount]) {
        if components {
            for c in UnderwritingComponent.allCases { t.add(c.rawValue, .money) { .money(a[$0][c]) } }
        }
        t.add("retained_premium", .money) { .money(a[$0].retainedPremium) }
        t.add("premium_reserve_change", .money) { .money(a[$0].premiumReserveChange) }
        t.add("claims_reserve_change", .money) { .money(a[$0].claimsReserveChange) }
        t.add("underwriting_result", .money) { .money(a[$0].underwritingResult) }
        t.add("net_earned_premium", .money) { .money(a[$0].netEarnedPremium) }
        t.add("net_commission", .money) { .money(a[$0].netCommission) }
        t.add("net_claims_incurred", .money) { .money(a[$0].netClaimsIncurred) }
        t.add("loss_ratio", .fraction) { .fraction(a[$0].lossRatio) }
        t.add("commission_ratio", .fraction) { .fraction(a[$0].commissionRatio) }
        t.add("combined_ratio", .fraction) { .fraction(a[$0].combinedRatio) }
        t.add("retention_ratio", .fraction) { .fraction(a[$0].retentionRatio) }
        t.add("minimum_premium_reserve", .money) { .money(a[$0].minimumPremiumReserve(floor: floor)) }
        t.add("premium_reserve_below_minimum", .bool) { .bool(a[$0].premiumReserveBelowMinimum(floor: floor)) }
    }

    var summary: [(name: String, value: Value)] {
        let total = total
        return [
            ("rows", .integer(accounts.count)),
            ("underwriting_result", .money(total.underwritingResult)),
            ("retained_premium", .money(total.retainedPremium)),
            ("net_earned_premium", .money(total.netEarnedPremium)),
            ("loss_ratio", .fraction(total.lossRatio)),
            ("commission_ratio", .fraction(total.commissionRatio)),
            ("combined_ratio", .fraction(total.combinedRatio)),
            ("retention_ratio", .fraction(total.retentionRatio)),
            ("reserve_below_minimum_rows", .integer(belowMinimum)),
        ]
    }

    var notes: [String] {
        var notes: [String] = []
        let flagged = belowMinimum
        if flagged > 0 {
            notes.append("\(flagged) of \(accounts.count) rows hold a closing premium reserve below \(floor * 100)% of retained premium (KMK 481/KMK.017/1999 art. 15): see premium_reserve_below_minimum.")
        }
        let zeroNEP = accounts.filter { $0.netEarnedPremium == 0 }.count
        if zeroNEP > 0 { notes.append("\(zeroNEP) rows have zero net earned premium: their loss, commission and combined ratios are empty.") }
        notes.append("Money is summed exactly in decimal; group rows and the total are sums of the unit rows, and their ratios are computed from those sums.")
        return notes
    }
}
