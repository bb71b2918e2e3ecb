import TolokCore
import TolokDEAModel

/// The `units` table, summary and notes of `tolok run dea --model additive`.
struct AdditiveReport {
    /// CRS, VRS, NIRS, NDRS or FDH.
    let technology: String
    let weights: String
    let columns: DEAReport.Columns
    let ids: [String]
    let peerIds: [String]
    let scores: [DEAUnitScore]
    let hasReference: Bool

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [unitsTable()], summary: summary(), notes: notes())
    }

    private func efficient(_ j: Int) -> Bool { scores[j].radial <= 0 && !scores[j].hasSlack }

    func unitsTable() -> ResultTable {
        let s = scores
        var t = TableBuilder(ids: ids, statuses: s.map(\.status))
        t.add("inefficiency") { .optional(s[$0].status == .ok ? s[$0].radial : nil) }
        t.add("class", .text) { j in s[j].status == .ok ? .text(efficient(j) ? "efficient" : "inefficient") : .missing }
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
        let ok = scores.indices.filter { scores[$0].status == .ok }
        var summary: [(name: String, value: Value)] = [("units", .integer(ids.count))]
        summary.append(("efficient_units", .integer(ok.filter(efficient).count)))
        summary.append(("mean_inefficiency", ok.isEmpty ? .missing : .number(ok.map { scores[$0].radial }.reduce(0, +) / Double(ok.count))))
        summary.append(("max_inefficiency", ok.isEmpty ? .missing : .number(ok.map { scores[$0].radial }.max()!)))
        summary += ProjectionClass.failureCounts(scores.map(\.status))
        return summary
    }

    func notes() -> [String] {
        var notes = [
            "Model: additive (Charnes, Cooper, Golany, Seiford & Stutz 1985), \(technology)\(technology == "FDH" ? " (by enumeration: the best single dominating unit)" : ""), weights \(weights): inefficiency = max Σ w⁻s⁻ + Σ w⁺s⁺; 0 = Pareto-efficient. VRS is the default of --model additive (as in DataEnvelopmentAnalysis.jl deaadd).",
        ]
        if weights == "ram" { notes.append("RAM weights (Cooper, Park & Pastor 1999): w = 1/((m+s)·range of the column over the --data units); the inefficiency is units-invariant.") }
        if weights == "mip" { notes.append("MIP weights: w⁻ = 1/x_io, w⁺ = 1/y_ro (0 for an input or output that is 0: its slack is 0 or has no scale).") }
        if hasReference { notes.append("Reference technology: the units of --reference; a unit no reference combination covers is infeasible.") }
        notes += ProjectionClass.failureNotes(scores.map(\.status))
        return notes
    }
}
