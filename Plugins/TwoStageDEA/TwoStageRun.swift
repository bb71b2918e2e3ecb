import TolokCore
import TolokDEAModel
import TolokTwoStageDEAModel

/// One two-stage run rendered into the `units` table (file order, with ranks) and the `ranking`
/// table (best overall first), with summary and notes.
struct TwoStageRun {
    let model: TwoStageDEAModel
    let columns: TwoStageColumns
    let ids: [String]
    let scores: [TwoStageUnitScore]

    /// Human-readable headers of the stage scores (seed 003: marketability, profitability).
    static let stage1Label = "marketability"
    static let stage2Label = "profitability"

    private var isLinked: Bool { model.method != .independent }
    private var hasConstants: Bool { model.rts == .vrs }

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        let ranks = EfficiencyRanking.ranks(scores.map { $0.status == .optimal ? $0.overall : nil })
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version,
                              tables: [unitsTable(ranks), rankingTable(ranks)], summary: summary(), notes: notes())
    }

    private static func status(_ s: DEAStatus) -> UnitStatus {
        switch s {
        case .optimal: .ok
        case .infeasible: .infeasible
        case .unbounded: .unbounded
        case .iterationLimit: .iterationLimit
        case .numericalFailure: .numericalFailure
        }
    }

    private static func rankValue(_ r: Int?) -> Value { r.map { .integer($0) } ?? .missing }
    private static func binding(_ b: BindingStage?) -> Value { b.map { .text($0.rawValue) } ?? .missing }

    private func unitsTable(_ ranks: [Int?]) -> ResultTable {
        var header = [ResultColumn("id", .text), ResultColumn("status", .text), ResultColumn("rank", .integer),
                      ResultColumn("overall"), ResultColumn("stage1", label: Self.stage1Label),
                      ResultColumn("stage2", label: Self.stage2Label), ResultColumn("binding_stage", .text, label: "binding stage")]
        if model.method == .independent { header.append(ResultColumn("black_box", label: "black box")) }
        if model.method == .additive { header += [ResultColumn("omega1", label: "ω1"), ResultColumn("omega2", label: "ω2")] }
        header.append(ResultColumn("unique_split", .bool, label: "unique split"))
        if isLinked {
            header += [ResultColumn("stage1_other_priority", label: "\(Self.stage1Label) (\(model.priority.other.rawValue) first)"),
                       ResultColumn("stage2_other_priority", label: "\(Self.stage2Label) (\(model.priority.other.rawValue) first)")]
        }
        header += columns.inputs.map { ResultColumn("v_" + $0) }
        if isLinked {
            header += columns.intermediates.map { ResultColumn("w_" + $0) }
        } else {
            header += columns.intermediates.map { ResultColumn("w1_" + $0) } + columns.intermediates.map { ResultColumn("w2_" + $0) }
        }
        header += columns.outputs.map { ResultColumn("u_" + $0) }
        if hasConstants { header += [ResultColumn("constant_stage1"), ResultColumn("constant_stage2")] }

        var table = ResultTable(name: "units", columns: header)
        for (j, score) in scores.enumerated() {
            let ok = score.status == .optimal
            var row: [Value] = [.text(ids[j]), Self.status(score.status).value, Self.rankValue(ranks[j]),
                                .optional(score.overall), .optional(score.split.stage1), .optional(score.split.stage2),
                                Self.binding(ok ? score.bindingStage : nil)]
            if model.method == .independent { row.append(.optional(score.blackBox)) }
            if model.method == .additive { row += [.optional(score.split.stage1Weight), .optional(score.split.stage2Weight)] }
            row.append(ok ? .bool(score.isSplitUnique) : .missing)
            if isLinked { row += [.optional(score.otherSplit?.stage1), .optional(score.otherSplit?.stage2)] }
            let w = score.weights
            func values(_ xs: [Double]?, _ count: Int) -> [Value] { (0..<count).map { .optional(xs?[$0]) } }
            row += values(w?.inputs, columns.inputs.count)
            row += values(w?.intermediatesStage1, columns.intermediates.count)
            if !isLinked { row += values(w?.intermediatesStage2, columns.intermediates.count) }
            row += values(w?.outputs, columns.outputs.count)
            if hasConstants { row += [.optional(w?.constantStage1), .optional(w?.constantStage2)] }
            table.append(row)
        }
        return table
    }

    private func rankingTable(_ ranks: [Int?]) -> ResultTable {
        var header = [ResultColumn("rank", .integer), ResultColumn("id", .text), ResultColumn("overall"),
                      ResultColumn("stage1", label: Self.stage1Label), ResultColumn("stage2", label: Self.stage2Label),
                      ResultColumn("binding_stage", .text, label: "binding stage")]
        if model.method == .independent { header.append(ResultColumn("black_box", label: "black box")) }
        header.append(ResultColumn("unique_split", .bool, label: "unique split"))
        var table = ResultTable(name: "ranking", columns: header)
        let order = scores.indices.sorted { a, b in
            switch (ranks[a], ranks[b]) {
            case let (ra?, rb?): return ra != rb ? ra < rb : a < b
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a < b
            }
        }
        for j in order {
            let score = scores[j]
            let ok = score.status == .optimal
            var row: [Value] = [Self.rankValue(ranks[j]), .text(ids[j]), .optional(score.overall), .optional(score.split.stage1),
                                .optional(score.split.stage2), Self.binding(ok ? score.bindingStage : nil)]
            if model.method == .independent { row.append(.optional(score.blackBox)) }
            row.append(ok ? .bool(score.isSplitUnique) : .missing)
            table.append(row)
        }
        return table
    }

    private func mean(_ xs: [Double?]) -> Value {
        let finite = xs.compactMap { $0 }.filter(\.isFinite)
        return .optional(finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count))
    }

    private var solved: [TwoStageUnitScore] { scores.filter { $0.status == .optimal } }

    /// Stage scores outside (0, 1]: only the additive model under VRS produces them.
    private var nonPositiveStageUnits: [Int] {
        scores.indices.filter { j in
            scores[j].status == .optimal && [scores[j].split.stage1, scores[j].split.stage2].contains { ($0 ?? 1) <= 0 }
        }
    }

    private var undefinedStageUnits: [Int] {
        scores.indices.filter { scores[$0].status == .optimal && (scores[$0].split.stage1 == nil || scores[$0].split.stage2 == nil) }
    }

    /// Units whose two priorities give different, fully defined splits (units with an undefined
    /// stage score are not unique either, but are listed as undefined instead).
    private var priorityDependentUnits: [Int] {
        scores.indices.filter { j in
            let s = scores[j]
            guard s.status == .optimal, !s.isSplitUnique, let other = s.otherSplit else { return false }
            return [s.split.stage1, s.split.stage2, other.stage1, other.stage2].allSatisfy { $0 != nil }
        }
    }

    private func summary() -> [(name: String, value: Value)] {
        let ok = solved
        var out: [(name: String, value: Value)] = [
            ("units", .integer(ids.count)),
            ("mean_overall", mean(ok.map(\.overall))),
            ("mean_stage1", mean(ok.map(\.split.stage1))),
            ("mean_stage2", mean(ok.map(\.split.stage2))),
            ("overall_efficient_units", .integer(ok.filter { ($0.overall ?? 0) >= 1 - DEATolerance.classification }.count)),
            ("binding_stage1_units", .integer(ok.filter { $0.bindingStage == .stage1 }.count)),
            ("binding_stage2_units", .integer(ok.filter { $0.bindingStage == .stage2 }.count)),
            ("binding_tie_units", .integer(ok.filter { $0.bindingStage == .tie }.count)),
        ]
        if isLinked { out.append(("priority_dependent_splits", .integer(priorityDependentUnits.count))) }
        if !undefinedStageUnits.isEmpty { out.append(("undefined_stage_scores", .integer(undefinedStageUnits.count))) }
        if !nonPositiveStageUnits.isEmpty { out.append(("nonpositive_stage_scores", .integer(nonPositiveStageUnits.count))) }
        let failed = scores.count - ok.count
        if failed > 0 { out.append(("failed_units", .integer(failed))) }
        return out
    }

    private func list(_ units: [Int]) -> String {
        let shown = units.prefix(20).map { ids[$0] }.joined(separator: ", ")
        return units.count > 20 ? shown + ", … (\(units.count) in all)" : shown
    }

    private func notes() -> [String] {
        let rts = model.rts.rawValue.uppercased()
        var notes: [String] = []
        notes.append("Stage 1 (\(Self.stage1Label)): \(columns.inputs.joined(separator: ", ")) → \(columns.intermediates.joined(separator: ", ")); "
            + "stage 2 (\(Self.stage2Label)): \(columns.intermediates.joined(separator: ", ")) → \(columns.outputs.joined(separator: ", ")). "
            + "Stage scores are input-oriented (weighted outputs / weighted inputs of the stage), \(rts).")
        switch model.method {
        case .independent:
            notes.append("Method independent (Seiford & Zhu 1999): each stage and the black box (inputs → outputs) scored by its own \(model.rts == .crs ? "CCR" : "BCC") model with its own weights (w1 on the intermediates as stage-1 outputs, w2 as stage-2 inputs). overall = stage1 × stage2; black_box is the one-stage score, which Kao & Hwang (2008) report as the independent model's overall efficiency and which need not equal the product.")
        case .relational:
            notes.append("Method relational (Kao & Hwang 2008): one set of weights for both stages; overall = stage1 × stage2.")
        case .additive:
            notes.append("Method additive (Chen, Cook, Li & Zhu 2009): one set of weights for both stages; overall = omega1 × stage1 + omega2 × stage2 with omega1 = v·x/(v·x + w·z) (each stage weighted by its share of the inputs used).")
        }
        if isLinked {
            notes.append("The split was resolved with priority \(model.priority.rawValue): \(model.priority == .stage1 ? "stage 1" : "stage 2") maximised with the overall score held at its optimum, then the other stage. The *_other_priority columns give the split with \(model.priority.other.rawValue) first.")
            let dependent = priorityDependentUnits
            notes.append(dependent.isEmpty
                ? "Both priorities give the same split (within 1e-8) for every unit with two defined stage scores."
                : "The split depends on the priority for \(dependent.count) unit(s) (unique_split = false; both priorities compared within 1e-8): \(list(dependent)).")
        }
        notes.append("binding_stage is the lower-scoring stage (\"tie\" within 1e-8); rank orders overall efficiency, best = 1, ties within 1e-8 share a rank. The ranking table lists units in rank order.")
        switch model.method {
        case .independent:
            notes.append("Weights are in the data's units and are those each stage's solver found (not unique at efficient units): v·x = 1 in stage 1, w2·z = 1 in stage 2\(hasConstants ? "; constant_stage1/2 are the free constants c with stage score = (weighted outputs + c) / weighted inputs" : "").")
        case .relational:
            notes.append("Weights (v, w, u) are in the data's units, normalised to v·x = 1, and are those behind the reported split (often not unique).")
        case .additive:
            notes.append("Weights (v, w, u\(hasConstants ? ", constants c1 = constant_stage1, c2 = constant_stage2" : "")) are in the data's units, normalised to v·x + w·z = 1 (so omega1 = v·x), and are those behind the reported split.")
        }
        let undefined = undefinedStageUnits
        if !undefined.isEmpty {
            notes.append("\(undefined.count) unit(s) have an undefined stage score (a VRS degeneracy of the additive model): every optimal weighting gives that stage weight omega = 0 (its denominator is 0), so its ratio is not defined; the other stage then scores at least the overall score: \(list(undefined)).")
        }
        let nonPositive = nonPositiveStageUnits
        if !nonPositive.isEmpty {
            notes.append("\(nonPositive.count) unit(s) have a stage score ≤ 0: under VRS the free constant lets the additive model give a stage a negative score at a small weight omega (see docs/TWO-STAGE.md); read their overall score only: \(list(nonPositive)).")
        }
        if model.method == .independent && model.priority != .stage1 {
            notes.append("--priority does not apply to the independent method (its stage scores are unique).")
        }
        let failed = scores.indices.filter { scores[$0].status != .optimal }
        if !failed.isEmpty { notes.append("\(failed.count) unit(s) could not be scored (see status): \(list(failed)).") }
        return notes
    }
}
