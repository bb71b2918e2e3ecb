import TolokCore
import TolokDEAModel
import TolokDomain

/// The `peers` table of `--peer-counts`: per reference unit, how often it is a peer of another
/// evaluated unit (`peer_count`) and the sum of its λ over them (`lambda_sum`).
struct PeerCountsReport {
    let ids: [String]
    /// The units' own statuses when the reference units are the evaluated ones; `nil` (all ok)
    /// for the units of a `--reference` file.
    let statuses: [UnitStatus]?
    let counts: PeerCounts

    func table() -> ResultTable {
        var t = TableBuilder(name: "peers", ids: ids, statuses: statuses ?? Array(repeating: .ok, count: ids.count))
        t.add("peer_count", .integer) { .integer(counts.counts[$0]) }
        t.add("lambda_sum") { .number(counts.lambdaSums[$0]) }
        return t.table
    }
}
