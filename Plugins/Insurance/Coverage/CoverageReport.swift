import Foundation
import TolokCore
import TolokInsuranceModel

/// The per-row coverage table and the one-row total (of `coverage`, and of `contributions
/// --coverage`, where they are named `coverage` and `coverage_total`), and the notes.
struct CoverageReport {
    let ids: [String]
    let rows: [Coverage]
    let target: Decimal?
    /// The per-row table's name; the total's is `total` beside `units`, else `<name>_total`.
    var name = "units"

    var total: Coverage { Coverage.total(rows) }

    var units: ResultTable { table(name, ids: ids, rows: rows) }
    var totalTable: ResultTable { table(name == "units" ? "total" : name + "_total", ids: ["total"], rows: [total]) }

    func table(_ name: String, ids: [String], rows c: [Coverage]) -> ResultTable {
        var t = TableBuilder(name: name, ids: ids, statuses: Array(repeating: .ok, count: c.count))
        t.add("participants", .integer) { .count(c[$0].participants) }
        t.add("population", .integer) { .count(c[$0].population) }
        t.add("coverage_ratio", .fraction) { .fraction(c[$0].ratio) }
        if let target {
            t.add("target", .fraction) { _ in .fraction(target) }
            t.add("gap_to_target", .integer) { .count(c[$0].gap(to: target)) }
            t.add("below_target", .bool) { .bool(c[$0].isBelow(target)) }
        }
        return t.table
    }

    var notes: [String] {
        zip(ids, rows).filter { $0.1.exceedsPopulation }.map { "\($0.0): more participants than target population (coverage above 100%)." }
    }
}
