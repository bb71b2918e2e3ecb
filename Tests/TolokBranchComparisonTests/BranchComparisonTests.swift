import Foundation
import Testing
import TolokCore
import TolokDEAModel
import TolokTestSupport

@Suite struct BranchComparisonTests {
    static let file = "branches/branches_2025.csv"

    func run(_ args: [String] = []) throws -> AnalysisResult {
        try PluginHarness.run("branch-comparison", data: Self.file, args)
    }

    @Test func bundledStudyRunsAndTotalsAreExact() throws {
        let r = try run()
        let t = try r.requireTable("units")
        #expect(t.rows.count == 24)
        #expect(try t.texts("status").allSatisfy { $0 == "ok" })
        // The company total equals the sum of the branch results to the cent (Decimal).
        let branchSum = try #require(t.values(of: "underwriting_result")).reduce(Decimal(0)) { acc, v in
            if case .money(let d) = v { return acc + d }
            Issue.record("not money: \(v)")
            return acc
        }
        guard case .money(let total)? = r.summaryValue("total_underwriting_result") else { Issue.record("no total"); return }
        #expect(branchSum == total)
        // Three branches have a negative underwriting result: the note says how DEA handled it.
        #expect(r.notes.contains { $0.contains("shifted") && $0.contains("Ali & Seiford") })
    }

    /// Efficient branches rank 1 and learn from nobody; every inefficient branch ranks below 1
    /// and learns only from efficient branches; the summary counts the efficient ones.
    @Test func classesRanksAndPeersAgree() throws {
        let r = try run()
        let t = try r.requireTable("units")
        let ids = try t.texts("id"), cls = try t.texts("class"), peers = try t.texts("peers")
        let ranks = try #require(t.values(of: "rank"))
        let efficient = Set(zip(ids, cls).filter { $0.1 == "efficient" }.map(\.0))
        #expect(efficient.count >= 2 && efficient.count < ids.count, "the bundled study has efficient and inefficient branches")
        #expect(efficient.count == Int(try r.summaryNumber("efficient_branches")))
        for k in ids.indices {
            if cls[k] == "efficient" {
                #expect(ranks[k] == .integer(1), "branch \(ids[k])")
                #expect(peers[k] == "—", "branch \(ids[k])")
            } else {
                guard case .integer(let rank) = ranks[k] else { Issue.record("branch \(ids[k]) has no rank"); continue }
                #expect(rank > 1, "branch \(ids[k])")
                // "Jakarta Pusat (62%), Bandung (38%)": every named peer is an efficient branch.
                let named = peers[k].split(separator: ",").map { entry in
                    entry.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: #" \(\d+%\)$"#, with: "", options: .regularExpression)
                }
                #expect(!named.isEmpty, "branch \(ids[k]) lists no peers")
                for p in named { #expect(efficient.contains(String(p)), "branch \(ids[k]) learns from \(p), which is not efficient") }
            }
        }
    }

    /// Input-oriented VRS is translation invariant in outputs (Ali & Seiford 1990): the scores
    /// equal those of the DEA model on the underwriting result shifted by any constant.
    @Test func translationInvariance() throws {
        let t = try run().requireTable("units")
        let scores = try t.numbers("efficiency")
        let uw = try t.numbers("underwriting_result")
        let data = try CSVLoader.load(path: PluginHarness.dataset(Self.file))
        let inputs = try ["staff", "operating_expenses", "commission"].map { try data.numbers($0) }
        let premium = try data.numbers("gross_premium")
        #expect(uw.contains { $0 < 0 }, "the study has loss-making branches, so the shift matters")
        for shift in [2_000.0, 50_000.0] {
            let direct = DEAModel(orientation: .input, rts: .vrs).score(DEAData(inputs: inputs, outputs: [premium, uw.map { $0 + shift }]))
            #expect(direct.count == scores.count)
            for j in scores.indices { #expect(abs(direct[j].radial - scores[j]) <= 1e-7, "branch \(j) shift \(shift)") }
        }
    }

    @Test func negativeComponentIsALocatedError() throws {
        let text = "branch,staff,operating_expenses,gross_premium,reinsurance_premium,commission,reinsurance_commission,gross_claims,reinsurance_claims,premium_reserve_opening,premium_reserve_closing,claims_reserve_opening,claims_reserve_closing\nA,10,100,-5,1,1,1,1,1,1,1,1,1\n"
        let e = try #require(throws: DataError.self) { try PluginHarness.run("branch-comparison", csvText: text, name: "b.csv") }
        #expect(e.description.contains("b.csv: line 2 (data row 1), column \"gross_premium\""))
    }
}
