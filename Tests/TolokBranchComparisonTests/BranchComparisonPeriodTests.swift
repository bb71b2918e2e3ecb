import Foundation
import Testing
import TolokCore
import TolokTestSupport

/// `branch-comparison --period`: the latest period compared as without --period, and per branch
/// the efficiency change, technical change and Malmquist index between periods — the same numbers
/// as `dea --period --rts vrs` (whose Malmquist is checked against DEA.jl's printed values in
/// the DEA tests) on the same inputs and outputs.
@Suite struct BranchComparisonPeriodTests {
    static let panel = "branches/branches_2024_2025.csv"
    static let inputs = "staff,operating_expenses,commission"

    func numbers(_ t: ResultTable, _ name: String) throws -> [Double?] {
        try #require(t.values(of: name)).map { v in if case .missing = v { return nil }; return v.double }
    }

    @Test func indicesEqualTheDEAPluginsMalmquist() throws {
        let bc = try PluginHarness.run("branch-comparison", data: Self.panel, ["--period", "period", "--outputs", "gross_premium"])
        let dea = try PluginHarness.run("dea", data: Self.panel, id: "branch",
                                        ["--period", "period", "--rts", "vrs", "--inputs", Self.inputs, "--outputs", "gross_premium"])
        let p = try #require(bc.table("periods")), q = try #require(dea.table("pairs"))
        #expect(p.rows.count == 24)
        #expect(p.values(of: "id") == q.values(of: "id"))
        #expect(p.values(of: "status") == q.values(of: "status"))
        #expect(try numbers(p, "status").count == 24)
        var ok = 0
        for (mine, theirs) in [("malmquist", "malmquist"), ("effch", "effch"), ("techch", "techch"), ("efficiency_from", "d_from_from"), ("efficiency_to", "d_to_to")] {
            for (a, b) in zip(try numbers(p, mine), try numbers(q, theirs)) {
                #expect((a == nil) == (b == nil) || mine.hasPrefix("efficiency"))
                if let a, let b { #expect(abs(a - b) <= 1e-12, "\(mine) \(a) vs \(b)"); ok += 1 }
            }
        }
        #expect(ok > 40)
        // Decomposition: malmquist = effch × techch, effch = efficiency_to / efficiency_from.
        for row in p.rows {
            guard let m = row[8].double, let e = row[6].double, let t = row[7].double, let f = row[4].double, let to = row[5].double else { continue }
            #expect(abs(m - e * t) <= 1e-12 && abs(e - to / f) <= 1e-12)
        }
    }

    @Test func theLatestPeriodIsComparedAsWithoutPeriod() throws {
        let withPeriod = try PluginHarness.run("branch-comparison", data: Self.panel, ["--period", "period"])
        let alone = try PluginHarness.run("branch-comparison", data: "branches/branches_2025.csv")
        let a = try #require(withPeriod.table("units")), b = try #require(alone.table("units"))
        #expect(a.values(of: "id") == b.values(of: "id"))
        #expect(a.values(of: "underwriting_result") == b.values(of: "underwriting_result"))
        // The negative-output shift differs (both periods' minimum); VRS input scores do not move.
        for (x, y) in zip(try numbers(a, "efficiency"), try numbers(b, "efficiency")) {
            #expect(abs(try #require(x) - (try #require(y))) <= 1e-9)
        }
        // With the shifted underwriting result as an output the indices still exist and decompose.
        let p = try #require(withPeriod.table("periods"))
        #expect(p.rows.contains { $0[1] == .text("ok") })
        let html = HTMLRenderer.render(withPeriod, language: .id)
        #expect(html.contains("<section id=\"periods\""))
        #expect(html.contains("Perubahan antarperiode"))
        #expect(!HTMLRenderer.render(alone, language: .en).contains("<section id=\"periods\""))
    }

    @Test func periodNeedsBranchesAndTwoPeriods() throws {
        // No branch column (and no --id): branches cannot be matched across periods.
        let panel = try String(contentsOfFile: PluginHarness.dataset(Self.panel), encoding: .utf8)
        #expect(throws: UsageError.self) {
            try PluginHarness.run("branch-comparison", csvText: "name" + panel.dropFirst("branch".count), ["--period", "period"])
        }
        let one = "branch,period," + (try String(contentsOfFile: PluginHarness.dataset("branches/branches_one.csv"), encoding: .utf8))
            .split(separator: "\n")[0].split(separator: ",", maxSplits: 1)[1] + "\nA,2025,62,11988.13,5502.71,1035.15,814.39,269.40,2254.21,427.27,1723.91,1836.19,268.15,329.66,243.12,30.44\n"
        #expect(throws: UsageError.self) { try PluginHarness.run("branch-comparison", csvText: one, ["--period", "period"]) }
    }
}
