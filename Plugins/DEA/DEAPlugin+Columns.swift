import TolokCore

extension DEAPlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] {
        let cross = "without --period"
        return [
            DeclaredTable("units", when: "without --frontier-only", [
                DeclaredColumn("id", .text, "the unit (the --id column, or 1, 2, …)"),
                DeclaredColumn("status", .text, "ok, infeasible, … (docs/OUTPUT.md)"),
                DeclaredColumn("group", .text, when: "--group-by", "the unit's group (its frontier)"),
                DeclaredColumn("period", .text, when: "--period", "the period of this efficiency (Malmquist: one row per unit and period)"),
                DeclaredColumn("efficiency", when: "--model radial|sbm", "θ (input) or 1/φ (output orientation); --model sbm: ρ (super-SBM: δ ≥ 1); super-efficiency may exceed 1"),
                DeclaredColumn("inefficiency", when: "--model additive", "the weighted sum of slacks (0 = efficient)"),
                DeclaredColumn("phi", when: "--orientation output", "φ, the output expansion factor"),
                DeclaredColumn("beta", when: "--model ddf", "β, the directional distance (inefficiency; 0 on the frontier)"),
                DeclaredColumn("observed_cost", when: "--model cost", "w·x at the unit's prices"),
                DeclaredColumn("minimum_cost", when: "--model cost", "min w·x over the technology at the unit's outputs"),
                DeclaredColumn("cost_efficiency", when: "--model cost", "minimum_cost / observed_cost = technical × allocative"),
                DeclaredColumn("observed_revenue", when: "--model revenue", "p·y at the unit's prices"),
                DeclaredColumn("maximum_revenue", when: "--model revenue", "max p·y over the technology at the unit's inputs"),
                DeclaredColumn("revenue_efficiency", when: "--model revenue", "observed_revenue / maximum_revenue = technical × allocative"),
                DeclaredColumn("observed_profit", when: "--model profit", "p·y − w·x"),
                DeclaredColumn("maximum_profit", when: "--model profit", "max p·y − w·x over the VRS technology"),
                DeclaredColumn("profit_inefficiency", when: "--model profit", "Nerlovian: (maximum − observed profit) / (p·g_y + w·g_x), g from --direction (default g = (x, y)); = technical + allocative"),
                DeclaredColumn("technical_efficiency", when: "--model cost|revenue", "radial θ (cost) or 1/φ (revenue) under the same RTS"),
                DeclaredColumn("technical_inefficiency", when: "--model profit", "the DDF β with g = (x, y), VRS"),
                DeclaredColumn("allocative_efficiency", when: "--model cost|revenue", "overall / technical"),
                DeclaredColumn("allocative_inefficiency", when: "--model profit", "profit_inefficiency − technical_inefficiency"),
                DeclaredColumn("profit_ratio", when: "--model profit", "observed_profit / maximum_profit when maximum_profit > 0"),
                DeclaredColumn("class", .text, when: cross, "efficient, weakly efficient or inefficient"),
                DeclaredColumn("slack_{inputs}", when: cross, "input slack (phase II)"),
                DeclaredColumn("slack_{outputs}", when: cross, "output slack (phase II)"),
                DeclaredColumn("target_{inputs}", when: cross, "input target on the frontier"),
                DeclaredColumn("target_{outputs}", when: cross, "output target on the frontier"),
                DeclaredColumn("peers", .peers, when: cross, "reference units with their λ (JSON: [{\"id\", \"lambda\"}, …]; CSV and table: id:λ;…)"),
                DeclaredColumn("v_{inputs}", when: cross, "multiplier weight of the input"),
                DeclaredColumn("u_{outputs}", when: cross, "multiplier weight of the output"),
                DeclaredColumn("u0", when: "--rts vrs|nirs|ndrs, input orientation", "the free variable of the multiplier model"),
                DeclaredColumn("v0", when: "--rts vrs|nirs|ndrs, output orientation", "the free variable of the multiplier model"),
                DeclaredColumn("theta_crs", when: "--scale", "score under CRS"),
                DeclaredColumn("theta_vrs", when: "--scale", "score under VRS"),
                DeclaredColumn("theta_nirs", when: "--scale", "score under NIRS"),
                DeclaredColumn("scale_efficiency", when: "--scale", "θ_CRS / θ_VRS"),
                DeclaredColumn("returns_to_scale", .text, when: "--scale", "constant, increasing or decreasing"),
                DeclaredColumn("mean_cross_efficiency", when: "--cross-efficiency simple|benevolent|aggressive", "mean over the raters d of E_dj, self-appraisal included"),
            ]),
            DeclaredTable("cross_efficiency", when: "--cross-efficiency simple|benevolent|aggressive", [
                DeclaredColumn("rater", .text, "the unit d whose multipliers are applied"),
                DeclaredColumn("rated", .text, "the unit j evaluated"),
                DeclaredColumn("cross_efficiency", "E_dj = (u_d·y_j − u0_d) / v_d·x_j (u0 = 0 under CRS; empty when v_d·x_j = 0); E_dd = the rater's own efficiency"),
            ]),
            DeclaredTable("peers", when: "--peer-counts", [
                DeclaredColumn("id", .text, "a reference unit"),
                DeclaredColumn("status", .text, "its own status (ok for the units of --reference)"),
                DeclaredColumn("peer_count", .integer, "how many other units have it as a peer"),
                DeclaredColumn("lambda_sum", "the sum of its λ over those units"),
            ]),
            DeclaredTable("pairs", when: "--period", [
                DeclaredColumn("id", .text, "the unit"),
                DeclaredColumn("status", .text, "ok, missing_data, …"),
                DeclaredColumn("from_period", .text, "the earlier period"),
                DeclaredColumn("to_period", .text, "the later period"),
                DeclaredColumn("malmquist", "Malmquist index: √[(d_from_to/d_from_from)·(d_to_to/d_to_from)]; global reference: d_global_to/d_global_from"),
                DeclaredColumn("effch", "efficiency change d_to_to / d_from_from"),
                DeclaredColumn("techch", "technical change malmquist / effch (global reference: the best-practice gap change)"),
                DeclaredColumn("pech", when: "--rts crs", "pure efficiency change d_vrs_to_to / d_vrs_from_from (FGNZ 1994)"),
                DeclaredColumn("sech", when: "--rts crs", "scale efficiency change effch / pech"),
                DeclaredColumn("d_from_from", "distance of the earlier point to the earlier period's technology"),
                DeclaredColumn("d_to_to", "distance of the later point to the later period's technology"),
                DeclaredColumn("d_from_to", when: "--malmquist-reference adjacent|sequential", "distance of the later point to the earlier period's technology"),
                DeclaredColumn("d_to_from", when: "--malmquist-reference adjacent|sequential", "distance of the earlier point to the later period's technology"),
                DeclaredColumn("d_global_from", when: "--malmquist-reference global", "distance of the earlier point to the global technology"),
                DeclaredColumn("d_global_to", when: "--malmquist-reference global", "distance of the later point to the global technology"),
                DeclaredColumn("d_vrs_from_from", when: "--rts crs", "VRS distance of the earlier point to the earlier period's technology"),
                DeclaredColumn("d_vrs_to_to", when: "--rts crs", "VRS distance of the later point to the later period's technology"),
            ]),
            DeclaredTable("bootstrap", when: "--bootstrap", [
                DeclaredColumn("id", .text, "the unit"),
                DeclaredColumn("status", .text, "ok, or numerical_failure when fewer than two replicates were solved"),
                DeclaredColumn("efficiency", "the original score: θ (input) or 1/φ (output orientation)"),
                DeclaredColumn("bias", "efficiency − efficiency_bc (the bootstrap estimate of the score's bias, on the efficiency scale)"),
                DeclaredColumn("efficiency_bc", "bias-corrected efficiency: 1/(2δ − mean δ*) with δ = 1/efficiency"),
                DeclaredColumn("std_error", "standard deviation of the replicates' efficiencies"),
                DeclaredColumn("lower", "lower bound of the (1 − alpha) interval"),
                DeclaredColumn("upper", "upper bound of the (1 − alpha) interval"),
                DeclaredColumn("replicates", .integer, "replicates solved for this unit (B unless a program failed)"),
            ]),
            DeclaredTable("rts_test", when: "--rts-test", [
                DeclaredColumn("null", .text, "the null hypothesis: crs"),
                DeclaredColumn("alternative", .text, "the alternative: vrs"),
                DeclaredColumn("statistic", "W = Σ efficiency under CRS / Σ efficiency under VRS (Simar & Wilson 2002, (4.6)); 1 under CRS"),
                DeclaredColumn("p_value", "share of the bootstrap statistics W* (under H0) that are ≤ W"),
                DeclaredColumn("critical_value", "the alpha-quantile of W* (type 9): reject when W is below it"),
                DeclaredColumn("alpha", "the level (--alpha)"),
                DeclaredColumn("replicates", .integer, "replicates with every program solved"),
                DeclaredColumn("decision", .text, "reject_crs (p < alpha) or do_not_reject_crs"),
            ]),
        ] + [Self.frontierDeclaredTable]
    }
}

extension DEAPlugin {
    /// The summary's keys, per model (docs/OUTPUT.md: keys depend on the options only).
    public var declaredSummary: [DeclaredColumn] {
        let cross = "without --period"
        var keys = [
            DeclaredColumn("units", .integer, "the number of units (rows)"),
            DeclaredColumn("efficient_units", .integer, when: "--model radial|additive|sbm|ddf", "units on the frontier (null under --super)"),
            DeclaredColumn("mean_efficiency", when: "--model radial|sbm", "mean score of the ok units"),
            DeclaredColumn("min_efficiency", when: "--model radial|sbm", "lowest score of the ok units"),
            DeclaredColumn("mean_inefficiency", when: "--model additive", "mean weighted slack sum"),
            DeclaredColumn("max_inefficiency", when: "--model additive", "largest weighted slack sum"),
            DeclaredColumn("mean_beta", when: "--model ddf", "mean β of the ok units"),
            DeclaredColumn("max_beta", when: "--model ddf", "largest β"),
            DeclaredColumn("mean_cost_efficiency", when: "--model cost", "mean cost efficiency"),
            DeclaredColumn("mean_revenue_efficiency", when: "--model revenue", "mean revenue efficiency"),
            DeclaredColumn("mean_profit_inefficiency", when: "--model profit", "mean Nerlovian profit inefficiency"),
            DeclaredColumn("periods", .integer, when: "--period", "the number of periods"),
            DeclaredColumn("pairs", .integer, when: "--period", "consecutive period pairs × units"),
            DeclaredColumn("pairs_ok", .integer, when: "--period", "pairs with an index: the basis of the geometric means"),
            DeclaredColumn("geometric_mean_malmquist", when: "--period", "geometric mean of the Malmquist indices of the ok pairs"),
            DeclaredColumn("geometric_mean_effch", when: "--period", "geometric mean of effch over the ok pairs"),
            DeclaredColumn("geometric_mean_techch", when: "--period", "geometric mean of techch over the ok pairs"),
            DeclaredColumn("geometric_mean_pech", when: "--period, --rts crs", "geometric mean of pech over the ok pairs"),
            DeclaredColumn("geometric_mean_sech", when: "--period, --rts crs", "geometric mean of sech over the ok pairs"),
            DeclaredColumn("pairs_missing_data", .integer, when: "--period", "pairs with a unit missing from a period"),
            DeclaredColumn("pairs_infeasible", .integer, when: "--period", "pairs with an infeasible (cross-period) program"),
            DeclaredColumn("pairs_undefined", .integer, when: "--period", "pairs with a 0/0 or zero distance"),
            DeclaredColumn("pairs_failed", .integer, when: "--period", "pairs with another failed program (numerical_failure, unbounded, …)"),
            DeclaredColumn("infeasible_pairs", .text, when: "--period", "the infeasible pairs, \"id from→to\", comma-separated (the first 20); null when none"),
            DeclaredColumn("bootstrap_replicates", .integer, when: "--bootstrap", "B"),
            DeclaredColumn("bootstrap_bandwidth", when: "--bootstrap", "the kernel bandwidth h on the distance scale δ ≥ 1"),
            DeclaredColumn("bootstrap_mean_efficiency_bc", when: "--bootstrap", "mean bias-corrected efficiency of the ok units"),
        ]
        for status in UnitStatus.allCases where status != .ok && status != .notConverged {
            keys.append(DeclaredColumn("\(status.rawValue)_units", .integer, when: cross, "units with status \(status.rawValue)"))
        }
        return keys + Self.frontierSummaryKeys
    }
}
