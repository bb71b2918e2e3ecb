import TolokCore

extension RecoveriesPlugin: DeclaresResultColumns {
    public var declaredTables: [DeclaredTable] {
        func hierarchy(_ name: String, _ rows: String) -> DeclaredTable {
            DeclaredTable(name, [
                DeclaredColumn("id", .text, "row label (\(rows))"),
                DeclaredColumn("level", .text, "unit, bank subtotal or total"),
                DeclaredColumn("bank", .text, "the bank"),
                DeclaredColumn("unit", .text, "the unit (KCP)"),
                DeclaredColumn("debtors", .integer, "debtors in the row"),
                DeclaredColumn("claim_paid", .money, "subrogated claims paid"),
                DeclaredColumn("shs", .money, "SHS (subrogation rights)"),
                DeclaredColumn("gross_recoveries", .money, "recoveries received, gross"),
                DeclaredColumn("insurer_share", .money, "the insurer's share of the recoveries"),
                DeclaredColumn("remaining_shs", .money, "SHS still to recover"),
                DeclaredColumn("recovery_rate", .fraction, "insurer's share / claims paid"),
                DeclaredColumn("gross_recovery_rate", .fraction, "gross recoveries / claims paid"),
            ])
        }
        return [
            DeclaredTable("units", [
                DeclaredColumn("id", .text, "the debtor"),
                DeclaredColumn("status", .text, "ok"),
                DeclaredColumn("bank", .text, "the bank"),
                DeclaredColumn("unit", .text, "the unit (KCP)"),
                DeclaredColumn("debtor", .text, "debtor name"),
                DeclaredColumn("account", .text, "account number"),
                DeclaredColumn("claim_paid", .money, "subrogated claim paid"),
                DeclaredColumn("stgr_date", .text, "date of the claim (STGR)"),
                DeclaredColumn("shs", .money, "SHS (subrogation rights)"),
                DeclaredColumn("statement_rows", .integer, "statement rows matched to the debtor"),
                DeclaredColumn("recoveries", .integer, "recoveries counted"),
                DeclaredColumn("gross_recoveries", .money, "recoveries received, gross"),
                DeclaredColumn("insurer_share_rate", .fraction, "the insurer's share for the bank"),
                DeclaredColumn("insurer_share", .money, "the insurer's share of the recoveries"),
                DeclaredColumn("remaining_shs", .money, "SHS still to recover"),
                DeclaredColumn("recovery_rate", .fraction, "insurer's share / claim paid"),
                DeclaredColumn("gross_recovery_rate", .fraction, "gross recoveries / claim paid"),
                DeclaredColumn("paid_off", .bool, "SHS fully recovered"),
                DeclaredColumn("recoveries_after_paid_off", .integer, "recoveries booked after paying off"),
            ]),
            hierarchy("groups", "debtors with recoveries"),
            hierarchy("rates", "all debtors"),
            DeclaredTable("exceptions", [
                DeclaredColumn("no", .integer, "running number"),
                DeclaredColumn("kind", .text, "what is wrong"),
                DeclaredColumn("file", .text, "the file"),
                DeclaredColumn("line", .integer, "the line in the file"),
                DeclaredColumn("bank", .text, "the bank"),
                DeclaredColumn("debtor", .text, "the debtor"),
                DeclaredColumn("account", .text, "the account"),
                DeclaredColumn("date", .text, "the date"),
                DeclaredColumn("debit", .money, "debit"),
                DeclaredColumn("credit", .money, "credit"),
                DeclaredColumn("detail", .text, "details"),
            ]),
            DeclaredTable("monitoring", [
                DeclaredColumn("no", .integer, "running number"),
                DeclaredColumn("bank", .text, "the bank"),
                DeclaredColumn("unit", .text, "the unit (KCP)"),
                DeclaredColumn("shs", .money, "SHS"),
                DeclaredColumn("debtor_recoveries", .money, "recoveries from the debtors"),
                DeclaredColumn("insurer_share", .money, "the insurer's share"),
                DeclaredColumn("action_week_1", .text, "left empty for the collectors"),
                DeclaredColumn("action_week_2", .text, "left empty for the collectors"),
                DeclaredColumn("action_week_3", .text, "left empty for the collectors"),
                DeclaredColumn("action_week_4", .text, "left empty for the collectors"),
                DeclaredColumn("contact", .text, "left empty for the collectors"),
                DeclaredColumn("response", .text, "left empty for the collectors"),
                DeclaredColumn("follow_up", .text, "left empty for the collectors"),
            ]),
        ]
    }
}

extension RecoveriesPlugin {
    /// The summary's keys: always all present (docs/OUTPUT.md), null where a rate has no denominator.
    public var declaredSummary: [DeclaredColumn] {
        [
            DeclaredColumn("debtors", .integer, "ledger debtors"),
            DeclaredColumn("debtors_with_recoveries", .integer, "debtors with at least one recovery"),
            DeclaredColumn("statement_rows", .integer, "bank statement rows read"),
            DeclaredColumn("recoveries", .integer, "statement rows matched as recoveries"),
            DeclaredColumn("exceptions", .integer, "statement rows reported as exceptions"),
            DeclaredColumn("claims_paid", .money, "total claims paid"),
            DeclaredColumn("shs", .money, "total subrogation rights (SHS)"),
            DeclaredColumn("gross_recoveries", .money, "total gross recoveries"),
            DeclaredColumn("insurer_share", .money, "total insurer's share"),
            DeclaredColumn("remaining_shs", .money, "SHS not yet recovered"),
            DeclaredColumn("recovery_rate", .fraction, "insurer's share / claims paid (null without claims)"),
            DeclaredColumn("gross_recovery_rate", .fraction, "gross recoveries / claims paid (null without claims)"),
        ]
    }
}
