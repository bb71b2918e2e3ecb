import Foundation
import Testing
import TolokCore
import TolokInsuranceModel
import TolokTestSupport

@Suite struct InsuranceOptionTests {
    static let underwritingHeader = UnderwritingComponent.allCases.map(\.rawValue).joined(separator: ",")
    static let underwriting = underwritingHeader + "\n100,10,20,5,30,6,40,45,8,9\n"
    static let risk = "sum_insured,rate,treaty_capacity,facultative,equity\n100,1%,40,50,100\n"
    static let coverage = "participants,population\n90,100\n"

    /// Fractions outside their range, or finer than `Decimal` money arithmetic can use, are
    /// usage errors (exit status 2) before any data is read.
    @Test func fractionOptionsAreBounded() {
        for bad in ["-0.1", "1.5", "nan", "1e-300"] {
            expectUsageError(["--reserve-floor"]) { _ = try run("underwriting", Self.underwriting, ["--reserve-floor", bad]) }
            expectUsageError(["--max-retention"]) { _ = try run("risk-placement", Self.risk, ["--max-retention", bad]) }
        }
        for bad in ["0", "-0.5", "1.01", "1e-300"] {
            expectUsageError(["--target"]) { _ = try run("coverage", Self.coverage, ["--target", bad]) }
            expectUsageError(["--target"]) {
                _ = try run("contributions", "billed,received\n1,1\n", ["--target", bad], files: ["coverage": Self.coverage])
            }
        }
        expectUsageError(["--reserve-floor", "at most 10 decimal places", "1e-300"]) {
            _ = try run("underwriting", Self.underwriting, ["--reserve-floor", "1e-300"])
        }
        expectUsageError(["--target applies to the coverage ratio"]) { _ = try run("contributions", "billed,received\n1,1\n", ["--target", "0.9"]) }
        expectUsageError(["--as-of", "a date", "\"31.03.2024\""]) {
            _ = try run("contributions", "billed,received,due_date\n1,0,2024-01-31\n", ["--as-of", "31.03.2024"])
        }
    }

    /// The bounds keep the uses of today valid: no floor, the whole premium, full coverage.
    @Test func boundaryValuesAreAccepted() throws {
        let none = try run("underwriting", Self.underwriting, ["--reserve-floor", "0"])
        #expect(none.cell("units", "1", "minimum_premium_reserve") == money("0"))
        let all = try run("underwriting", Self.underwriting, ["--reserve-floor", "1"])
        #expect(all.cell("units", "1", "minimum_premium_reserve") == money("75"))
        #expect(all.notes.contains { $0.contains("below 100%") })
        let strict = try run("risk-placement", Self.risk, ["--max-retention", "0"])
        #expect(strict.cell("units", "1", "retention_breach") == .bool(true))
        let full = try run("coverage", Self.coverage, ["--target", "1"])
        #expect(full.cell("total", "total", "gap_to_target") == .integer(10))
        // Defaults: 40% (KMK 481/1999) and 10% (Kep.1297/LK/2000), echoed as the host parsed them.
        let defaults = try run("underwriting", Self.underwriting)
        #expect(defaults.cell("units", "1", "minimum_premium_reserve") == money("30"))
        #expect(defaults.parameters.contains { $0.name == "reserve-floor" && $0.value == .number(0.4) })
        let risk = try run("risk-placement", Self.risk)
        #expect(risk.cell("units", "1", "retention_limit") == money("10"))
    }

    /// The options every insurance plugin declares are the descriptor's parameters, and the
    /// texts `tolok describe` prints cite sources in the repository's words (no MODELS.md, no
    /// seed file numbers).
    @Test func describeTextsPointAtTheRepository() throws {
        for id in ["underwriting", "risk-placement", "recoveries", "contributions", "coverage", "loan-collectibility"] {
            let d = try #require(PluginHarness.registry.plugin(id: id)?.descriptor, "\(id)")
            let texts = [d.summary] + d.parameters.map(\.summary) + d.references
            for text in texts {
                #expect(!text.contains("MODELS.md"), "\(id): \(text)")
                #expect(text.range(of: "seed 00", options: .caseInsensitive) == nil, "\(id): \(text)")
            }
            #expect(d.references.contains { $0.contains("docs/INSURANCE.md §") }, "\(id) points at docs/INSURANCE.md")
        }
    }
}

@Suite struct InsuranceVocabularyTests {
    /// The underwriting components are read through Core's vocabulary under their machine names.
    @Test func everyComponentHasItsRole() {
        #expect(ColumnRole.underwritingComponents.map(\.key) == UnderwritingComponent.allCases.map(\.rawValue))
    }

    /// `kantor` means one thing: a branch file (`kantor cabang`) is grouped by branch, a unit file
    /// (`KCP`) by unit; a plain `kantor` column is an office and is not taken for a branch.
    @Test func organisationalHeadersMeanOneLevel() throws {
        let values = "100,10,20,5,30,6,40,45,8,9"
        let header = InsuranceOptionTests.underwritingHeader
        let branches = try run("underwriting", "Kantor Cabang,\(header)\nJakarta,\(values)\nBandung,\(values)\n")
        #expect(try #require(branches.table("units")).columns.map(\.name).prefix(3) == ["id", "branch", "status"])
        #expect(branches.cell("units", "Jakarta", "underwriting_result") == money("45"))
        let office = try run("underwriting", "kantor,\(header)\nJakarta,\(values)\n")
        #expect(try #require(office.table("units")).columns.map(\.name).prefix(2) == ["id", "status"])
        let bills = try run("contributions", "kantor,billed,received\nJakarta,100,50\nBandung,10,10\n")
        #expect(bills.cell("groups", "Jakarta", "collection_ratio")?.double == 0.5)
        let regions = try run("coverage", "kantor wilayah,participants,population\nJawa,90,100\n")
        #expect(regions.cell("units", "Jawa", "coverage_ratio")?.double == 0.9)
    }
}

@Suite struct InsuranceModelTests {
    /// Ratios over a zero denominator are absent, not zero or infinite.
    @Test func ratiosOverZeroAreNil() throws {
        #expect(UnderwritingAccount().lossRatio == nil && UnderwritingAccount().retentionRatio == nil)
        #expect(Coverage(participants: 1, population: 0).ratio == nil)
        #expect(LoanBook(outstanding: [], daysPastDue: []).nplRatio == nil)
        #expect(ContributionBill(billed: 0, received: 0).collectionRatio == nil)
        let p = try RiskPlacement(sumInsured: 0, rate: 0, treatyCapacity: 0, facultative: 0, equity: 0)
        #expect(p.retentionShare == nil && p.grossPremium == 0)
        var a = UnderwritingAccount()
        a[.grossPremium] = 100
        a[.grossClaims] = 25
        #expect(a.lossRatio == Decimal(string: "0.25") && a.retentionRatio == 1)
    }

    /// The insurer's share is rounded per debtor; totals are sums of the rounded shares.
    @Test func recoveriesSplitPerDebtor() throws {
        let stgr = try #require(CivilDate(year: 2024, month: 1, day: 1))
        let debtors = ["A", "B"].enumerated().map { k, name in
            LedgerDebtor(row: k, line: k + 2, bank: "X", unit: "U", name: name, account: "", claimPaid: 10, stgrDate: stgr, shs: 10)
        }
        let entries = debtors.enumerated().map { k, d in
            StatementEntry(row: k, line: k + 2, bank: nil, name: d.name, account: "", date: CivilDate(year: 2024, month: 2, day: 1)!,
                           credit: Decimal(string: "0.05")!, userID: "u")
        }
        let r = try SubrogationRecoveries(debtors: debtors, entries: entries, shares: ["X": Decimal(string: "0.5")!])
        #expect(r.insurerShares == [Decimal(string: "0.03")!, Decimal(string: "0.03")!])  // 0.025 → 0.03 each
        #expect(r.totals([0, 1]).insurerShare == Decimal(string: "0.06"))
        #expect(r.totals([0, 1]).recoveryRate == Decimal(string: "0.003"))
        #expect(throws: SubrogationRecoveries.Problem.noSplitForBank(debtor: 0)) {
            _ = try SubrogationRecoveries(debtors: debtors, entries: entries, shares: [:])
        }
    }

    @Test func collectibilityRangesCoverEveryDay() {
        var previous = -1
        for c in Collectibility.allCases {
            #expect(c.daysPastDue.lower == previous + 1, "\(c)")
            #expect(Collectibility(daysPastDue: c.daysPastDue.lower) == c)
            if let upper = c.daysPastDue.upper { #expect(Collectibility(daysPastDue: upper) == c); previous = upper }
        }
        #expect(Collectibility.loss.daysPastDue.upper == nil)
    }
}
