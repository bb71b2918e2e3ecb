import TolokCore
import TolokDEAModel

extension DEAPlugin {
    /// `--model ddf`: the directional distance function (``DirectionalDistance``).
    func runDDF(_ request: AnalysisRequest) throws -> AnalysisResult {
        let input = try modelInput(request, kind: .ddf)
        let words = try request.option(Self.options.direction)
        let direction = try ddfDirection(request, words: words, m: input.columns.inputs.count, s: input.columns.outputs.count)
        let model = DirectionalDistance(orientation: input.orientation, rts: input.rts, direction: direction)
        let scores = model.score(input.data)
        let label = words.count > 1 ? "columns " + words.joined(separator: ",") : (words.first ?? "observed")
        return DDFReport(model: model, directionLabel: label, columns: input.columns, ids: input.ids, data: input.data, scores: scores)
            .result(descriptor: descriptor)
    }

    /// The direction `--direction` names (`--model ddf`, and the Nerlovian normalisation of
    /// `--model profit`): observed (default), unit, mean, or m + s columns (gx then gy).
    func ddfDirection(_ request: AnalysisRequest, words: [String], m: Int, s: Int) throws -> DDFDirection {
        switch words {
        case [], ["observed"]: return .observed
        case ["unit"]: return .unit
        case ["mean"]: return .mean
        default:
            guard words.count == m + s else {
                throw UsageError("--direction takes observed, unit, mean, or \(m + s) columns (the \(m) gx columns, then the \(s) gy columns); \(words.count) given")
            }
            let g = try words.map { try request.dataset.numbers($0, .nonNegative) }
            return .custom(inputs: Array(g[0..<m]), outputs: Array(g[m...]))
        }
    }
}

/// The `units` table, summary and notes of a `--model ddf` run.
struct DDFReport {
    let model: DirectionalDistance
    let directionLabel: String
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
        t.add("beta") { .optional(s[$0].status == .ok ? s[$0].score : nil) }
        t.add("class", .text) { j in ProjectionClass(s[j], unit: j, data: data, efficientScore: 0).map { .text($0.rawValue) } ?? .missing }
        t.add(each: columns.inputs, prefix: "slack_") { .optional(s[$0].inputSlacks[$1]) }
        t.add(each: columns.outputs, prefix: "slack_") { .optional(s[$0].outputSlacks[$1]) }
        t.add(each: columns.inputs, prefix: "target_") { .optional(s[$0].inputTargets[$1]) }
        t.add(each: columns.outputs, prefix: "target_") { .optional(s[$0].outputTargets[$1]) }
        t.add("peers", .peers) { j in ProjectionClass.peers(s[j].status, s[j].peers, ids: ids) }
        return t.table
    }

    func summary() -> [(name: String, value: Value)] {
        let values = scores.filter { $0.status == .ok }.map(\.score)
        var summary: [(name: String, value: Value)] = [
            ("units", .integer(ids.count)),
            ("efficient_units", .integer(scores.indices.filter { ProjectionClass(scores[$0], unit: $0, data: data, efficientScore: 0) == .efficient }.count)),
            ("mean_beta", .optional(values.isEmpty ? nil : values.reduce(0, +) / Double(values.count))),
            ("max_beta", .optional(values.max())),
        ]
        summary += ProjectionClass.failureCounts(scores.map(\.status))
        return summary
    }

    func notes() -> [String] {
        let side: String
        switch model.orientation {
        case .non: side = "graph (inputs and outputs: g = (gx, gy))"
        case .input: side = "input (g = (gx, 0); --orientation non for the graph direction)"
        case .output: side = "output (g = (0, gy))"
        }
        var notes = [
            "Model: directional distance function (Chambers, Chung & Färe 1996), \(model.rts.rawValue.uppercased()), direction \(directionLabel), \(side); beta = max β with x − βgx, y + βgy in the technology (0 on the frontier).",
            "Slacks from a second stage at the optimal β (largest sum of slacks, each divided by its column mean); targets = x − βgx − s⁻, y + βgy + s⁺.",
        ]
        notes += ProjectionClass.failureNotes(scores.map(\.status))
        return notes
    }
}
