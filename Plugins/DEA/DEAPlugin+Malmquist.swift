import TolokCore
import TolokDEAModel

/// `tolok run dea --period COL`: options → ``MalmquistAnalysis`` → ``MalmquistReport``.
extension DEAPlugin {
    /// Options a Malmquist run would ignore are refused (exit 2), as is `--malmquist-reference`
    /// without `--period`.
    static func checkMalmquistOptions(_ request: AnalysisRequest) throws {
        let o = options
        guard try request.option(o.period) != nil else {
            if request.isGiven(o.malmquistReference) {
                throw UsageError("--\(o.malmquistReference.spec.name) belongs to --period (Malmquist); give --period COL or drop it")
            }
            return
        }
        let ignored: [(Bool, String)] = [
            (try request.option(o.superEfficiency), "--super (the index is of ordinary distances; drop --super)"),
            (try request.option(o.scale), "--scale (under --rts crs the pairs table has the scale efficiency change sech; drop --scale)"),
            (try request.option(o.groupBy) != nil, "--group-by (run each group's file separately)"),
        ]
        if let (_, option) = ignored.first(where: { $0.0 }) {
            throw UsageError("--period (Malmquist) does not take \(option)")
        }
    }

    func runMalmquist(_ request: AnalysisRequest, model: DEAModel, data: DEAData, period: String) throws -> AnalysisResult {
        guard let idColumn = request.idColumn else {
            throw UsageError("--period needs --id: units are matched by id across periods")
        }
        let dataset = request.dataset
        let ids = try dataset.ids(column: idColumn, uniqueWithin: period)
        let analysis: MalmquistAnalysis
        do {
            analysis = try MalmquistAnalysis(model: model, data: data, ids: ids, periods: try dataset.texts(period),
                                             reference: try request.option(Self.options.malmquistReference))
        } catch MalmquistAnalysis.Failure.fewerThanTwoPeriods(let only) {
            throw UsageError("--period needs at least two periods; the column has only \(only.map { "\"\($0)\"" } ?? "none")")
        }
        return MalmquistReport(model: model, analysis: analysis).result(descriptor: descriptor)
    }
}
