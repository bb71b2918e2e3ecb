import TolokCore
import TolokDEAModel

/// The `pairs` and `units` tables, summary and notes of a Malmquist `dea` run.
struct MalmquistReport {
    let model: DEAModel
    let analysis: MalmquistAnalysis

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [pairsTable(), unitsTable()],
                       summary: summary(), notes: notes())
    }

    func pairsTable() -> ResultTable {
        let p = analysis.pairs
        var t = TableBuilder(name: "pairs", ids: p.map(\.id), statuses: p.map(\.status))
        t.add("from_period", .text) { .text(p[$0].from) }
        t.add("to_period", .text) { .text(p[$0].to) }
        func index(_ j: Int, _ value: (MalmquistIndex) -> Double) -> Value {
            guard p[j].status == .ok, let d = p[j].distances else { return .missing }
            return .optional(value(d))
        }
        t.add("malmquist") { index($0, \.index) }
        t.add("effch") { index($0, \.efficiencyChange) }
        t.add("techch") { index($0, \.technicalChange) }
        t.add("d_from_from") { .optional(p[$0].distances?.fromFrom) }
        t.add("d_to_to") { .optional(p[$0].distances?.toTo) }
        t.add("d_from_to") { .optional(p[$0].distances?.fromTo) }
        t.add("d_to_from") { .optional(p[$0].distances?.toFrom) }
        return t.table
    }

    func unitsTable() -> ResultTable {
        let u = analysis.periodScores
        var t = TableBuilder(ids: u.map(\.id), statuses: u.map(\.status))
        t.add("period", .text) { .text(u[$0].period) }
        t.add("efficiency") { .optional(u[$0].efficiency) }
        return t.table
    }

    func summary() -> [(name: String, value: Value)] {
        var summary: [(name: String, value: Value)] = [
            ("units", .integer(analysis.units.count)), ("periods", .integer(analysis.periods.count)),
            ("pairs", .integer(analysis.pairs.count)), ("geometric_mean_malmquist", .optional(analysis.geometricMeanIndex)),
        ]
        summary.append(("pairs_missing_data", .integer(analysis.missingPairs)))
        return summary
    }

    func notes() -> [String] {
        var notes = [
            "Malmquist index (Färe, Grosskopf, Norris & Zhang 1994) between consecutive periods in \(analysis.periodsAreNumeric ? "numeric" : "text") order, \(model.rts.rawValue.uppercased()) \(model.orientation.rawValue)-oriented distances; d_a_b columns: d_from_to = period-to data against the period-from frontier.",
            "malmquist > 1: productivity growth; effch: efficiency change (catching up); techch: frontier shift.",
        ]
        if analysis.missingPairs > 0 {
            notes.append("\(analysis.missingPairs) unit-pair(s) lack one of the two periods (status missing_data); units are matched by id, never by row.")
        }
        let failed = Dictionary(grouping: analysis.pairs.filter { $0.status != .ok && $0.status != .missingData }, by: \.status)
        for status in UnitStatus.allCases {
            guard let pairs = failed[status] else { continue }
            let listed = pairs.prefix(5).map { "\($0.id) \($0.from)→\($0.to)" }.joined(separator: ", ") + (pairs.count > 5 ? ", …" : "")
            if status == .undefined {
                notes.append("\(pairs.count) unit-pair(s) have an undefined index (status undefined: a distance is 0/0 — every \(model.orientation == .input ? "input" : "output") zero — or 0, so the ratios are not defined): \(listed).")
            } else {
                notes.append("\(pairs.count) unit-pair(s) have a distance whose program is \(status.rawValue), so no index: \(listed).")
            }
        }
        return notes
    }
}
