import Foundation
import TolokCore
import TolokDEAModel

/// `tolok run dea`: radial DEA — CRS/VRS/NIRS/NDRS, input or output orientation, phase-II slacks,
/// targets, peers, multiplier weights, scale efficiency and returns to scale, super-efficiency,
/// within-group frontiers and the Malmquist index over a period column.
///
/// Models: Charnes, Cooper & Rhodes (1978) *EJOR* 2, 429–444 (CRS); Banker, Charnes & Cooper
/// (1984) *Management Science* 30, 1078–1092 (VRS); Färe, Grosskopf & Lovell (1985) (NIRS/NDRS,
/// scale); Andersen & Petersen (1993) *Management Science* 39, 1261–1264 (super-efficiency);
/// Färe, Grosskopf, Norris & Zhang (1994) *AER* 84, 66–83 (Malmquist). Formulations:
/// docs/DEA.md (MODELS.md §1).
public struct DEAPlugin: AnalysisPlugin {
    public init() {}

    public let descriptor = PluginDescriptor(
        id: "dea",
        version: "1.0.0",
        summary: "Data envelopment analysis: efficiency, slacks, targets, peers, weights, scale, super-efficiency, Malmquist",
        parameters: [
            ParameterSpec("inputs", .columns, required: true, values: .positive, summary: "input columns (strictly positive)"),
            ParameterSpec("outputs", .columns, required: true, values: .nonNegative, summary: "output columns (non-negative)"),
            ParameterSpec("rts", .choice(ReturnsToScale.allCases.map(\.rawValue)), default: "crs",
                          summary: "returns to scale: crs (CCR), vrs (BCC), nirs, ndrs"),
            ParameterSpec("orientation", .choice(Orientation.allCases.map(\.rawValue)), default: "input",
                          summary: "input (contract inputs, θ) or output (expand outputs, φ; efficiency = 1/φ)"),
            ParameterSpec("super", .flag, summary: "super-efficiency (Andersen-Petersen): the unit is left out of its own reference set"),
            ParameterSpec("scale", .flag, summary: "also θ under CRS, VRS and NIRS, scale efficiency and the returns-to-scale class"),
            ParameterSpec("group-by", .column, summary: "evaluate each group against its own frontier (e.g. a program column)"),
            ParameterSpec("period", .column, summary: "Malmquist index between consecutive periods (units matched by --id)"),
        ],
        references: [
            "Charnes, A., Cooper, W.W. & Rhodes, E. (1978). Measuring the efficiency of decision making units. EJOR 2(6), 429-444.",
            "Banker, R.D., Charnes, A. & Cooper, W.W. (1984). Some models for estimating technical and scale inefficiencies in DEA. Management Science 30(9), 1078-1092.",
            "Färe, R., Grosskopf, S. & Lovell, C.A.K. (1985). The Measurement of Efficiency of Production. Kluwer.",
            "Andersen, P. & Petersen, N.C. (1993). A procedure for ranking efficient units in DEA. Management Science 39(10), 1261-1264.",
            "Färe, R., Grosskopf, S., Norris, M. & Zhang, Z. (1994). Productivity growth, technical progress, and efficiency change in industrialized countries. AER 84(1), 66-83.",
            "Cooper, W.W., Seiford, L.M. & Tone, K. (2007). Data Envelopment Analysis, 2nd ed. Springer.",
        ],
        tables: ["units", "pairs"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let p = request.parameters
        let data = request.dataset
        let inputNames = try p.requiredList("inputs")
        let outputNames = try p.requiredList("outputs")
        let rts = try p.choice("rts", as: ReturnsToScale.self, default: .crs)
        let orientation = try p.choice("orientation", as: Orientation.self, default: .input)
        let options = DEARunOptions(inputNames: inputNames, outputNames: outputNames, rts: rts, orientation: orientation,
                                    superEfficiency: p.flag("super"), scale: p.flag("scale"))
        let inputs = try inputNames.map { try data.numbers($0, .positive) }
        let outputs = try outputNames.map { try data.numbers($0, .nonNegative) }

        if let period = p.text("period") {
            guard let idColumn = request.idColumn else {
                throw UsageError("--period needs --id: units are matched by id across periods")
            }
            let ids = try data.ids(column: idColumn, uniqueWithin: period)
            let periods = try data.texts(period)
            return try MalmquistRun(options: options, ids: ids, periods: periods, inputs: inputs, outputs: outputs)
                .result(descriptor: descriptor)
        }
        let ids = try data.ids(column: request.idColumn)
        var groups: [String]?
        if let g = p.text("group-by") { groups = try data.texts(g) }
        return DEARun(options: options, ids: ids, groups: groups, inputs: inputs, outputs: outputs, progress: request.progress)
            .result(descriptor: descriptor)
    }
}

/// The model choices of one `dea` run.
struct DEARunOptions {
    var inputNames: [String]
    var outputNames: [String]
    var rts: ReturnsToScale
    var orientation: Orientation
    var superEfficiency: Bool
    var scale: Bool

    var model: DEAModel { DEAModel(orientation: orientation, rts: rts, superEfficiency: superEfficiency) }
}
