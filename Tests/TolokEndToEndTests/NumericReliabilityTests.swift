import Foundation
import Testing

/// Issue #11 (numeric reliability) through the built `tolok`: inputs that used to trap, print
/// NaN or write nonsense into integer columns are exit status 2 with one located line.
@Suite struct NumericReliabilityTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func tolok(_ arguments: [String]) throws -> TolokProcess.Outcome { try TolokProcess.run(arguments) }

    /// Exit status 2, one line on stderr containing every fragment, no trap.
    func expectBadInput(_ outcome: TolokProcess.Outcome, _ fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == 2, "exit status \(outcome.status), stderr: \(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "expected one line on stderr, got: \(outcome.stderr)", sourceLocation: sourceLocation)
        for f in fragments {
            #expect(outcome.stderr.contains(f), "stderr lacks \"\(f)\": \(outcome.stderr)", sourceLocation: sourceLocation)
        }
        #expect(!outcome.stderr.contains("Fatal error") && !outcome.stderr.contains("Unexpectedly found nil"), sourceLocation: sourceLocation)
    }

    static let longDate = "99999999999999999999-01-01"

    // MARK: Dates with a part longer than 19 digits

    @Test func overlongDateOptionIsAUsageError() throws {
        let bills = try folder.file("bills.csv", "bill,billed,received,due_date\nB1,100,100,2024-01-10\n")
        expectBadInput(try tolok(["run", "contributions", "--data", bills, "--id", "bill", "--as-of", Self.longDate]),
                       ["--as-of", "expects a date", "got \"\(Self.longDate)\""])
    }

    @Test func overlongDueDateCellIsLocated() throws {
        let bills = try folder.file("bills.csv", "bill,billed,received,due_date\nB1,100,100,2024-01-10\nB2,100,100,\(Self.longDate)\n")
        expectBadInput(try tolok(["run", "contributions", "--data", bills, "--id", "bill", "--as-of", "2024-03-31"]),
                       ["bills.csv: line 3 (data row 2), column \"due_date\"", "a date", "got \"\(Self.longDate)\""])
        let paid = try folder.file("paid.csv", "bill,billed,received,due_date,paid_date\nB1,100,100,2024-01-10,01/01/99999999999999999999\n")
        expectBadInput(try tolok(["run", "contributions", "--data", paid, "--id", "bill", "--as-of", "2024-03-31"]),
                       ["paid.csv: line 2 (data row 1), column \"paid_date\"", "got \"01/01/99999999999999999999\""])
    }

    @Test func overlongStatementAndStgrDatesAreLocated() throws {
        let ledger = try folder.file("ledger.csv", "bank,unit,debtor,claim_paid,stgr_date,shs\nA,U,Sri,1000,2023-01-10,1000\n")
        let splits = try folder.file("splits.csv", "bank,insurer_share\nA,0.70\n")
        let statements = try folder.file("st.csv", "debtor,date,credit,user_id\nSri,2023-02-01,10,U1\nSri,\(Self.longDate),10,U1\n")
        expectBadInput(try tolok(["run", "recoveries", "--data", ledger, "--statements", statements, "--splits", splits]),
                       ["st.csv: line 3 (data row 2), column \"date\"", "got \"\(Self.longDate)\""])
        let badLedger = try folder.file("ledger2.csv", "bank,unit,debtor,claim_paid,stgr_date,shs\nA,U,Sri,1000,\(Self.longDate),1000\n")
        let good = try folder.file("st2.csv", "debtor,date,credit,user_id\nSri,2023-02-01,10,U1\n")
        expectBadInput(try tolok(["run", "recoveries", "--data", badLedger, "--statements", good, "--splits", splits]),
                       ["ledger2.csv: line 2 (data row 1), column \"stgr_date\"", "got \"\(Self.longDate)\""])
    }

    // MARK: Tiny option values

    /// Each option is range-checked when parsed: one line, exit 2, nothing printed as NaN.
    @Test func tinyFractionOptionsAreUsageErrors() throws {
        let d = { TolokProcess.dataset("insurance/" + $0) }
        let cases: [([String], String)] = [
            (["run", "risk-placement", "--data", d("risk_placement_seed003.csv"), "--id", "risk", "--max-retention", "1e-300"], "--max-retention"),
            (["run", "underwriting", "--data", d("underwriting_seed003.csv"), "--reserve-floor", "1e-300"], "--reserve-floor"),
            (["run", "coverage", "--data", d("coverage_seed002.csv"), "--target", "1e-300"], "--target"),
        ]
        for (arguments, option) in cases {
            let outcome = try tolok(arguments)
            expectBadInput(outcome, [option, "1e-300"])
            #expect(!outcome.stdout.contains("NaN") && !outcome.stdout.contains("nan"))
        }
    }

    // MARK: Counts

    @Test func coverageCountsAreBoundedIntegers() throws {
        let huge = try folder.file("cov.csv", "region,participants,population\nX,10000000000000000000000000000000,20000000000000000000000000000000\n")
        expectBadInput(try tolok(["run", "coverage", "--data", huge]),
                       ["cov.csv: line 2 (data row 1), column \"participants\"", "whole number of people", "got \"10000000000000000000000000000000\""])
        let money = try folder.file("cov2.csv", "region,participants,population\nX,Rp 5,10\n")
        expectBadInput(try tolok(["run", "coverage", "--data", money]),
                       ["cov2.csv: line 2 (data row 1), column \"participants\"", "got \"Rp 5\""])
        let withTarget = try folder.file("cov3.csv", "region,participants,population\nX,5,99999999999999999999\n")
        expectBadInput(try tolok(["run", "coverage", "--data", withTarget, "--target", "0.98"]),
                       ["cov3.csv: line 2 (data row 1), column \"population\"", "got \"99999999999999999999\""])
        // Large but sane counts stay integers in every format.
        let sane = try folder.file("cov4.csv", "region,participants,population\nX,262769113,271066356\n")
        let csv = try tolok(["run", "coverage", "--data", sane, "--target", "0.98", "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.contains("X,ok,262769113,271066356,"), "\(csv.stdout)")
    }

    @Test func daysPastDueAreWholeDaysNotMoney() throws {
        for (cell, shown) in [("Rp 5", "Rp 5"), ("\"Rp. 5,00\"", "Rp. 5,00"), ("5.0", "5.0"), ("(5)", "(5)"), ("+5", "+5"), ("99999999999999999999", "99999999999999999999")] {
            let f = try folder.file("loans.csv", "loan,outstanding,days_past_due\nL1,1000,\(cell)\n")
            expectBadInput(try tolok(["run", "loan-collectibility", "--data", f, "--id", "loan"]),
                           ["loans.csv: line 2 (data row 1), column \"days_past_due\"", "days past due", "got \"\(shown)\""])
        }
    }
}
