import TolokCore
import TolokDEAModel

/// The `units` table, summary and notes of a cross-sectional `dea` run.
struct DEAReport {
    struct Columns {
        var inputs: [String]
        var outputs: [String]
    }

    let model: DEAModel
    let columns: Columns
    let ids: [String]
    let groups: [String]?
    let scores: GroupedScores
    let withScale: Bool
    /// The raw data (for the report page's frontier chart).
    var inputs: [[Double]] = []
    var outputs: [[Double]] = []
    /// Ids of the reference units when they are not the evaluated ones (`--reference`).
    var peerIds: [String]? = nil

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [unitsTable()], summary: summary(), notes: notes(),
                       report: reportContent(inputs: inputs, outputs: outputs))
    }

    private var orientation: Orientation { model.orientation }
    private var constantName: String { orientation == .input ? "u0" : "v0" }

    func unitsTable() -> ResultTable {
        let s = scores.scores
        var t = TableBuilder(ids: ids, statuses: s.map(\.status))
        if let groups { t.add("group", .text) { .text(groups[$0]) } }
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
            s[j].status == .ok ? Self.peerValue(s[j].peers, ids: peerIds ?? ids) : .missing
        }
        t.add(each: columns.inputs, prefix: "v_") { .optional(s[$0].inputWeights[$1]) }
        t.add(each: columns.outputs, prefix: "u_") { .optional(s[$0].outputWeights[$1]) }
        if model.rts != .crs { t.add(constantName) { .optional(s[$0].constant) } }
        if withScale {
            let sc = scores.scale
            t.add("theta_crs") { .optional(sc[$0]?.crs) }
            t.add("theta_vrs") { .optional(sc[$0]?.vrs) }
            t.add("theta_nirs") { .optional(sc[$0]?.nirs) }
            t.add("scale_efficiency") { .optional(sc[$0]?.efficiency) }
            t.add("returns_to_scale", .text) { sc[$0]?.returnsToScale.map { .text($0.rawValue) } ?? .missing }
        }
        return t.table
    }

    private var statistics: EfficiencySummary {
        EfficiencySummary(scores.scores, orientation: orientation, superEfficiency: model.superEfficiency)
    }

    func summary() -> [(name: String, value: Value)] {
        let stats = statistics
        var summary: [(name: String, value: Value)] = [("units", .integer(ids.count))]
        // Every key always present (docs/OUTPUT.md): efficient_units is null under super-efficiency.
        summary.append(("efficient_units", model.superEfficiency ? .missing : .integer(stats.efficient)))
        summary.append(("mean_efficiency", .optional(stats.mean)))
        summary.append(("min_efficiency", .optional(stats.minimum)))
        summary += ProjectionClass.failureCounts(scores.scores.map(\.status))
        return summary
    }

    func notes() -> [String] {
        let m = model
        var notes = [
            "Model: \(m.rts.rawValue.uppercased()), \(orientation.rawValue) orientation\(m.superEfficiency ? ", super-efficiency (unit excluded from its own reference set)" : "")\(groups != nil ? ", each group against its own frontier" : "").",
            "Slacks maximise the sum of slacks each divided by its column mean (units-invariant); efficient = score 1 and all slacks 0 within 1e-8.",
            "Multiplier weights (v, u\(m.rts == .crs ? "" : ", \(constantName)")) are in the data's units and are not unique at efficient units: these are the ones the solver found.",
        ]
        if orientation == .output { notes.append("efficiency = 1/phi (Shephard output distance); phi is the Farrell output measure that R Benchmarking and deaR print.") }
        let failures = statistics.failures
        if let infeasible = failures[.infeasible] {
            notes.append("\(infeasible) unit(s) have no feasible reference combination (status infeasible); they are kept without a score.")
        }
        if let undefined = failures[.undefined] {
            let side = orientation == .input ? "inputs" : "outputs"
            notes.append("\(undefined) unit(s) have all \(side) zero, so their \(orientation == .input ? "θ" : "φ") is not defined (0/0; status undefined); they are kept without a score and stay in the others' reference set.")
        }
        if let failed = failures[.numericalFailure] {
            notes.append("\(failed) unit(s) could not be solved to a verified optimum (status numerical_failure): their scores failed the optimality check in the data's units, which happens when a column spans many orders of magnitude; they are kept without a score. Look for extreme values (a unit a million times larger than the others) and score such units apart (--group-by).")
        }
        return notes
    }

    /// A unit's peers as a cell: structured in JSON (full precision), `B:0.25;C:0.75` elsewhere.
    static func peerValue(_ peers: [(unit: Int, lambda: Double)], ids: [String]) -> Value {
        .peers(peers.map { PeerWeight(id: ids[$0.unit], lambda: $0.lambda) },
               text: peers.map { "\(ids[$0.unit]):\(compact($0.lambda))" }.joined(separator: ";"))
    }

    /// λ without trailing noise: up to 6 significant decimals.
    static func compact(_ x: Double) -> String {
        let rounded = (x * 1e6).rounded() / 1e6
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

extension DEAReport {
    /// The page content of a DEA run: the efficiency histogram and, for one input and one output
    /// or two inputs and one output, the units in the plane with the efficient units joined.
    func reportContent(inputs: [[Double]], outputs: [[Double]]) -> ReportContent {
        let s = scores.scores
        let eff = s.map { $0.status == .ok ? $0.efficiency(orientation) : Double.nan }
        var charts: [ReportChart] = [.efficiencyHistogram(eff)]
        let efficient = s.indices.filter { s[$0].isEfficient }
        if inputs.count == 1 && outputs.count == 1 {
            let pts = ids.indices.map { (label: ids[$0], x: inputs[0][$0], y: outputs[0][$0]) }
            var path: [(x: Double, y: Double)]
            if model.rts == .crs, let best = pts.filter({ $0.x > 0 }).max(by: { $0.y / $0.x < $1.y / $1.x }) {
                let xmax = pts.map(\.x).max() ?? best.x
                path = [(0, 0), (xmax, best.y / best.x * xmax)]
            } else {
                path = efficient.map { (x: pts[$0].x, y: pts[$0].y) }.sorted { $0.x != $1.x ? $0.x < $1.x : $0.y < $1.y }
                if let last = path.last, let xmax = pts.map(\.x).max(), xmax > last.x { path.append((xmax, last.y)) }
                if let first = path.first { path.insert((first.x, 0), at: 0) }
            }
            charts.append(.frontier(title: LocalizedText(en: "Units and the frontier", id: "Unit dan frontier"),
                                    xLabel: LocalizedText(columns.inputs[0]), yLabel: LocalizedText(columns.outputs[0]), points: pts, frontier: path))
        } else if inputs.count == 2 && outputs.count == 1 {
            let ok = ids.indices.filter { outputs[0][$0] > 0 }
            let pts = ok.map { (label: ids[$0], x: inputs[0][$0] / outputs[0][$0], y: inputs[1][$0] / outputs[0][$0]) }
            var path = efficient.filter { outputs[0][$0] > 0 }.map { (x: inputs[0][$0] / outputs[0][$0], y: inputs[1][$0] / outputs[0][$0]) }
                .sorted { $0.x != $1.x ? $0.x < $1.x : $0.y > $1.y }
            if let first = path.first, let ymax = pts.map(\.y).max() { path.insert((first.x, max(ymax, first.y)), at: 0) }
            if let last = path.last, let xmax = pts.map(\.x).max() { path.append((max(xmax, last.x), last.y)) }
            let per = " / " + columns.outputs[0]
            charts.append(.frontier(title: LocalizedText(en: "Input mix per unit of output and the efficient units joined (isoquant)",
                                                         id: "Kombinasi input per unit output dan unit efisien yang dihubungkan (isokuan)"),
                                    xLabel: LocalizedText(columns.inputs[0] + per), yLabel: LocalizedText(columns.inputs[1] + per),
                                    points: pts, frontier: path))
        }
        return ReportContent(title: LocalizedText(en: "DEA efficiency", id: "Efisiensi DEA"),
                             sections: [ReportSection(id: "distribution", title: LocalizedText(en: "Efficiency", id: "Efisiensi"), charts: charts)])
    }
}
