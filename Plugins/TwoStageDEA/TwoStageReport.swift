import TolokCore
import TolokDEAModel
import TolokTwoStageDEAModel

/// The `units` table (file order, with ranks), the `ranking` table (best overall first), summary
/// and notes of a two-stage run.
struct TwoStageReport {
    let model: TwoStageDEAModel
    let columns: TwoStageColumns
    let ids: [String]
    let scores: [TwoStageUnitScore]

    /// Human-readable headers of the stage scores (marketability and profitability, as the
    /// insurance studies name the stages; docs/TWO-STAGE.md).
    static let stage1Label = "marketability"
    static let stage2Label = "profitability"

    private var isLinked: Bool { model.method != .independent }
    private var hasConstants: Bool { model.rts == .vrs }

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        let ranks = EfficiencyRanking.ranks(scores.map { $0.status == .ok ? $0.overall : nil })
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version,
                              tables: [unitsTable(ranks), rankingTable(ranks)], summary: summary(), notes: notes(),
                              report: reportContent())
    }

    private static func rankValue(_ r: Int?) -> Value { r.map { .integer($0) } ?? .missing }

    private func binding(_ j: Int) -> Value {
        scores[j].status == .ok ? scores[j].bindingStage.map { .text($0.rawValue) } ?? .missing : .missing
    }

    private func uniqueSplit(_ j: Int) -> Value { scores[j].status == .ok ? .bool(scores[j].isSplitUnique) : .missing }

    private func unitsTable(_ ranks: [Int?]) -> ResultTable {
        let s = scores
        var t = TableBuilder(ids: ids, statuses: s.map(\.status))
        t.add("rank", .integer) { Self.rankValue(ranks[$0]) }
        t.add("overall") { .optional(s[$0].overall) }
        t.add("stage1", label: Self.stage1Label) { .optional(s[$0].split.stage1) }
        t.add("stage2", label: Self.stage2Label) { .optional(s[$0].split.stage2) }
        t.add("binding_stage", .text, label: "binding stage") { binding($0) }
        if model.method == .independent { t.add("black_box", label: "black box") { .optional(s[$0].blackBox) } }
        if model.method == .additive {
            t.add("omega1", label: "ω1") { .optional(s[$0].split.stage1Weight) }
            t.add("omega2", label: "ω2") { .optional(s[$0].split.stage2Weight) }
        }
        t.add("unique_split", .bool, label: "unique split") { uniqueSplit($0) }
        if isLinked {
            t.add("stage1_other_priority", label: "\(Self.stage1Label) (\(model.priority.other.rawValue) first)") { .optional(s[$0].otherSplit?.stage1) }
            t.add("stage2_other_priority", label: "\(Self.stage2Label) (\(model.priority.other.rawValue) first)") { .optional(s[$0].otherSplit?.stage2) }
        }
        t.add(each: columns.inputs, prefix: "v_") { .optional(s[$0].weights?.inputs[$1]) }
        if isLinked {
            t.add(each: columns.intermediates, prefix: "w_") { .optional(s[$0].weights?.intermediatesStage1[$1]) }
        } else {
            t.add(each: columns.intermediates, prefix: "w1_") { .optional(s[$0].weights?.intermediatesStage1[$1]) }
            t.add(each: columns.intermediates, prefix: "w2_") { .optional(s[$0].weights?.intermediatesStage2[$1]) }
        }
        t.add(each: columns.outputs, prefix: "u_") { .optional(s[$0].weights?.outputs[$1]) }
        if hasConstants {
            t.add("constant_stage1") { .optional(s[$0].weights?.constantStage1) }
            t.add("constant_stage2") { .optional(s[$0].weights?.constantStage2) }
        }
        return t.table
    }

    private func rankingTable(_ ranks: [Int?]) -> ResultTable {
        let order = scores.indices.sorted { a, b in
            switch (ranks[a], ranks[b]) {
            case let (ra?, rb?): return ra != rb ? ra < rb : a < b
            case (_?, nil): return true
            case (nil, _?): return false
            case (nil, nil): return a < b
            }
        }
        let s = scores
        var t = TableBuilder(name: "ranking", rows: order.count)
        t.add("rank", .integer) { Self.rankValue(ranks[order[$0]]) }
        t.add("id", .text) { .text(ids[order[$0]]) }
        t.add("overall") { .optional(s[order[$0]].overall) }
        t.add("stage1", label: Self.stage1Label) { .optional(s[order[$0]].split.stage1) }
        t.add("stage2", label: Self.stage2Label) { .optional(s[order[$0]].split.stage2) }
        t.add("binding_stage", .text, label: "binding stage") { binding(order[$0]) }
        if model.method == .independent { t.add("black_box", label: "black box") { .optional(s[order[$0]].blackBox) } }
        t.add("unique_split", .bool, label: "unique split") { uniqueSplit(order[$0]) }
        return t.table
    }

    private func mean(_ xs: [Double?]) -> Value {
        let finite = xs.compactMap { $0 }.filter(\.isFinite)
        return .optional(finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count))
    }

    private var solved: [TwoStageUnitScore] { scores.filter { $0.status == .ok } }

    /// Stage scores outside (0, 1]: only the additive model under VRS produces them.
    private var nonPositiveStageUnits: [Int] {
        scores.indices.filter { j in
            scores[j].status == .ok && [scores[j].split.stage1, scores[j].split.stage2].contains { ($0 ?? 1) <= 0 }
        }
    }

    private var undefinedStageUnits: [Int] {
        scores.indices.filter { scores[$0].status == .ok && (scores[$0].split.stage1 == nil || scores[$0].split.stage2 == nil) }
    }

    /// Units whose two priorities give different, fully defined splits (units with an undefined
    /// stage score are not unique either, but are listed as undefined instead).
    private var priorityDependentUnits: [Int] {
        scores.indices.filter { j in
            let s = scores[j]
            guard s.status == .ok, !s.isSplitUnique, let other = s.otherSplit else { return false }
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
        // Every key always present (docs/OUTPUT.md): null where it does not apply, 0 when none.
        out.append(("priority_dependent_splits", isLinked ? .integer(priorityDependentUnits.count) : .missing))
        out.append(("undefined_stage_scores", .integer(undefinedStageUnits.count)))
        out.append(("nonpositive_stage_scores", .integer(nonPositiveStageUnits.count)))
        out.append(("failed_units", .integer(scores.count - ok.count)))
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
            let cause = model.method == .additive
                ? "a VRS degeneracy of the additive model): every optimal weighting gives that stage weight omega = 0 (its denominator is 0), so its ratio is not defined; the other stage then scores at least the overall score"
                : "the intermediate measures are all zero): the stage-2 ratio has denominator w·z = 0, so it is not defined"
            notes.append("\(undefined.count) unit(s) have an undefined stage score (\(cause): \(list(undefined)).")
        }
        let nonPositive = nonPositiveStageUnits
        if !nonPositive.isEmpty {
            notes.append("\(nonPositive.count) unit(s) have a stage score ≤ 0: under VRS the free constant lets the additive model give a stage a negative score at a small weight omega (see docs/TWO-STAGE.md); read their overall score only: \(list(nonPositive)).")
        }
        if model.method == .independent && model.priority != .stage1 {
            notes.append("--priority does not apply to the independent method (its stage scores are unique).")
        }
        let zeroInputs = scores.indices.filter { scores[$0].status == .undefined }
        if !zeroInputs.isEmpty {
            notes.append("\(zeroInputs.count) unit(s) have every input zero, so their input-oriented scores are 0/0 (status undefined); they are kept without a score and stay in the others' reference set: \(list(zeroInputs)).")
        }
        let failed = scores.indices.filter { scores[$0].status != .ok && scores[$0].status != .undefined }
        if !failed.isEmpty { notes.append("\(failed.count) unit(s) could not be scored (see status): \(list(failed)).") }
        return notes
    }
}

extension TwoStageReport {
    /// The page content: stage-1 against stage-2 efficiency (the diagonal marks equal stages) and
    /// the distribution of the overall efficiency.
    func reportContent() -> ReportContent {
        let ok = scores.indices.filter { scores[$0].status == .ok }
        let pts = ok.compactMap { j -> (label: String, x: Double, y: Double)? in
            guard let a = scores[j].split.stage1, let b = scores[j].split.stage2, a.isFinite, b.isFinite else { return nil }
            return (ids[j], a, b)
        }
        let charts: [ReportChart] = [
            .scatter(title: LocalizedText(en: "Stage 1 (\(Self.stage1Label)) against stage 2 (\(Self.stage2Label)) efficiency",
                                          id: "Efisiensi tahap 1 (pemasaran) terhadap tahap 2 (profitabilitas)"),
                     xLabel: LocalizedText(en: "Stage 1 efficiency", id: "Efisiensi tahap 1"),
                     yLabel: LocalizedText(en: "Stage 2 efficiency", id: "Efisiensi tahap 2"),
                     points: pts, xFormat: .score, yFormat: .score, xSplit: nil, ySplit: nil, quadrants: [], diagonal: true),
            .efficiencyHistogram(ok.compactMap { scores[$0].overall }, title: LocalizedText(en: "Distribution of overall efficiency", id: "Sebaran efisiensi keseluruhan")),
        ]
        return ReportContent(title: LocalizedText(en: "Two-stage DEA efficiency", id: "Efisiensi DEA dua tahap"),
                             sections: [ReportSection(id: "stages", title: LocalizedText(en: "Stages", id: "Tahapan"), charts: charts)])
    }
}
