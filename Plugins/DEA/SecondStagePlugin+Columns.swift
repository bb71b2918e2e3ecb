import TolokCore

extension SecondStagePlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] {
        let two = "--algorithm 2"
        return [
            DeclaredTable("coefficients", [
                DeclaredColumn("term", .text, "const, an --environment column, or sigma (σ of the truncated normal error)"),
                DeclaredColumn("estimate", "ML estimate: of the DEA distances δ̂ (--algorithm 1) or of the bias-corrected distances (--algorithm 2)"),
                DeclaredColumn("std_error", "bootstrap standard error: the standard deviation of the replicates"),
                DeclaredColumn("lower", "lower bound of the (1 − alpha) bootstrap interval"),
                DeclaredColumn("upper", "upper bound of the (1 − alpha) bootstrap interval"),
                DeclaredColumn("bootstrap_mean", "mean of the replicates"),
                DeclaredColumn("std_error_ml", "conventional inverse-Hessian standard error of the fit (not valid for DEA scores; for comparison)"),
                DeclaredColumn("estimate_first", when: two, "ML estimate of the fit of the DEA distances δ̂ (before the bias correction)"),
            ]),
            DeclaredTable("units", [
                DeclaredColumn("id", .text, "the unit (the --id column, or 1, 2, …)"),
                DeclaredColumn("status", .text, "ok, or numerical_failure when no L1 replicate program was solved"),
                DeclaredColumn("efficiency", "the DEA score: θ (input) or 1/φ (output orientation), 1 within 1e-5"),
                DeclaredColumn("distance", "δ̂ = 1/efficiency ≥ 1"),
                DeclaredColumn("in_fit", .bool, "δ̂ > 1 + 1e-5: in the truncated regression of δ̂"),
                DeclaredColumn("distance_bc", when: two, "bias-corrected distance 2δ̂ − mean δ̂* (it may fall below 1)"),
                DeclaredColumn("efficiency_bc", when: two, "1/distance_bc"),
                DeclaredColumn("in_fit_bc", .bool, when: two, "distance_bc > 1 + 1e-5: in the truncated regression of distance_bc"),
                DeclaredColumn("replicates", .integer, when: two, "L1 replicate programs solved for the unit"),
            ]),
        ]
    }

    public var declaredSummary: [DeclaredColumn] {
        let two = "--algorithm 2"
        return [
            DeclaredColumn("units", .integer, "the number of units (rows)"),
            DeclaredColumn("algorithm", .integer, "1 or 2 (Simar & Wilson 2007)"),
            DeclaredColumn("truncated_units", .integer, "m: units with δ̂ > 1 + 1e-5, in the fit of δ̂"),
            DeclaredColumn("log_likelihood", "log-likelihood of the fit whose estimates are reported"),
            DeclaredColumn("replicates", .integer, "L (--algorithm 1) or L2"),
            DeclaredColumn("replicates_used", .integer, "replicates whose fit converged"),
            DeclaredColumn("mean_efficiency", "mean DEA score"),
            DeclaredColumn("truncated_units_bc", .integer, when: two, "units with distance_bc > 1 + 1e-5, in the fit of distance_bc"),
            DeclaredColumn("log_likelihood_first", when: two, "log-likelihood of the fit of δ̂"),
            DeclaredColumn("first_replicates", .integer, when: two, "L1"),
            DeclaredColumn("failed_solves", .integer, when: two, "unit-replicate DEA programs of the L1 loop not solved"),
            DeclaredColumn("mean_efficiency_bc", when: two, "mean of efficiency_bc"),
        ]
    }
}
