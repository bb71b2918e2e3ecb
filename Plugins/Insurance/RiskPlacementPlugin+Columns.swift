import TolokCore

extension RiskPlacementPlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] {
        [
            DeclaredTable("units", [
                DeclaredColumn("id", .text, "the risk"),
                DeclaredColumn("status", .text, "ok"),
                DeclaredColumn("sum_insured", .money, "sum insured"),
                DeclaredColumn("rate", .fraction, "premium rate"),
                DeclaredColumn("gross_premium", .money, "gross premium"),
                DeclaredColumn("treaty_sum", .money, "sum placed in the treaty"),
                DeclaredColumn("treaty_premium", .money, "premium of the treaty layer"),
                DeclaredColumn("facultative_sum", .money, "sum placed facultatively"),
                DeclaredColumn("facultative_premium", .money, "premium of the facultative layer"),
                DeclaredColumn("retention_sum", .money, "own retention"),
                DeclaredColumn("retention_premium", .money, "premium of the own retention"),
                DeclaredColumn("retention_share", .fraction, "retention / sum insured"),
                DeclaredColumn("equity", .money, "the insurer's equity"),
                DeclaredColumn("retention_limit", .money, "10% of equity"),
                DeclaredColumn("retention_breach", .bool, "retention above the limit"),
            ]),
        ]
    }
}

extension RiskPlacementPlugin {
    /// The summary's keys: always all present (docs/OUTPUT.md).
    public var declaredSummary: [DeclaredColumn] {
        [
            DeclaredColumn("risks", .integer, "the number of risks"),
            DeclaredColumn("gross_premium", .money, "total gross premium"),
            DeclaredColumn("treaty_premium", .money, "total premium ceded to the treaty"),
            DeclaredColumn("facultative_premium", .money, "total facultative premium"),
            DeclaredColumn("retention_premium", .money, "total retained premium"),
            DeclaredColumn("retention_breaches", .integer, "risks whose retention exceeds the limit"),
        ]
    }
}
