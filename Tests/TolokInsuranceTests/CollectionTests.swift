import Foundation
import Testing
import TolokCore
import TolokInsuranceModel

@Suite struct ContributionsTests {
    @Test func bucketBoundaries() throws {
        let b = try ArrearsBuckets(bounds: [30, 60, 90])
        #expect([1, 30, 31, 60, 61, 90, 91, 500].map(b.bucket(days:)) == [0, 0, 1, 1, 2, 2, 3, 3])
        #expect((0..<b.count).map { b.days($0).lower } == [1, 31, 61, 91])
        #expect((0..<b.count).map { b.days($0).upper } == [30, 60, 90, nil])
        let custom = try ArrearsBuckets(bounds: [7, 14])
        #expect((0..<custom.count).map { custom.days($0).lower } == [1, 8, 15])
        #expect((0..<custom.count).map { custom.days($0).upper } == [7, 14, nil])
        // The report names the buckets by their days.
        let r = try run("contributions", "billed,received,due_date,paid_date\n100,0,2024-01-10,\n", ["--as-of", "2024-01-20", "--buckets", "7,14"])
        #expect(try #require(r.table("groups")).columns.map(\.name).suffix(3) == ["arrears_1_7", "arrears_8_14", "arrears_over_14"])
        #expect(r.column("units", "compliance") == [.text("arrears_8_14")])
        expectUsageError(["--buckets", "strictly increasing", "60,30"]) { _ = try run("contributions", "billed,received\n1,1\n", ["--buckets", "60,30"]) }
        expectUsageError(["--buckets", "whole day counts", "\"x\""]) { _ = try run("contributions", "billed,received\n1,1\n", ["--buckets", "30,x"]) }
        #expect(throws: ArrearsBuckets.Problem.notIncreasingPositive([30, 30])) { try ArrearsBuckets(bounds: [30, 30]) }
        #expect(throws: ArrearsBuckets.Problem.notIncreasingPositive([0, 30])) { try ArrearsBuckets(bounds: [0, 30]) }
    }

    @Test func classification() throws {
        let b = try ArrearsBuckets(bounds: [30, 60, 90])
        let due = CivilDate(parsing: "2024-01-31")!
        func bill(_ received: Decimal, paid: String? = nil) -> ContributionBill {
            ContributionBill(billed: 100, received: received, dueDate: due, paidDate: paid.flatMap(CivilDate.init(parsing:)))
        }
        func asOf(_ s: String) -> CivilDate { CivilDate(parsing: s)! }
        #expect(try bill(100, paid: "2024-01-31").classify(asOf: nil, buckets: b) == (.onTime, 0))
        #expect(try bill(100, paid: "2024-02-01").classify(asOf: nil, buckets: b) == (.late, 1))
        #expect(try bill(120, paid: "2024-01-01").classify(asOf: nil, buckets: b) == (.onTime, 0))
        #expect(try bill(0).classify(asOf: asOf("2024-01-31"), buckets: b) == (.notDue, 0))
        #expect(try bill(0).classify(asOf: asOf("2024-02-01"), buckets: b) == (.arrears(bucket: 0), 1))
        #expect(try bill(99).classify(asOf: asOf("2024-03-01"), buckets: b) == (.arrears(bucket: 0), 30))
        #expect(try bill(99).classify(asOf: asOf("2024-03-02"), buckets: b) == (.arrears(bucket: 1), 31))
        #expect(try bill(0).classify(asOf: asOf("2024-04-30"), buckets: b) == (.arrears(bucket: 2), 90))
        #expect(try bill(0).classify(asOf: asOf("2024-05-01"), buckets: b) == (.arrears(bucket: 3), 91))
        #expect(throws: ContributionBill.Problem.paidInFullWithoutDate) { _ = try bill(100).classify(asOf: nil, buckets: b) }
        #expect(throws: ContributionBill.Problem.outstandingWithoutAsOf) { _ = try bill(0).classify(asOf: nil, buckets: b) }
    }

    /// Synthetic bills (Datasets/insurance/contributions_bills.csv), arrears counted to 31/03/2024.
    @Test func collectionAndCompliance() throws {
        let r = try runDataset("contributions", "contributions_bills.csv", ["--as-of", "31/03/2024"], id: "bill")
        #expect(r.column("units", "compliance").compactMap(\.string) ==
                ["on_time", "late", "arrears_61_90", "arrears_31_60", "on_time", "arrears_1_30", "arrears_over_90", "not_due"])
        #expect(r.column("units", "days_past_due").compactMap(\.asInteger) == [0, 5, 81, 50, 0, 21, 112, 0])
        #expect(r.cell("total", "total", "billed") == money("7000000"))
        #expect(r.cell("total", "total", "received") == money("4700000"))
        #expect(r.cell("total", "total", "outstanding") == money("2300000"))
        #expect(r.cell("total", "total", "collection_ratio")?.double == 47.0 / 70.0)
        #expect(r.cell("groups", "2024-02 / Jakarta / PBPU", "collection_ratio")?.double == 0.4)
        #expect(r.cell("compliance", "total / on_time", "bills") == .integer(2))
        #expect(r.cell("compliance", "total / on_time", "share_of_bills")?.double == 0.25)
        // Per office only, and with custom buckets.
        let byOffice = try runDataset("contributions", "contributions_bills.csv", ["--as-of", "2024-03-31", "--group-by", "office", "--buckets", "60"], id: "bill")
        #expect(byOffice.cell("groups", "Jakarta", "billed") == money("4000000"))
        #expect(byOffice.cell("groups", "Jakarta", "received") == money("3200000"))
        #expect(byOffice.cell("groups", "Jakarta", "arrears_1_60") == .integer(1))
        #expect(byOffice.cell("groups", "Jakarta", "arrears_over_60") == .integer(1))
        #expect(byOffice.cell("groups", "Bandung", "collection_ratio")?.double == 0.5)
        let groupSum = byOffice.column("groups", "billed").compactMap(\.decimal).reduce(0, +)
        #expect(groupSum == 7_000_000)
    }

    /// Working document 002 (docs/INSURANCE.md §7): BPJS Kesehatan covered 262.769.113 of 271.066.356 people = 96,94%.
    @Test func seedCoverage() throws {
        let r = try runDataset("coverage", "coverage_seed002.csv", ["--target", "0.98"])
        let ratio = try #require(r.summaryValue("coverage_ratio")?.double)
        #expect(ratio == 262_769_113.0 / 271_066_356.0)
        #expect((ratio * 10_000).rounded() / 100 == 96.94)
        // 98% of 271.066.356 = 265.645.028,88 → 265.645.029 people: 2.875.916 more to enrol.
        #expect(r.cell("total", "total", "gap_to_target") == .integer(2_875_916))
        #expect(r.cell("total", "total", "below_target") == .bool(true))
        // The Indonesian way of writing the same counts, and through contributions --coverage.
        let indonesian = "wilayah;peserta;penduduk\nIndonesia;262.769.113;271.066.356\n"
        let c = try run("coverage", indonesian, numberFormat: .decimalComma)
        #expect(c.summaryValue("coverage_ratio")?.double == ratio)
        let viaContributions = try run("contributions", "billed,received\n100,90\n", files: ["coverage": "participants,population\n262769113,271066356\n"])
        #expect(viaContributions.summaryValue("coverage_ratio")?.double == ratio)
        #expect(viaContributions.summaryValue("collection_ratio")?.double == 0.9)
    }

    @Test func badInputIsLocated() throws {
        let header = "billed,received,due_date,paid_date\n"
        expectDataError(["c.csv: line 3 (data row 2), column \"due_date\"", "a date", "got \"2024-02-31\""]) {
            _ = try run("contributions", header + "1,1,2024-01-31,2024-01-31\n1,1,2024-02-31,2024-01-31\n", source: "c.csv")
        }
        expectDataError(["c.csv: line 2 (data row 1), column \"paid_date\"", "payment date"]) {
            _ = try run("contributions", header + "1,1,2024-01-31,\n", source: "c.csv")
        }
        expectDataError(["c.csv: line 2 (data row 1), column \"received\"", "non-negative", "got \"-1\""]) {
            _ = try run("contributions", header + "1,-1,2024-01-31,\n", source: "c.csv")
        }
        #expect(throws: UsageError.self) { _ = try run("contributions", header + "1,0,2024-01-31,\n") }  // no --as-of
        #expect(throws: UsageError.self) { _ = try run("contributions", header + "1,0,2024-01-31,\n", ["--as-of", "31.03.2024"]) }
        expectDataError(["cov.csv: line 2 (data row 1), column \"population\"", "positive", "got \"0\""]) {
            _ = try run("coverage", "participants,population\n5,0\n", source: "cov.csv")
        }
        expectDataError(["cov.csv: line 2 (data row 1), column \"participants\"", "whole number", "got \"5.5\""]) {
            _ = try run("coverage", "participants,population\n5.5,10\n", source: "cov.csv")
        }
    }
}

@Suite struct LoanCollectibilityTests {
    @Test func boundaries() {
        let expected: [(Int, Collectibility)] = [(0, .current), (1, .specialMention), (90, .specialMention), (91, .substandard),
                                                 (120, .substandard), (121, .doubtful), (180, .doubtful), (181, .loss), (10_000, .loss)]
        for (days, kol) in expected { #expect(Collectibility(daysPastDue: days) == kol, "\(days) days") }
        #expect(!Collectibility.specialMention.isNonPerforming && Collectibility.substandard.isNonPerforming)
    }

    /// Datasets/insurance/loans.csv: one loan on each side of every boundary. NPL = Kol 3–5 =
    /// 30 + 20 + 10 + 5 + 2,5 = 67,5 m of 257,5 m.
    @Test func nplRatio() throws {
        let r = try runDataset("loan-collectibility", "loans.csv", ["--group-by", "branch"], id: "loan")
        #expect(r.column("units", "kol").compactMap(\.asInteger) == [1, 2, 2, 3, 3, 4, 4, 5])
        #expect(r.summaryValue("outstanding") == money("257500000"))
        #expect(r.summaryValue("npl_outstanding") == money("67500000"))
        #expect(r.summaryValue("npl_ratio")?.double == 67.5 / 257.5)
        #expect(r.cell("classes", "kol_2", "outstanding") == money("90000000"))
        #expect(r.cell("classes", "kol_5", "loans") == .integer(1))
        #expect(r.cell("groups", "Jakarta", "npl_ratio")?.double == 30.0 / 220.0)
        #expect(r.cell("groups", "Bandung", "npl_ratio")?.double == 1)
    }

    @Test func badInputIsLocated() throws {
        expectDataError(["l.csv: line 3 (data row 2), column \"days_past_due\"", "whole, non-negative", "got \"-1\""]) {
            _ = try run("loan-collectibility", "outstanding,days_past_due\n1,0\n1,-1\n", source: "l.csv")
        }
        expectDataError(["l.csv: line 2 (data row 1), column \"days_past_due\"", "got \"1.5\""]) {
            _ = try run("loan-collectibility", "outstanding,days_past_due\n1,1.5\n", source: "l.csv")
        }
        expectDataError(["column \"outstanding\"", "baki debet"]) {
            _ = try run("loan-collectibility", "plafon,dpd\n1,1\n")  // a credit limit is not the outstanding balance
        }
        // The outstanding balance is one role of the vocabulary, also named balance or saldo
        // (as in the account statements of the recoveries plugin).
        let balance = try run("loan-collectibility", "balance,dpd\n1000,91\n")
        #expect(balance.summaryValue("npl_outstanding") == money("1000"))
    }
}
