import TolokCore
import TolokDEAModel

/// One cross-sectional DEA run (optionally per group) rendered into the `units` table.
struct DEARun {
    let options: DEARunOptions
    let ids: [String]
    let groups: [String]?
    let inputs: [[Double]]
    let outputs: [[Double]]
    var progress: ProgressReporter?

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        let data = DEAData(inputs: inputs, outputs: outputs)
        let n = ids.count
        // Groups in order of first appearance; without --group-by one group of all units.
        var members: [(label: String, units: [Int])] = []
        if let groups {
            var index: [String: Int] = [:]
            for (j, g) in groups.enumerated() {
                if let k = index[g] { members[k].units.append(j) } else { index[g] = members.count; members.append((g, [j])) }
            }
        } else {
            members = [("", Array(0..<n))]
        }
        var scores = [DEAUnitScore?](repeating: nil, count: n)
        var scale = [ScaleEfficiency?](repeating: nil, count: n)
        for group in members {
            let reporter = progress
            let label = members.count > 1 ? "dea group \(group.label)" : "dea"
            let result = options.model.score(data, units: group.units, reference: group.units, progress: reporter.map { r in
                { @Sendable done, total in r.update(label, completed: done, total: total) }
            })
            for (k, j) in group.units.enumerated() { scores[j] = result[k] }
            if options.scale {
                var measures: [ReturnsToScale: [DEAUnitScore]] = [:]
                for rts in [ReturnsToScale.crs, .vrs, .nirs] {
                    var m = options.model
                    m.rts = rts
                    m.superEfficiency = false
                    measures[rts] = rts == options.rts && !options.superEfficiency ? result : m.score(data, units: group.units, reference: group.units)
                }
                for (k, j) in group.units.enumerated() {
                    scale[j] = ScaleEfficiency(crs: measures[.crs]![k].efficiency(options.orientation),
                                               vrs: measures[.vrs]![k].efficiency(options.orientation),
                                               nirs: measures[.nirs]![k].efficiency(options.orientation))
                }
            }
        }
        return render(scores.map { $0! }, scale: scale, descriptor: descriptor)
    }

    private func render(_ scores: [DEAUnitScore], scale: [ScaleEfficiency?], descriptor: PluginDescriptor) -> AnalysisResult {
        let o = options
        let constantName = o.orientation == .input ? "u0" : "v0"
        var columns = [ResultColumn("id", .text), ResultColumn("status", .text)]
        if groups != nil { columns.append(ResultColumn("group", .text)) }
        columns.append(ResultColumn("efficiency"))
        if o.orientation == .output { columns.append(ResultColumn("phi")) }
        columns.append(ResultColumn("class", .text))
        columns += o.inputNames.map { ResultColumn("slack_" + $0) } + o.outputNames.map { ResultColumn("slack_" + $0) }
        columns += o.inputNames.map { ResultColumn("target_" + $0) } + o.outputNames.map { ResultColumn("target_" + $0) }
        columns.append(ResultColumn("peers", .text))
        columns += o.inputNames.map { ResultColumn("v_" + $0) } + o.outputNames.map { ResultColumn("u_" + $0) }
        if o.rts != .crs { columns.append(ResultColumn(constantName)) }
        if o.scale {
            columns += [ResultColumn("theta_crs"), ResultColumn("theta_vrs"), ResultColumn("theta_nirs"),
                        ResultColumn("scale_efficiency"), ResultColumn("returns_to_scale", .text)]
        }
        var table = ResultTable(name: "units", columns: columns)
        var efficientCount = 0, infeasibleCount = 0
        var finite: [Double] = []
        for (j, score) in scores.enumerated() {
            let status: UnitStatus = switch score.status {
            case .optimal: .ok
            case .infeasible: .infeasible
            case .unbounded: .unbounded
            case .iterationLimit: .iterationLimit
            case .numericalFailure: .numericalFailure
            }
            let e = score.efficiency(o.orientation)
            if e.isFinite { finite.append(e) }
            if score.status == .infeasible { infeasibleCount += 1 }
            var row: [Value] = [.text(ids[j]), status.value]
            if let groups { row.append(.text(groups[j])) }
            row.append(.optional(e))
            if o.orientation == .output { row.append(.optional(score.status == .optimal ? score.radial : nil)) }
            let unitClass: String
            if score.status != .optimal { unitClass = "" }
            else if o.superEfficiency { unitClass = e >= 1 - DEATolerance.classification ? "efficient" : "inefficient" }
            else if score.isEfficient { unitClass = "efficient"; efficientCount += 1 }
            else if abs(score.radial - 1) <= DEATolerance.classification { unitClass = "weakly_efficient" }
            else { unitClass = "inefficient" }
            row.append(unitClass.isEmpty ? .missing : .text(unitClass))
            row += (score.inputSlacks + score.outputSlacks).map { Value.optional($0) }
            row += (score.inputTargets + score.outputTargets).map { Value.optional($0) }
            row.append(score.status == .optimal ? .text(score.peers.map { "\(ids[$0.unit]):\(Self.compact($0.lambda))" }.joined(separator: ";")) : .missing)
            row += (score.inputWeights + score.outputWeights).map { Value.optional($0) }
            if o.rts != .crs { row.append(.optional(score.constant)) }
            if o.scale {
                let sc = scale[j]
                row += [.optional(sc?.crs), .optional(sc?.vrs), .optional(sc?.nirs), .optional(sc?.efficiency),
                        sc?.returnsToScale.map { .text($0.rawValue) } ?? .missing]
            }
            table.append(row)
        }
        var summary: [(name: String, value: Value)] = [("units", .integer(ids.count))]
        if !o.superEfficiency { summary.append(("efficient_units", .integer(efficientCount))) }
        summary.append(("mean_efficiency", .optional(finite.isEmpty ? nil : finite.reduce(0, +) / Double(finite.count))))
        summary.append(("min_efficiency", .optional(finite.min())))
        if infeasibleCount > 0 { summary.append(("infeasible_units", .integer(infeasibleCount))) }
        var notes = [
            "Model: \(o.rts.rawValue.uppercased()), \(o.orientation.rawValue) orientation\(o.superEfficiency ? ", super-efficiency (unit excluded from its own reference set)" : "")\(groups != nil ? ", each group against its own frontier" : "").",
            "Slacks maximise the sum of slacks each divided by its column mean (units-invariant); efficient = score 1 and all slacks 0 within 1e-8.",
            "Multiplier weights (v, u\(o.rts == .crs ? "" : ", \(constantName)")) are in the data's units and are not unique at efficient units: these are the ones the solver found.",
        ]
        if o.orientation == .output { notes.append("efficiency = 1/phi (Shephard output distance); phi is the Farrell output measure that R Benchmarking and deaR print.") }
        if infeasibleCount > 0 { notes.append("\(infeasibleCount) unit(s) have no feasible reference combination (status infeasible); they are kept without a score.") }
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [table], summary: summary, notes: notes)
    }

    /// λ without trailing noise: up to 6 significant decimals.
    static func compact(_ x: Double) -> String {
        let rounded = (x * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
