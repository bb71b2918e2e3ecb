import Foundation
import Testing
import TolokCore
import TolokInsuranceModel

@Suite struct RecoveriesTests {
    /// Working document 004 step 6 (docs/INSURANCE.md §6): a paid-off debtor ("Baki Debet" .00)
    /// whose R/C shows credits with user id 7199051; the recoveries are "Rp. 450.000,00 +
    /// Rp. 1.522.500,00". The document prints the sum as Rp. 1.672.500,00, but 450.000 + 1.522.500
    /// = 1.972.500 — a slip in the source. The surrounding statement rows (before/on the STGR date, the claim
    /// booking without a user id, a debit fee) are synthetic, each excluded by one rule.
    @Test func seedExample() throws {
        let r = try runDataset("recoveries", "recoveries_seed004_ledger.csv",
                               files: ["statements": "recoveries_seed004_statements.csv", "splits": "recoveries_seed004_splits.csv"])
        let id = "Ade Putra Agung"
        #expect(r.cell("units", id, "gross_recoveries") == money("1972500"))
        #expect(r.cell("units", id, "gross_recoveries") != money("1672500"))
        #expect(r.cell("units", id, "recoveries") == .integer(2))
        #expect(r.cell("units", id, "paid_off") == .bool(true))
        #expect(r.cell("units", id, "recoveries_after_paid_off") == .integer(2))
        // Synthetic split of 75%: 1.972.500 × 0,75 = 1.479.375; SHS 10.000.000 − 1.479.375.
        #expect(r.cell("units", id, "insurer_share") == money("1479375"))
        #expect(r.cell("units", id, "remaining_shs") == money("8520625"))
        #expect(r.column("exceptions", "kind") == [.text("on_or_before_stgr"), .text("on_or_before_stgr"), .text("no_user_id"), .text("not_a_credit")])
        #expect(r.summaryValue("gross_recoveries") == money("1972500"))
    }

    /// Synthetic two-bank case (Datasets/insurance/recoveries_*.csv) exercising every rule and
    /// exception kind; the expected figures are worked by hand in docs/INSURANCE.md.
    @Test func multiBankCase() throws {
        let r = try runDataset("recoveries", "recoveries_ledger.csv",
                               files: ["statements": "recoveries_statements.csv", "splits": "recoveries_splits.csv"])
        // Budi: only the 11/01 credit counts (05/01 before STGR 10/01, 10/01 on it, debit, no user id, wrong account).
        #expect(r.cell("units", "Budi Santoso", "gross_recoveries") == money("1000000"))
        #expect(r.cell("units", "Budi Santoso", "insurer_share") == money("700000"))
        #expect(r.cell("units", "Budi Santoso", "remaining_shs") == money("9300000"))
        #expect(r.cell("units", "Budi Santoso", "statement_rows") == .integer(5))
        // Siti: ledger without account → any account; the credit after the .00 balance counts.
        #expect(r.cell("units", "Siti Aminah", "gross_recoveries") == money("2500000"))
        #expect(r.cell("units", "Siti Aminah", "insurer_share") == money("1750000"))
        #expect(r.cell("units", "Siti Aminah", "remaining_shs") == money("-250000"))
        #expect(r.cell("units", "Siti Aminah", "recoveries_after_paid_off") == .integer(1))
        #expect(r.cell("units", "Ahmad Yani", "gross_recoveries") == money("800000"))
        // Dewi at Bank B (65%): 1.200.000 + 300.000,50 = 1.500.000,50 × 0,65 = 975.000,325 → 975.000,33.
        #expect(r.cell("units", "Dewi Lestari", "gross_recoveries") == money("1500000.50"))
        #expect(r.cell("units", "Dewi Lestari", "insurer_share") == money("975000.33"))
        #expect(r.cell("units", "Dewi Lestari", "remaining_shs") == money("5024999.67"))
        #expect(r.cell("units", "Rudi Hartono", "gross_recoveries") == money("0"))
        #expect(r.cell("units", "Joko Widodo", "gross_recoveries") == money("0"))
        #expect(r.cell("units", "Dewi Lestari", "recovery_rate")?.double == 0.1625000550)

        // Recap: only debtors with recoveries (Rudi and Joko are left out).
        #expect(r.column("groups", "id") == ["Bank A / KCP Utara", "Bank A / KCP Selatan", "Bank A", "Bank B / Unit Kota", "Bank B", "total"].map(Value.text))
        #expect(r.cell("groups", "Bank A / KCP Utara", "gross_recoveries") == money("3500000"))
        #expect(r.cell("groups", "Bank A / KCP Utara", "insurer_share") == money("2450000"))
        #expect(r.cell("groups", "Bank A", "insurer_share") == money("3010000"))
        #expect(r.cell("groups", "Bank A", "remaining_shs") == money("16490000"))
        #expect(r.cell("groups", "Bank B / Unit Kota", "debtors") == .integer(1))
        #expect(r.cell("groups", "Bank B / Unit Kota", "shs") == money("6000000"))
        #expect(r.cell("groups", "total", "gross_recoveries") == money("5800000.50"))
        #expect(r.cell("groups", "total", "insurer_share") == money("3985000.33"))
        #expect(r.cell("groups", "total", "remaining_shs") == money("21514999.67"))
        #expect(r.cell("groups", "total", "claim_paid") == money("29000000"))

        // Rates over every ledger debtor, per unit, bank and total.
        #expect(r.cell("rates", "Bank B / Unit Kota", "remaining_shs") == money("9024999.67"))
        #expect(r.cell("rates", "Bank B / Unit Desa", "remaining_shs") == money("3000000"))
        #expect(r.cell("rates", "Bank B", "remaining_shs") == money("12024999.67"))
        #expect(r.cell("rates", "total", "claim_paid") == money("36000000"))
        #expect(r.cell("rates", "total", "remaining_shs") == money("28514999.67"))
        #expect(abs((r.cell("rates", "total", "recovery_rate")?.double ?? 0) - 3_985_000.33 / 36_000_000) < 1e-15)
        #expect(abs((r.cell("rates", "total", "gross_recovery_rate")?.double ?? 0) - 5_800_000.50 / 36_000_000) < 1e-15)
        #expect(r.summaryValue("insurer_share") == money("3985000.33"))
        #expect(r.summaryValue("recoveries") == .integer(6))

        // Every statement row is either a recovery (6) or an exception (9); plus 2 ledger-level ones.
        let kinds = r.column("exceptions", "kind").compactMap(\.string)
        #expect(kinds == ["on_or_before_stgr", "on_or_before_stgr", "not_a_credit", "no_user_id", "account_mismatch",
                          "name_mismatch", "no_ledger_entry", "no_ledger_entry", "on_or_before_stgr", "exceeds_shs", "no_statement"])
        #expect(r.column("exceptions", "line").compactMap(\.asInteger) == [2, 3, 5, 6, 7, 10, 12, 15, 16, 3, 6])
        #expect(r.summaryValue("statement_rows") == .integer(15))

        // Monitoring: one row per bank and unit with recoveries, action columns empty.
        let monitoring = try #require(r.table("monitoring"))
        #expect(monitoring.columns.map(\.name) == ["no", "bank", "unit", "shs", "debtor_recoveries", "insurer_share", "action_week_1",
                                                    "action_week_2", "action_week_3", "action_week_4", "contact", "response", "follow_up"])
        #expect(monitoring.rows.count == 3)
        #expect(monitoring.rows[2][0...5] == [.integer(3), .text("Bank B"), .text("Unit Kota"), money("6000000"), money("1500000.50"), money("975000.33")])
        #expect(monitoring.rows.allSatisfy { $0[6...].allSatisfy { $0 == .text("") } })
        #expect(r.notes.contains { $0.contains("Bank C") })
    }

    /// The rules one by one, on entries built in code.
    @Test func rules() throws {
        let stgr = try #require(CivilDate(parsing: "2024-01-10"))
        let debtor = LedgerDebtor(row: 0, line: 2, bank: "B", unit: "U", name: "Ade Putra Agung", account: "", claimPaid: 100, stgrDate: stgr, shs: 100)
        func entry(_ date: String, credit: Decimal, user: String = "7199051") -> StatementEntry {
            StatementEntry(row: 0, line: 2, bank: nil, name: "Ade Putra Agung", account: "", date: CivilDate(parsing: date)!, credit: credit, userID: user)
        }
        #expect(RecoveryReconciliation.exclusion(entry("2024-01-11", credit: 5), for: debtor) == nil)
        #expect(RecoveryReconciliation.exclusion(entry("2024-01-10", credit: 5), for: debtor) == .onOrBeforeSTGR)
        #expect(RecoveryReconciliation.exclusion(entry("2024-01-09", credit: 5), for: debtor) == .onOrBeforeSTGR)
        #expect(RecoveryReconciliation.exclusion(entry("2024-01-11", credit: 0), for: debtor) == .notACredit)
        #expect(RecoveryReconciliation.exclusion(entry("2024-01-11", credit: 5, user: ""), for: debtor) == .noUserID)
    }

    /// Without a bank column in the statements, a name at two banks cannot be placed.
    @Test func ambiguousDebtorWithoutBankColumn() throws {
        let ledger = "bank,unit,debtor,claim_paid,stgr_date,shs\nA,U1,Sri,100,2024-01-01,100\nB,U2,Sri,200,2024-01-01,200\nA,U1,Tono,50,2024-01-01,50\n"
        let statements = "debtor,date,credit,user_id\nSri,2024-02-01,10,X\nTono,2024-02-01,20,X\n"
        let r = try run("recoveries", ledger, files: ["statements": statements, "splits": "bank,insurer_share\nA,0.5\nB,0.5\n"])
        #expect(r.column("exceptions", "kind").compactMap(\.string) == ["ambiguous_debtor", "no_statement", "no_statement"])
        #expect(r.cell("units", "A / Tono", "gross_recoveries") == money("20"))
        #expect(r.cell("units", "A / Tono", "insurer_share") == money("10"))
    }

    @Test func badInputIsLocated() throws {
        let ledger = "bank,unit,debtor,account,claim_paid,stgr_date,shs\nA,U,Sri,1,100,2024-01-01,100\nZ,U,Tono,2,100,31/01/2024,100\n"
        let statements = "bank,debtor,account,date,credit,user_id\nA,Sri,1,2024-02-01,10,X\n"
        let splits = "bank,insurer_share\nA,0.5\n"
        // A ledger bank the split table does not list.
        expectDataError(["ledger.csv: line 3 (data row 2), column \"bank\"", "split table", "got \"Z\""]) {
            _ = try run("recoveries", ledger, files: ["statements": statements, "splits": splits], source: "ledger.csv")
        }
        // A date that does not parse, in the statements.
        let badDate = "bank,debtor,account,date,credit,user_id\nA,Sri,1,2024-02-01,10,X\nA,Sri,1,2024-13-01,10,X\n"
        expectDataError(["statements.csv: line 3 (data row 2), column \"date\"", "a date", "got \"2024-13-01\""]) {
            _ = try run("recoveries", ledger, files: ["statements": badDate, "splits": splits + "Z,0.5\n"])
        }
        // An STGR date that does not parse, in the ledger.
        expectDataError(["ledger.csv: line 2 (data row 1), column \"stgr_date\"", "got \"01.01.2024\""]) {
            _ = try run("recoveries", ledger.replacingOccurrences(of: "2024-01-01", with: "01.01.2024"),
                        files: ["statements": statements, "splits": splits + "Z,0.5\n"], source: "ledger.csv")
        }
        // A share outside [0, 1].
        expectDataError(["splits.csv: line 2 (data row 1), column \"insurer_share\"", "got \"70\""]) {
            _ = try run("recoveries", ledger, files: ["statements": statements, "splits": "bank,insurer_share\nA,70\nZ,0.5\n"])
        }
        // Missing statement columns.
        expectDataError(["statements.csv", "column \"user_id\"", "statements.user_id=COLUMN"]) {
            _ = try run("recoveries", ledger, files: ["statements": "debtor,date,credit\nSri,2024-02-01,10\n", "splits": splits + "Z,0.5\n"])
        }
        // The same name twice at one bank without account numbers to tell them apart.
        expectDataError(["line 3 (data row 2), column \"debtor\"", "one ledger line per debtor", "line 2", "account numbers"]) {
            _ = try run("recoveries", "bank,unit,debtor,claim_paid,stgr_date,shs\nA,U,Sri,1,2024-01-01,1\nA,V,Sri,1,2024-01-01,1\n",
                        files: ["statements": statements, "splits": splits])
        }
        expectDataError(["line 3 (data row 2), column \"account\"", "appears twice at A", "line 2"]) {
            _ = try run("recoveries", "bank,unit,debtor,account,claim_paid,stgr_date,shs\nA,U,Sri,7,1,2024-01-01,1\nA,V,Sri,,1,2024-01-01,1\n",
                        files: ["statements": statements, "splits": splits])
        }
    }

    @Test func mapOptionNamesColumnsOfEachFile() throws {
        let ledger = "Bk,Kantor,Nm,Klaim,Tgl,Saldo\nA,U,Sri,100,2024-01-01,100\n"
        let statements = "Nm,Tgl,Masuk,Petugas\nSri,02/01/2024,40,X\n"
        let splits = "Bk,Porsi\nA,50%\n"
        let r = try run("recoveries", ledger, [
            "--map", "bank=Bk,unit=Kantor,debtor=Nm,claim_paid=Klaim,stgr_date=Tgl,shs=Saldo",
            "--map", "statements.debtor=Nm,statements.date=Tgl,statements.credit=Masuk,statements.user_id=Petugas,splits.bank=Bk,splits.insurer_share=Porsi",
        ], files: ["statements": statements, "splits": splits])
        #expect(r.cell("units", "Sri", "insurer_share") == money("20"))
    }
}
