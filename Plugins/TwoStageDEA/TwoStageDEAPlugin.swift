import TolokCore
import TolokDEAModel
import TolokTwoStageDEAModel

/// `tolok run two-stage-dea`: two-stage DEA of a process inputs → intermediate measures → outputs,
/// e.g. insurers' marketability (expenses → premiums) and profitability (premiums → profits)
/// (Hwang & Kao 2006).
///
/// Options → ``TwoStageDEAModel`` → ``TwoStageReport``. Methods (docs/MODELS.md §2; formulations
/// in docs/TWO-STAGE.md): `independent` (Seiford & Zhu 1999:
/// separate CCR/BCC models per stage, plus the black box), `relational` (Kao & Hwang 2008, EJOR 185,
/// 418–429: multiplicative, CRS only) and `additive` (Chen, Cook, Li & Zhu 2009, EJOR 196,
/// 1170–1176: weighted mean of the stages, CRS or VRS).
public struct TwoStageDEAPlugin: AnalysisPlugin {
    public init() {}

    static let options = TwoStageOptions()

    public let descriptor = PluginDescriptor(
        id: "two-stage-dea",
        version: "1.0.0",
        summary: "Two-stage DEA: overall, stage 1 (marketability) and stage 2 (profitability) efficiency, binding stage, ranking",
        options: options,
        references: [
            "Kao, C. & Hwang, S.-N. (2008). Efficiency decomposition in two-stage data envelopment analysis: An application to non-life insurance companies in Taiwan. EJOR 185(1), 418-429.",
            "Chen, Y., Cook, W.D., Li, N. & Zhu, J. (2009). Additive efficiency decomposition in two-stage DEA. EJOR 196(3), 1170-1176.",
            "Seiford, L.M. & Zhu, J. (1999). Profitability and marketability of the top 55 U.S. commercial banks. Management Science 45(9), 1270-1288.",
            "Hwang, S.-N. & Kao, T.-L. (2006). Measuring managerial efficiency in non-life insurance companies: an application of two-stage data envelopment analysis. International Journal of Management.",
            "Charnes, A., Cooper, W.W. & Rhodes, E. (1978). Measuring the efficiency of decision making units. EJOR 2(6), 429-444.",
            "Banker, R.D., Charnes, A. & Cooper, W.W. (1984). Some models for estimating technical and scale inefficiencies in DEA. Management Science 30(9), 1078-1092.",
        ],
        tables: ["units", "ranking"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        let data = request.dataset
        let names = TwoStageColumns(inputs: try request.option(o.inputs), intermediates: try request.option(o.intermediates),
                                    outputs: try request.option(o.outputs))
        try requireDistinctColumns([("inputs", names.inputs), ("intermediates", names.intermediates), ("outputs", names.outputs)])
        let method = try request.option(o.method)
        let rts = try request.option(o.rts)
        let priority = try request.option(o.priority)
        let model: TwoStageDEAModel
        do {
            model = try TwoStageDEAModel(method: method, rts: rts, priority: priority)
        } catch {
            throw UsageError("--method \(method.rawValue) with --rts \(rts.rawValue): \(error.description)")
        }
        let twoStage = TwoStageData(inputs: try names.inputs.map { try data.numbers($0, .nonNegative) },
                                    intermediates: try names.intermediates.map { try data.numbers($0, .nonNegative) },
                                    outputs: try names.outputs.map { try data.numbers($0, .nonNegative) })
        let ids = try data.ids(column: request.idColumn)
        return TwoStageReport(model: model, columns: names, ids: ids, scores: model.score(twoStage)).result(descriptor: descriptor)
    }
}
