import TolokCore

extension TwoStageDEAPlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] {
        let linked = "--method relational|additive"
        return [
            DeclaredTable("units", [
                DeclaredColumn("id", .text, "the unit"),
                DeclaredColumn("status", .text, "ok, infeasible, …"),
                DeclaredColumn("rank", .integer, "rank by overall efficiency"),
                DeclaredColumn("overall", "overall efficiency"),
                DeclaredColumn("stage1", "stage-1 (marketability) efficiency"),
                DeclaredColumn("stage2", "stage-2 (profitability) efficiency"),
                DeclaredColumn("binding_stage", .text, "the lower-scoring stage"),
                DeclaredColumn("black_box", when: "--method independent", "CCR/BCC of inputs → outputs, ignoring the intermediates"),
                DeclaredColumn("omega1", when: "--method additive", "weight of stage 1"),
                DeclaredColumn("omega2", when: "--method additive", "weight of stage 2"),
                DeclaredColumn("unique_split", .bool, "whether the split of overall efficiency into the stages is unique"),
                DeclaredColumn("stage1_other_priority", when: linked, "stage-1 score when the other stage is maximised first"),
                DeclaredColumn("stage2_other_priority", when: linked, "stage-2 score when the other stage is maximised first"),
                DeclaredColumn("v_{inputs}", "input weight"),
                DeclaredColumn("w_{intermediates}", when: linked, "intermediate weight (shared by both stages)"),
                DeclaredColumn("w1_{intermediates}", when: "--method independent", "intermediate weight as a stage-1 output"),
                DeclaredColumn("w2_{intermediates}", when: "--method independent", "intermediate weight as a stage-2 input"),
                DeclaredColumn("u_{outputs}", "output weight"),
                DeclaredColumn("constant_stage1", when: "--rts vrs", "free variable of stage 1"),
                DeclaredColumn("constant_stage2", when: "--rts vrs", "free variable of stage 2"),
            ]),
            DeclaredTable("ranking", [
                DeclaredColumn("rank", .integer, "rank by overall efficiency"),
                DeclaredColumn("id", .text, "the unit"),
                DeclaredColumn("overall", "overall efficiency"),
                DeclaredColumn("stage1", "stage-1 efficiency"),
                DeclaredColumn("stage2", "stage-2 efficiency"),
                DeclaredColumn("binding_stage", .text, "the lower-scoring stage"),
                DeclaredColumn("black_box", when: "--method independent", "black-box efficiency"),
                DeclaredColumn("unique_split", .bool, "whether the split is unique"),
            ]),
        ]
    }
}

extension TwoStageDEAPlugin {
    /// The summary's keys: all of them in every run (docs/OUTPUT.md).
    public var declaredSummary: [DeclaredColumn] {
        [
            DeclaredColumn("units", .integer, "the number of units"),
            DeclaredColumn("mean_overall", "mean overall efficiency of the solved units"),
            DeclaredColumn("mean_stage1", "mean stage-1 efficiency"),
            DeclaredColumn("mean_stage2", "mean stage-2 efficiency"),
            DeclaredColumn("overall_efficient_units", .integer, "units with overall efficiency 1"),
            DeclaredColumn("binding_stage1_units", .integer, "units whose binding stage is stage 1"),
            DeclaredColumn("binding_stage2_units", .integer, "units whose binding stage is stage 2"),
            DeclaredColumn("binding_tie_units", .integer, "units where both stages bind"),
            DeclaredColumn("priority_dependent_splits", .integer, "units whose split depends on --priority (null for --method independent)"),
            DeclaredColumn("undefined_stage_scores", .integer, "units with an undefined stage score"),
            DeclaredColumn("nonpositive_stage_scores", .integer, "units with a stage score ≤ 0"),
            DeclaredColumn("failed_units", .integer, "units without a solution"),
        ]
    }
}
