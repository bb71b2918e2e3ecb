import Foundation
import Testing

/// Plugins that declare their summary keys (docs/OUTPUT.md): every key is present in the JSON,
/// null where not defined. Each run is also validated against `tolok schema PLUGIN`
/// (TolokProcess.run → OutputSchemaCheck), whose summary object then refuses undeclared keys.
@Suite struct SummaryKeysEndToEndTests {
    func summary(_ arguments: [String]) throws -> [String: Any] {
        let o = try TolokProcess.run(["run"] + arguments + ["--format", "json"])
        #expect(o.status == 0, "\(o.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(o.stdout.utf8)) as? [String: Any])
        return try #require(object["summary"] as? [String: Any])
    }

    @Test func branchComparisonSummaryKeys() throws {
        let s = try summary(["branch-comparison", "--data", TolokProcess.dataset("branches/branches_2025.csv")])
        for key in ["branches", "efficient_branches", "mean_efficiency", "total_underwriting_result", "company_combined_ratio", "company_recovery_rate"] {
            #expect(s.keys.contains(key), "\(key) missing: \(s)")
        }
        #expect(s.count == 6)
    }

    @Test func riskPlacementSummaryKeys() throws {
        let s = try summary(["risk-placement", "--data", TolokProcess.dataset("insurance/risk_placement_seed003.csv"), "--id", "risk"])
        #expect(Set(s.keys) == ["risks", "gross_premium", "treaty_premium", "facultative_premium", "retention_premium", "retention_breaches"])
    }

    @Test func insuranceSummaryKeys() throws {
        let d = { (name: String) in TolokProcess.dataset("insurance/" + name) }
        let coverage = try summary(["coverage", "--data", d("coverage_seed002.csv"), "--target", "0.98"])
        #expect(Set(coverage.keys) == ["rows", "participants", "population", "coverage_ratio"])
        let underwriting = try summary(["underwriting", "--data", d("underwriting_seed003.csv")])
        #expect(Set(underwriting.keys) == ["rows", "underwriting_result", "retained_premium", "net_earned_premium", "loss_ratio",
                                           "commission_ratio", "combined_ratio", "retention_ratio", "reserve_below_minimum_rows"])
        let bills = try summary(["contributions", "--data", d("contributions_bills.csv"), "--id", "bill", "--as-of", "2024-03-31"])
        #expect(bills.keys.contains("coverage_ratio") && bills["coverage_ratio"] is NSNull, "null without --coverage: \(bills)")
    }

    /// branch-comparison --missing skip: a branch with an empty input is a missing_data unit,
    /// listed with its line; the others are scored as on the file without it.
    @Test func branchComparisonSkipsMissingInputs() throws {
        let folder = try TemporaryFolder()
        var lines = try String(contentsOfFile: TolokProcess.dataset("branches/branches_2025.csv"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var cells = lines[3].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        cells[1] = ""
        lines[3] = cells.joined(separator: ",")
        let withHole = try folder.file("b.csv", lines.joined(separator: "\n"))
        let without = try folder.file("c.csv", lines.enumerated().filter { $0.offset != 3 }.map(\.element).joined(separator: "\n"))
        func units(_ path: String, _ extra: [String] = []) throws -> (rows: [[String: Any]], notes: [String], status: Int32) {
            let o = try TolokProcess.run(["run", "branch-comparison", "--data", path, "--format", "json"] + extra)
            guard o.status == 0 else { return ([], [o.stderr], o.status) }
            let object = try #require(try JSONSerialization.jsonObject(with: Data(o.stdout.utf8)) as? [String: Any])
            return (object["units"] as? [[String: Any]] ?? [], object["notes"] as? [String] ?? [], o.status)
        }
        let skipped = try units(withHole), reference = try units(without)
        #expect(skipped.rows.count == reference.rows.count + 1)
        #expect(skipped.rows[2]["status"] as? String == "missing_data")
        #expect(skipped.notes.contains { $0.contains("(line 4, column staff)") })
        let kept = skipped.rows.enumerated().filter { $0.offset != 2 }.map(\.element)
        for (a, b) in zip(kept, reference.rows) {
            #expect(a["id"] as? String == b["id"] as? String)
            #expect(abs((a["efficiency"] as? Double ?? -1) - (b["efficiency"] as? Double ?? -2)) <= 1e-9)
        }
        #expect(try units(withHole, ["--missing", "error"]).status == 2)
    }
}
