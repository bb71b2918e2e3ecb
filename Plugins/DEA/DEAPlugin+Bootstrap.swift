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
        let test = try request.option(o.rtsTest)
        guard try request.option(o.bootstrap) != nil || test else {
            for (given, name) in [(request.isGiven(o.seed), o.seed.spec.name), (request.isGiven(o.alpha), o.alpha.spec.name)] where given {
                throw UsageError("--\(name) belongs to --bootstrap B or --rts-test; give one of them or drop --\(name)")
            }
            return
        }
        let what = try request.option(o.bootstrap) != nil ? "--bootstrap" : "--rts-test"
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
        if let (_, refusal) = refusals.first(where: { $0.0 }) {
            throw UsageError("\(what) works with the radial model (crs, vrs, nirs, ndrs; input or output orientation) of one cross-section; not with \(refusal)")
        }
    }

    /// The bootstrap of a radial run's scores, appended to its result.
    static func addBootstrap(to result: inout AnalysisResult, request: AnalysisRequest, model: DEAModel, data: DEAData,
                             scores: [DEAUnitScore], ids: [String]) throws {
        let o = options
        if try request.option(o.rtsTest) { try addReturnsToScaleTest(to: &result, request: request, model: model, data: data, scores: scores, ids: ids) }
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

    /// `--rts-test`: Simar & Wilson (2002), CRS against VRS, with B = --bootstrap (default 2,000).
    static func addReturnsToScaleTest(to result: inout AnalysisResult, request: AnalysisRequest, model: DEAModel, data: DEAData,
                                      scores: [DEAUnitScore], ids: [String]) throws {
        let o = options
        let replicates = try request.option(o.bootstrap) ?? 2000
        let threads = try threadCount(request)
        func scored(_ rts: ReturnsToScale) -> [DEAUnitScore] {
            model.rts == rts ? scores : DEAModel(orientation: model.orientation, rts: rts, threads: threads, slacks: false).score(data)
        }
        let test = ReturnsToScaleTest(orientation: model.orientation, replicates: replicates, seed: UInt64(try request.option(o.seed)),
                                      alpha: try request.option(o.alpha), threads: threads)
        var progress: (@Sendable (Int, Int) -> Void)?
        if let reporter = request.progress {
            progress = { done, total in reporter.update("returns-to-scale test replicates", completed: done, total: total) }
        }
        let run: ReturnsToScaleTest.Result
        do {
            run = try test.run(data, crs: scored(.crs), vrs: scored(.vrs), progress: progress)
        } catch DEABootstrap.Failure.unitNotScored(let unit, let status) {
            throw UsageError("--rts-test needs an optimal CRS and VRS score for every unit; unit \(ids[unit]) has status \(status.rawValue): leave it out of --data")
        } catch DEABootstrap.Failure.noDistance(let unit) {
            throw UsageError("--rts-test: unit \(ids[unit]) has efficiency 0 (e.g. all its outputs are zero): leave it out of --data")
        } catch DEABootstrap.Failure.noInefficientUnit {
            throw UsageError("--rts-test: every unit is CRS-efficient, so there is nothing to test (the statistic is 1)")
        } catch DEABootstrap.Failure.tooFewSolvedReplicates(let k) {
            throw InternalError("--rts-test: only \(k) of \(replicates) replicates had every program solved")
        }
        var t = TableBuilder(name: "rts_test", rows: 1)
        t.add("null", .text) { _ in .text("crs") }
        t.add("alternative", .text) { _ in .text("vrs") }
        t.add("statistic") { _ in .number(run.statistic) }
        t.add("p_value") { _ in .number(run.pValue) }
        t.add("critical_value") { _ in .number(run.criticalValue) }
        t.add("alpha") { _ in .number(test.alpha) }
        t.add("replicates", integers: [run.replicates])
        t.add("decision", .text) { _ in .text(run.rejectsConstantReturns ? "reject_crs" : "do_not_reject_crs") }
        result.tables.append(t.table)
        let p = run.replicates == replicates ? "" : " (\(replicates - run.replicates) replicate(s) with an unsolved program left out)"
        result.notes.append("Returns-to-scale test (Simar & Wilson 2002): H0 constant against variable returns to scale; statistic W = Σ efficiency_CRS / Σ efficiency_VRS = \(format(run.statistic)); "
            + "its distribution under H0 from B = \(replicates) smoothed-bootstrap replicates of the CRS scores (bandwidth h = \(format(run.bandwidth.h)), seed \(test.seed))\(p); "
            + "p-value = share of replicates with W* ≤ W = \(format(run.pValue)); \(run.rejectsConstantReturns ? "CRS rejected" : "CRS not rejected") at α = \(format(test.alpha)).")
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
