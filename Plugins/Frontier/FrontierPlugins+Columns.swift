import TolokCore

/// The coefficient table shared by `ols` and `sfa`.
private let coefficientColumns = [
    DeclaredColumn("term", .text, "const, a regressor, or a variance / inefficiency parameter"),
    DeclaredColumn("estimate", "the estimate"),
    DeclaredColumn("std_error", "its standard error"),
    DeclaredColumn("t", "estimate / standard error"),
    DeclaredColumn("p", "two-sided p-value"),
]

extension OLSPlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] {
        [
            DeclaredTable("units", [
                DeclaredColumn("id", .text, "the observation"),
                DeclaredColumn("status", .text, "ok"),
                DeclaredColumn("fitted", "fitted value"),
                DeclaredColumn("residual", "residual"),
                DeclaredColumn("cols_efficiency", "COLS efficiency (exp of minus the shifted residual)"),
                DeclaredColumn("mols_efficiency", "MOLS efficiency (empty when the skew is wrong)"),
            ]),
            DeclaredTable("coefficients", coefficientColumns),
        ]
    }
}

extension SFAPlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] {
        let unit = [
            DeclaredColumn("status", .text, "ok, or the fit's status (not_converged, …) on every unit"),
            DeclaredColumn("u_jlms", "E[u|e] (Jondrow et al. 1982)"),
            DeclaredColumn("efficiency", "E[exp(−u)|e] (Battese & Coelli 1988)"),
            DeclaredColumn("efficiency_inverse", when: "--frontier cost", "E[exp(u)|e], the cost-efficiency convention ≥ 1"),
            DeclaredColumn("u_mode", "M[u|e] = max(mu*, 0), the conditional mode (Jondrow et al. 1982)"),
            DeclaredColumn("u_lower", "lower bound of the --level interval of u given e (Horrace & Schmidt 1996)"),
            DeclaredColumn("u_upper", "upper bound of the --level interval of u given e"),
            DeclaredColumn("efficiency_mode", "exp(−u_mode)"),
            DeclaredColumn("efficiency_lower", "exp(−u_upper): lower bound of the efficiency interval"),
            DeclaredColumn("efficiency_upper", "exp(−u_lower): upper bound of the efficiency interval"),
        ]
        return [
            DeclaredTable("units", [
                DeclaredColumn("id", .text, "the observation (--id)"),
                DeclaredColumn("period", .text, when: "--period", "the period"),
            ] + unit),
            DeclaredTable("coefficients", coefficientColumns),
            DeclaredTable("firms", when: "--period with --model bc92", [DeclaredColumn("id", .text, "the firm")] + unit),
            DeclaredTable("elasticities", when: "--translog", [
                DeclaredColumn("at", .text, "sample_mean (at the mean of the logged inputs), or unit"),
                DeclaredColumn("id", .text, "the unit (empty at the sample mean)"),
                DeclaredColumn("period", .text, when: "--period", "the period (empty at the sample mean)"),
                DeclaredColumn("input", .text, "an input (--x), or scale (the sum of the input elasticities)"),
                DeclaredColumn("elasticity", "d ln y / d ln x of the translog frontier"),
                DeclaredColumn("std_error", "delta-method standard error from the covariance of the coefficients"),
            ]),
            DeclaredTable("marginal_effects", when: "--u-het, --mu-het or --model bc95", [
                DeclaredColumn("at", .text, "sample_mean (the mean over units of the per-unit effects), or unit"),
                DeclaredColumn("id", .text, "the unit (empty at the sample mean)"),
                DeclaredColumn("period", .text, when: "--period", "the period (empty at the sample mean)"),
                DeclaredColumn("variable", .text, "an inefficiency determinant (--mu-het, --z or --u-het column)"),
                DeclaredColumn("status", .text, "ok, not_converged (every row of a fit that did not converge), or numerical_failure"),
                DeclaredColumn("d_mean_u", "dE(u)/dz (Wang 2002)"),
                DeclaredColumn("d_mean_u_se", "its delta-method standard error"),
                DeclaredColumn("d_var_u", "dV(u)/dz"),
                DeclaredColumn("d_var_u_se", "its delta-method standard error"),
            ]),
            DeclaredTable("covariance", [
                DeclaredColumn("term", .text, "a term of the coefficients table"),
                DeclaredColumn("term2", .text, "another (or the same) term"),
                DeclaredColumn("covariance", "estimated covariance of the two estimates (empty when the Hessian is not negative definite)"),
                DeclaredColumn("correlation", "covariance / (std_error × std_error)"),
            ]),
        ]
    }
}

/// A summary key declaration from a name and a format, for the lists below.
private func keys(_ list: [(String, ColumnFormat)]) -> [DeclaredColumn] {
    list.map { DeclaredColumn($0.0, $0.1, "see docs/FRONTIER.md") }
}

extension OLSPlugin {
    /// The summary's keys: all of them in every run (null where undefined, e.g. MOLS without a wrong-skew-free fit).
    public var declaredSummary: [DeclaredColumn] {
        keys([("status", .text), ("n", .integer), ("k", .integer), ("rank", .integer), ("residual_df", .integer),
              ("r_squared", .number), ("adjusted_r_squared", .number), ("f_statistic", .number), ("f_p_value", .number),
              ("sigma", .number), ("sse", .number), ("log_likelihood", .number), ("residual_skewness", .number),
              ("residual_m3", .number), ("wrong_skew", .bool), ("cols_shift", .number), ("mean_cols_efficiency", .number),
              ("sigma_u_mols", .number), ("sigma_v_mols", .number), ("expected_u_mols", .number),
              ("mean_mols_efficiency", .number), ("mols_units_above_one", .integer), ("refinement_converged", .bool)])
    }
}

extension SFAPlugin {
    /// The summary's keys: all of them in every run (null where undefined: firms/periods on a
    /// cross-section, mu without a truncated normal, eta without bc92, …).
    public var declaredSummary: [DeclaredColumn] {
        keys([("status", .text), ("model", .text), ("n", .integer), ("firms", .integer), ("periods", .integer), ("k", .integer),
              ("sigma_sq", .number), ("gamma", .number), ("sigma_u", .number), ("sigma_v", .number), ("lambda", .number),
              ("mu", .number), ("eta", .number), ("log_likelihood", .number), ("ols_log_likelihood", .number),
              ("ols_skewness", .number), ("ols_m3", .number), ("wrong_skew", .bool), ("lr_statistic", .number),
              ("lr_restrictions", .integer), ("lr_critical_value_5pct", .number), ("lr_p_value_bound", .number),
              ("lr_decision", .text), ("mean_u_jlms", .number), ("mean_efficiency", .number),
              ("mean_efficiency_inverse", .number), ("iterations", .integer), ("newton_steps", .integer),
              ("function_evaluations", .integer), ("max_abs_gradient", .number)])
    }
}
