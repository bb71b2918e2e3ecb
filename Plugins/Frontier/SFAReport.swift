import Foundation
import TolokCore
import TolokFrontierModel
import TolokNumerics

/// The result tables of `tolok run sfa`: `units` (per row: JLMS E[u|ε], Battese–Coelli
/// E[exp(−u)|ε] and, for cost frontiers, E[exp(u)|ε]), `coefficients` (β and the variance
/// parameters with standard errors, t and asymptotic p), `firms` for BC92 panels, the summary
/// (σ², γ, σ_u, σ_v, λ, μ, η, log-likelihoods, OLS skewness, the one-sided LR test, iterations,
/// status), `covariance`, `elasticities` (`--translog`), `marginal_effects` (covariates of u)
/// and notes. A fit that is not a verified interior maximum is never shown without its status:
/// the summary's `status`, a note, and `not_converged` on every unit.
struct SFAReport {
    let setup: SFASetup
    let fit: StochasticFrontierFit
    /// The level of the Horrace–Schmidt intervals (`--level`).
    let level: Double

    /// The engine's status in the output's snake_case.
    static func statusText(_ s: FrontierFitStatus) -> String {
        switch s {
        case .converged: return "converged"
        case .iterationLimit: return "iteration_limit"
        case .lineSearchFailed: return "line_search_failed"
        case .nonFinite: return "non_finite"
        case .noInteriorMaximum: return "no_interior_maximum"
        }
    }

    /// Output name of an engine parameter: heterogeneity blocks get their covariate names
    /// (`ln_sigma_u_sq:z1` → `ln_sigma_u_sq:size`), BC95's mean block is δ (`delta:const`, `delta:z`).
    func termName(_ name: String) -> String {
        let parts = name.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return name }
        var block = parts[0]
        let covariates: [String]?
        switch block {
        case "mu":
            covariates = setup.meanCovariates?.names
            if setup.panelModel == .bc95 { block = "delta" }
        case "ln_sigma_u_sq": covariates = setup.uHet?.names
        case "ln_sigma_v_sq": covariates = setup.vHet?.names
        default: covariates = nil
        }
        if parts[1] == "const" { return block + ":const" }
        if parts[1].hasPrefix("z"), let k = Int(parts[1].dropFirst()), let covariates, covariates.indices.contains(k - 1) {
            return block + ":" + covariates[k - 1]
        }
        return block + ":" + parts[1]
    }

    /// The covariance of the estimates in the coefficients table's terms and order, long format
    /// (every ordered pair; symmetric): FRONTIER 4.1's (β, σ², γ, μ, η) matrix when σ_u and σ_v
    /// are constant, else that of the internal parameters (β, μ block, ln σ_u², ln σ_v² blocks),
    /// which are then the table's terms. Empty cells when the Hessian is not negative definite.
    func covarianceTable(names: [String]) -> ResultTable {
        // By name, so a term the matrix does not cover gets empty cells, never another's value.
        let (matrix, order) = fit.frontierCovariance.map { ($0, fit.frontierCovarianceNames) } ?? (fit.covariance, fit.parameterNames)
        let index = names.map { order.firstIndex(of: $0) }
        let terms = names.map(termName)
        let k = names.count
        func cov(_ i: Int, _ j: Int) -> Double? {
            guard let matrix, let a = index[i], let b = index[j], a < matrix.rows, b < matrix.columns else { return nil }
            // The delta-method transform leaves last-ulp asymmetry: the table is exactly symmetric.
            return a == b ? matrix[a, a] : 0.5 * (matrix[a, b] + matrix[b, a])
        }
        var table = TableBuilder(name: "covariance", rows: k * k)
        table.add("term", .text) { .text(terms[$0 / k]) }
        table.add("term2", .text) { .text(terms[$0 % k]) }
        table.add("covariance") { .optional(cov($0 / k, $0 % k)) }
        table.add("correlation") { r in
            let i = r / k, j = r % k
            guard let c = cov(i, j), let a = cov(i, i), let b = cov(j, j), a > 0, b > 0 else { return .missing }
            return .optional(c / (a * b).squareRoot())
        }
        return table.table
    }

    /// `95%`, `99.5%`.
    static func percent(_ level: Double) -> String {
        let p = level * 100
        return (p == p.rounded() ? String(Int(p)) : String(format: "%g", p)) + "%"
    }

    /// u_mode, u_lower, u_upper and their efficiencies exp(−·) (missing where not finite).
    static func addIntervals(_ iv: EfficiencyIntervals, to table: inout TableBuilder) {
        let eMode = iv.efficiencyMode, eLower = iv.efficiencyLower, eUpper = iv.efficiencyUpper
        table.add("u_mode") { .optional(iv.uMode[$0]) }
        table.add("u_lower") { .optional(iv.uLower[$0]) }
        table.add("u_upper") { .optional(iv.uUpper[$0]) }
        table.add("efficiency_mode") { .optional(eMode[$0]) }
        table.add("efficiency_lower") { .optional(eLower[$0]) }
        table.add("efficiency_upper") { .optional(eUpper[$0]) }
    }

    func result(descriptor: PluginDescriptor) throws -> AnalysisResult {
        let converged = fit.isConverged
        let unitStatus = converged ? UnitStatus.ok : UnitStatus.notConverged
        let eff = fit.efficiencies
        let cost = setup.isCost
        let statuses = eff.batteseCoelli.indices.map { unitStatus == .ok && !Self.inRange(eff, $0, cost: cost) ? UnitStatus.numericalFailure : unitStatus }

        // Units.
        var units = TableBuilder(name: "units", rows: setup.ids.count)
        units.add("id", .text) { .text(setup.ids[$0]) }
        if let panel = setup.panel { units.add("period", .text) { .text(panel.periodLabels[$0]) } }
        units.add("status", .text) { statuses[$0].value }
        units.add("u_jlms") { .optional(eff.jlms[$0]) }
        units.add("efficiency") { i in let te = eff.batteseCoelli[i]; return te > 0 && te <= 1 ? .number(te) : .missing }
        if cost { units.add("efficiency_inverse") { i in let x = eff.batteseCoelliInverse[i]; return x >= 1 && x.isFinite ? .number(x) : .missing } }
        Self.addIntervals(eff.intervals(level: level), to: &units)

        // Coefficients: β, then σ², γ, the μ/δ block and η (constant σ_u, σ_v), or the
        // μ/δ, ln σ_u², ln σ_v² blocks (heteroscedastic); p two-sided from the normal.
        var estimates = fit.beta
        if let s2 = fit.sigmaSquared, let g = fit.gamma {
            estimates += [s2, g] + fit.meanCoefficients
        } else {
            estimates += fit.meanCoefficients + fit.inefficiencyScaleCoefficients + fit.noiseScaleCoefficients
        }
        if let eta = fit.eta { estimates.append(eta) }
        var coefficients = TableBuilder(name: "coefficients", rows: estimates.count)
        coefficients.add("term", .text) { .text(termName(estimates[$0].name)) }
        coefficients.add("estimate") { .optional(estimates[$0].value) }
        coefficients.add("std_error") { .optional(estimates[$0].standardError) }
        coefficients.add("t") { .optional(estimates[$0].tRatio) }
        coefficients.add("p") { .optional(2 * NormalDistribution.cdf(-abs(estimates[$0].tRatio))) }

        // Summary.
        let lr = fit.likelihoodRatioTest
        var summary: [(name: String, value: Value)] = [
            ("status", .text(Self.statusText(fit.status))),
            ("model", .text(modelText)),
            ("n", .integer(fit.observations)),
        ]
        summary += [("firms", setup.panel.map { .integer($0.firms) } ?? .missing), ("periods", setup.panel.map { .integer($0.periods) } ?? .missing)]
        summary.append(("k", .integer(fit.beta.count)))
        for (name, e) in [("sigma_sq", fit.sigmaSquared), ("gamma", fit.gamma), ("sigma_u", fit.sigmaU),
                          ("sigma_v", fit.sigmaV), ("lambda", fit.lambda), ("mu", fit.mu), ("eta", fit.eta)] {
            summary.append((name, .optional(e?.value)))
        }
        summary += [
            ("log_likelihood", .optional(fit.logLikelihood)),
            ("ols_log_likelihood", .optional(fit.ols.logLikelihood)),
            ("ols_skewness", .optional(fit.ols.skewness)),
            ("ols_m3", .optional(fit.ols.thirdMoment)),
            ("wrong_skew", .bool(fit.ols.wrongSkew)),
            ("lr_statistic", .optional(lr.statistic)),
            ("lr_restrictions", .integer(lr.restrictions)),
            ("lr_critical_value_5pct", .optional(lr.criticalValue5Percent)),
            ("lr_p_value_bound", .optional(lr.pValueUpperBound)),
            ("lr_decision", .text(lr.rejectsAt5Percent ? "reject" : "do not reject")),
            ("mean_u_jlms", .optional(eff.meanJLMS)),
            ("mean_efficiency", .optional(eff.meanBatteseCoelli)),
        ]
        summary.append(("mean_efficiency_inverse", cost ? .optional(eff.meanBatteseCoelliInverse) : .missing))
        summary += [
            ("iterations", .integer(fit.iterations)),
            ("newton_steps", .integer(fit.newtonSteps)),
            ("function_evaluations", .integer(fit.functionEvaluations)),
            ("max_abs_gradient", .optional(fit.maxAbsGradient)),
        ]

        // Firms (BC92).
        var tables = [units.table, coefficients.table]
        if let panel = setup.panel, let groups = fit.groupEfficiencies {
            var firms = TableBuilder(name: "firms", ids: panel.firmIds,
                                     statuses: [UnitStatus](repeating: unitStatus, count: panel.firms))
            firms.add("u_jlms") { .optional(groups.jlms[$0]) }
            firms.add("efficiency") { .optional(groups.batteseCoelli[$0]) }
            if cost { firms.add("efficiency_inverse") { .optional(groups.batteseCoelliInverse[$0]) } }
            Self.addIntervals(groups.intervals(level: level), to: &firms)
            tables.append(firms.table)
        }
        tables.append(covarianceTable(names: estimates.map(\.name)))
        let elasticities = try translogElasticities()
        if let elasticities { tables.append(elasticityTable(elasticities)) }
        let marginal = try marginalEffects()
        if let marginal { tables.append(marginalEffectTable(marginal)) }
        let efficiency = ReportChart.numbers(tables.first, "efficiency")
        let report = ReportContent(
            title: LocalizedText(en: "Stochastic frontier efficiency", id: "Efisiensi frontier stokastik"),
            sections: [ReportSection(id: "distribution", title: LocalizedText(en: "Efficiency", id: "Efisiensi"),
                                     paragraphs: [LocalizedText(en: "Technical efficiency exp(−u) by Battese and Coelli (1988): 1 is the frontier.",
                                                                id: "Efisiensi teknis exp(−u) menurut Battese dan Coelli (1988): 1 adalah frontier.")],
                                     charts: [.efficiencyHistogram(efficiency)])])
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: tables, summary: summary,
                              notes: notes(lr: lr) + (elasticities.map(elasticityNotes) ?? []) + (marginal.map(marginalEffectNotes) ?? []),
                              report: report)
    }

    /// Whether unit `i`'s predictions are representable: E[exp(−u)|ε] in (0, 1] and, for a cost
    /// frontier, E[exp(u)|ε] in [1, ∞). A unit outside is `numerical_failure` (its value missing).
    static func inRange(_ eff: FrontierEfficiencies, _ i: Int, cost: Bool) -> Bool {
        let te = eff.batteseCoelli[i]
        guard te > 0 && te <= 1 else { return false }
        guard cost else { return true }
        let inverse = eff.batteseCoelliInverse[i]
        return inverse >= 1 && inverse.isFinite
    }

    /// The largest |y| above which y cannot be a logarithm of any quantity a user measures
    /// (ln 10³⁰⁰ ≈ 691): exp(−u) efficiencies of such data are meaningless.
    static let unloggedMagnitude = 1000.0

    var modelText: String {
        var parts = ["\(setup.frontier.rawValue) frontier", setup.distribution.rawValue, setup.design.translog ? "translog" : "linear in the regressors"]
        switch setup.panelModel {
        case .bc92(let varying)?: parts.append(varying ? "Battese-Coelli 1992 time decay" : "Battese-Coelli 1992 time-invariant")
        case .bc95?: parts.append("Battese-Coelli 1995 inefficiency effects")
        case nil: break
        }
        if setup.uHet != nil { parts.append("heteroscedastic u") }
        if setup.vHet != nil { parts.append("heteroscedastic v") }
        if setup.meanCovariates != nil && setup.panelModel != .bc95 { parts.append("heterogeneous mu") }
        return parts.joined(separator: ", ")
    }

    func notes(lr: OneSidedLikelihoodRatioTest) -> [String] {
        var notes: [String] = []
        if !fit.isConverged {
            notes.append("NOT CONVERGED (status \(Self.statusText(fit.status))): the numbers are those at the point where the search stopped, "
                         + "not maximum-likelihood estimates; every unit is marked not_converged.")
        }
        notes += fit.notes
        let sign = setup.isCost ? "+" : "-"
        notes.append("Model: y = xb + v \(sign) u (\(modelText)); v ~ N(0, sigma_v^2), u >= 0. Maximum likelihood: BFGS with analytic gradient, then Newton steps that verify the maximum.")
        if setup.design.logged { notes.append("--log: y and every x were replaced by their natural logarithms.") }
        let largestY = setup.design.y.map(abs).max() ?? 0
        if !setup.design.logged && largestY > Self.unloggedMagnitude {
            notes.append("The data look unlogged: |y| reaches \(String(format: "%.3g", largestY)), which is no logarithm. "
                         + "u is then in the units of y and the exp(-u) efficiencies are near 0 and meaningless; for a Cobb-Douglas frontier pass --log (or logged columns).")
        }
        let failed = fit.efficiencies.batteseCoelli.indices.filter { !Self.inRange(fit.efficiencies, $0, cost: setup.isCost) }.count
        if failed > 0 {
            notes.append("\(failed) unit(s) have an efficiency\(setup.isCost ? " or efficiency_inverse" : "") that is not representable as a double "
                         + "(E[exp(-u)|e] must lie in (0, 1], E[exp(u)|e] in [1, inf)): shown as missing\(fit.isConverged ? ", status numerical_failure" : "").")
        }
        if setup.design.translog {
            notes.append("Translog: squares are HALVED (terms 0.5*x_j^2) and cross products x_j*x_k are not. FRONTIER 4.1's translog example (eg1tl) uses unhalved squares, whose coefficients are half of those shown here; everything else is identical.")
        }
        notes.append(fit.sigmaSquared != nil
                     ? "sigma_sq = sigma_u^2 + sigma_v^2 and gamma = sigma_u^2/sigma_sq (Battese & Corra 1977; FRONTIER 4.1), lambda = sigma_u/sigma_v; their standard errors by the delta method."
                     : "Heteroscedastic model: ln_sigma_u_sq / ln_sigma_v_sq rows are the coefficients of ln sigma_u^2 and ln sigma_v^2 (sfaR's Zu_/Zv_); mu rows those of the pre-truncation mean.")
        if setup.distribution == .exponential { notes.append("Exponential u: sigma_u is the mean (= standard deviation) of u and sigma_u^2 its variance.") }
        if setup.panelModel == .bc95 { notes.append("BC95: u_it ~ N+(delta:const + z_it delta, sigma_u^2) (Battese & Coelli 1995).") }
        if case .bc92? = setup.panelModel {
            notes.append("BC92: u_it = exp(-eta (t - T)) u_i, T the last period (Battese & Coelli 1992); the firms table predicts u_i, the inefficiency in period T.")
        }
        notes.append("std_error from the inverse of the numerically differenced Hessian (observed information); p two-sided from the normal distribution. "
                     + "gamma lies on the boundary under H0, so its t ratio does not test for inefficiency: use the LR test.")
        notes.append(String(format: "LR test of no inefficiency: LR = 2(ll - ll_OLS) = %.6g against the Kodde & Palm (1986) 5%% critical value %.4f for %d restriction(s): %@.",
                            lr.statistic, lr.criticalValue5Percent, lr.restrictions,
                            lr.rejectsAt5Percent ? "reject H0 (inefficiency is present)" : "do not reject H0 (no inefficiency)"))
        if fit.ols.wrongSkew {
            notes.append("wrong_skew: the OLS residuals are skewed the wrong way for a \(setup.frontier.rawValue) frontier (m3 = \(fit.ols.thirdMoment.isFinite ? "\(fit.ols.thirdMoment)" : "(not a finite number)")); see Waldman (1982).")
        }
        notes.append("Units: u_jlms = E[u|e] (Jondrow et al. 1982); efficiency = E[exp(-u)|e] (Battese & Coelli 1988)"
                     + (setup.isCost ? "; efficiency_inverse = E[exp(u)|e] >= 1, the cost efficiency FRONTIER 4.1 prints." : ".")
                     + (setup.panelModel != nil ? " Panel rows are in input order." : ""))
        notes.append("u_mode = M[u|e] = max(mu*, 0) (Jondrow et al. 1982), efficiency_mode = exp(-u_mode); u_lower, u_upper: the "
                     + "\(Self.percent(level)) interval of u given e, efficiency_lower = exp(-u_upper), efficiency_upper = exp(-u_lower) "
                     + "(Horrace & Schmidt 1996; --level). They describe u given e at the estimates and ignore the estimation error of the parameters.")
        notes.append("Log-likelihoods use the exact pi; FRONTIER 4.1 and R frontier print ll + n * 2.403e-8 (their pi = 3.1415926 in single precision).")
        return notes
    }
}
