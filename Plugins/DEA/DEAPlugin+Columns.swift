import TolokCore

extension DEAPlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] {
        let cross = "without --period"
        return [
            DeclaredTable("units", [
                DeclaredColumn("id", .text, "the unit (the --id column, or 1, 2, …)"),
                DeclaredColumn("status", .text, "ok, infeasible, … (docs/OUTPUT.md)"),
                DeclaredColumn("group", .text, when: "--group-by", "the unit's group (its frontier)"),
                DeclaredColumn("period", .text, when: "--period", "the period of this efficiency (Malmquist: one row per unit and period)"),
                DeclaredColumn("efficiency", "θ (input) or 1/φ (output orientation); super-efficiency may exceed 1"),
                DeclaredColumn("inefficiency", when: "--model additive", "the weighted sum of slacks (0 = efficient)"),
                DeclaredColumn("phi", when: "--orientation output", "φ, the output expansion factor"),
                DeclaredColumn("class", .text, when: cross, "efficient, weakly efficient or inefficient"),
                DeclaredColumn("slack_{inputs}", when: cross, "input slack (phase II)"),
                DeclaredColumn("slack_{outputs}", when: cross, "output slack (phase II)"),
                DeclaredColumn("target_{inputs}", when: cross, "input target on the frontier"),
                DeclaredColumn("target_{outputs}", when: cross, "output target on the frontier"),
                DeclaredColumn("peers", .text, when: cross, "reference units with their λ (id:λ;…)"),
                DeclaredColumn("v_{inputs}", when: cross, "multiplier weight of the input"),
                DeclaredColumn("u_{outputs}", when: cross, "multiplier weight of the output"),
                DeclaredColumn("u0", when: "--rts vrs|nirs|ndrs, input orientation", "the free variable of the multiplier model"),
                DeclaredColumn("v0", when: "--rts vrs|nirs|ndrs, output orientation", "the free variable of the multiplier model"),
                DeclaredColumn("theta_crs", when: "--scale", "score under CRS"),
                DeclaredColumn("theta_vrs", when: "--scale", "score under VRS"),
                DeclaredColumn("theta_nirs", when: "--scale", "score under NIRS"),
                DeclaredColumn("scale_efficiency", when: "--scale", "θ_CRS / θ_VRS"),
                DeclaredColumn("returns_to_scale", .text, when: "--scale", "constant, increasing or decreasing"),
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
                DeclaredColumn("malmquist", "Malmquist index (geometric mean form)"),
                DeclaredColumn("effch", "efficiency change"),
                DeclaredColumn("techch", "technical change"),
                DeclaredColumn("d_from_from", "distance of the earlier point to the earlier frontier"),
                DeclaredColumn("d_to_to", "distance of the later point to the later frontier"),
                DeclaredColumn("d_from_to", "distance of the earlier point to the later frontier"),
                DeclaredColumn("d_to_from", "distance of the later point to the earlier frontier"),
            ]),
        ]
    }
}
