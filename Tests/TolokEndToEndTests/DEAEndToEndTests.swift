import Foundation
import Testing

/// `tolok run dea` through the built executable: CSV contract, Malmquist's default table, and
/// located errors for DEA's data requirements.
@Suite struct DEAEndToEndTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    @Test func hospitalsCSV() throws {
        let out = try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("cst_hospitals_12.csv"), "--id", "dmu",
                                        "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients", "--format", "csv"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines[0].prefix(4) == ["id", "status", "efficiency", "class"])
        let e = lines[0].firstIndex(of: "efficiency")!
        // Hospital C: CCR input 0.883 (Cooper, Seiford & Tone 2007, Table 1.5; 0.882708 here).
        #expect(lines[3][0] == "C" && abs(Double(lines[3][e])! - 0.882708) <= 1e-6)
    }

    @Test func malmquistDefaultTableIsPairs() throws {
        let out = try TolokProcess.run(["run", "dea", "--data", TolokProcess.dataset("dea_jl_malmquist_5.csv"), "--id", "dmu",
                                        "--period", "period", "--inputs", "x1", "--outputs", "y1", "--format", "csv"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("id,status,from_period,to_period,malmquist,effch,techch,"))
        let first = out.stdout.split(separator: "\n")[1].split(separator: ",").map(String.init)
        #expect(first.prefix(4) == ["1", "ok", "1", "2"])
        #expect(abs(Double(first[4])! - 2) <= 1e-12)   // M = 2 exactly in rationals
    }

    /// Options a Malmquist run would ignore exit 2 naming the option, before any program is solved.
    @Test func malmquistRefusesIgnoredOptions() throws {
        let base = ["run", "dea", "--data", TolokProcess.dataset("dea_jl_malmquist_5.csv"), "--id", "dmu",
                    "--period", "period", "--inputs", "x1", "--outputs", "y1"]
        for option in ["--super", "--scale"] {
            let out = try TolokProcess.run(base + [option])
            #expect(out.status == 2 && out.stderr.contains("--period (Malmquist) does not take \(option)"), "\(option): \(out.stderr)")
            #expect(out.stdout.isEmpty)
        }
        let global = try TolokProcess.run(base + ["--malmquist-reference", "global", "--format", "json"])
        #expect(global.status == 0, "\(global.stderr)")
        #expect(global.stdout.contains("\"malmquist-reference\": \"global\"") || global.stdout.contains("\"malmquist-reference\":\"global\""))
    }

    @Test func dataRequirementsAreLocated() throws {
        // Zero inputs are accepted by the radial model (docs/DEA.md); a negative one is refused.
        let f = try folder.file("d.csv", "unit,x,y\nA,1,2\nB,-1,3\n")
        let out = try TolokProcess.run(["run", "dea", "--data", f, "--id", "unit", "--inputs", "x", "--outputs", "y"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("d.csv: line 3 (data row 2), column \"x\": expected a non-negative number, got \"-1\""))
        let g = try folder.file("p.csv", "unit,t,x,y\nA,1,1,2\nA,1,2,3\n")
        let dup = try TolokProcess.run(["run", "dea", "--data", g, "--id", "unit", "--period", "t", "--inputs", "x", "--outputs", "y"])
        #expect(dup.status == 2)
        #expect(dup.stderr.contains("unique id within period \"1\""))
        let bad = try TolokProcess.run(["run", "dea", "--data", g, "--id", "unit", "--inputs", "x", "--outputs", "y", "--rts", "xrs"])
        #expect(bad.status == 2 && bad.stderr.contains("expected one of crs, vrs, nirs, ndrs"))
    }

    // MARK: issue #13 part A: FDH, additive, aliases, --peer-counts, --reference

    static let fls = ["--data", TolokProcess.dataset("dea_jl_fls_11.csv"), "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y"]

    /// Rows of a CSV output by id, cells by column name.
    func table(_ out: TolokProcess.Outcome) -> [String: [String: String]] {
        let lines = out.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var rows: [String: [String: String]] = [:]
        for line in lines.dropFirst() { rows[line[0]] = Dictionary(uniqueKeysWithValues: zip(lines[0], line)) }
        return rows
    }

    @Test func fdhAndAdditiveThroughTheCLI() throws {
        // DataEnvelopmentAnalysis.jl test/dea.jl line 212 (FDH input) and test/deaadd.jl line 288 (RAM VRS).
        let fdh = try TolokProcess.run(["run", "dea"] + Self.fls + ["--rts", "fdh", "--format", "csv"])
        #expect(fdh.status == 0, "\(fdh.stderr)")
        let f = table(fdh)
        #expect(abs(Double(f["E"]!["efficiency"]!)! - 0.8888888889) <= 1e-6 && f["E"]!["peers"] == "B:1")
        #expect(abs(Double(f["J"]!["slack_x2"]!)! - 4.880952380952383) <= 1e-6 && f["J"]!["peers"] == "G:1")
        let ram = try TolokProcess.run(["run", "dea"] + Self.fls + ["--model", "additive", "--weights", "ram", "--format", "csv"])
        #expect(ram.status == 0, "\(ram.stderr)")
        let r = table(ram)
        #expect(abs(Double(r["J"]!["inefficiency"]!)! - 0.41764590678) <= 1e-6 && r["J"]!["class"] == "inefficient")
        #expect(abs(Double(r["B"]!["slack_y"]!)! - 7.105263158) <= 1e-6 && r["A"]!["class"] == "efficient")
    }

    @Test func aliasesMeanTheSameAsTheirWords() throws {
        for (alias, word) in [(["--rts", "drs", "--orientation", "oo"], ["--rts", "nirs", "--orientation", "output"]),
                              (["--rts", "irs", "--orientation", "in"], ["--rts", "ndrs", "--orientation", "input"]),
                              (["--orientation", "out"], ["--orientation", "output"]), (["--orientation", "io"], [])] {
            let a = try TolokProcess.run(["run", "dea"] + Self.fls + alias)
            let b = try TolokProcess.run(["run", "dea"] + Self.fls + word)
            #expect(a.status == 0 && a.stdout == b.stdout, "\(alias) vs \(word)")
        }
        let described = try TolokProcess.run(["describe", "dea"])
        #expect(described.stdout.contains("drs") && described.stdout.contains("fdh") && described.stdout.contains("oo"))
    }

    @Test func peerCountsTable() throws {
        let out = try TolokProcess.run(["run", "dea"] + Self.fls + ["--model", "additive", "--peer-counts", "--table", "peers", "--format", "csv"])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.hasPrefix("id,status,peer_count,lambda_sum\n"))
        let p = table(out)
        // CRS radial λ of DEA.jl test/peers.jl line 25: G is a peer of B, E, F, H, I, J (6 units).
        let radial = table(try TolokProcess.run(["run", "dea"] + Self.fls + ["--peer-counts", "--table", "peers", "--format", "csv"]))
        #expect(radial["G"]!["peer_count"] == "6" && abs(Double(radial["G"]!["lambda_sum"]!)! - (0.10928013877 + 0.04844814534 + 0.33333333333 + 0.11457435013 + 1.14814814815 + 0.49056603774)) <= 1e-6)
        // Additive VRS: every peer relation of the units table is counted once.
        let units = table(try TolokProcess.run(["run", "dea"] + Self.fls + ["--model", "additive", "--format", "csv"]))
        let relations = units.map { id, row in row["peers"]!.split(separator: ";").filter { !$0.hasPrefix(id + ":") }.count }.reduce(0, +)
        #expect(p.values.map { Int($0["peer_count"]!)! }.reduce(0, +) == relations && relations > 0)
    }

    @Test func referenceFile() throws {
        // Scoring the units against a copy of themselves gives the standard scores.
        let own = try TolokProcess.run(["run", "dea"] + Self.fls + ["--rts", "vrs", "--format", "csv"])
        let against = try TolokProcess.run(["run", "dea"] + Self.fls + ["--rts", "vrs", "--reference", TolokProcess.dataset("dea_jl_fls_11.csv"), "--format", "csv"])
        #expect(against.status == 0, "\(against.stderr)")
        let (a, b) = (table(own), table(against))
        for id in a.keys { #expect(abs(Double(a[id]!["efficiency"]!)! - Double(b[id]!["efficiency"]!)!) <= 1e-9) }
        // Against A and G only (the evaluated units are not members of the reference set):
        let ref = try folder.file("ref.csv", "dmu,x1,x2,y\nA,5,13,12\nG,25,10,27\n")
        let fdh = table(try TolokProcess.run(["run", "dea"] + Self.fls + ["--rts", "fdh", "--reference", ref, "--format", "csv"]))
        // H (27, 22 → 30): no reference unit has y ≥ 30, so infeasible; D (17, 15 → 26) by G: max(25/17, 10/15) > 1.
        #expect(fdh["H"]!["status"] == "infeasible" && abs(Double(fdh["D"]!["efficiency"]!)! - 25.0 / 17) <= 1e-9)
    }

    @Test func frontierOnlyWritesAReferenceFile() throws {
        // FLS (11 units, VRS): the spanning units, as JSON (validated against the schema) and as
        // CSV; scored against that CSV, every unit keeps its standard score.
        let json = try TolokProcess.run(["run", "dea"] + Self.fls + ["--rts", "vrs", "--frontier-only", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let frontier = try #require(doc["frontier"] as? [[String: Any]])
        let summary = try #require(doc["summary"] as? [String: Any])
        #expect(summary["units"] as? Int == 11 && summary["frontier_units"] as? Int == frontier.count)
        let own = table(try TolokProcess.run(["run", "dea"] + Self.fls + ["--rts", "vrs", "--format", "csv"]))
        for id in own.keys where abs(Double(own[id]!["efficiency"]!)! - 1) < 1e-9 {
            #expect(frontier.contains { $0["id"] as? String == id }, "efficient unit \(id) is not in the frontier")
        }
        let ref = folder.url.appendingPathComponent("frontier.csv").path
        let csv = try TolokProcess.run(["run", "dea"] + Self.fls + ["--rts", "vrs", "--frontier-only", "--format", "csv", "--output", ref])
        #expect(csv.status == 0, "\(csv.stderr)")
        let against = table(try TolokProcess.run(["run", "dea"] + Self.fls + ["--rts", "vrs", "--orientation", "output", "--reference", ref, "--format", "csv"]))
        let plain = table(try TolokProcess.run(["run", "dea"] + Self.fls + ["--rts", "vrs", "--orientation", "output", "--format", "csv"]))
        for id in plain.keys { #expect(abs(Double(plain[id]!["efficiency"]!)! - Double(against[id]!["efficiency"]!)!) <= 1e-9, "unit \(id)") }
    }

    @Test func refusalsAreOneLine() throws {
        let ref = try folder.file("short.csv", "dmu,x1,y\nA,5,12\n")
        let cases: [([String], String)] = [
            (["--weights", "ram"], "--weights applies to --model additive only"),
            (["--model", "additive", "--super"], "--super applies to"),
            (["--rts", "fdh", "--scale"], "--scale needs"),
            (["--reference", ref], "--reference file has no column \"x2\""),
            (["--reference", TolokProcess.dataset("dea_jl_fls_11.csv"), "--group-by", "dmu"], "--reference cannot be combined with --group-by"),
            (["--reference", TolokProcess.dataset("dea_jl_fls_11.csv"), "--period", "dmu"], "--period"),
            (["--model", "additive", "--weights", "x1"], "--weights takes ones, ram, mip, or 3 columns"),
            (["--model", "sbn"], "invalid value \"sbn\" for --model"),
            // Options of one part of the model family refused by the other (never silently ignored).
            (["--model", "sbm", "--weights", "ram"], "--weights applies to --model additive only"),
            (["--model", "sbm", "--rts", "fdh"], "--rts fdh works with --model radial or additive"),
            (["--model", "ddf", "--reference", TolokProcess.dataset("dea_jl_fls_11.csv")], "--reference works with --model radial or additive"),
            (["--model", "cost", "--peer-counts"], "--peer-counts works with --model radial or additive"),
            (["--orientation", "non"], "--orientation non needs --model sbm or ddf"),
            (["--rts", "fdh", "--orientation", "graph"], "--orientation non needs --model sbm or ddf"),
            (["--reference", TolokProcess.dataset("dea_jl_fls_11.csv"), "--super"], "--super with --reference changes nothing"),
        ]
        for (extra, message) in cases {
            let out = try TolokProcess.run(["run", "dea"] + Self.fls + extra)
            #expect(out.status == 2 && out.stderr.contains(message) && out.stderr.split(separator: "\n").count == 1, "\(extra): \(out.stderr)")
        }
    }

    // MARK: --model sbm | ddf | cost | revenue | profit (issue #13 part B)

    /// The CSV rows of a run, by id: column → cell.
    func rows(_ args: [String]) throws -> [String: [String: String]] {
        let out = try TolokProcess.run(["run", "dea"] + args + ["--format", "csv"])
        #expect(out.status == 0, "\(out.stderr)")
        let lines = out.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        var result: [String: [String: String]] = [:]
        for line in lines.dropFirst() { result[line[0]] = Dictionary(uniqueKeysWithValues: zip(lines[0], line)) }
        return result
    }

    func expectColumn(_ got: [String: [String: String]], _ column: String, _ file: String, _ expected: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try String(contentsOfFile: TolokProcess.dataset(file), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let k = try #require(lines[0].firstIndex(of: expected))
        for line in lines.dropFirst() {
            let value = try #require(got[line[0]]?[column].flatMap(Double.init), "\(line[0]) \(column)", sourceLocation: sourceLocation)
            #expect(abs(value - Double(line[k])!) <= 1e-8, "\(line[0]) \(column): \(value) vs \(line[k])", sourceLocation: sourceLocation)
        }
    }

    @Test func nonRadialModelsFromTheCommandLine() throws {
        let erg = ["--data", TolokProcess.dataset("dea_jl_erg_8.csv"), "--id", "dmu", "--inputs", "x", "--outputs", "y"]
        try expectColumn(try rows(erg + ["--model", "sbm", "--orientation", "no", "--rts", "vrs"]), "efficiency", "dea_jl_erg_8.expected.csv", "sbm_non_vrs")
        try expectColumn(try rows(erg + ["--model", "sbm", "--orientation", "graph"]), "efficiency", "dea_jl_erg_8.expected.csv", "sbm_non_crs")
        let fls = ["--data", TolokProcess.dataset("dea_jl_fls_11.csv"), "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y", "--model", "ddf"]
        try expectColumn(try rows(fls + ["--orientation", "non", "--direction", "mean", "--rts", "vrs"]), "beta", "dea_jl_fls_11.expected.csv", "ddf_mean_vrs")
        try expectColumn(try rows(fls + ["--orientation", "non", "--direction", "unit"]), "beta", "dea_jl_fls_11.expected.csv", "ddf_unit_crs")
        try expectColumn(try rows(fls + ["--orientation", "output"]), "beta", "dea_jl_fls_11.expected.csv", "ddf_output_crs")
        // Direction columns: gx1,gx2 then gy (here the observed values again).
        try expectColumn(try rows(fls + ["--orientation", "non", "--direction", "x1,x2,y"]), "beta", "dea_jl_fls_11.expected.csv", "ddf_observed_crs")
        let zp = ["--data", TolokProcess.dataset("dea_jl_zofio_prieto_5.csv"), "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2"]
        let cost = try rows(zp + ["--model", "cost", "--input-prices", "w1,w2", "--rts", "vrs"])
        try expectColumn(cost, "cost_efficiency", "dea_jl_zofio_prieto_5.expected.csv", "cost_vrs")
        try expectColumn(cost, "allocative_efficiency", "dea_jl_zofio_prieto_5.expected.csv", "cost_allocative_vrs")
        try expectColumn(try rows(zp + ["--model", "revenue", "--output-prices", "p1,p2"]), "revenue_efficiency", "dea_jl_zofio_prieto_5.expected.csv", "revenue_crs")
        let x2 = ["--data", TolokProcess.dataset("dea_jl_x2_8.csv"), "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y"]
        try expectColumn(try rows(x2 + ["--model", "profit", "--rts", "vrs", "--input-prices", "w1,w2", "--output-prices", "p"]),
                         "profit_inefficiency", "dea_jl_x2_8.expected.csv", "profit_observed")
    }

    @Test func theEchoedReturnsToScaleIsTheEffectiveOne() throws {
        // --model additive and --model profit run under VRS unless --rts says otherwise: the JSON
        // echo says vrs, not the declared default crs.
        let fls = ["run", "dea", "--data", TolokProcess.dataset("dea_jl_fls_11.csv"), "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y", "--format", "json"]
        func rts(_ extra: [String]) throws -> String? {
            let out = try TolokProcess.run(fls + extra)
            let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any]
            return (object?["parameters"] as? [String: Any])?["rts"] as? String
        }
        #expect(try rts(["--model", "additive"]) == "vrs")
        #expect(try rts(["--model", "additive", "--rts", "crs"]) == "crs")
        #expect(try rts([]) == "crs")
        let zpa = ["run", "dea", "--data", TolokProcess.dataset("dea_jl_zpa_profit_8.csv"), "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2",
                   "--model", "profit", "--input-prices", "w1,w2", "--output-prices", "p1,p2", "--format", "json"]
        let out = try TolokProcess.run(zpa)
        #expect(out.stdout.contains("\"rts\":\"vrs\""), "\(out.stdout.prefix(300))")
        #expect(!out.stdout.contains("\"rts\":\"crs\""))
    }

    @Test func profitDefaultsToVRSAndTakesADirection() throws {
        // Zofío, Pastor & Aparicio (2013) through DataEnvelopmentAnalysis.jl test/deaprofit.jl: the
        // direction gx = gy = 1/6 (column g) gives its published Nerlovian decomposition.
        let base = ["run", "dea", "--data", TolokProcess.dataset("dea_jl_zpa_profit_8.csv"), "--id", "dmu", "--inputs", "x1,x2",
                    "--outputs", "y1,y2", "--model", "profit", "--input-prices", "w1,w2", "--output-prices", "p1,p2", "--format", "csv"]
        let plain = try TolokProcess.run(base)
        let vrs = try TolokProcess.run(base + ["--rts", "vrs"])
        #expect(plain.status == 0 && plain.stdout == vrs.stdout, "\(plain.stderr)")
        try expectColumn(try rows(Array(base.dropFirst(2).dropLast(2)) + ["--direction", "g,g,g,g"]),
                         "profit_inefficiency", "dea_jl_zpa_profit_8.expected.csv", "profit_inefficiency")
        try expectColumn(try rows(Array(base.dropFirst(2).dropLast(2)) + ["--direction", "g,g,g,g"]),
                         "allocative_inefficiency", "dea_jl_zpa_profit_8.expected.csv", "allocative_inefficiency")
    }

    @Test(arguments: [
        (["--model", "cost"], "--model cost needs --input-prices"),
        (["--model", "cost", "--input-prices", "w1"], "--input-prices names 1 column(s) for 2 input(s)"),
        (["--model", "cost", "--input-prices", "w1,neg"], "expected a non-negative number"),
        (["--model", "revenue"], "--model revenue needs --output-prices"),
        (["--direction", "unit"], "--direction needs --model ddf"),
        (["--model", "sbm", "--direction", "unit"], "--direction applies to --model ddf or profit only"),
        (["--model", "ddf", "--super"], "--super is for --model radial or sbm"),
        (["--model", "cost", "--input-prices", "w1,w2", "--super"], "--super is for --model radial or sbm"),
        (["--orientation", "non"], "--orientation non needs --model sbm or ddf"),
        (["--model", "profit", "--input-prices", "w1,w2", "--output-prices", "p1,p2", "--rts", "crs"], "--model profit needs --rts vrs"),
        (["--model", "ddf", "--direction", "w1,w2"], "--direction takes observed, unit, mean, or 4 columns"),
        (["--model", "sbm", "--scale"], "--scale is for --model radial"),
    ])
    func nonRadialRefusals(_ extra: [String], _ message: String) throws {
        let f = try folder.file("z.csv", "dmu,x1,x2,y1,y2,w1,w2,p1,p2,neg\nA,5,3,7,4,2,1,3,2,-1\nB,2,4,10,8,2,1,3,2,1\nC,4,2,8,10,2,1,3,2,1\n")
        let out = try TolokProcess.run(["run", "dea", "--data", f, "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2"] + extra)
        #expect(out.status == 2, "\(extra): \(out.stdout)")
        #expect(out.stderr.contains(message), "\(extra): \(out.stderr)")
        #expect(out.stderr.split(separator: "\n").count == 1, "one line: \(out.stderr)")
    }
}
