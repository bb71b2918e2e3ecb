import TolokCore
import TolokDEAModel

/// The `units` table, summary and notes of `tolok run dea --rts fdh`.
struct FDHReport {
    let model: FDHModel
    let columns: DEAReport.Columns
    let ids: [String]
    let peerIds: [String]
    let scores: [DEAUnitScore]
    let hasReference: Bool

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [unitsTable()], summary: summary(), notes: notes())
    }

    func unitsTable() -> ResultTable {
        let s = scores, orientation = model.orientation
        var t = TableBuilder(ids: ids, statuses: s.map(\.status))
        t.add("efficiency") { .optional(s[$0].efficiency(orientation)) }
        if orientation == .output { t.add("phi") { .optional(s[$0].status == .ok ? s[$0].radial : nil) } }
        t.add("class", .text) { j in
            EfficiencyClass(s[j], orientation: orientation, superEfficiency: model.superEfficiency).map { .text($0.rawValue) } ?? .missing
        }
        t.add(each: columns.inputs, prefix: "slack_") { .optional(s[$0].inputSlacks[$1]) }
        t.add(each: columns.outputs, prefix: "slack_") { .optional(s[$0].outputSlacks[$1]) }
        t.add(each: columns.inputs, prefix: "target_") { .optional(s[$0].inputTargets[$1]) }
        t.add(each: columns.outputs, prefix: "target_") { .optional(s[$0].outputTargets[$1]) }
        t.add("peers", .peers) { j in
            s[j].status == .ok ? DEAReport.peerValue(s[j].peers, ids: peerIds) : .missing
        }
        return t.table
    }

    func summary() -> [(name: String, value: Value)] {
        let stats = EfficiencySummary(scores, orientation: model.orientation, superEfficiency: model.superEfficiency)
        var summary: [(name: String, value: Value)] = [("units", .integer(ids.count))]
        summary.append(("efficient_units", model.superEfficiency ? .missing : .integer(stats.efficient)))
        summary.append(("mean_efficiency", .optional(stats.mean)))
        summary.append(("min_efficiency", .optional(stats.minimum)))
        summary += ProjectionClass.failureCounts(scores.map(\.status))
        return summary
    }

    func notes() -> [String] {
        var notes = [
            "Model: FDH (free disposal hull, Deprins, Simar & Tulkens 1984), \(model.orientation.rawValue) orientation\(model.superEfficiency ? ", super-efficiency (unit excluded from its own reference set)" : ""): each unit is compared with single units that dominate it, by enumeration (no LP).",
            "The peer is the one unit reaching the score (λ = 1; ties: largest sum of slacks each divided by its column mean, then first); slacks and targets are measured against it. FDH has no multiplier weights.",
        ]
        if hasReference { notes.append("Reference technology: the units of --reference; the --data units are not part of it, so scores may pass 1 and a unit no reference unit dominates is infeasible.") }
        if let infeasible = EfficiencySummary(scores, orientation: model.orientation).failures[.infeasible] {
            notes.append("\(infeasible) unit(s) are dominated by no reference unit (status infeasible); they are kept without a score.")
        }
        notes += ProjectionClass.failureNotes(scores.map(\.status).filter { $0 != .infeasible })
        if model.orientation == .output { notes.append("efficiency = 1/phi (Shephard output distance); phi is the Farrell output measure.") }
        return notes
    }
}
