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
        ]
        return [
            DeclaredTable("units", [
                DeclaredColumn("id", .text, "the observation (--id)"),
                DeclaredColumn("period", .text, when: "--period", "the period"),
            ] + unit),
            DeclaredTable("coefficients", coefficientColumns),
            DeclaredTable("firms", when: "--period with --model bc92", [DeclaredColumn("id", .text, "the firm")] + unit),
        ]
    }
}
