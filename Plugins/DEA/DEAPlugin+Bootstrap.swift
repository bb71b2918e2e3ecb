import Foundation
import TolokCore
import TolokDEAModel

/// `tolok run dea --bootstrap B [--seed S] [--alpha A] [--threads T]` (issue #20): options →
/// ``DEABootstrap`` → the `bootstrap` table, summary keys and notes. docs/DEA.md, "Bootstrap".
extension DEAPlugin {
    /// The worker threads of `--threads` (0: one per core).
    static func threadCount(_ request: AnalysisRequest) throws -> Int {
        let t = try request.option(options.threads)
        return t > 0 ? t : ProcessInfo.processInfo.activeProcessorCount
    }

    /// Refuses `--bootstrap` with the options whose models it does not cover (exit 2), and
    /// `--seed`/`--alpha` without it (they would be echoed and ignored).
    static func checkBootstrapOptions(_ request: AnalysisRequest) throws {
        let o = options
        guard try request.option(o.bootstrap) != nil else {
            for (given, name) in [(request.isGiven(o.seed), o.seed.spec.name), (request.isGiven(o.alpha), o.alpha.spec.name)] where given {
                throw UsageError("--\(name) belongs to --bootstrap B; give --bootstrap or drop --\(name)")
            }
            return
        }
        let refusals: [(Bool, String)] = [
            (try request.option(o.frontierOnly), "--frontier-only"),
            (try (request.option(o.model) ?? .radial) != .radial, "--model \(try request.option(o.model)?.rawValue ?? "")"),
            (try request.option(o.rts) == .fdh, "--rts fdh (the smoothed bootstrap needs a convex technology; FDH needs subsampling)"),
            (try request.option(o.superEfficiency), "--super"),
            (try request.option(o.period) != nil, "--period"),
            (try request.option(o.groupBy) != nil, "--group-by (bootstrap each group's file)"),
            (try request.option(o.reference) != nil, "--reference"),
            (try request.option(o.peerCounts), "--peer-counts"),
        ]
        if let (_, what) = refusals.first(where: { $0.0 }) {
            throw UsageError("--bootstrap works with the radial model (crs, vrs, nirs, ndrs; input or output orientation) of one cross-section; not with \(what)")
        }
    }

    /// The bootstrap of a radial run's scores, appended to its result.
    static func addBootstrap(to result: inout AnalysisResult, request: AnalysisRequest, model: DEAModel, data: DEAData,
                             scores: [DEAUnitScore], ids: [String]) throws {
        let o = options
        guard let replicates = try request.option(o.bootstrap) else { return }
        let bootstrap = DEABootstrap(orientation: model.orientation, rts: model.rts, replicates: replicates,
                                     seed: UInt64(try request.option(o.seed)), alpha: try request.option(o.alpha),
                                     threads: try threadCount(request))
        var progress: (@Sendable (Int, Int) -> Void)?
        if let reporter = request.progress {
            progress = { done, total in reporter.update("bootstrap replicates", completed: done, total: total) }
        }
        let run: DEABootstrap.Result
        do {
            run = try bootstrap.run(data, scores: scores, progress: progress)
        } catch DEABootstrap.Failure.unitNotScored(let unit, let status) {
            throw UsageError("--bootstrap needs an optimal score for every unit; unit \(ids[unit]) has status \(status.rawValue): leave it out of --data (or fix its data) and run again")
        } catch DEABootstrap.Failure.noDistance(let unit) {
            throw UsageError("--bootstrap: unit \(ids[unit]) has efficiency 0 (no distance to bootstrap; e.g. all its outputs are zero): leave it out of --data")
        } catch DEABootstrap.Failure.noInefficientUnit {
            throw UsageError("--bootstrap: every unit is efficient (score 1), so the distribution of the scores is degenerate and there is nothing to resample")
        }
        result.tables.append(table(run, ids: ids))
        let bw = run.bandwidth
        result.summary += [
            ("bootstrap_replicates", .integer(replicates)),
            ("bootstrap_bandwidth", .number(bw.h)),
            ("bootstrap_mean_efficiency_bc", .optional(mean(run.units.filter { $0.status == .ok }.map(\.biasCorrected)))),
        ]
        let level = (1 - bootstrap.alpha) * 100
        let scale = model.orientation == .input ? "δ = 1/θ (Shephard input distance)" : "δ = φ (Farrell output measure)"
        result.notes.append("Bootstrap: Simar & Wilson (1998) smoothed homogeneous bootstrap, B = \(replicates) replicates, seed \(bootstrap.seed); "
            + "on the scale \(scale); bandwidth h = \(format(bw.h)) (Silverman's rule, 0.9 · \(bw.usesIQR ? "IQR/1.349" : "sd") = \(format(bw.spread)) of the \(2 * bw.inefficientUnits) mirrored distances of the \(bw.inefficientUnits) units with δ > 1 + 1e-6, "
            + "rescaled to the n = \(bw.units) units); reflection at 1 and the variance correction 1/√(1 + h²/σ²). "
            + "bias = efficiency − efficiency_bc; \(format(level))% intervals from the type-9 quantiles of δ − δ*; std_error = sd of the replicates' efficiencies. "
            + "The same seed gives the same numbers whatever --threads is.")
        if run.failedSolves > 0 {
            let units = run.units.filter { $0.replicates < replicates }.count
            result.notes.append("Bootstrap: \(run.failedSolves) unit-replicate program(s) of \(units) unit(s) could not be solved to a verified optimum; those units' summaries use the replicates that were (column replicates).")
        }
    }

    static func table(_ run: DEABootstrap.Result, ids: [String]) -> ResultTable {
        let u = run.units
        var t = TableBuilder(name: "bootstrap", ids: ids, statuses: u.map(\.status))
        func value(_ x: Double, _ j: Int) -> Value { u[j].status == .ok && x.isFinite ? .number(x) : .missing }
        t.add("efficiency") { .number(u[$0].efficiency) }
        t.add("bias") { value(u[$0].bias, $0) }
        t.add("efficiency_bc") { value(u[$0].biasCorrected, $0) }
        t.add("std_error") { value(u[$0].standardError, $0) }
        t.add("lower") { value(u[$0].lower, $0) }
        t.add("upper") { value(u[$0].upper, $0) }
        t.add("replicates", integers: u.map(\.replicates))
        return t.table
    }

    private static func mean(_ x: [Double]) -> Double? { x.isEmpty ? nil : x.reduce(0, +) / Double(x.count) }

    private static func format(_ x: Double) -> String { String(format: "%.6g", x) }
}
