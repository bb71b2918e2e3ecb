import TolokCore
import TolokDEAModel

/// `tolok run dea`: radial DEA — CRS/VRS/NIRS/NDRS, input or output orientation, phase-II slacks,
/// targets, peers, multiplier weights, scale efficiency and returns to scale, super-efficiency,
/// within-group frontiers, cross-efficiency (Plugins/DEA/DEAPlugin+CrossEfficiency.swift) and the
/// Malmquist index over a period column (FGNZ decomposition under CRS; adjacent, sequential or
/// global reference technologies).
///
/// Options → ``DEAModel`` (``GroupedScores`` or ``MalmquistAnalysis``) → ``DEAReport`` /
/// ``MalmquistReport``. Formulations: docs/MODELS.md §1 and docs/DEA.md.
public struct DEAPlugin: AnalysisPlugin {
    public init() {}

    static let options = DEAOptions()

    public let descriptor = PluginDescriptor(
        id: "dea",
        version: "1.0.0",
        summary: "Data envelopment analysis: radial, FDH, additive, SBM, directional distance, cost/revenue/profit; slacks, targets, peers, weights, scale, super-efficiency, Malmquist",
        options: options,
        references: [
            "Charnes, A., Cooper, W.W. & Rhodes, E. (1978). Measuring the efficiency of decision making units. EJOR 2(6), 429-444.",
            "Banker, R.D., Charnes, A. & Cooper, W.W. (1984). Some models for estimating technical and scale inefficiencies in DEA. Management Science 30(9), 1078-1092.",
            "Färe, R., Grosskopf, S. & Lovell, C.A.K. (1985). The Measurement of Efficiency of Production. Kluwer.",
            "Andersen, P. & Petersen, N.C. (1993). A procedure for ranking efficient units in DEA. Management Science 39(10), 1261-1264.",
            "Färe, R., Grosskopf, S., Norris, M. & Zhang, Z. (1994). Productivity growth, technical progress, and efficiency change in industrialized countries. AER 84(1), 66-83.",
            "Shestalova, V. (2003). Sequential Malmquist indices of productivity growth: an application to OECD industrial activities. Journal of Productivity Analysis 19(2-3), 211-226.",
            "Pastor, J.T. & Lovell, C.A.K. (2005). A global Malmquist productivity index. Economics Letters 88(2), 266-271.",
            "Cooper, W.W., Seiford, L.M. & Tone, K. (2007). Data Envelopment Analysis, 2nd ed. Springer.",
            "Deprins, D., Simar, L. & Tulkens, H. (1984). Measuring labor efficiency in post offices. In Marchand, Pestieau & Tulkens (eds.), The Performance of Public Enterprises, 243-267. North-Holland.",
            "Charnes, A., Cooper, W.W., Golany, B., Seiford, L. & Stutz, J. (1985). Foundations of data envelopment analysis for Pareto-Koopmans efficient empirical production functions. Journal of Econometrics 30(1-2), 91-107.",
            "Cooper, W.W., Park, K.S. & Pastor, J.T. (1999). RAM: a range adjusted measure of inefficiency for use with additive models. Journal of Productivity Analysis 11(1), 5-42.",
            "Tone, K. (2001). A slacks-based measure of efficiency in data envelopment analysis. EJOR 130(3), 498-509.",
            "Tone, K. (2002). A slacks-based measure of super-efficiency in data envelopment analysis. EJOR 143(1), 32-41.",
            "Chambers, R.G., Chung, Y. & Färe, R. (1996). Benefit and distance functions. Journal of Economic Theory 70(2), 407-419.",
            "Chambers, R.G., Chung, Y. & Färe, R. (1998). Profit, directional distance functions, and Nerlovian efficiency. JOTA 98(2), 351-364.",
            "Simar, L. & Wilson, P.W. (1998). Sensitivity analysis of efficiency scores: how to bootstrap in nonparametric frontier models. Management Science 44(1), 49-61.",
            "Sexton, T.R., Silkman, R.H. & Hogan, A.J. (1986). Data envelopment analysis: critique and extensions. In Silkman (ed.), Measuring Efficiency: An Assessment of DEA, New Directions for Program Evaluation 32, 73-105. Jossey-Bass.",
            "Doyle, J. & Green, R. (1994). Efficiency and cross-efficiency in DEA: derivations, meanings and uses. JORS 45(5), 567-578.",
            "Silverman, B.W. (1986). Density Estimation for Statistics and Data Analysis. Chapman & Hall.",
        ],
        tables: ["units", "pairs", "peers", "frontier", "bootstrap", "rts_test", "cross_efficiency"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        var result = try runModel(request)
        // Defaults that depend on the model, echoed as used in place of null.
        let kind = try request.option(o.model)
        if kind == nil { result.parameters.append(("model", .text(DEAModelKind.radial.rawValue))) }
        if kind == .additive, try request.option(o.weights).isEmpty { result.parameters.append(("weights", .text("ones"))) }
        if kind == .ddf || kind == .profit, try request.option(o.direction).isEmpty { result.parameters.append(("direction", .text("observed"))) }
        return result
    }

    private func runModel(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        try Self.checkBootstrapOptions(request)
        try Self.checkMalmquistOptions(request)
        let crossMethod = try Self.crossEfficiencyMethod(request)
        if try request.option(o.frontierOnly) { return try Self.runFrontierOnly(request, descriptor: descriptor) }
        switch try request.option(o.model) ?? .radial {
        case .radial, .additive: break
        case .sbm: return try runSBM(request)
        case .ddf: return try runDDF(request)
        case let kind: return try runEconomic(request, kind: kind)
        }
        for (option, models) in [(o.direction, "ddf or profit"), (o.inputPrices, "cost or profit"), (o.outputPrices, "revenue or profit")]
        where !(try request.option(option)).isEmpty {
            throw UsageError("--\(option.spec.name) needs --model \(models)")
        }
        guard let orientation = try request.option(o.orientation).radial else {
            throw UsageError("--orientation non needs --model sbm or ddf: the radial model contracts inputs or expands outputs")
        }
        let data = request.dataset
        let inputNames = try request.option(o.inputs)
        let outputNames = try request.option(o.outputs)
        try requireDistinctColumns([(o.inputs.spec.name, inputNames), (o.outputs.spec.name, outputNames)])
        if try Self.needsBeyondRadial(request) { return try runBeyondRadial(request) }

        let model = DEAModel(orientation: orientation, rts: try request.option(o.rts).returnsToScale ?? .crs,
                             superEfficiency: try request.option(o.superEfficiency), threads: try Self.threadCount(request))
        // Zero inputs are accepted (docs/DEA.md, "Zeros"); 0/0 scores get status undefined.
        let rawInputs = try inputNames.map { try data.numbers($0, .nonNegative) }
        let rawOutputs = try outputNames.map { try data.numbers($0, .nonNegative) }
        let deaData = DEAData(inputs: rawInputs, outputs: rawOutputs)
        let names = DEAReport.Columns(inputs: inputNames, outputs: outputNames)

        if let period = try request.option(o.period) {
            return try runMalmquist(request, model: model, data: deaData, period: period)
        }
        let ids = try data.ids(column: request.idColumn)
        let groups = try request.option(o.groupBy).map { try data.texts($0) }
        let withScale = try request.option(o.scale)
        var progress: (@Sendable (String, Int, Int) -> Void)?
        if let reporter = request.progress {
            progress = { label, done, total in reporter.update(label, completed: done, total: total) }
        }
        var scores = GroupedScores(model: model, data: deaData, groups: groups, scale: withScale, progress: progress)
        Self.markUndefined(&scores, orientation: orientation, inputs: rawInputs, outputs: rawOutputs)
        var result = DEAReport(model: model, columns: names, ids: ids, groups: groups, scores: scores, withScale: withScale,
                               inputs: rawInputs, outputs: rawOutputs)
            .result(descriptor: descriptor)
        result.notes += Self.freeLunchNotes(scores.scores, ids: ids, freeLunch: Self.freeLunchIds(Array(ids.indices), ids: ids, inputs: rawInputs, outputs: rawOutputs),
                                            orientation: orientation)
        try Self.addBootstrap(to: &result, request: request, model: model, data: deaData, scores: scores.scores, ids: ids)
        if crossMethod != .none {
            Self.addCrossEfficiency(to: &result, method: crossMethod, rts: model.rts, data: deaData, ids: ids, threads: model.threads)
        }
        return result
    }
}
