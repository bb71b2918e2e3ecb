import TolokCore
import TolokDEAModel

extension DEAPlugin {
    /// `--model sbm`: Tone's slacks-based measure (``SlacksBasedMeasure``), super-SBM with `--super`.
    func runSBM(_ request: AnalysisRequest) throws -> AnalysisResult {
        let input = try modelInput(request, kind: .sbm)
        let model = SlacksBasedMeasure(orientation: input.orientation, rts: input.rts, superEfficiency: input.superEfficiency)
        let scores = model.score(input.data)
        return SBMReport(model: model, columns: input.columns, ids: input.ids, data: input.data, scores: scores).result(descriptor: descriptor)
    }
}

/// The `units` table, summary and notes of a `--model sbm` run.
struct SBMReport {
    let model: SlacksBasedMeasure
    let columns: DEAReport.Columns
    let ids: [String]
    let data: DEAData
    let scores: [ProjectionScore]

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [unitsTable()], summary: summary(), notes: notes())
    }

    func unitsTable() -> ResultTable {
        let s = scores
        var t = TableBuilder(ids: ids, statuses: s.map(\.status))
        t.add("efficiency") { .optional(s[$0].status == .ok ? s[$0].score : nil) }
        t.add("class", .text) { j in ProjectionClass(s[j], unit: j, data: data, efficientScore: 1).map { .text($0.rawValue) } ?? .missing }
        t.add(each: columns.inputs, prefix: "slack_") { .optional(s[$0].inputSlacks[$1]) }
        t.add(each: columns.outputs, prefix: "slack_") { .optional(s[$0].outputSlacks[$1]) }
        t.add(each: columns.inputs, prefix: "target_") { .optional(s[$0].inputTargets[$1]) }
        t.add(each: columns.outputs, prefix: "target_") { .optional(s[$0].outputTargets[$1]) }
        t.add("peers", .peers) { j in ProjectionClass.peers(s[j].status, s[j].peers, ids: ids) }
        return t.table
    }

    func summary() -> [(name: String, value: Value)] {
        let ok = scores.filter { $0.status == .ok }
        let values = ok.map(\.score)
        var summary: [(name: String, value: Value)] = [("units", .integer(ids.count))]
        summary.append(("efficient_units", model.superEfficiency ? .missing
            : .integer(scores.indices.filter { ProjectionClass(scores[$0], unit: $0, data: data, efficientScore: 1) == .efficient }.count)))
        summary.append(("mean_efficiency", .optional(values.isEmpty ? nil : values.reduce(0, +) / Double(values.count))))
        summary.append(("min_efficiency", .optional(values.min())))
        summary += ProjectionClass.failureCounts(scores.map(\.status))
        return summary
    }

    func notes() -> [String] {
        let form: String
        switch model.orientation {
        case .non: form = "non-oriented, ρ = (1 − mean of s⁻/x) / (1 + mean of s⁺/y)"
        case .input: form = "input-oriented, ρ = 1 − mean of s⁻/x; output slacks from a second stage"
        case .output: form = "output-oriented, ρ = 1 / (1 + mean of s⁺/y); input slacks from a second stage"
        }
        var notes = [
            "Model: slacks-based measure (Tone 2001), \(model.rts.rawValue.uppercased()), \(form); solved as the Charnes–Cooper LP; outputs equal to 0 are left out of the output mean.",
        ]
        if model.superEfficiency {
            notes.append("--super: units with ρ = 1 are scored by super-SBM (Tone 2002) against the other units: efficiency δ ≥ 1, targets x̄ ≥ x and ȳ ≤ y, slacks x − x̄ ≤ 0 and ȳ − y ≤ 0.")
        }
        notes += ProjectionClass.failureNotes(scores.map(\.status))
        return notes
    }
}

/// The class of a non-radial unit: `efficient` (score at its efficient value and no slack),
/// `weakly_efficient` (score efficient, some slack) or `inefficient`, with the tolerance of
/// ``DEATolerance`` (slacks relative to the unit's own value, or 1 when that is 0: data are
/// mean-scaled).
enum ProjectionClass: String {
    case efficient
    case weaklyEfficient = "weakly_efficient"
    case inefficient

    init?(_ score: ProjectionScore, unit j: Int, data: DEAData, efficientScore: Double) {
        guard score.status == .ok else { return nil }
        let tol = DEATolerance.classification
        if score.isSuper { self = .efficient; return }
        guard abs(score.score - efficientScore) <= tol else { self = .inefficient; return }
        var largest = 0.0
        for i in 0..<data.inputCount {
            let own = data.input(i, of: j)
            largest = max(largest, score.inputSlacks[i] / (own > 0 ? own : data.inputScale[i]))
        }
        for r in 0..<data.outputCount {
            let own = data.output(r, of: j)
            largest = max(largest, score.outputSlacks[r] / (own > 0 ? own : data.outputScale[r]))
        }
        self = largest > tol ? .weaklyEfficient : .efficient
    }

    static func peers(_ status: UnitStatus, _ peers: [(unit: Int, lambda: Double)], ids: [String]) -> Value {
        status == .ok ? DEAReport.peerValue(peers, ids: ids) : .missing
    }

    /// `<status>_units` for every status a DEA unit can have but ok (an LP does not
    /// "not converge"), each always present (0 when none).
    static func failureCounts(_ statuses: [UnitStatus]) -> [(name: String, value: Value)] {
        UnitStatus.allCases.filter { $0 != .ok && $0 != .notConverged }.map { status in
            ("\(status.rawValue)_units", .integer(statuses.filter { $0 == status }.count))
        }
    }

    static func failureNotes(_ statuses: [UnitStatus]) -> [String] {
        var notes: [String] = []
        for status in UnitStatus.allCases where status != .ok {
            let count = statuses.filter { $0 == status }.count
            guard count > 0 else { continue }
            switch status {
            case .infeasible: notes.append("\(count) unit(s) have no feasible program (status infeasible; e.g. VRS super-efficiency outside the others' hull); they are kept without a score.")
            case .undefined: notes.append("\(count) unit(s) have a score that is not defined (status undefined: all inputs or all outputs zero); they are kept without a score.")
            case .unbounded: notes.append("\(count) unit(s) have an unbounded program (status unbounded; e.g. a zero direction, or under CRS/NDRS a reference unit with every input zero and a positive output, which scales without limit); they are kept without a score.")
            default: notes.append("\(count) unit(s) could not be solved to a verified optimum (status \(status.rawValue)); they are kept without a score.")
            }
        }
        return notes
    }
}
