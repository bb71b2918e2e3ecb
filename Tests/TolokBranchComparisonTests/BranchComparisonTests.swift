import Foundation
import Testing
import TolokCore
import TolokDEAModel
import TolokInsuranceModel
@testable import TolokBranchComparison

@Suite struct BranchComparisonTests {
    static let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets/branches/branches_2025.csv").path

    func run(_ args: [String], data: Dataset? = nil) throws -> AnalysisResult {
        let plugin = BranchComparisonPlugin()
        let parameters = try PluginArgumentParser.parse(args, for: plugin.descriptor)
        return try plugin.run(AnalysisRequest(dataset: try data ?? CSVLoader.load(path: Self.file), parameters: parameters))
    }

    @Test func bundledStudyRunsAndTotalsAreExact() throws {
        let r = try run([])
        let t = try #require(r.table("units"))
        #expect(t.rows.count == 24)
        #expect(t.values(of: "status")!.allSatisfy { $0.string == "ok" })
        // The company total equals the sum of the branch results to the cent (Decimal).
        let branchSum = t.values(of: "underwriting_result")!.reduce(Decimal(0)) { acc, v in
            if case .money(let d) = v { return acc + d }
            Issue.record("not money: \(v)")
            return acc
        }
        guard case .money(let total)? = r.summaryValue("total_underwriting_result") else { Issue.record("no total"); return }
        #expect(branchSum == total)
        // Three branches have a negative underwriting result: the note says how DEA handled it.
        #expect(r.notes.contains { $0.contains("shifted") && $0.contains("Ali & Seiford") })
        // Efficient branches rank 1 and list no peers; inefficient ones list efficient peers.
        let cls = t.values(of: "class")!.map { $0.string! }
        let ranks = t.values(of: "rank")!
        for (k, c) in cls.enumerated() where c == "efficient" { #expect(ranks[k] == .integer(1)) }
        #expect(cls.filter { $0 == "efficient" }.count == Int(r.summaryValue("efficient_branches")!.double!))
    }

    /// Input-oriented VRS is translation invariant in outputs (Ali & Seiford 1990): the scores
    /// equal those of the DEA plugin on the underwriting result shifted by any constant.
    @Test func translationInvariance() throws {
        let r = try run([])
        let scores = r.table("units")!.values(of: "efficiency")!.map { $0.double! }
        let data = try CSVLoader.load(path: Self.file)
        let resolver = try ColumnResolver(roles: ColumnRole.underwritingComponents, mapEntries: [])
        var amounts: [UnderwritingComponent: [Decimal]] = [:]
        for c in UnderwritingComponent.allCases { amounts[c] = try data.requiredAmounts(try resolver.require(c.rawValue, in: data), .nonNegative) }
        let uw = (0..<data.rowCount).map { r in
            NSDecimalNumber(decimal: UnderwritingAccount(Dictionary(uniqueKeysWithValues: UnderwritingComponent.allCases.map { ($0, amounts[$0]![r]) })).underwritingResult).doubleValue
        }
        let inputs = try ["staff", "operating_expenses", "commission"].map { try data.numbers($0) }
        let premium = try data.numbers("gross_premium")
        for shift in [2_000.0, 50_000.0] {
            let direct = DEAModel(orientation: .input, rts: .vrs).score(DEAData(inputs: inputs, outputs: [premium, uw.map { $0 + shift }]))
            for j in scores.indices { #expect(abs(direct[j].radial - scores[j]) <= 1e-7, "branch \(j) shift \(shift)") }
        }
    }

    @Test func negativeComponentIsALocatedError() throws {
        let text = "branch,staff,operating_expenses,gross_premium,reinsurance_premium,commission,reinsurance_commission,gross_claims,reinsurance_claims,premium_reserve_opening,premium_reserve_closing,claims_reserve_opening,claims_reserve_closing\nA,10,100,-5,1,1,1,1,1,1,1,1,1\n"
        let e = try #require(throws: DataError.self) { try run([], data: try CSVLoader.parse(text: text, source: "b.csv")) }
        #expect(e.description.contains("b.csv: line 2 (data row 1), column \"gross_premium\""))
    }
}
