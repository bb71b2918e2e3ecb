import Foundation
import Testing

/// End-to-end runs of the insurance plugins (underwriting, risk-placement, recoveries,
/// contributions, coverage, loan-collectibility) through the built `tolok`, on small files
/// written to a temporary folder and on the documented examples in Datasets/insurance.
@Suite struct InsuranceEndToEndTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func tolok(_ arguments: [String]) throws -> TolokProcess.Outcome { try TolokProcess.run(arguments) }

    func expectSuccess(_ outcome: TolokProcess.Outcome, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == 0, "exit \(outcome.status): \(outcome.stderr)", sourceLocation: sourceLocation)
    }

    /// Exit status 2, one line on stderr containing every fragment, no backtrace.
    func expectBadInput(_ outcome: TolokProcess.Outcome, _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == 2, "exit status \(outcome.status), stderr: \(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "expected one line on stderr, got: \(outcome.stderr)", sourceLocation: sourceLocation)
        for f in fragments {
            #expect(outcome.stderr.contains(f), "stderr lacks \"\(f)\": \(outcome.stderr)", sourceLocation: sourceLocation)
        }
        #expect(!outcome.stderr.contains("Fatal error") && !outcome.stderr.contains("Stack dump"), sourceLocation: sourceLocation)
    }

    func json(_ outcome: TolokProcess.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    // MARK: Underwriting

    static let seedHeader = "cabang;kelas;Premi Gross;Premi R/A;Komisi Cabang;Komisi R/A;Claim Gross;Claim R/A;Cad Premi Awal;Cad Premi Akhir;Cad Klaim Awal;Cad Klaim Akhir\n"
    static let seedRow = "Contoh;Semua;303.218.002,35;52.679.080,71;73.561.494,36;9.480.441,14;90.058.512,11;10.314.664,35;54.232.465,51;78.650.858,46;10.429.012,65;17.428.720,07\n"

    @Test func pluginsAreRegistered() throws {
        let outcome = try tolok(["plugins"])
        expectSuccess(outcome)
        for id in ["underwriting", "risk-placement", "recoveries", "contributions", "coverage", "loan-collectibility"] {
            #expect(outcome.stdout.contains(id), "\(id) missing from: \(outcome.stdout)")
        }
        let describe = try tolok(["describe", "recoveries"])
        expectSuccess(describe)
        #expect(describe.stdout.contains("--statements") && describe.stdout.contains("Working document 004") && describe.stdout.contains("docs/INSURANCE.md §6"))
    }

    /// Seed 003 §2.4.2 in the Indonesian form the seed prints it (decimal comma, semicolons):
    /// 75.295.920,29 from the components (the seed prints 75.295.920,31; docs/INSURANCE.md).
    @Test func underwritingSeedExample() throws {
        let f = try folder.file("uw.csv", Self.seedHeader + Self.seedRow)
        let csv = try tolok(["run", "underwriting", "--data", f, "--format", "csv"])
        expectSuccess(csv)
        #expect(csv.stdout.contains(",75295920.29,"), "\(csv.stdout)")
        let run = try tolok(["run", "underwriting", "--data", f, "--format", "json"])
        // Money is a JSON number written with its exact cents.
        #expect(run.stdout.contains("\"underwriting_result\":75295920.29,"), "\(run.stdout)")
        let object = try json(run)
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units.first?["underwriting_result"] as? Double == 75295920.29)
        #expect(units.first?["retained_premium"] as? Double == 186457868.42)
        #expect(units.first?["premium_reserve_below_minimum"] as? Bool == false)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["underwriting_result"] as? Double == 75295920.29)
        let table = try tolok(["run", "underwriting", "--data", f])
        #expect(table.stdout.contains("75,295,920.29") && table.stdout.contains("38.36%"))
    }

    @Test func underwritingGroupsAddUpToTheTotal() throws {
        let f = try folder.file("uw.csv", Self.seedHeader + Self.seedRow
                                + "Contoh;Lain;1.000,10;0,00;0,00;0,00;0,00;0,00;0,00;0,00;0,00;0,00\n"
                                + "Kedua;Semua;2.000,20;0,00;0,00;0,00;1.000,00;0,00;0,00;500,00;0,00;0,00\n")
        let groups = try tolok(["run", "underwriting", "--data", f, "--group-by", "branch", "--table", "groups", "--format", "csv"])
        expectSuccess(groups)
        // Contoh: 75.295.920,29 + 1.000,10; Kedua: 2.000,20 − 1.000 − 500; total 75.297.420,59.
        #expect(groups.stdout.contains("Contoh,Contoh,2,"))
        #expect(groups.stdout.contains(",75296920.39,"), "\(groups.stdout)")
        #expect(groups.stdout.contains(",500.20,"))
        let total = try tolok(["run", "underwriting", "--data", f, "--group-by", "branch", "--table", "total", "--format", "csv"])
        #expect(total.stdout.contains(",75297420.59,"), "\(total.stdout)")
        // Kedua keeps a 500 reserve against 40% × 2.000,20 = 800,08: flagged.
        #expect(total.stdout.contains("true") == false)
        let units = try tolok(["run", "underwriting", "--data", f, "--format", "csv"])
        #expect(units.stdout.split(separator: "\n").last?.hasSuffix(",800.08,true") == true, "\(units.stdout)")
    }

    @Test func underwritingBadInput() throws {
        let missing = try folder.file("missing.csv", "premi bruto,premi reasuransi\n1,2\n")
        expectBadInput(try tolok(["run", "underwriting", "--data", missing]), ["missing.csv", "column \"commission\"", "--map commission=COLUMN"])
        let negative = try folder.file("neg.csv", Self.seedHeader + Self.seedRow.replacingOccurrences(of: "Contoh;Semua;303", with: "Contoh;Semua;-303"))
        expectBadInput(try tolok(["run", "underwriting", "--data", negative]), ["neg.csv: line 2 (data row 1), column \"Premi Gross\"", "non-negative amount", "got \"-303.218.002,35\""])
        let f = try folder.file("uw.csv", Self.seedHeader + Self.seedRow)
        expectBadInput(try tolok(["run", "underwriting", "--data", f, "--map", "bogus=x"]), ["unknown role \"bogus\""])
        expectBadInput(try tolok(["run", "underwriting", "--data", f, "--group-by", "region"]), ["column \"region\""])
    }

    @Test func riskPlacementSeedExample() throws {
        let f = try folder.file("risk.csv", "sum_insured;rate;treaty_capacity;facultative;equity\n100.000.000.000;1%;40.000.000.000;50.000.000.000;100.000.000.000\n")
        let outcome = try tolok(["run", "risk-placement", "--data", f, "--decimal-comma", "--format", "csv"])
        expectSuccess(outcome)
        #expect(outcome.stdout.contains("1,ok,100000000000.00,0.01,1000000000.00,40000000000.00,400000000.00,50000000000.00,500000000.00,10000000000.00,100000000.00,0.1,100000000000.00,10000000000.00,false"), "\(outcome.stdout)")
    }

    // MARK: Recoveries

    func recoveryFiles(ledger: String? = nil, statements: String? = nil, splits: String? = nil) throws -> [String] {
        let l = try folder.file("ledger.csv", ledger ?? "bank;unit;nama debitur;no rekening;klaim dibayar;tanggal stgr;saldo shs\nBank X;KCP 1;Ade Putra Agung;0012;10.000.000,00;15/01/2023;10.000.000,00\n")
        let s = try folder.file("rc.csv", statements ?? """
            nama debitur;no rekening;tanggal;debet;kredit;baki debet;user id
            Ade Putra Agung;0012;15/01/2023;;200.000,00;9.350.000,00;7199051
            Ade Putra Agung;0012;31/01/2023;;9.350.000,00;0,00;
            Ade Putra Agung;0012;20-03-2023;;450.000,00;0,00;7199051
            Ade Putra Agung;0012;2023-07-18;;1.522.500,00;0,00;7199051
            Ade Putra Agung;0012;2023-07-18;7.500,00;;0,00;7199051

            """)
        let p = try folder.file("pks.csv", splits ?? "bank;insurer_share\nBank X;0,75\n")
        return ["run", "recoveries", "--data", l, "--statements", s, "--splits", p]
    }

    /// Seed 004 step 6: 450.000 + 1.522.500 = 1.972.500 (the seed prints 1.672.500, a slip).
    @Test func recoveriesSeedExample() throws {
        let object = try json(try tolok(try recoveryFiles() + ["--format", "json"]))
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units.first?["gross_recoveries"] as? Double == 1972500.00)
        #expect(units.first?["insurer_share"] as? Double == 1479375.00)
        #expect(units.first?["remaining_shs"] as? Double == 8520625.00)
        #expect(units.first?["paid_off"] as? Bool == true)
        let exceptions = try #require(object["exceptions"] as? [[String: Any]])
        #expect(exceptions.compactMap { $0["kind"] as? String } == ["on_or_before_stgr", "no_user_id", "not_a_credit"])
        #expect(exceptions.compactMap { $0["line"] as? Int } == [2, 3, 6])
        let monitoring = try #require(object["monitoring"] as? [[String: Any]])
        #expect(monitoring.count == 1 && monitoring.first?["action_week_1"] as? String == "")
        let table = try tolok(try recoveryFiles() + ["--table", "groups"])
        expectSuccess(table)
        #expect(table.stdout.contains("1,972,500.00"))
    }

    @Test func recoveriesBundledMultiBankExample() throws {
        let outcome = try tolok(["run", "recoveries", "--data", TolokProcess.dataset("insurance/recoveries_ledger.csv"),
                                 "--statements", TolokProcess.dataset("insurance/recoveries_statements.csv"),
                                 "--splits", TolokProcess.dataset("insurance/recoveries_splits.csv"), "--table", "rates", "--format", "csv"])
        expectSuccess(outcome)
        #expect(outcome.stdout.contains("total,total,,,6,36000000.00,32500000.00,5800000.50,3985000.33,28514999.67,"), "\(outcome.stdout)")
    }

    @Test func recoveriesBadInput() throws {
        // A ledger bank missing from the split table.
        expectBadInput(try tolok(try recoveryFiles(splits: "bank;insurer_share\nBank Y;0,75\n")),
                       ["ledger.csv: line 2 (data row 1), column \"bank\"", "split table", "Bank Y", "got \"Bank X\""])
        // A statement date that does not parse.
        expectBadInput(try tolok(try recoveryFiles(statements: "nama debitur;tanggal;kredit;user id\nAde Putra Agung;31/02/2023;450.000,00;7199051\n")),
                       ["rc.csv: line 2 (data row 1), column \"tanggal\"", "a date", "got \"31/02/2023\""])
        // An STGR date that does not parse.
        expectBadInput(try tolok(try recoveryFiles(ledger: "bank;unit;nama debitur;klaim dibayar;tanggal stgr;saldo shs\nBank X;KCP 1;Ade Putra Agung;1.000,00;15 Jan 2023;1.000,00\n")),
                       ["ledger.csv: line 2 (data row 1), column \"tanggal stgr\"", "got \"15 Jan 2023\""])
        // The statements file is required.
        let l = try folder.file("l.csv", "bank,unit,debtor,claim_paid,stgr_date,shs\nA,U,Sri,1,2024-01-01,1\n")
        expectBadInput(try tolok(["run", "recoveries", "--data", l, "--splits", l]), ["missing required option --statements"])
        expectBadInput(try tolok(["run", "recoveries", "--data", l, "--statements", folder.path("none.csv"), "--splits", l]), ["none.csv", "no such file"])
    }

    // MARK: Contributions, coverage, loans

    @Test func contributionsAndCoverage() throws {
        let bills = try folder.file("bills.csv", "office,billed,received,due_date,paid_date\nA,100,100,2024-01-10,10/01/2024\nA,100,40,2024-01-10,\nB,50,0,2024-03-01,\n")
        let coverage = try folder.file("cov.csv", "region;participants;population\nIndonesia;262.769.113;271.066.356\n")
        let outcome = try tolok(["run", "contributions", "--data", bills, "--as-of", "31/03/2024", "--coverage", coverage, "--decimal-comma", "--format", "json"])
        expectSuccess(outcome)
        let object = try json(outcome)
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["billed"] as? Double == 250.00 && summary["received"] as? Double == 140.00)
        #expect(summary["collection_ratio"] as? Double == 0.56)
        // (Foundation's JSON reader on Linux may be one ulp off the printed shortest form.)
        #expect(abs((summary["coverage_ratio"] as? Double ?? 0) - 262_769_113.0 / 271_066_356.0) < 1e-15)
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units.compactMap { $0["compliance"] as? String } == ["on_time", "arrears_61_90", "arrears_1_30"])
        let text = try tolok(["run", "coverage", "--data", coverage, "--decimal-comma"])
        #expect(text.stdout.contains("96.94%"))
        expectBadInput(try tolok(["run", "contributions", "--data", bills]), ["--as-of"])
        expectBadInput(try tolok(["run", "contributions", "--data", bills, "--as-of", "2024-03-31", "--buckets", "60,30"]), ["--buckets"])
    }

    @Test func loanCollectibilityBoundaries() throws {
        let rows = [0, 1, 90, 91, 120, 121, 180, 181].enumerated().map { "L\($0.offset),1000,\($0.element)" }.joined(separator: "\n")
        let f = try folder.file("loans.csv", "loan,outstanding,days_past_due\n" + rows + "\n")
        let outcome = try tolok(["run", "loan-collectibility", "--data", f, "--id", "loan", "--format", "json"])
        expectSuccess(outcome)
        let object = try json(outcome)
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units.compactMap { $0["kol"] as? Int } == [1, 2, 2, 3, 3, 4, 4, 5])
        #expect((object["summary"] as? [String: Any])?["npl_ratio"] as? Double == 5.0 / 8.0)
        let bad = try folder.file("bad.csv", "loan,outstanding,days_past_due\nL1,1000,ten\n")
        expectBadInput(try tolok(["run", "loan-collectibility", "--data", bad]), ["bad.csv: line 2 (data row 1), column \"days_past_due\"", "got \"ten\""])
    }

    /// Every worked command of docs/INSURANCE.md runs on the bundled examples.
    @Test func documentedCommandsRun() throws {
        let d = { TolokProcess.dataset("insurance/" + $0) }
        let commands: [[String]] = [
            ["run", "underwriting", "--data", d("underwriting_seed003.csv")],
            ["run", "underwriting", "--data", d("underwriting_branches.csv"), "--group-by", "branch,class", "--table", "groups"],
            ["run", "risk-placement", "--data", d("risk_placement_seed003.csv"), "--id", "risk"],
            ["run", "recoveries", "--data", d("recoveries_seed004_ledger.csv"), "--statements", d("recoveries_seed004_statements.csv"), "--splits", d("recoveries_seed004_splits.csv")],
            ["run", "recoveries", "--data", d("recoveries_ledger.csv"), "--statements", d("recoveries_statements.csv"), "--splits", d("recoveries_splits.csv"), "--table", "exceptions"],
            ["run", "contributions", "--data", d("contributions_bills.csv"), "--id", "bill", "--as-of", "2024-03-31", "--coverage", d("coverage_seed002.csv"), "--target", "0.98"],
            ["run", "coverage", "--data", d("coverage_seed002.csv"), "--target", "0.98"],
            ["run", "loan-collectibility", "--data", d("loans.csv"), "--id", "loan", "--group-by", "branch"],
        ]
        for c in commands { expectSuccess(try tolok(c)) }
    }
}
