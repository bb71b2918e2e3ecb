import Foundation
import Testing

/// The stable machine contract of `--format json` (docs/OUTPUT.md): structured peers, every
/// summary key present, every parameter echoed under its one spelling.
@Suite struct ContractEndToEndTests {
    static let hospitals = ["--data", TolokProcess.dataset("cst_hospitals_12.csv"), "--id", "dmu",
                            "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients"]

    static func json(_ arguments: [String]) throws -> [String: Any] {
        let o = try TolokProcess.run(arguments + ["--format", "json"])
        #expect(o.status == 0, "\(o.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(o.stdout.utf8)) as? [String: Any])
    }

    static func csvRows(_ arguments: [String]) throws -> [[String: String]] {
        let o = try TolokProcess.run(arguments + ["--format", "csv"])
        #expect(o.status == 0, "\(o.stderr)")
        let lines = o.stdout.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    /// JSON peers are `[{"id", "lambda"}]` at full precision; CSV keeps `id:λ;…` text.
    @Test(arguments: [[], ["--rts", "vrs"], ["--model", "sbm"], ["--model", "ddf"], ["--model", "additive"], ["--rts", "fdh"]])
    func peersAreStructuredInJSONAndTextInCSV(_ extra: [String]) throws {
        let args = ["run", "dea"] + Self.hospitals + extra
        let units = try #require(try Self.json(args)["units"] as? [[String: Any]])
        let csv = try Self.csvRows(args)
        #expect(units.count == csv.count)
        for (u, row) in zip(units, csv) {
            let peers = try #require(u["peers"] as? [[String: Any]], "unit \(u["id"]!): \(String(describing: u["peers"]))")
            let text = try #require(row["peers"])
            let fromText = text.split(separator: ";").map { entry -> (String, Double) in
                let parts = entry.split(separator: ":")
                return (String(parts[0]), Double(parts[1])!)
            }
            #expect(peers.map { $0["id"] as? String } == fromText.map(\.0))
            for (p, t) in zip(peers, fromText) {
                let lambda = try #require(p["lambda"] as? Double)
                #expect(abs(lambda - t.1) <= 5e-7, "unit \(u["id"]!)")
                #expect(Set(p.keys) == ["id", "lambda"])
            }
        }
    }

    /// Full precision: a λ with more than the text's six decimals is written in full in JSON.
    @Test func peerWeightsKeepFullPrecision() throws {
        let units = try #require(try Self.json(["run", "dea"] + Self.hospitals)["units"] as? [[String: Any]])
        let lambdas = units.flatMap { ($0["peers"] as? [[String: Any]] ?? []).compactMap { $0["lambda"] as? Double } }
        #expect(lambdas.contains { ($0 * 1e6).rounded() / 1e6 != $0 }, "\(lambdas)")
    }

    @Test func branchComparisonPeersAreStructured() throws {
        let o = try Self.json(["run", "branch-comparison", "--data", TolokProcess.dataset("branches/branches_2025.csv")])
        let units = try #require(o["units"] as? [[String: Any]])
        for u in units where u["status"] as? String == "ok" {
            let peers = try #require(u["peers"] as? [[String: Any]])
            if u["class"] as? String == "efficient" { #expect(peers.isEmpty) } else {
                #expect(!peers.isEmpty)
                let sum = peers.compactMap { $0["lambda"] as? Double }.reduce(0, +)
                #expect(abs(sum - 1) <= 1e-6, "VRS λ sum to 1: \(sum)")
            }
        }
    }

    /// Every declared option appears in `parameters` (defaults and not-given ones included) under
    /// its command-line name without dashes, in the descriptor's order, after `data` and `id`.
    @Test(arguments: [
        ["run", "dea"] + hospitals,
        ["run", "dea"] + hospitals + ["--model", "profit", "--input-prices", "x1_doctors,x2_nurses", "--output-prices", "y1_outpatients,y2_inpatients"],
        ["run", "sfa", "--data", TolokProcess.dataset("front41_eg1_logs.csv"), "--id", "firm", "--y", "ly", "--x", "lk,ll"],
        ["run", "ols", "--data", TolokProcess.dataset("front41Data.csv"), "--id", "firm", "--y", "output", "--x", "capital,labour", "--log"],
        ["run", "branch-comparison", "--data", TolokProcess.dataset("branches/branches_2025.csv")],
        ["run", "ratios"] + hospitals,
    ])
    func everyParameterIsEchoed(_ arguments: [String]) throws {
        let plugin = arguments[1]
        let describe = try TolokProcess.run(["describe", plugin, "--format", "json"])
        let options = try #require((try JSONSerialization.jsonObject(with: Data(describe.stdout.utf8)) as? [String: Any])?["options"] as? [[String: Any]])
        let declared = options.compactMap { $0["name"] as? String }
        let o = try TolokProcess.run(arguments + ["--format", "json"])
        #expect(o.status == 0, "\(o.stderr)")
        // Key order is the contract: read the keys of "parameters" in document order.
        let text = o.stdout
        let start = try #require(text.range(of: "\"parameters\":{"))
        let end = try #require(text[start.upperBound...].firstIndex(of: "}"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(("{" + text[start.upperBound..<end] + "}").utf8)) as? [String: Any])
        let keys = try NSRegularExpression(pattern: "\"([a-z0-9-]+)\":").matches(in: String(text[start.upperBound..<end]), range: NSRange(location: 0, length: text[start.upperBound..<end].utf16.count))
            .map { String(String(text[start.upperBound..<end])[Range($0.range(at: 1), in: String(text[start.upperBound..<end]))!]) }
        let host = arguments.contains("--id") ? ["data", "id"] : ["data"]
        #expect(keys == host + declared, "\(plugin): \(keys)")
        #expect(Set(object.keys) == Set(host + declared))
        for key in keys { #expect(!key.contains("_"), "one spelling: \(key) is written as on the command line") }
    }

    @Test func effectiveDefaultsAreEchoed() throws {
        let radial = try #require(try Self.json(["run", "dea"] + Self.hospitals)["parameters"] as? [String: Any])
        #expect(radial["model"] as? String == "radial" && radial["rts"] as? String == "crs" && radial["super"] as? Bool == false)
        #expect(radial["group-by"] is NSNull && radial["input-prices"] is NSNull)
        let additive = try #require(try Self.json(["run", "dea"] + Self.hospitals + ["--model", "additive"])["parameters"] as? [String: Any])
        #expect(additive["rts"] as? String == "vrs" && additive["weights"] as? String == "ones")
        let ddf = try #require(try Self.json(["run", "dea"] + Self.hospitals + ["--model", "ddf"])["parameters"] as? [String: Any])
        #expect(ddf["direction"] as? String == "observed")
        let sfa = try #require(try Self.json(["run", "sfa", "--data", TolokProcess.dataset("front41_eg1_logs.csv"), "--id", "firm", "--y", "ly", "--x", "lk,ll"])["parameters"] as? [String: Any])
        #expect(sfa["distribution"] as? String == "half-normal" && sfa["frontier"] as? String == "production" && sfa["period"] is NSNull)
    }

    /// The summary's keys depend on the options only: with and without super-efficiency, with
    /// and without infeasible units, the same keys (null where undefined).
    @Test func summaryKeysAreAlwaysPresent() throws {
        func summaryKeys(_ args: [String]) throws -> [String: Any] {
            try #require(try Self.json(["run", "dea"] + Self.hospitals + args)["summary"] as? [String: Any])
        }
        let plain = try summaryKeys([]), sup = try summaryKeys(["--super"]), vrsSuper = try summaryKeys(["--super", "--rts", "vrs"])
        #expect(Set(plain.keys) == Set(sup.keys) && Set(sup.keys) == Set(vrsSuper.keys))
        #expect(sup["efficient_units"] is NSNull)
        #expect(plain["infeasible_units"] as? Int == 0)
        for status in ["infeasible", "unbounded", "iteration_limit", "numerical_failure", "missing_data", "undefined"] {
            #expect(plain["\(status)_units"] != nil, "\(status)_units")
        }
        let sfa = try #require(try Self.json(["run", "sfa", "--data", TolokProcess.dataset("front41_eg1_logs.csv"), "--id", "firm", "--y", "ly", "--x", "lk,ll"])["summary"] as? [String: Any])
        #expect(sfa["firms"] is NSNull && sfa["periods"] is NSNull && sfa["mu"] is NSNull && sfa["mean_efficiency_inverse"] is NSNull)
    }

    /// The schema hook of TolokProcess catches regressions: a document with peers as text, a
    /// missing summary, an unknown status or a dropped parameter is refused; the real one holds.
    @Test func schemaHookRefusesRegressions() throws {
        let args = ["run", "dea"] + Self.hospitals + ["--format", "json"]
        let good = try TolokProcess.run(args)
        try OutputSchemaCheck.validate(args, good, environment: nil, folder: nil)
        let regressions = [
            good.stdout.replacingOccurrences(of: "\"peers\":[{\"id\":\"A\",\"lambda\":1}]", with: "\"peers\":\"A:1\""),
            good.stdout.replacingOccurrences(of: "\"status\":\"ok\"", with: "\"status\":\"fine\""),
            good.stdout.replacingOccurrences(of: "\"schema_version\":1", with: "\"schema_version\":2"),
            good.stdout.replacingOccurrences(of: "\"super\":false,", with: ""),
            good.stdout.replacingOccurrences(of: "\"efficiency\":1,", with: "\"efficiency\":\"1\","),
            good.stdout.replacingOccurrences(of: "\"class\":\"efficient\",", with: "\"klass\":\"efficient\","),
            // dea declares its summary keys: a dropped or an undeclared key is refused.
            good.stdout.replacingOccurrences(of: "\"summary\":{\"units\":12,", with: "\"summary\":{"),
            good.stdout.replacingOccurrences(of: "\"summary\":{\"units\":12,", with: "\"summary\":{\"units\":12,\"mean_score\":1,"),
        ]
        for (k, bad) in regressions.enumerated() {
            #expect(bad != good.stdout, "regression \(k) did not apply")
            var outcome = good
            outcome.stdout = bad
            #expect(throws: OutputSchemaCheck.Violation.self, "regression \(k)") { try OutputSchemaCheck.validate(args, outcome, environment: nil, folder: nil) }
        }
    }
}
