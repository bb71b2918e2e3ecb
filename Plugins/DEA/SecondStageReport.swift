import Foundation
import TolokCore
import TolokDEAModel

/// The result of `tolok run dea-second-stage`: tables `coefficients` and `units`, the summary and
/// the notes (formulation, scale, interval construction, the Tobit/OLS warning).
struct SecondStageReport {
    let stage: SecondStage
    let result: SecondStage.Result
    let ids: [String]
    let environment: [String]

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        let terms = ["const"] + environment + ["sigma"]
        let p = result.parameters
        let two = result.algorithm == .two
        func value(_ x: Double?) -> Value { x.map { $0.isFinite ? .number($0) : .missing } ?? .missing }
        var coefficients = TableBuilder(name: "coefficients", rows: terms.count)
        coefficients.add("term", .text) { .text(terms[$0]) }
        coefficients.add("estimate") { value(p[$0].estimate) }
        coefficients.add("std_error") { value(p[$0].standardError) }
        coefficients.add("lower") { value(p[$0].lower) }
        coefficients.add("upper") { value(p[$0].upper) }
        coefficients.add("bootstrap_mean") { value(p[$0].bootstrapMean) }
        coefficients.add("std_error_ml") { value(p[$0].mlStandardError) }
        if two {
            let first = result.firstFit.coefficients + [result.firstFit.sigma]
            coefficients.add("estimate_first") { value(first[$0]) }
        }

        let u = result.units
        var units = TableBuilder(ids: ids, statuses: u.map(\.status))
        units.add("efficiency") { .number(1 / u[$0].distance) }
        units.add("distance") { .number(u[$0].distance) }
        units.add("in_fit", bools: u.map(\.inFirstFit))
        if two {
            units.add("distance_bc") { value(u[$0].biasCorrected) }
            units.add("efficiency_bc") { value(u[$0].biasCorrected.map { 1 / $0 }) }
            units.add("in_fit_bc", bools: u.map { $0.inSecondFit ?? false })
            units.add("replicates", integers: u.map { $0.replicates ?? 0 })
        }

        let reported = result.secondFit ?? result.firstFit
        var summary: [(name: String, value: Value)] = [
            ("units", .integer(u.count)),
            ("algorithm", .integer(result.algorithm.rawValue)),
            ("truncated_units", .integer(result.firstFit.observations)),
            ("log_likelihood", .number(reported.logLikelihood)),
            ("replicates", .integer(stage.replicates)),
            ("replicates_used", .integer(result.replicatesUsed)),
            ("mean_efficiency", .number(u.map { 1 / $0.distance }.reduce(0, +) / Double(u.count))),
        ]
        if two, let second = result.secondFit {
            let bc = u.compactMap(\.biasCorrected).filter(\.isFinite)
            summary += [
                ("truncated_units_bc", .integer(second.observations)),
                ("log_likelihood_first", .number(result.firstFit.logLikelihood)),
                ("first_replicates", .integer(stage.firstReplicates)),
                ("failed_solves", .integer(result.failedSolves)),
                ("mean_efficiency_bc", bc.isEmpty ? .missing : .number(bc.map { 1 / $0 }.reduce(0, +) / Double(bc.count))),
            ]
        }
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [coefficients.table, units.table],
                              summary: summary, notes: notes(terms: terms))
    }

    func notes(terms: [String]) -> [String] {
        let scale = stage.orientation == .input ? "δ = 1/θ ≥ 1 (the Shephard input distance; efficiency = θ = 1/δ)"
            : "δ = φ ≥ 1 (the Farrell output measure; efficiency = 1/φ)"
        let rts = stage.rts
        let level = (1 - stage.alpha) * 100
        var notes = [
            "Model (Simar & Wilson 2007): δᵢ = zᵢβ + εᵢ ≥ 1 with εᵢ ~ N(0, σ²) left-truncated at 1 − zᵢβ, z = (1, \(environment.joined(separator: ", "))); on the scale \(scale), DEA under \(rts) returns to scale. "
                + "A positive coefficient means more inefficiency (a larger distance).",
            "Units with δ̂ ≤ 1 + 1e-5 (on the estimated frontier; such δ̂ are set to 1, as rDEA) are left out of the maximum-likelihood truncated regression: \(result.firstFit.observations) of \(ids.count) units are in the fit (column in_fit).",
        ]
        if result.algorithm == .one {
            notes.append("Algorithm 1 (parametric bootstrap): L = \(stage.replicates) replicates, each drawing εᵢ for the \(result.firstFit.observations) units of the fit from N(0, σ̂²) left-truncated at 1 − zᵢβ̂ and re-fitting δ** = zβ̂ + ε on z. "
                + "It takes the DEA scores as if observed, which ignores their bias; Algorithm 2 corrects it.")
        } else {
            notes.append("Algorithm 2 (double bootstrap): L1 = \(stage.firstReplicates) pseudo-samples from the first fit (δ*ᵢ = zᵢβ̂ + εᵢ for all units; "
                + (stage.orientation == .output ? "outputs y*ᵢ = yᵢ δ̂ᵢ/δ*ᵢ, inputs as observed" : "inputs x*ᵢ = xᵢ δ*ᵢ/δ̂ᵢ, outputs as observed")
                + "); every unit is scored against each pseudo-technology, distance_bc = 2δ̂ − mean δ̂*, efficiency_bc = 1/distance_bc (it may exceed 1). "
                + "estimate is the fit of distance_bc on z over the units with distance_bc > 1 + 1e-5 (column in_fit_bc; estimate_first is the fit of δ̂); "
                + "then L2 = \(stage.replicates) replicates drawing δ**ᵢ = zᵢβ̂̂ + εᵢ for all units and re-fitting.")
            if result.failedSolves > 0 {
                notes.append("\(result.failedSolves) unit-replicate DEA program(s) of the L1 loop were not solved to a verified optimum; those units' distance_bc use the replicates that were (column replicates).")
            }
        }
        notes.append("\(format(level))% intervals: [b̂ + q(α/2), b̂ + q(1 − α/2)] with q the quantiles (R's default, type 7) of b̂ − b* over the replicates b* (Simar & Wilson 2007, Algorithm 1 step 4, Algorithm 2 step 7; the basic bootstrap interval, as rDEA's dea.env.robust); "
            + "std_error = the standard deviation of the b*; std_error_ml = the conventional inverse-Hessian standard error of the fit, not valid inference for DEA scores (they are estimated and correlated; Simar & Wilson 2007), shown for comparison only.")
        if result.replicatesUsed < stage.replicates {
            notes.append("\(stage.replicates - result.replicatesUsed) of \(stage.replicates) bootstrap fits did not converge and are left out of the intervals and standard errors (replicates_used).")
        }
        notes.append("Tobit or OLS regressions of DEA scores on z are not offered: Simar & Wilson (2007) show that they are inconsistent for this data-generating process (the scores are bounded, serially correlated estimates, and the censoring a Tobit assumes is an artefact of the estimator), and their conventional standard errors are invalid.")
        notes.append("Seed \(stage.seed): each replicate draws from its own stream, so the same seed gives the same numbers whatever --threads is.")
        return notes
    }

    private func format(_ x: Double) -> String { String(format: "%.6g", x) }
}
