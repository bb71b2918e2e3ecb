import Foundation
import TolokCore
import TolokFrontierModel
import TolokNumerics

extension SFAReport {
    /// The marginal effects of the inefficiency determinants (`InefficiencyMarginalEffects`):
    /// the covariates of μ (`--mu-het`, or bc95's `--z`) and of ln σ_u² (`--u-het`), matched by
    /// column name. Nil without such covariates.
    func marginalEffects() throws -> InefficiencyMarginalEffects? {
        guard setup.uHet != nil || setup.meanCovariates != nil else { return nil }
        do {
            return try fit.inefficiencyMarginalEffects(meanCovariates: setup.meanCovariates, scaleCovariates: setup.uHet)
        } catch {
            throw InternalError("sfa marginal effects: \(error)")
        }
    }

    /// The `marginal_effects` table, long format: first one row per variable at the sample mean
    /// (the mean over units of the per-unit effects; `at` = sample_mean, empty id), then the same
    /// rows for every unit in input order. `status` is the fit's (not_converged on every row of
    /// a fit that is not a verified maximum), numerical_failure where an effect is not finite.
    func marginalEffectTable(_ e: InefficiencyMarginalEffects) -> ResultTable {
        let width = e.variables.count
        let n = setup.ids.count
        let fitStatus = fit.isConverged ? UnitStatus.ok : UnitStatus.notConverged
        func values(_ r: Int) -> (Double, Double?, Double, Double?) {
            let unit = r / width - 1, k = r % width
            if unit < 0 {
                return (e.sampleMean[k], e.sampleMeanStandardError?[k], e.sampleVariance[k], e.sampleVarianceStandardError?[k])
            }
            return (e.mean[k][unit], e.meanStandardError?[k][unit], e.variance[k][unit], e.varianceStandardError?[k][unit])
        }
        func status(_ r: Int) -> UnitStatus {
            let v = values(r)
            return fitStatus == .ok && !(v.0.isFinite && v.2.isFinite) ? .numericalFailure : fitStatus
        }
        var table = TableBuilder(name: "marginal_effects", rows: (n + 1) * width)
        table.add("at", .text) { $0 < width ? .text("sample_mean") : .text("unit") }
        table.add("id", .text) { $0 < width ? .missing : .text(setup.ids[$0 / width - 1]) }
        if let panel = setup.panel { table.add("period", .text) { $0 < width ? .missing : .text(panel.periodLabels[$0 / width - 1]) } }
        table.add("variable", .text) { .text(e.variables[$0 % width]) }
        table.add("status", .text) { status($0).value }
        table.add("d_mean_u") { .optional(values($0).0) }
        table.add("d_mean_u_se") { .optional(values($0).1) }
        table.add("d_var_u") { .optional(values($0).2) }
        table.add("d_var_u_se") { .optional(values($0).3) }
        return table.table
    }

    /// What the marginal effects are and how their standard errors were obtained.
    func marginalEffectNotes(_ e: InefficiencyMarginalEffects) -> [String] {
        let formula: String
        switch setup.distribution {
        case .exponential:
            formula = "exponential u with mean sigma_u, ln sigma_u^2 = z'g: dE(u)/dz_k = g_k sigma_u/2, dV(u)/dz_k = g_k sigma_u^2"
        case .halfNormal:
            formula = "half-normal u, ln sigma_u^2 = z'g: dE(u)/dz_k = g_k sigma_u phi(0), dV(u)/dz_k = g_k sigma_u^2 (1 - 2/pi)"
        case .truncatedNormal:
            formula = "u ~ N+(mu, sigma_u^2), mu = z'd, ln sigma_u^2 = z'g, L = mu/sigma_u, m = phi(L)/Phi(L), h = 1 - L m - m^2, "
                + "h' = -m - L m' - 2 m m', m' = -m (L + m): dE(u)/dz_k = d_k h + g_k (sigma_u/2)((1 + L^2) m + L m^2), "
                + "dV(u)/dz_k = d_k sigma_u h' + g_k (sigma_u^2/2)(2h - L h')"
        }
        var notes = ["marginal_effects: d_mean_u = dE(u)/dz_k and d_var_u = dV(u)/dz_k of each inefficiency determinant "
                     + "(Wang 2002; \(formula)); a variable in both the mu and the ln sigma_u^2 equations gets both terms, the constants are not variables. "
                     + "The sample_mean rows are the MEAN OVER UNITS of the per-unit effects (not the effect at the mean of z). "
                     + "Standard errors by the delta method, g'Vg with V the covariance of the mu and ln sigma_u^2 coefficients and g the analytic gradient."]
        if let meanSE = e.meanStandardError, let varianceSE = e.varianceStandardError {
            let empty = (meanSE + varianceSE).reduce(0) { $0 + $1.filter { !$0.isFinite }.count }
                + ((e.sampleMeanStandardError ?? []) + (e.sampleVarianceStandardError ?? [])).filter { !$0.isFinite }.count
            if empty > 0 { notes.append("marginal_effects: \(empty) standard error(s) empty (g'Vg not a finite non-negative number).") }
        } else {
            notes.append("marginal_effects: no standard errors (the Hessian is not negative definite, so the estimates have no covariance).")
        }
        if !fit.isConverged {
            notes.append("marginal_effects: NOT CONVERGED: the effects are evaluated at the point where the search stopped (status not_converged).")
        }
        return notes
    }
}
