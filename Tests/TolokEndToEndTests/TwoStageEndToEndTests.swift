import Foundation
import Testing

/// End-to-end runs of `tolok run two-stage-dea` on the Kao–Hwang (2008) insurers, and its data and
/// usage errors (exit status 2, one line on stderr naming what is wrong).
@Suite struct TwoStageEndToEndTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    static let columns = ["--inputs", "x1_operation_expenses,x2_insurance_expenses",
                          "--intermediates", "z1_direct_written_premiums,z2_reinsurance_premiums",
                          "--outputs", "y1_underwriting_profit,y2_investment_profit"]

    func twoStage(_ data: String, _ extra: [String]) throws -> TolokProcess.Outcome {
        try TolokProcess.run(["run", "two-stage-dea", "--data", data, "--id", "dmu"] + Self.columns + extra)
    }

    /// Rows of a CSV output keyed by the first column, cells by header name.
    func rows(_ csv: String) -> (header: [String], byID: [String: [String: String]], order: [String]) {
        let lines = csv.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var byID: [String: [String: String]] = [:], order: [String] = []
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let row = Dictionary(uniqueKeysWithValues: zip(header, cells))
            let key = row["id"]!
            byID[key] = row
            order.append(key)
        }
        return (header, byID, order)
    }

    func expectNumber(_ cell: String?, _ want: Double, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let cell, let value = Double(cell) else {
            Issue.record("not a number: \(String(describing: cell))", sourceLocation: sourceLocation)
            return
        }
        #expect(abs(value - want) <= 1e-6, "got \(value), want \(want)", sourceLocation: sourceLocation)
    }

    @Test func kaoHwangRelationalCSV() throws {
        let outcome = try twoStage(TolokProcess.dataset("kao_hwang_2008.csv"), ["--method", "relational", "--format", "csv"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let t = rows(outcome.stdout)
        #expect(Array(t.header.prefix(8)) == ["id", "status", "rank", "overall", "stage1", "stage2", "binding_stage", "unique_split"])
        #expect(t.header.contains("w_z1_direct_written_premiums") && t.header.contains("u_y2_investment_profit"))
        #expect(t.order == (1...24).map(String.init))
        // Datasets/kao_hwang_2008.expected.csv: relational_overall, relational_stage1, relational_stage2.
        expectNumber(t.byID["1"]?["overall"], 0.699235)
        expectNumber(t.byID["1"]?["stage1"], 0.992575)
        expectNumber(t.byID["1"]?["stage2"], 0.704465)
        expectNumber(t.byID["5"]?["overall"], 0.766983)
        expectNumber(t.byID["24"]?["stage2"], 0.314473)
        #expect(t.byID["5"]?["rank"] == "1" && t.byID["12"]?["rank"] == "2" && t.byID["24"]?["rank"] == "24")
        #expect(t.byID["1"]?["binding_stage"] == "stage2" && t.byID["3"]?["binding_stage"] == "stage1")
        #expect(t.byID.values.allSatisfy { $0["status"] == "ok" && $0["unique_split"] == "true" })
    }

    @Test func kaoHwangRankingTable() throws {
        let outcome = try twoStage(TolokProcess.dataset("kao_hwang_2008.csv"), ["--method", "relational", "--table", "ranking", "--format", "csv"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "rank,id,overall,stage1,stage2,binding_stage,unique_split")
        #expect(lines.count == 25)
        let ranked = lines.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(ranked.map { $0[0] } == (1...24).map(String.init))
        #expect(ranked.prefix(3).map { $0[1] } == ["5", "12", "1"] && ranked.last?[1] == "24")
        expectNumber(ranked[0][2], 0.766983)
        expectNumber(ranked[23][2], 0.134811)
        // The human-readable table labels the stages.
        let table = try twoStage(TolokProcess.dataset("kao_hwang_2008.csv"), ["--method", "relational", "--table", "ranking"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("marketability") && table.stdout.contains("profitability") && table.stdout.contains("binding stage"))
    }

    @Test func independentAndAdditiveJSON() throws {
        let independent = try twoStage(TolokProcess.dataset("kao_hwang_2008.csv"), ["--method", "independent", "--format", "csv"])
        #expect(independent.status == 0, "\(independent.stderr)")
        let t = rows(independent.stdout)
        expectNumber(t.byID["1"]?["black_box"], 0.984001)
        expectNumber(t.byID["1"]?["stage1"], 0.992575)
        expectNumber(t.byID["1"]?["stage2"], 0.713374)
        let additive = try twoStage(TolokProcess.dataset("kao_hwang_2008.csv"), ["--method", "additive", "--rts", "vrs", "--format", "json"])
        #expect(additive.status == 0, "\(additive.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(additive.stdout.utf8)) as? [String: Any]
        #expect((object?["units"] as? [[String: Any]])?.count == 24)
        #expect((object?["ranking"] as? [[String: Any]])?.count == 24)
        let parameters = object?["parameters"] as? [String: Any]
        #expect(parameters?["method"] as? String == "additive" && parameters?["rts"] as? String == "vrs" && parameters?["priority"] as? String == "stage1")
        let first = (object?["units"] as? [[String: Any]])?.first
        let theta = first?["overall"] as? Double, w1 = first?["omega1"] as? Double
        let t1 = first?["stage1"] as? Double, t2 = first?["stage2"] as? Double
        if let theta, let w1, let t1, let t2 { #expect(abs(theta - (w1 * t1 + (1 - w1) * t2)) <= 1e-9) } else { Issue.record("missing fields: \(String(describing: first))") }
    }

    func expectUsageError(_ outcome: TolokProcess.Outcome, contains fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == 2, "exit status \(outcome.status), stderr: \(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stderr.split(separator: "\n").count == 1, "expected one line on stderr, got: \(outcome.stderr)", sourceLocation: sourceLocation)
        #expect(outcome.stdout.isEmpty, sourceLocation: sourceLocation)
        for f in fragments { #expect(outcome.stderr.contains(f), "stderr lacks \"\(f)\": \(outcome.stderr)", sourceLocation: sourceLocation) }
    }

    @Test func relationalUnderVRSPointsToAdditive() throws {
        let outcome = try twoStage(TolokProcess.dataset("kao_hwang_2008.csv"), ["--method", "relational", "--rts", "vrs"])
        expectUsageError(outcome, contains: ["relational", "constant returns to scale", "--method additive"])
    }

    @Test func missingIntermediateColumnIsNamed() throws {
        let outcome = try TolokProcess.run(["run", "two-stage-dea", "--data", TolokProcess.dataset("kao_hwang_2008.csv"), "--id", "dmu",
                                            "--inputs", "x1_operation_expenses", "--intermediates", "z1_direct_written_premiums,z3_commissions",
                                            "--outputs", "y1_underwriting_profit", "--method", "additive"])
        expectUsageError(outcome, contains: ["kao_hwang_2008.csv", "column \"z3_commissions\"", "z2_reinsurance_premiums"])
    }

    @Test func negativePremiumIsLocated() throws {
        // Insurer 3's direct written premiums made negative: data row 3, physical line 4.
        let original = try String(contentsOfFile: TolokProcess.dataset("kao_hwang_2008.csv"), encoding: .utf8)
        var lines = original.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[3].hasPrefix("3,1177494,592790,4776548,"))
        lines[3] = lines[3].replacingOccurrences(of: ",4776548,", with: ",-4776548,")
        let file = try folder.file("negative_premium.csv", lines.joined(separator: "\n"))
        let outcome = try twoStage(file, ["--method", "relational"])
        expectUsageError(outcome, contains: ["negative_premium.csv: line 4 (data row 3), column \"z1_direct_written_premiums\"",
                                             "expected a non-negative number", "got \"-4776548\""])
    }

    @Test func aColumnInTwoRolesIsRefused() throws {
        let outcome = try TolokProcess.run(["run", "two-stage-dea", "--data", TolokProcess.dataset("kao_hwang_2008.csv"), "--id", "dmu",
                                            "--inputs", "x1_operation_expenses", "--intermediates", "x1_operation_expenses",
                                            "--outputs", "y1_underwriting_profit", "--method", "independent"])
        expectUsageError(outcome, contains: ["x1_operation_expenses", "--inputs", "--intermediates"])
    }
}
