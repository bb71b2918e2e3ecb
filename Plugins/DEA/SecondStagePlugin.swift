import Foundation
import TolokCore
import TolokDEAModel

/// `tolok run dea-second-stage` (issue #20): environmental variables explain DEA efficiency by the
/// truncated regression and the parametric (Algorithm 1) or double (Algorithm 2) bootstrap of
/// Simar & Wilson (2007).
///
/// Options → ``DEAModel`` (radial scores) → ``SecondStage`` → ``SecondStageReport``. Formulation:
/// docs/DEA.md, "Second stage".
public struct SecondStagePlugin: AnalysisPlugin {
    public init() {}

    static let options = SecondStageOptions()

    public let descriptor = PluginDescriptor(
        id: "dea-second-stage",
        version: "1.0.0",
        summary: "Second stage of DEA: truncated regression of the efficiency scores on environmental variables with the Simar-Wilson (2007) bootstrap (Algorithms 1 and 2)",
        options: options,
        references: [
            "Simar, L. & Wilson, P.W. (2007). Estimation and inference in two-stage, semi-parametric models of production processes. Journal of Econometrics 136(1), 31-64.",
            "Banker, R.D., Charnes, A. & Cooper, W.W. (1984). Some models for estimating technical and scale inefficiencies in DEA. Management Science 30(9), 1078-1092.",
            "Hausman, J.A. & Wise, D.A. (1977). Social experimentation, truncated distributions, and efficient estimation. Econometrica 45(4), 919-938.",
            "Hyndman, R.J. & Fan, Y. (1996). Sample quantiles in statistical packages. The American Statistician 50(4), 361-365.",
        ],
        tables: ["coefficients", "units"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        let data = request.dataset
        let inputNames = try request.option(o.inputs), outputNames = try request.option(o.outputs)
        let zNames = try request.option(o.environment)
        try requireDistinctColumns([(o.inputs.spec.name, inputNames), (o.outputs.spec.name, outputNames), (o.environment.spec.name, zNames)])
        guard let rts = try request.option(o.rts).returnsToScale else {
            throw UsageError("--rts fdh: the second stage needs a convex technology (crs, vrs, nirs, ndrs); the pseudo-frontiers of Algorithm 2 are convex hulls")
        }
        let orientation = try request.option(o.orientation)
        let algorithm = SecondStage.Algorithm(rawValue: try request.option(o.algorithm)) ?? .two
        if algorithm == .one && request.isGiven(o.firstReplicates) {
            throw UsageError("--first-replicates belongs to --algorithm 2 (the L1 loop of the bias correction); drop it or use --algorithm 2")
        }
        let replicates = try request.option(o.replicates), alpha = try request.option(o.alpha)
        guard Double(replicates) * alpha >= 1 else {
            throw UsageError("--replicates \(replicates) is too few for intervals at alpha = \(alpha): it must be at least 1/alpha = \(Int((1 / alpha).rounded(.up)))")
        }
        let threads = try request.option(o.threads)
        let stage = SecondStage(orientation: orientation, rts: rts, algorithm: algorithm, replicates: replicates,
                                firstReplicates: try request.option(o.firstReplicates), seed: UInt64(try request.option(o.seed)),
                                alpha: alpha, threads: threads > 0 ? threads : ProcessInfo.processInfo.activeProcessorCount)
        let inputs = try inputNames.map { try data.numbers($0, .nonNegative) }
        let outputs = try outputNames.map { try data.numbers($0, .nonNegative) }
        let environment = try zNames.map { try data.numbers($0, .finite) }
        let ids = try data.ids(column: request.idColumn)
        let deaData = DEAData(inputs: inputs, outputs: outputs)
        let scores = DEAModel(orientation: orientation, rts: rts, threads: stage.threads).score(deaData)
        var progress: (@Sendable (Int, Int) -> Void)?
        if let reporter = request.progress {
            progress = { done, total in reporter.update("second-stage replicates", completed: done, total: total) }
        }
        let result: SecondStage.Result
        do {
            result = try stage.run(deaData, scores: scores, environment: environment, progress: progress)
        } catch SecondStage.Failure.unitNotScored(let unit, let status) {
            throw UsageError("dea-second-stage needs an optimal DEA score for every unit; unit \(ids[unit]) has status \(status.rawValue): leave it out of --data (or fix its data) and run again")
        } catch SecondStage.Failure.noDistance(let unit) {
            throw UsageError("dea-second-stage: unit \(ids[unit]) has efficiency 0 (no finite distance δ; e.g. all its outputs are zero): leave it out of --data")
        } catch SecondStage.Failure.tooFewUnits(let m, let parameters) {
            throw UsageError("dea-second-stage: only \(m) unit(s) are off the frontier (δ > 1 + 1e-5)\(algorithm == .two ? " in one of the two fits" : ""), not more than the \(parameters) parameters (constant, \(zNames.count) environmental variable(s), σ): use more units or fewer --environment columns")
        } catch SecondStage.Failure.singularDesign {
            throw UsageError("dea-second-stage: the --environment columns are collinear (with each other or the constant) over the units off the frontier, so β is not identified")
        } catch SecondStage.Failure.fitNotConverged(let fit) {
            throw UsageError("dea-second-stage: the maximum of the truncated-regression likelihood was not found (\(fit == 1 ? "fit of the DEA distances" : "fit of the bias-corrected distances")); it need not exist (e.g. distances with an exponential-looking tail drive σ to infinity). Try other --environment columns")
        }
        return SecondStageReport(stage: stage, result: result, ids: ids, environment: zNames)
            .result(descriptor: descriptor)
    }
}
