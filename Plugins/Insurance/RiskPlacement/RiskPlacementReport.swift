import Foundation
import TolokCore
import TolokInsuranceModel

/// The `units` table of `tolok run risk-placement` (one row per risk with its layers), the
/// summary and the notes.
struct RiskPlacementReport {
    let ids: [String]
    let placements: [RiskPlacement]
    let maxShare: Decimal
    let hasFacultative: Bool

    var breaches: Int { placements.filter(\.retentionBreach).count }

    var units: ResultTable {
        let p = placements
        var t = TableBuilder(ids: ids, statuses: Array(repeating: .ok, count: p.count))
        t.add("sum_insured", .money) { .money(p[$0].sumInsured) }
        t.add("rate", .fraction) { .fraction(p[$0].rate) }
        t.add("gross_premium", .money) { .money(p[$0].grossPremium) }
        t.add("treaty_sum", .money) { .money(p[$0].treatySum) }
        t.add("treaty_premium", .money) { .money(p[$0].treatyPremium) }
        t.add("facultative_sum", .money) { .money(p[$0].facultativeSum) }
        t.add("facultative_premium", .money) { .money(p[$0].facultativePremium) }
        t.add("retention_sum", .money) { .money(p[$0].retentionSum) }
        t.add("retention_premium", .money) { .money(p[$0].retentionPremium) }
        t.add("retention_share", .fraction) { .fraction(p[$0].retentionShare) }
        t.add("equity", .money) { .money(p[$0].equity) }
        t.add("retention_limit", .money) { .money(p[$0].retentionLimit) }
        t.add("retention_breach", .bool) { .bool(p[$0].retentionBreach) }
        return t.table
    }

    var summary: [(name: String, value: Value)] {
        [
            ("risks", .integer(placements.count)),
            ("gross_premium", .money(placements.reduce(0) { $0 + $1.grossPremium })),
            ("treaty_premium", .money(placements.reduce(0) { $0 + $1.treatyPremium })),
            ("facultative_premium", .money(placements.reduce(0) { $0 + $1.facultativePremium })),
            ("retention_premium", .money(placements.reduce(0) { $0 + $1.retentionPremium })),
            ("retention_breaches", .integer(breaches)),
        ]
    }

    var notes: [String] {
        var notes: [String] = []
        if breaches > 0 {
            notes.append("\(breaches) of \(placements.count) risks retain more than \(maxShare * 100)% of equity (Kep.1297/LK/2000): place more facultatively or reduce the line.")
        }
        if !hasFacultative { notes.append("No facultative column: everything above the treaty is retained.") }
        return notes
    }
}
