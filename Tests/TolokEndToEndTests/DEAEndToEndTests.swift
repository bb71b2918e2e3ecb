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

    @Test func dataRequirementsAreLocated() throws {
        let f = try folder.file("d.csv", "unit,x,y\nA,1,2\nB,0,3\n")
        let out = try TolokProcess.run(["run", "dea", "--data", f, "--id", "unit", "--inputs", "x", "--outputs", "y"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("d.csv: line 3 (data row 2), column \"x\": expected a positive number, got \"0\""))
        let g = try folder.file("p.csv", "unit,t,x,y\nA,1,1,2\nA,1,2,3\n")
        let dup = try TolokProcess.run(["run", "dea", "--data", g, "--id", "unit", "--period", "t", "--inputs", "x", "--outputs", "y"])
        #expect(dup.status == 2)
        #expect(dup.stderr.contains("unique id within period \"1\""))
        let bad = try TolokProcess.run(["run", "dea", "--data", g, "--id", "unit", "--inputs", "x", "--outputs", "y", "--rts", "xrs"])
        #expect(bad.status == 2 && bad.stderr.contains("expected one of crs, vrs, nirs, ndrs"))
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

    @Test(arguments: [
        (["--model", "cost"], "--model cost needs --input-prices"),
        (["--model", "cost", "--input-prices", "w1"], "--input-prices names 1 column(s) for 2 input(s)"),
        (["--model", "cost", "--input-prices", "w1,neg"], "expected a non-negative number"),
        (["--model", "revenue"], "--model revenue needs --output-prices"),
        (["--direction", "unit"], "--direction needs --model ddf"),
        (["--model", "sbm", "--direction", "unit"], "--direction applies to --model ddf only"),
        (["--model", "ddf", "--super"], "--super is for --model radial or sbm"),
        (["--model", "cost", "--input-prices", "w1,w2", "--super"], "--super is for --model radial or sbm"),
        (["--orientation", "non"], "--orientation non needs --model sbm or ddf"),
        (["--model", "profit", "--input-prices", "w1,w2", "--output-prices", "p1,p2"], "--model profit needs --rts vrs"),
        (["--model", "ddf", "--direction", "w1,w2"], "--direction takes observed, unit, mean, or 4 columns"),
        (["--model", "sbm", "--scale"], "--scale is for --model radial"),
        (["--model", "additive"], "not implemented on this branch"),
    ])
    func nonRadialRefusals(_ extra: [String], _ message: String) throws {
        let f = try folder.file("z.csv", "dmu,x1,x2,y1,y2,w1,w2,p1,p2,neg\nA,5,3,7,4,2,1,3,2,-1\nB,2,4,10,8,2,1,3,2,1\nC,4,2,8,10,2,1,3,2,1\n")
        let out = try TolokProcess.run(["run", "dea", "--data", f, "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2"] + extra)
        #expect(out.status == 2, "\(extra): \(out.stdout)")
        #expect(out.stderr.contains(message), "\(extra): \(out.stderr)")
        #expect(out.stderr.split(separator: "\n").count == 1, "one line: \(out.stderr)")
    }
}
