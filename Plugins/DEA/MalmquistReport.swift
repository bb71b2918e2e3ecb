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

    private var global: Bool { analysis.reference == .global }

    func pairsTable() -> ResultTable {
        let p = analysis.pairs
        var t = TableBuilder(name: "pairs", ids: p.map(\.id), statuses: p.map(\.status))
        t.add("from_period", .text) { .text(p[$0].from) }
        t.add("to_period", .text) { .text(p[$0].to) }
        func index(_ j: Int, _ value: (MalmquistIndex) -> Double?) -> Value {
            guard p[j].status == .ok, let d = p[j].distances else { return .missing }
            return .optional(value(d))
        }
        func distance(_ j: Int, _ value: (MalmquistIndex) -> Double?) -> Value { .optional(p[j].distances.flatMap(value)) }
        t.add("malmquist") { index($0, \.index) }
        t.add("effch") { index($0, \.efficiencyChange) }
        t.add("techch") { index($0, \.technicalChange) }
        if analysis.decomposes {
            t.add("pech") { index($0, \.pureEfficiencyChange) }
            t.add("sech") { index($0, \.scaleEfficiencyChange) }
        }
        t.add("d_from_from") { distance($0, \.fromFrom) }
        t.add("d_to_to") { distance($0, \.toTo) }
        if global {
            t.add("d_global_from") { distance($0, \.globalFrom) }
            t.add("d_global_to") { distance($0, \.globalTo) }
        } else {
            t.add("d_from_to") { distance($0, \.fromTo) }
            t.add("d_to_from") { distance($0, \.toFrom) }
        }
        if analysis.decomposes {
            t.add("d_vrs_from_from") { distance($0, { $0.pure?.fromFrom }) }
            t.add("d_vrs_to_to") { distance($0, { $0.pure?.toTo }) }
        }
        return t.table
    }

    func unitsTable() -> ResultTable {
        let u = analysis.periodScores
        var t = TableBuilder(ids: u.map(\.id), statuses: u.map(\.status))
        t.add("period", .text) { .text(u[$0].period) }
        t.add("efficiency") { .optional(u[$0].efficiency) }
        return t.table
    }

    /// Pairs without an index for another reason than a missing period.
    private var failedPairs: [MalmquistAnalysis.Pair] { analysis.pairs.filter { $0.status != .ok && $0.status != .missingData } }

    private static func label(_ p: MalmquistAnalysis.Pair) -> String { "\(p.id) \(p.from)→\(p.to)" }

    func summary() -> [(name: String, value: Value)] {
        let a = analysis
        var summary: [(name: String, value: Value)] = [
            ("units", .integer(a.units.count)), ("periods", .integer(a.periods.count)),
            ("pairs", .integer(a.pairs.count)), ("pairs_ok", .integer(a.okPairs.count)),
            ("geometric_mean_malmquist", .optional(a.geometricMeanIndex)),
            ("geometric_mean_effch", .optional(a.geometricMean(\.efficiencyChange))),
            ("geometric_mean_techch", .optional(a.geometricMean(\.technicalChange))),
        ]
        if a.decomposes {
            summary.append(("geometric_mean_pech", .optional(a.geometricMean(\.pureEfficiencyChange))))
            summary.append(("geometric_mean_sech", .optional(a.geometricMean(\.scaleEfficiencyChange))))
        }
        let infeasible = a.pairs.filter { $0.status == .infeasible }
        summary += [
            ("pairs_missing_data", .integer(a.missingPairs)),
            ("pairs_infeasible", .integer(infeasible.count)),
            ("pairs_undefined", .integer(a.pairCount(.undefined))),
            ("pairs_failed", .integer(failedPairs.count - infeasible.count - a.pairCount(.undefined))),
            ("infeasible_pairs", infeasible.isEmpty ? .missing : .text(Self.listed(infeasible, limit: 20))),
        ]
        return summary
    }

    private static func listed(_ pairs: [MalmquistAnalysis.Pair], limit: Int) -> String {
        pairs.prefix(limit).map(label).joined(separator: ", ") + (pairs.count > limit ? ", … (\(pairs.count - limit) more)" : "")
    }

    func notes() -> [String] {
        let a = analysis
        let rts = model.rts.rawValue.uppercased(), side = model.orientation.rawValue
        let technologies = switch a.reference {
        case .adjacent: "adjacent reference (each period's technology spanned by its own units; d_from_to = period-to data against the period-from technology)"
        case .sequential: "sequential reference (period t's technology spanned by the units of every period up to t, Shestalova 2003; d_a_b against these technologies)"
        case .global: "global reference (one technology of all periods' units, Pastor & Lovell 2005: malmquist = d_global_to / d_global_from; effch from the contemporaneous d_from_from, d_to_to; techch = malmquist / effch, the best-practice gap change)"
        }
        var notes = [
            "Malmquist index (Färe, Grosskopf, Norris & Zhang 1994) between consecutive periods in \(a.periodsAreNumeric ? "numeric" : "text") order, \(rts) \(side)-oriented distances, \(technologies).",
            "malmquist > 1: productivity growth; effch: efficiency change (catching up); techch: frontier shift; malmquist = effch × techch."
                + (a.decomposes ? " effch = pech × sech: pech from VRS distances against the same own-period technologies, sech = effch / pech, the change in scale efficiency." : " No pech/sech: the decomposition needs --rts crs (the index under CRS, VRS for pech)."),
        ]
        let left = a.pairs.count - a.okPairs.count
        if left > 0 {
            notes.append("The geometric means are over the \(a.okPairs.count) ok pair(s) of \(a.pairs.count) (summary pairs_ok); \(left) pair(s) without an index are left out (pairs_missing_data, pairs_infeasible, pairs_undefined, pairs_failed).")
        }
        if a.missingPairs > 0 {
            notes.append("\(a.missingPairs) unit-pair(s) lack one of the two periods (status missing_data); units are matched by id, never by row.")
        }
        let failed = Dictionary(grouping: failedPairs, by: \.status)
        for status in UnitStatus.allCases {
            guard let pairs = failed[status] else { continue }
            let listed = pairs.prefix(10).map { "\(Self.label($0)) (\($0.failedPrograms.map(\.rawValue).joined(separator: ", ")))" }
                .joined(separator: "; ") + (pairs.count > 10 ? "; …" : "")
            switch status {
            case .undefined:
                notes.append("\(pairs.count) unit-pair(s) have an undefined index (status undefined: a distance is 0/0 — every \(model.orientation == .input ? "input" : "output") zero — or 0, so the ratios are not defined): \(listed).")
            case .infeasible:
                let why = model.orientation == .input ? "no combination in that technology produces the unit's outputs" : "every combination in that technology uses more of some input than the unit has"
                notes.append("\(pairs.count) unit-pair(s) have an infeasible cross-period program (\(rts): \(why)), so no index; named with the failed distances: \(listed).")
            default:
                notes.append("\(pairs.count) unit-pair(s) have a program whose status is \(status.rawValue), so no index: \(listed).")
            }
        }
        return notes
    }
}
