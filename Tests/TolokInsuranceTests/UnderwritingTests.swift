import Foundation
import Testing
import TolokCore
import TolokInsuranceModel

@Suite struct UnderwritingTests {
    /// Working document 003 §2.4.2, "Contoh perhitungan surplus underwriting" (docs/INSURANCE.md §4).
    /// The document prints a surplus of 75.295.920,31, but its own components give 75.295.920,29:
    /// 303.218.002,35 − 52.679.080,71 − 73.561.494,36 + 9.480.441,14 − 90.058.512,11 +
    /// 10.314.664,35 − 24.418.392,95 − 6.999.707,42 = 75.295.920,29. The printed total is off by
    /// 0,02 (a rounding slip in the source). We verify the exact sum of the printed components.
    @Test func seedWorkedExample() throws {
        let r = try runDataset("underwriting", "underwriting_seed003.csv")
        let id = "Contoh / Semua kelas / seed 003"
        #expect(r.cell("units", id, "underwriting_result") == money("75295920.29"))
        #expect(r.cell("units", id, "underwriting_result") != money("75295920.31"))
        // The seed's intermediate lines: "+/- cad premi (24.418.392,95)", "+/- cad klaim (6.999.707,42)".
        #expect(r.cell("units", id, "premium_reserve_change") == money("-24418392.95"))
        #expect(r.cell("units", id, "claims_reserve_change") == money("-6999707.42"))
        #expect(r.cell("units", id, "retained_premium") == money("186457868.42"))
        #expect(r.cell("units", id, "net_earned_premium") == money("226120528.69"))
        #expect(r.cell("units", id, "net_commission") == money("64081053.22"))
        #expect(r.cell("units", id, "net_claims_incurred") == money("86743555.18"))
        // 40% of 186.457.868,42 = 74.583.147,368 ≤ 78.650.858,46 closing reserve: compliant.
        #expect(r.cell("units", id, "minimum_premium_reserve") == money("74583147.368"))
        #expect(r.cell("units", id, "premium_reserve_below_minimum") == .bool(false))
        #expect(r.cell("total", "total", "underwriting_result") == money("75295920.29"))
        #expect(r.summaryValue("underwriting_result") == money("75295920.29"))
        let nep = 226_120_528.69
        #expect(abs((r.summaryValue("loss_ratio")?.double ?? 0) - 86_743_555.18 / nep) < 1e-15)
        #expect(abs((r.summaryValue("commission_ratio")?.double ?? 0) - 64_081_053.22 / nep) < 1e-15)
        #expect(abs((r.summaryValue("combined_ratio")?.double ?? 0) - (86_743_555.18 + 64_081_053.22) / nep) < 1e-15)
        #expect(abs((r.summaryValue("retention_ratio")?.double ?? 0) - (303_218_002.35 - 52_679_080.71) / 303_218_002.35) < 1e-15)
    }

    @Test func resultIsNEPLessNCLessNCI() {
        var a = UnderwritingAccount()
        for (k, c) in UnderwritingComponent.allCases.enumerated() { a[c] = Decimal(1000 + 137 * k) + Decimal(string: "0.01")! * Decimal(k) }
        #expect(a.underwritingResult == a.netEarnedPremium - a.netCommission - a.netClaimsIncurred)
    }

    /// Synthetic file (Datasets/insurance/underwriting_branches.csv): 2 branches × 2 classes ×
    /// 2 years, Indonesian headers with underscores. Expected results computed independently with
    /// Python's decimal module when the file was made.
    @Test func groupSumsEqualTheTotalToTheCent() throws {
        let r = try runDataset("underwriting", "underwriting_branches.csv", ["--group-by", "branch,class", "--components"])
        #expect(r.cell("units", "Jakarta / Kebakaran / 2022", "underwriting_result") == money("14286535.18"))
        #expect(r.cell("units", "Jakarta / Kebakaran / 2023", "underwriting_result") == money("-327595.15"))
        #expect(r.cell("units", "Surabaya / Kendaraan / 2023", "underwriting_result") == money("60415044.51"))
        #expect(r.cell("groups", "Jakarta / Kebakaran", "underwriting_result") == money("13958940.03"))
        #expect(r.cell("groups", "Jakarta / Kendaraan", "underwriting_result") == money("15479329.15"))
        #expect(r.cell("groups", "Surabaya / Kebakaran", "underwriting_result") == money("21494717.45"))
        #expect(r.cell("groups", "Surabaya / Kendaraan", "underwriting_result") == money("71328622.27"))
        #expect(r.cell("total", "total", "underwriting_result") == money("122261608.90"))
        let moneyColumns = try #require(r.table("groups")).columns.filter { $0.format == .money }.map(\.name)
        #expect(moneyColumns.count == 10 + 8)
        for name in moneyColumns {
            let groupSum = r.column("groups", name).compactMap(\.decimal).reduce(0, +)
            let unitSum = r.column("units", name).compactMap(\.decimal).reduce(0, +)
            #expect(r.cell("total", "total", name)?.decimal == groupSum, "\(name)")
            #expect(unitSum == groupSum, "\(name)")
        }
        // Three rows hold a closing premium reserve below 40% of retained premium.
        #expect(r.summaryValue("reserve_below_minimum_rows") == .integer(3))
        #expect(r.cell("units", "Surabaya / Kendaraan / 2023", "premium_reserve_below_minimum") == .bool(true))
        #expect(r.notes.contains { $0.contains("KMK 481") })
        // Grouping by branch only, through the logical name.
        let byBranch = try runDataset("underwriting", "underwriting_branches.csv", ["--group-by", "branch"])
        #expect(byBranch.cell("groups", "Jakarta", "underwriting_result") == money("29438269.18"))
        #expect(byBranch.cell("groups", "Surabaya", "underwriting_result") == money("92823339.72"))
        #expect(byBranch.cell("groups", "Jakarta", "rows") == .integer(4))
    }

    @Test func headerNamesInAnyCaseSpacingOrMapping() throws {
        let values = "100,10,20,5,30,6,40,45,8,9"
        let english = "gross_premium,reinsurance_premium,commission_paid,reinsurance_commission,gross_claims,reinsurance_claims,premium_reserve_opening,premium_reserve_closing,claims_reserve_opening,claims_reserve_closing"
        let spaced = "PREMI BRUTO,premi reasuransi,Komisi,komisi  reasuransi,klaim bruto,Klaim_Reasuransi,cadangan premi awal,Cadangan-Premi-Akhir,cadangan klaim awal,cadangan klaim akhir"
        // 100 − 10 − 20 + 5 − 30 + 6 + (40 − 45) + (8 − 9) = 45
        for header in [english, spaced] {
            let r = try run("underwriting", "\(header)\n\(values)\n")
            #expect(r.cell("units", "1", "underwriting_result") == money("45"), "\(header)")
        }
        let odd = "PB,PR,K,KR,KB,KRe,CPA,CPK,CKA,CKK"
        let map = "gross_premium=PB,reinsurance_premium=PR,commission=K,reinsurance_commission=KR,gross_claims=KB,reinsurance_claims=KRe,premium_reserve_opening=CPA,premium_reserve_closing=CPK,claims_reserve_opening=CKA,claims_reserve_closing=CKK"
        let r = try run("underwriting", "\(odd)\n\(values)\n", ["--map", map])
        #expect(r.cell("units", "1", "underwriting_result") == money("45"))
        // Retained 75, 40% = 30 ≤ 45: fine; with a 70% floor (52.5) the 45 reserve is flagged.
        let strict = try run("underwriting", "\(english)\n\(values)\n", ["--reserve-floor", "0.7"])
        #expect(strict.cell("units", "1", "premium_reserve_below_minimum") == .bool(true))
    }

    @Test func zeroPremiumGivesEmptyRatios() throws {
        let header = UnderwritingComponent.allCases.map(\.rawValue).joined(separator: ",")
        let r = try run("underwriting", "\(header)\n0,0,0,0,0,0,0,0,0,0\n")
        #expect(r.cell("units", "1", "loss_ratio") == .missing)
        #expect(r.cell("units", "1", "retention_ratio") == .missing)
        #expect(r.cell("units", "1", "underwriting_result") == money("0"))
    }

    @Test func badInputIsLocated() throws {
        let header = UnderwritingComponent.allCases.map(\.rawValue).joined(separator: ",")
        let withoutClaims = header.replacingOccurrences(of: ",gross_claims", with: "")
        expectDataError(["u.csv", "column \"gross_claims\"", "klaim bruto", "--map gross_claims=COLUMN"]) {
            _ = try run("underwriting", "\(withoutClaims)\n1,2,3,4,5,6,7,8,9\n", source: "u.csv")
        }
        expectDataError(["u.csv: line 3 (data row 2), column \"gross_premium\"", "non-negative amount", "got \"-100\""]) {
            _ = try run("underwriting", "\(header)\n1,1,1,1,1,1,1,1,1,1\n-100,1,1,1,1,1,1,1,1,1\n", source: "u.csv")
        }
        expectDataError(["u.csv: line 2 (data row 1), column \"commission\"", "got \"n/a-ish\""]) {
            _ = try run("underwriting", "\(header)\n1,1,n/a-ish,1,1,1,1,1,1,1\n", source: "u.csv")
        }
        expectDataError(["one column for gross premium", "\"gross_premium\" and \"premi bruto\""]) {
            _ = try run("underwriting", "\(header),premi bruto\n1,1,1,1,1,1,1,1,1,1,1\n")
        }
        expectDataError(["line 3 (data row 2)", "one row per branch × class", "line 2"]) {
            _ = try run("underwriting", "branch,class,\(header)\nA,Fire,1,1,1,1,1,1,1,1,1,1\nA,Fire,1,1,1,1,1,1,1,1,1,1\n")
        }
        #expect(throws: UsageError.self) { _ = try run("underwriting", "\(header)\n1,1,1,1,1,1,1,1,1,1\n", ["--map", "premium=x"]) }
    }
}

@Suite struct RiskPlacementTests {
    /// Working document 003 §2.4.2 (docs/INSURANCE.md §5): 100 bn at 1% → 1 bn; treaty 40 bn → 400 m; facultative 50 bn → 500 m;
    /// own retention 10 bn → 100 m, allowed with equity 100 bn (limit 10% = 10 bn, Kep.1297/LK/2000).
    @Test func seedExample() throws {
        let r = try runDataset("risk-placement", "risk_placement_seed003.csv", id: "risk")
        let id = "seed 003 example"
        #expect(r.cell("units", id, "gross_premium") == money("1000000000"))
        #expect(r.cell("units", id, "treaty_sum") == money("40000000000"))
        #expect(r.cell("units", id, "treaty_premium") == money("400000000"))
        #expect(r.cell("units", id, "facultative_sum") == money("50000000000"))
        #expect(r.cell("units", id, "facultative_premium") == money("500000000"))
        #expect(r.cell("units", id, "retention_sum") == money("10000000000"))
        #expect(r.cell("units", id, "retention_premium") == money("100000000"))
        #expect(r.cell("units", id, "retention_limit") == money("10000000000"))
        #expect(r.cell("units", id, "retention_breach") == .bool(false))
        #expect(r.cell("units", "equity 80 bn", "retention_breach") == .bool(true))
        #expect(r.summaryValue("retention_breaches") == .integer(1))
    }

    @Test func layersAlwaysAddUpToTheGrossPremium() throws {
        // 1/3 shares: treaty and facultative premiums round; retention takes the remainder.
        let p = try RiskPlacement(sumInsured: 300, rate: Decimal(string: "0.00333")!, treatyCapacity: 100, facultative: 100, equity: 10_000)
        #expect(p.grossPremium == 1)
        #expect(p.treatyPremium == Decimal(string: "0.33"))
        #expect(p.facultativePremium == Decimal(string: "0.33"))
        #expect(p.retentionPremium == Decimal(string: "0.34"))
        // A treaty larger than the risk takes all of it.
        let small = try RiskPlacement(sumInsured: 10, rate: Decimal(string: "0.01")!, treatyCapacity: 40, facultative: 0, equity: 0)
        #expect(small.treatySum == 10 && small.retentionSum == 0 && !small.retentionBreach)
        #expect(throws: RiskPlacement.Problem.facultativeExceedsRemainder(60)) {
            _ = try RiskPlacement(sumInsured: 100, rate: 0, treatyCapacity: 40, facultative: 61, equity: 100)
        }
    }

    @Test func ratesAndErrors() throws {
        #expect(MoneyText.parseRate("1%", format: .decimalPoint) == Decimal(string: "0.01"))
        #expect(MoneyText.parseRate("1,5‰", format: .decimalComma) == Decimal(string: "0.0015"))
        #expect(MoneyText.parseRate("0.01", format: .decimalPoint) == Decimal(string: "0.01"))
        let header = "sum_insured,rate,treaty_capacity,facultative,equity\n"
        expectDataError(["r.csv: line 2 (data row 1), column \"rate\"", "got \"1\""]) {
            _ = try run("risk-placement", header + "100,1,40,50,100\n", source: "r.csv")  // 1 = 100%: refused
        }
        expectDataError(["r.csv: line 2 (data row 1), column \"facultative\"", "60.00", "got \"70\""]) {
            _ = try run("risk-placement", header + "100,1%,40,70,100\n", source: "r.csv")
        }
        expectDataError(["column \"equity\"", "modal sendiri"]) {
            _ = try run("risk-placement", "sum_insured,rate,treaty_capacity\n100,1%,40\n")
        }
    }
}
