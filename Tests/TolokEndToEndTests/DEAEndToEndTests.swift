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
}
