import Foundation
import Testing

/// `tolok plugins --format json`, `tolok describe --format json` (declared columns checked
/// against real runs), the versioning rule and shell completion, through the built executable.
@Suite struct DiscoveryEndToEndTests {
    func json(_ args: [String]) throws -> [String: Any] {
        let out = try TolokProcess.run(args)
        #expect(out.status == 0, "\(args): \(out.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any], "\(args)")
    }

    static func isSemanticVersion(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 3 && parts.allSatisfy { p in !p.isEmpty && p.allSatisfy(\.isNumber) && (p == "0" || p.first != "0") }
    }

    @Test func pluginsAsJSONMatchTheTextListAndFollowTheVersionRule() throws {
        let object = try json(["plugins", "--format", "json"])
        let plugins = try #require(object["plugins"] as? [[String: Any]])
        let text = try TolokProcess.run(["plugins"]).stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) }
        #expect(plugins.map { $0["id"] as? String } == text)
        #expect(plugins.contains { $0["id"] as? String == "ratios" && $0["origin"] as? String == "external" && $0["path"] is String })
        for p in plugins {
            let version = try #require(p["version"] as? String)
            #expect(Self.isSemanticVersion(version), "\(p["id"] ?? "?") \(version)")
            #expect((p["tables"] as? [String])?.isEmpty == false)
        }
        let version = try TolokProcess.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(Self.isSemanticVersion(version), "tolok --version: \(version)")
        #expect(object["tolok_version"] as? String == version)
    }

    @Test func describeAsJSONForEveryPlugin() throws {
        let plugins = try #require(try json(["plugins", "--format", "json"])["plugins"] as? [[String: Any]])
        let kinds: Set = ["column", "columns", "choice", "flag", "number", "integer", "text", "list", "file"]
        for p in plugins {
            let id = try #require(p["id"] as? String)
            let d = try json(["describe", id, "--format", "json"])
            #expect(d["id"] as? String == id && d["version"] as? String == p["version"] as? String)
            let options = try #require(d["options"] as? [[String: Any]], "\(id)")
            let text = try TolokProcess.run(["describe", id]).stdout
            for o in options {
                let name = try #require(o["name"] as? String)
                let kind = try #require(o["kind"] as? String)
                #expect(kinds.contains(kind), "\(id) --\(name): \(kind)")
                #expect(o["flag"] as? String == "--" + name)
                #expect(text.contains("--" + name), "\(id): --\(name) not in the text form")
                #expect((o["help"] as? String)?.isEmpty == false)
                #expect(o["required"] is Bool)
                if kind == "choice" {
                    let allowed = try #require(o["allowed"] as? [String], "\(id) --\(name)")
                    if let dv = o["default"] as? String { #expect(allowed.contains(dv), "\(id) --\(name) default \(dv)") }
                } else {
                    #expect(o["allowed"] is NSNull, "\(id) --\(name)")
                }
            }
            let tables = try #require(d["tables"] as? [[String: Any]])
            #expect(tables.map { $0["name"] as? String } == (p["tables"] as? [String] ?? []).map { Optional($0) })
            #expect(tables.first?["default"] as? Bool == true)
        }
    }

    /// Runs whose every table is compared with the plugin's declared columns: names and order
    /// from the CSV header, types from the JSON rows.
    static let runs: [[String]] = [
        ["dea", "--data", "cst_hospitals_12.csv", "--id", "dmu", "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients"],
        ["dea", "--data", "cst_hospitals_12.csv", "--id", "dmu", "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients",
         "--rts", "vrs", "--orientation", "output", "--scale"],
        ["dea", "--data", "power_plants_6.csv", "--id", "dmu", "--inputs", "x1_manpower,x2_construction_cost", "--outputs", "y1_power_mw",
         "--rts", "vrs", "--super"],
        ["dea", "--data", "pft_1981.csv", "--id", "dmu", "--inputs", "x1_education,x5_teachers", "--outputs", "y1_reading", "--group-by", "program"],
        ["dea", "--data", "dea_jl_erg_8.csv", "--id", "dmu", "--inputs", "x", "--outputs", "y", "--model", "sbm", "--orientation", "non", "--super"],
        ["dea", "--data", "dea_jl_fls_11.csv", "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y", "--model", "ddf", "--orientation", "graph"],
        ["dea", "--data", "dea_jl_zofio_prieto_5.csv", "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2", "--model", "cost", "--input-prices", "w1,w2"],
        ["dea", "--data", "dea_jl_zofio_prieto_5.csv", "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2", "--model", "revenue", "--output-prices", "p1,p2"],
        ["dea", "--data", "dea_jl_x2_8.csv", "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y", "--model", "profit", "--rts", "vrs",
         "--input-prices", "w1,w2", "--output-prices", "p"],
        ["dea", "--data", "dea_jl_malmquist_5.csv", "--id", "dmu", "--period", "period", "--inputs", "x1", "--outputs", "y1"],
        ["two-stage-dea", "--data", "kao_hwang_2008.csv", "--id", "dmu", "--inputs", "x1_operation_expenses,x2_insurance_expenses",
         "--intermediates", "z1_direct_written_premiums,z2_reinsurance_premiums", "--outputs", "y1_underwriting_profit,y2_investment_profit",
         "--method", "independent"],
        ["two-stage-dea", "--data", "kao_hwang_2008.csv", "--id", "dmu", "--inputs", "x1_operation_expenses,x2_insurance_expenses",
         "--intermediates", "z1_direct_written_premiums,z2_reinsurance_premiums", "--outputs", "y1_underwriting_profit,y2_investment_profit",
         "--method", "relational"],
        ["two-stage-dea", "--data", "kao_hwang_2008.csv", "--id", "dmu", "--inputs", "x1_operation_expenses,x2_insurance_expenses",
         "--intermediates", "z1_direct_written_premiums,z2_reinsurance_premiums", "--outputs", "y1_underwriting_profit,y2_investment_profit",
         "--method", "additive", "--rts", "vrs"],
        ["dea-second-stage", "--data", "sw2007_synthetic_100.csv", "--id", "unit", "--inputs", "x", "--outputs", "y", "--environment", "z1,z2",
         "--orientation", "output", "--replicates", "40", "--first-replicates", "5"],
        ["dea-second-stage", "--data", "sw2007_synthetic_100.csv", "--id", "unit", "--inputs", "x", "--outputs", "y", "--environment", "z1",
         "--algorithm", "1", "--replicates", "40"],
        ["ols", "--data", "front41_eg1_logs.csv", "--id", "firm", "--y", "ly", "--x", "lk,ll"],
        ["sfa", "--data", "front41_eg1_logs.csv", "--id", "firm", "--y", "ly", "--x", "lk,ll"],
        ["sfa", "--data", "sfaR_utility_logs.csv", "--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost"],
        ["sfa", "--data", "front41_eg4_panel.csv", "--id", "firm", "--y", "output", "--x", "capital,labour", "--log", "--period", "period"],
        ["sfa", "--data", "sfaR_utility_logs.csv", "--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost", "--distribution", "truncated-normal",
         "--mu-het", "regu", "--u-het", "lwl"],
        ["sfa", "--data", "front41_eg4_panel.csv", "--id", "firm", "--y", "output", "--x", "capital,labour", "--log", "--period", "period",
         "--model", "bc95", "--z", "period"],
        ["sfa", "--data", "front41_eg4_panel.csv", "--id", "firm", "--y", "output", "--x", "capital,labour", "--log", "--translog", "--period", "period", "--model", "bc92"],
        ["branch-comparison", "--data", "branches/branches_2025.csv"],
        ["risk-placement", "--data", "insurance/risk_placement_seed003.csv", "--id", "risk"],
        ["recoveries", "--data", "insurance/recoveries_seed004_ledger.csv", "--statements", "STATEMENTS", "--splits", "SPLITS"],
    ]

    static func matches(_ pattern: String, _ name: String, _ parameters: [String: Any]) -> Bool {
        guard let open = pattern.firstIndex(of: "{"), let close = pattern.firstIndex(of: "}") else { return pattern == name }
        let parameter = String(pattern[pattern.index(after: open)..<close])
        guard let list = parameters[parameter] as? String else { return false }
        return list.split(separator: ",").contains { pattern.replacingOccurrences(of: "{\(parameter)}", with: String($0)) == name }
    }

    @Test(arguments: runs)
    func declaredColumnsMatchARealRun(_ run: [String]) throws {
        var args = ["run"] + run
        args[3] = TolokProcess.dataset(run[2])
        args = args.map {
            $0 == "STATEMENTS" ? TolokProcess.dataset("insurance/recoveries_seed004_statements.csv")
                : $0 == "SPLITS" ? TolokProcess.dataset("insurance/recoveries_seed004_splits.csv") : $0
        }
        let described = try json(["describe", run[0], "--format", "json"])
        let declared = try #require(described["tables"] as? [[String: Any]])
        let result = try json(args + ["--format", "json"])
        let parameters = result["parameters"] as? [String: Any] ?? [:]
        var checked = 0
        for table in declared {
            let name = try #require(table["name"] as? String)
            guard let rows = result[name] as? [[String: Any]], let columns = table["columns"] as? [[String: Any]] else { continue }
            let header = try TolokProcess.run(args + ["--format", "csv", "--table", name]).stdout.split(separator: "\n").first
                .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
            // Every column produced is declared, in the declared order.
            var position = 0
            for column in header {
                guard let k = columns[position...].firstIndex(where: { Self.matches($0["name"] as! String, column, parameters) }) else {
                    Issue.record("\(run[0]) table \(name): column \"\(column)\" is not declared (in this order)")
                    continue
                }
                position = k
                let type = columns[k]["type"] as? String
                for row in rows {
                    let value = row[column]
                    switch type {
                    case "text": #expect(value is String || value is NSNull, "\(name).\(column): \(String(describing: value))")
                    case "peers": #expect(value is [[String: Any]] || value is NSNull, "\(name).\(column): \(String(describing: value))")
                    default: #expect(value is NSNumber || value is NSNull || (type == "bool" && value is Bool), "\(name).\(column) (\(type ?? "?")): \(String(describing: value))")
                    }
                }
            }
            // Every unconditional column is produced.
            for c in columns where c["when"] is NSNull {
                let pattern = c["name"] as! String
                #expect(header.contains { Self.matches(pattern, $0, parameters) }, "\(run[0]) table \(name): declared column \(pattern) missing")
            }
            checked += 1
        }
        #expect(checked > 0, "no declared table was produced by \(run)")
    }

    @Test func undeclaredPluginsSayColumnsAreAsProduced() throws {
        let d = try json(["describe", "underwriting", "--format", "json"])
        let tables = try #require(d["tables"] as? [[String: Any]])
        #expect(tables.allSatisfy { $0["columns"] is NSNull })
    }

    /// The bash completion script, driven as bash drives it.
    func complete(_ words: [String]) throws -> [String] {
        let exe = TolokProcess.executable.path
        let script = """
            source <("$0" --generate-completion-script bash)
            COMP_WORDS=("$0" "$@"); COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
            COMP_LINE="${COMP_WORDS[*]}"; COMP_POINT=${#COMP_LINE}
            _tolok
            printf '%s\\n' "${COMPREPLY[@]}"
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, exe] + words
        process.currentDirectoryURL = TolokProcess.repositoryRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    @Test func bashCompletesPluginIdsOptionsValuesAndColumns() throws {
        #expect(try complete(["run", "tw"]) == ["two-stage-dea"])
        #expect(try complete(["describe", "sf"]) == ["sfa"])
        #expect(try complete(["run", "dea", "--data", "Datasets/cst_hospitals_12.csv", "--orie"]) == ["--orientation"])
        #expect(try complete(["run", "sfa", "--distribution", ""]) == ["half-normal", "truncated-normal", "exponential"])
        #expect(try complete(["run", "dea", "--data", "Datasets/cst_hospitals_12.csv", "--inputs", "x1_doctors,x"]) == ["x1_doctors,x2_nurses"])
        #expect(try complete(["run", "ratios", "--in"]) == ["--inputs"])
        #expect(try complete(["ch"]).contains("check"))
    }
}
