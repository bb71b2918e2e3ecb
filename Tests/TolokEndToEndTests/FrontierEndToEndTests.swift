import Foundation
import Testing

/// End-to-end runs of the built `tolok` executable for the Frontier plugins (`ols`, `sfa`):
/// JSON output on FRONTIER 4.1's example data, and bad input with exit status 2 and one line
/// on stderr naming file, line and column.
@Suite struct FrontierEndToEndTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func json(_ outcome: TolokProcess.Outcome) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [String: Any])
    }

    /// EG1.OUT (Coelli 1996): β̂ = 0.56161963, 0.28110205, 0.53647981; γ = 0.7972073;
    /// LR = 2.8392402; mean efficiency 0.74056772 — FRONTIER's stopping rule limits the
    /// agreement to about 1e-5 relative.
    @Test func sfaOnFrontierExampleAsJSON() throws {
        let outcome = try TolokProcess.run(["run", "sfa", "--data", TolokProcess.dataset("front41_eg1_logs.csv"), "--id", "firm",
                                            "--y", "ly", "--x", "lk,ll", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try json(outcome)
        #expect(object["plugin"] as? String == "sfa")
        let summary = try #require(object["summary"] as? [String: Any])
        #expect(summary["status"] as? String == "converged")
        func close(_ a: Any?, _ b: Double, _ tol: Double = 1e-5) -> Bool {
            guard let x = (a as? NSNumber)?.doubleValue else { return false }
            return abs(x - b) <= tol * abs(b)
        }
        #expect(close(summary["gamma"], 0.7972073))
        #expect(close(summary["lr_statistic"], 2.8392402))
        #expect(close(summary["mean_efficiency"], 0.74056772))
        #expect(summary["lr_decision"] as? String == "reject")
        #expect(summary["wrong_skew"] as? Bool == false)
        let coefficients = try #require(object["coefficients"] as? [[String: Any]])
        #expect(coefficients.map { $0["term"] as? String } == ["const", "lk", "ll", "sigma_sq", "gamma"])
        for (row, b) in zip(coefficients, [0.56161963, 0.28110205, 0.53647981]) { #expect(close(row["estimate"], b)) }
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units.count == 60)
        #expect(units.first?["id"] as? String == "1" && units.first?["status"] as? String == "ok")
        #expect(close(units.first?["efficiency"], 0.6506888))
        #expect(units.first.map { $0.keys.sorted() } == ["efficiency", "efficiency_lower", "efficiency_mode", "efficiency_upper", "id", "status",
                                                          "u_jlms", "u_lower", "u_mode", "u_upper"])
        #expect(object["covariance"] as? [[String: Any]] != nil)
        #expect((object["notes"] as? [String])?.contains { $0.contains("Kodde & Palm") } == true)
    }

    /// `--mu-het` and `--u-het` on sfaR's utility data: the JSON has the marginal_effects table
    /// with its declared columns, the sample-mean rows first (one per determinant), then 791 × 2
    /// unit rows, every one ok with standard errors.
    @Test func sfaMarginalEffectsAsJSON() throws {
        let outcome = try TolokProcess.run(["run", "sfa", "--data", TolokProcess.dataset("sfaR_utility_logs.csv"), "--y", "ltc",
                                            "--x", "ly,lwl,lwk", "--frontier", "cost", "--distribution", "truncated-normal",
                                            "--mu-het", "regu", "--u-het", "lwl", "--format", "json"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let object = try json(outcome)
        #expect((object["summary"] as? [String: Any])?["status"] as? String == "converged")
        let rows = try #require(object["marginal_effects"] as? [[String: Any]])
        #expect(rows.count == 2 * 792)
        #expect(rows.first.map { $0.keys.sorted() } == ["at", "d_mean_u", "d_mean_u_se", "d_var_u", "d_var_u_se", "id", "status", "variable"])
        #expect(rows.prefix(2).map { $0["at"] as? String } == ["sample_mean", "sample_mean"])
        #expect(rows.prefix(2).map { $0["variable"] as? String } == ["regu", "lwl"])
        #expect(rows[0]["id"] is NSNull && rows[2]["id"] as? String == "1")
        #expect(rows.allSatisfy { $0["status"] as? String == "ok" && ($0["d_mean_u_se"] as? NSNumber)?.doubleValue ?? 0 > 0 })
        #expect((object["notes"] as? [String])?.contains { $0.hasPrefix("marginal_effects:") && $0.contains("Wang 2002") } == true)
        // Without determinants there is no such table.
        let plain = try json(try TolokProcess.run(["run", "sfa", "--data", TolokProcess.dataset("sfaR_utility_logs.csv"), "--y", "ltc",
                                                   "--x", "ly,lwl,lwk", "--frontier", "cost", "--format", "json"]))
        #expect(plain["marginal_effects"] == nil)
    }

    @Test func olsTableOutputShowsSummary() throws {
        let outcome = try TolokProcess.run(["run", "ols", "--data", TolokProcess.dataset("front41_eg1_logs.csv"),
                                            "--y", "ly", "--x", "lk,ll", "--table", "coefficients", "--format", "csv"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "term,estimate,std_error,t,p")
        #expect(lines.count == 4 && lines[1].hasPrefix("const,0.2448983"))
    }

    @Test func olsLogWithNonPositiveValueNamesTheCell() throws {
        let f = try folder.file("farms.csv", "farm,output,land\nA,10,2\nB,12,0\nC,9,3\n")
        let outcome = try TolokProcess.run(["run", "ols", "--data", f, "--id", "farm", "--y", "output", "--x", "land", "--log"])
        #expect(outcome.status == 2, "status \(outcome.status): \(outcome.stderr)")
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("farms.csv: line 3 (data row 2), column \"land\": expected a positive number"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("got \"0\""))
        #expect(outcome.stdout.isEmpty)
    }

    @Test func sfaUnknownDistributionIsAUsageError() throws {
        let outcome = try TolokProcess.run(["run", "sfa", "--data", TolokProcess.dataset("front41_eg1_logs.csv"),
                                            "--y", "ly", "--x", "lk,ll", "--distribution", "weibull"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.split(separator: "\n").count == 1)
        #expect(outcome.stderr.contains("invalid value \"weibull\" for --distribution"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("half-normal, truncated-normal, exponential"))
    }

    @Test func sfaNotConvergedCarriesItsStatus() throws {
        // u added instead of subtracted: wrong skew for a production frontier (a small LCG and
        // Box–Muller, so the data are fixed).
        var state: UInt64 = 42
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) * 0x1.0p-53
        }
        func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
        var text = "y,x\n"
        for _ in 0..<200 {
            let x = normal()
            text += "\(1 + 0.5 * x + 0.1 * normal() + abs(0.4 * normal())),\(x)\n"
        }
        let f = try folder.file("skew.csv", text)
        let outcome = try TolokProcess.run(["run", "sfa", "--data", f, "--y", "y", "--x", "x"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout.contains("not_converged"))
        #expect(outcome.stdout.contains("no_interior_maximum"))
        #expect(outcome.stdout.contains("NOT CONVERGED"))
    }

    @Test func describeListsTheOptions() throws {
        let outcome = try TolokProcess.run(["describe", "sfa"])
        #expect(outcome.status == 0)
        for option in ["--distribution half-normal|truncated-normal|exponential", "--frontier", "--u-het", "--mu-het", "--model bc92|bc95", "--z"] {
            #expect(outcome.stdout.contains(option), "\(option)")
        }
        let plugins = try TolokProcess.run(["plugins"])
        #expect(plugins.stdout.contains("ols") && plugins.stdout.contains("sfa"))
    }
}
