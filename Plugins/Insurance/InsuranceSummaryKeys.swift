import TolokCore

// The summary keys of the insurance plugins whose tables are not declared column by column
// (docs/OUTPUT.md): every key is always present, null where its denominator is 0; the output
// schema (`tolok schema PLUGIN`) then requires them and refuses others. Tables stay undeclared
// (any columns), as before.

extension UnderwritingPlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] { [] }
    public var declaredSummary: [DeclaredColumn] {
        [
            DeclaredColumn("rows", .integer, "ledger rows"),
            DeclaredColumn("underwriting_result", .money, "total underwriting result"),
            DeclaredColumn("retained_premium", .money, "total retained premium"),
            DeclaredColumn("net_earned_premium", .money, "total net earned premium"),
            DeclaredColumn("loss_ratio", .fraction, "net claims incurred / net earned premium (null when that is 0)"),
            DeclaredColumn("commission_ratio", .fraction, "net commission / net earned premium (null when that is 0)"),
            DeclaredColumn("combined_ratio", .fraction, "loss + commission ratio (null when net earned premium is 0)"),
            DeclaredColumn("retention_ratio", .fraction, "retained / gross premium (null when gross premium is 0)"),
            DeclaredColumn("reserve_below_minimum_rows", .integer, "rows whose premium reserve is below the minimum"),
        ]
    }
}

extension ContributionsPlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] { [] }
    public var declaredSummary: [DeclaredColumn] {
        [
            DeclaredColumn("bills", .integer, "bills read"),
            DeclaredColumn("billed", .money, "total billed"),
            DeclaredColumn("received", .money, "total received"),
            DeclaredColumn("outstanding", .money, "total outstanding"),
            DeclaredColumn("collection_ratio", .fraction, "received / billed (null when nothing was billed)"),
            DeclaredColumn("coverage_ratio", .fraction, "participants / population of --coverage (null without it)"),
        ]
    }
}

extension CoveragePlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] { [] }
    public var declaredSummary: [DeclaredColumn] {
        [
            DeclaredColumn("rows", .integer, "rows read"),
            DeclaredColumn("participants", "total participants (a whole count)"),
            DeclaredColumn("population", "total target population (a whole count)"),
            DeclaredColumn("coverage_ratio", .fraction, "participants / population (null when the population is 0)"),
        ]
    }
}
