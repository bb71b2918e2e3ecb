import Foundation
import TolokCore
import TolokFrontierModel
import TolokNumerics

/// The result tables of `tolok run ols`: `units` (fitted values, residuals, COLS and MOLS
/// efficiencies), `coefficients` (estimate, standard error, t, p), the summary and notes.
struct OLSReport {
    let fit: OLSFit
    let terms: [String]
    let ids: [String]
    let design: RegressorDesign
    let degree: Int?
    let intercept: Bool
    let robust: Bool
    let corrected: CorrectedOLS
    let frontier: FrontierType

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        let n = fit.observations
        var units = TableBuilder(ids: ids, statuses: [UnitStatus](repeating: .ok, count: ids.count))
        units.add("fitted") { .optional(fit.fittedValues[$0]) }
        units.add("residual") { .optional(fit.residuals[$0]) }
        units.add("cols_efficiency") { .optional(corrected.colsEfficiency[$0]) }
        units.add("mols_efficiency") { .optional(corrected.molsEfficiency?[$0]) }

        // Classical inference from the fit, or HC1: t = b/se and p from t(n − k).
        let df = Double(fit.residualDegreesOfFreedom)
        let se = robust ? fit.robustStandardErrors : fit.standardErrors
        let t = robust ? terms.indices.map { fit.coefficients[$0] / se[$0] } : fit.tValues
        let p = robust ? t.map { StudentT.twoSidedPValue($0, degreesOfFreedom: df) } : fit.pValues
        var coefficients = TableBuilder(name: "coefficients", rows: terms.count)
        coefficients.add("term", .text) { .text(terms[$0]) }
        coefficients.add("estimate") { .optional(fit.coefficients[$0]) }
        coefficients.add("std_error") { .optional(se[$0]) }
        coefficients.add("t") { .optional(t[$0]) }
        coefficients.add("p") { .optional(p[$0]) }

        let rankDeficient: Bool
        if case .rankDeficient = fit.status { rankDeficient = true } else { rankDeficient = false }
        var summary: [(name: String, value: Value)] = [
            ("status", .text(rankDeficient ? "rank_deficient" : "full_rank")),
            ("n", .integer(n)), ("k", .integer(terms.count)), ("rank", .integer(fit.rank)),
            ("residual_df", .integer(fit.residualDegreesOfFreedom)),
            ("r_squared", .optional(fit.rSquared)), ("adjusted_r_squared", .optional(fit.adjustedRSquared)),
            ("f_statistic", .optional(fit.fStatistic)), ("f_p_value", .optional(fit.fPValue)),
            ("sigma", .optional(fit.residualStandardError)), ("sse", .optional(fit.sumOfSquaredResiduals)),
            ("log_likelihood", .optional(fit.logLikelihood)),
            ("residual_skewness", .optional(corrected.skewness)), ("residual_m3", .optional(corrected.thirdMoment)),
            ("wrong_skew", .bool(corrected.wrongSkew)),
            ("cols_shift", .optional(corrected.colsShift)),
            ("mean_cols_efficiency", .optional(mean(corrected.colsEfficiency))),
            ("sigma_u_mols", .optional(corrected.sigmaU)), ("sigma_v_mols", .optional(corrected.sigmaV)),
            ("expected_u_mols", .optional(corrected.expectedU)),
            ("mean_mols_efficiency", .optional(corrected.molsEfficiency.map(mean))),
        ]
        summary.append(("mols_units_above_one", corrected.molsEfficiency != nil ? .integer(corrected.molsAboveOne) : .missing))
        summary.append(("refinement_converged", .bool(fit.refinementConverged)))

        var notes: [String] = []
        notes.append("OLS by Householder QR with iterative refinement in double-double (Björck 1967); "
                     + "on the NIST StRD regressions it reproduces the certified values to 13-15 digits (docs/ACCURACY.md)."
                     + (degree.map { " Polynomial of degree \($0): the powers are formed in double-double." } ?? ""))
        if design.logged { notes.append("--log: y and every x were replaced by their natural logarithms; fitted and residual are on the log scale.") }
        notes.append(robust
                     ? "std_error, t and p are HC1 heteroscedasticity-robust (White 1980 with the n/(n - k) factor of MacKinnon & White 1985); p from t(\(fit.residualDegreesOfFreedom))."
                     : "std_error = sigma * sqrt(diag((X'X)^-1)), sigma^2 = SSE/(n - k); p from t(\(fit.residualDegreesOfFreedom)), two-sided.")
        notes.append(intercept ? "R² is centred (1 - SSE/SST about the mean)." : "No intercept: R² is uncentred (1 - SSE/sum(y^2)), as in R's lm and NIST NoInt1/2.")
        if rankDeficient {
            notes.append("The regressors are collinear (numerical rank \(fit.rank) of \(terms.count)): the minimum-norm solution is shown and the coefficients are not identified, so their standard errors, t and p are empty.")
        }
        if !fit.refinementConverged { notes.append("Iterative refinement did not reach working precision: the design is ill-conditioned (reciprocal condition \(fit.reciprocalCondition)).") }
        let direction = frontier == .production ? "production (frontier above the data)" : "cost (frontier below the data)"
        notes.append("COLS/MOLS for a \(direction) frontier, efficiency = exp(-u): COLS u = max(S·e) - S·e (Winsten 1957; Greene 1980); "
                     + "MOLS u = E[u] - S·e with E[u] = sigma_u·sqrt(2/π), sigma_u = [-S·m3/(sqrt(2/π)(4/π - 1))]^(1/3) from the third central moment m3 of the residuals "
                     + "(half-normal u; Olson, Schmidt & Waldman 1980); S = \(frontier == .production ? "+1" : "-1"). "
                     + "These efficiencies presume y is a logarithm (use --log or logged data).")
        if corrected.wrongSkew {
            notes.append("Wrong skew: the residuals have m3 = \(corrected.thirdMoment.isFinite ? "\(corrected.thirdMoment)" : "(not a finite number)") (\(frontier == .production ? "≥ 0 for a production" : "≤ 0 for a cost") frontier; Waldman 1982). "
                         + "The moment estimate of sigma_u does not exist, so MOLS efficiencies are missing; a stochastic frontier would put sigma_u = 0 here.")
        } else {
            if corrected.sigmaV == nil {
                notes.append("MOLS: m2 - (1 - 2/π)·sigma_u² < 0 (Waldman's type II failure), so sigma_v_mols is missing; the MOLS shift E[u] is still used.")
            }
            if corrected.molsAboveOne > 0 {
                notes.append("\(corrected.molsAboveOne) unit(s) have MOLS efficiency above 1 (S·e > E[u]): MOLS does not bound the data.")
            }
        }
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [units.table, coefficients.table],
                              summary: summary, notes: notes)
    }

    private func mean(_ v: [Double]) -> Double { v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count) }
}
