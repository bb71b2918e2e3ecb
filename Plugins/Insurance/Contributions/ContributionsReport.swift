import Foundation
import TolokCore
import TolokInsuranceModel

/// The tables of `tolok run contributions`: `units` (one row per bill), `groups` (collection and
/// bill counts per class), `compliance` (per group × class), `total`, and with `--coverage` the
/// coverage tables; the summary and the notes.
struct ContributionsReport {
    let ids: [String]
    let keyRoles: [String]
    let keys: [[String]]
    let bills: [ContributionBill]
    /// Each bill's compliance class and days, `nil` when the file has no due dates.
    let classes: [(ComplianceClass, days: Int)]?
    let buckets: ArrearsBuckets
    let asOf: CivilDate?
    let groupColumns: [String]
    let groups: OrderedGroups
    let coverage: CoverageReport?

    var allClasses: [ComplianceClass] { ComplianceClass.all(buckets) }

    /// `on_time`, `late`, `not_due`, `arrears_1_30`, …, `arrears_over_90`.
    func label(_ c: ComplianceClass) -> String {
        switch c {
        case .onTime: return "on_time"
        case .late: return "late"
        case .notDue: return "not_due"
        case .arrears(let k):
            let days = buckets.days(k)
            return days.upper.map { "arrears_\(days.lower)_\($0)" } ?? "arrears_over_\(days.lower - 1)"
        }
    }

    func members(_ rows: [Int], _ c: ComplianceClass) -> [Int] { rows.filter { classes?[$0].0 == c } }

    var tables: [ResultTable] {
        var units = TableBuilder(name: "units", rows: bills.count)
        units.add("id", .text) { .text(ids[$0]) }
        for (k, role) in keyRoles.enumerated() { units.add(role, .text) { .text(keys[$0][k]) } }
        units.add("status", .text) { _ in UnitStatus.ok.value }
        units.add("billed", .money) { .money(bills[$0].billed) }
        units.add("received", .money) { .money(bills[$0].received) }
        units.add("outstanding", .money) { .money(bills[$0].outstanding) }
        units.add("collection_ratio", .fraction) { .fraction(bills[$0].collectionRatio) }
        units.add("compliance", .text) { r in classes.map { .text(label($0[r].0)) } ?? .missing }
        units.add("days_past_due", .integer) { r in classes.map { .integer($0[r].days) } ?? .missing }

        let groupKeys = groups.keys, members = groups.members
        var groupTable = TableBuilder(name: "groups", rows: groups.count)
        groupTable.add("id", .text) { .text(groups.count == 1 && groupKeys[$0].isEmpty ? "all" : groupID(groupKeys[$0])) }
        for (k, column) in groupColumns.enumerated() { groupTable.add(column, .text) { .text(groupKeys[$0][k]) } }
        addSummary(&groupTable, members)

        var total = TableBuilder(name: "total", rows: 1)
        total.add("id", .text) { _ in .text("total") }
        addSummary(&total, [Array(bills.indices)])

        var out = [units.table, groupTable.table]
        if classes != nil { out.append(complianceTable) }
        out.append(total.table)
        if let coverage { out += [coverage.units, coverage.totalTable] }
        return out
    }

    /// Bills, billed, received, outstanding, collection ratio and (with due dates) the bill
    /// count of each class, for each set of bills.
    func addSummary(_ t: inout TableBuilder, _ rows: [[Int]]) {
        let totals = rows.map { CollectionTotals($0.map { bills[$0] }) }
        t.add("bills", .integer) { .integer(totals[$0].bills) }
        t.add("billed", .money) { .money(totals[$0].billed) }
        t.add("received", .money) { .money(totals[$0].received) }
        t.add("outstanding", .money) { .money(totals[$0].outstanding) }
        t.add("collection_ratio", .fraction) { .fraction(totals[$0].collectionRatio) }
        if classes != nil {
            for c in allClasses { t.add(label(c), .integer) { .integer(members(rows[$0], c).count) } }
        }
    }

    /// One row per group × class, then per class over all bills.
    var complianceTable: ResultTable {
        var cells: [(id: String, key: [String], rows: [Int], c: ComplianceClass)] = []
        for (key, rows) in zip(groups.keys, groups.members) {
            for c in allClasses { cells.append((key.isEmpty ? "all" : groupID(key), key, rows, c)) }
        }
        for c in allClasses { cells.append(("total", groupColumns.map { _ in "" }, Array(bills.indices), c)) }
        let sets = cells.map { members($0.rows, $0.c) }
        let totals = sets.map { CollectionTotals($0.map { bills[$0] }) }
        var t = TableBuilder(name: "compliance", rows: cells.count)
        t.add("id", .text) { .text(cells[$0].id + " / " + label(cells[$0].c)) }
        for (k, column) in groupColumns.enumerated() { t.add(column, .text) { .text(cells[$0].key[k]) } }
        t.add("compliance", .text) { .text(label(cells[$0].c)) }
        t.add("bills", .integer) { .integer(sets[$0].count) }
        t.add("share_of_bills", .fraction) { r in
            cells[r].rows.isEmpty ? .missing : .number(Double(sets[r].count) / Double(cells[r].rows.count))
        }
        t.add("billed", .money) { .money(totals[$0].billed) }
        t.add("received", .money) { .money(totals[$0].received) }
        t.add("outstanding", .money) { .money(totals[$0].outstanding) }
        return t.table
    }

    var summary: [(name: String, value: Value)] {
        let total = CollectionTotals(bills)
        var summary: [(name: String, value: Value)] = [
            ("bills", .integer(bills.count)),
            ("billed", .money(total.billed)), ("received", .money(total.received)), ("outstanding", .money(total.outstanding)),
            ("collection_ratio", .fraction(total.collectionRatio)),
        ]
        summary.append(("coverage_ratio", coverage.map { .fraction($0.total.ratio) } ?? .missing))
        return summary
    }

    var notes: [String] {
        var notes: [String] = []
        if classes == nil {
            notes.append("No due-date column: payment compliance is not classified (name one with --map due_date=COLUMN).")
        }
        if let coverage { notes += coverage.notes }
        if let asOf { notes.append("Arrears are counted in days from the due date to \(asOf) (the --as-of date).") }
        return notes
    }
}
