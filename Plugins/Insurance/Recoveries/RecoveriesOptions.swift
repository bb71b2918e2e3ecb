import Foundation
import TolokCore

/// The options of `tolok run recoveries`, each declared once.
struct RecoveriesOptions: PluginOptions {
    let statements: DeclaredOption<String?> = PluginOption.file(
        "statements", required: true,
        help: "the banks' account statements (R/C): debtor, [account], [bank], date, [description], [debit], credit, [balance], user_id")
    let splits: DeclaredOption<String?> = PluginOption.file("splits", required: true, help: "the agreed split per bank (PKS): bank, insurer_share (0.7 or 70%)")
    let map: DeclaredOption<[String]> = PluginOption.list(
        "map", help: "role=COLUMN for headers not recognised: ledger roles bank, unit, debtor, account, claim_paid, stgr_date, shs; statements.ROLE (debtor, account, bank, date, description, debit, credit, balance, user_id); splits.ROLE (bank, insurer_share)")
}
