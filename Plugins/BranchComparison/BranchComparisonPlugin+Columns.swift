import TolokCore

extension BranchComparisonPlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] {
        [
            DeclaredTable("units", [
                DeclaredColumn("id", .text, "the branch"),
                DeclaredColumn("status", .text, "ok, infeasible, …"),
                DeclaredColumn("rank", .integer, "rank by efficiency (1 = best; ties share the rank)"),
                DeclaredColumn("efficiency", "input-oriented VRS efficiency"),
                DeclaredColumn("class", .text, "efficient, weakly efficient or inefficient"),
                DeclaredColumn("peers", .peers, "the peers to learn from with their weights (JSON: [{\"id\", \"lambda\"}, …], [] for an efficient branch)"),
                DeclaredColumn("target_{inputs}", "input target"),
                DeclaredColumn("saving_{inputs}", .fraction, "the input saving the target implies"),
                DeclaredColumn("underwriting_result", .money, "underwriting result"),
                DeclaredColumn("combined_ratio", .fraction, "combined ratio"),
                DeclaredColumn("loss_ratio", .fraction, "loss ratio"),
                DeclaredColumn("recovery_rate", .fraction, "subrogation recovery rate (empty without the columns)"),
                DeclaredColumn("premium_reserve_below_40pct", .bool, "closing premium reserve below 40% of retained premium"),
            ]),
            DeclaredTable("periods", when: "--period", [
                DeclaredColumn("id", .text, "the branch"),
                DeclaredColumn("status", .text, "ok, missing_data, infeasible, …"),
                DeclaredColumn("from_period", .text, "the earlier period"),
                DeclaredColumn("to_period", .text, "the later period"),
                DeclaredColumn("efficiency_from", "efficiency in the earlier period (its own frontier)"),
                DeclaredColumn("efficiency_to", "efficiency in the later period (its own frontier)"),
                DeclaredColumn("effch", "efficiency change (catch-up)"),
                DeclaredColumn("techch", "technical change (frontier shift)"),
                DeclaredColumn("malmquist", "Malmquist index (geometric mean form)"),
            ]),
        ]
    }
}

extension BranchComparisonPlugin {
    /// The summary's keys: always all present (docs/OUTPUT.md), null where not defined.
    public var declaredSummary: [DeclaredColumn] {
        [
            DeclaredColumn("branches", .integer, "the number of branches compared"),
            DeclaredColumn("efficient_branches", .integer, "branches on the frontier"),
            DeclaredColumn("mean_efficiency", "mean efficiency of the scored branches (null when none)"),
            DeclaredColumn("total_underwriting_result", .money, "the company's underwriting result"),
            DeclaredColumn("company_combined_ratio", .fraction, "the company's combined ratio (null without net earned premium)"),
            DeclaredColumn("company_recovery_rate", .fraction, "recoveries / subrogated claims paid (null without the columns or claims)"),
        ]
    }
}

/// Rows are branches without --period: a branch with an empty or `NA` input is a missing_data
/// unit (left out of the frontier, listed in the notes; `branches` counts the compared ones).
/// Under --period the row is left out (the branch lacks that period: its pairs with it are
/// missing_data). Money columns of the underwriting account are never skipped: an empty amount
/// there is refused with its line (docs/INSURANCE.md).
extension BranchComparisonPlugin: SkipsMissingRows {
    public func rowsAreUnits(_ parameters: Parameters) -> Bool {
        ((try? parameters.value(Self.options.period)) ?? nil) == nil
    }

    public func leavesOutMissingRows(_ parameters: Parameters) -> Bool { true }
}
