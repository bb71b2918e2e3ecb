import Foundation
import TolokCore
import TolokInsuranceModel

/// The tables of `tolok run loan-collectibility`: `units` (one row per loan), `classes` (Kol 1–5),
/// `groups` (NPL per `--group-by` group); the summary and the notes.
struct LoanCollectibilityReport {
    let ids: [String]
    let days: [Int]
    let book: LoanBook
    let groupColumns: [String]
    let groupKeys: [[String]]

    var tables: [ResultTable] {
        let classes = book.classes
        // Typed columns (issue #10): no Value per cell; the class and status columns as codes.
        var units = TableBuilder(name: "units", rows: book.count)
        units.add(ResultColumn("id", .text), storage: .texts(ids, missing: nil))
        for (k, column) in groupColumns.enumerated() { units.add(column, texts: groupKeys.map { $0[k] }) }
        units.add("status", codes: [UInt32](repeating: 0, count: book.count), dictionary: [UnitStatus.ok.rawValue])
        units.add("outstanding", money: book.outstanding)
        units.add("days_past_due", integers: days)
        units.add("kol", integers: classes.map(\.rawValue))
        let all = Collectibility.allCases
        units.add("kol_name", codes: classes.map { c in UInt32(all.firstIndex(of: c)!) }, dictionary: all.map(\.name))
        units.add("non_performing", bools: classes.map(\.isNonPerforming))

        var classTable = TableBuilder(name: "classes", rows: all.count)
        classTable.add("id", .text) { .text("kol_\(all[$0].rawValue)") }
        classTable.add("kol", .integer) { .integer(all[$0].rawValue) }
        classTable.add("kol_name", .text) { .text(all[$0].name) }
        classTable.add("days_past_due", .text) { .text(Self.range(all[$0])) }
        classTable.add("loans", .integer) { .integer(book.loans(in: all[$0]).count) }
        classTable.add("outstanding", .money) { .money(book.outstanding(in: all[$0])) }
        classTable.add("share_of_outstanding", .fraction) { .fraction(book.share(of: all[$0])) }

        var out = [units.table, classTable.table]
        if !groupColumns.isEmpty {
            let groups = OrderedGroups(rows: 0..<book.count) { groupKeys[$0] }
            let books = groups.members.map(book.subset)
            var t = TableBuilder(name: "groups", rows: groups.count)
            t.add("id", .text) { .text(groupID(groups.keys[$0])) }
            for (k, column) in groupColumns.enumerated() { t.add(column, .text) { .text(groups.keys[$0][k]) } }
            t.add("loans", .integer) { .integer(books[$0].count) }
            t.add("outstanding", .money) { .money(books[$0].totalOutstanding) }
            t.add("npl_outstanding", .money) { .money(books[$0].nonPerformingOutstanding) }
            t.add("npl_ratio", .fraction) { .fraction(books[$0].nplRatio) }
            out.append(t.table)
        }
        return out
    }

    /// `0`, `1–90`, …, `> 180`.
    static func range(_ c: Collectibility) -> String {
        let d = c.daysPastDue
        guard let upper = d.upper else { return "> \(d.lower - 1)" }
        return d.lower == upper ? "\(upper)" : "\(d.lower)–\(upper)"
    }

    var summary: [(name: String, value: Value)] {
        [
            ("loans", .integer(book.count)),
            ("outstanding", .money(book.totalOutstanding)),
            ("npl_outstanding", .money(book.nonPerformingOutstanding)),
            ("npl_ratio", .fraction(book.nplRatio)),
        ]
    }

    let notes = ["Classes use days past due only; the regulations also weigh business prospects and financial performance."]
}
