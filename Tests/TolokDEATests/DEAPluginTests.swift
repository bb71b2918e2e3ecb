import Foundation
import Testing
import TolokCore
import TolokTestSupport
@testable import TolokDEAModel
@testable import TolokDEA

/// The `dea` plugin end to end at the library level: within-program frontiers, Malmquist,
/// output tables, degenerate data.
@Suite struct DEAPluginTests {
    func run(_ file: String, id: String? = "dmu", _ args: [String]) throws -> AnalysisResult {
        try PluginHarness.run("dea", data: file, id: id, args)
    }

    func run(text: String, id: String? = "id", _ args: [String]) throws -> AnalysisResult {
        try PluginHarness.run("dea", csvText: text, id: id, args)
    }

    func column(_ r: AnalysisResult, _ name: String, table: String = "units") -> [Value] {
        r.table(table)!.values(of: name)!
    }

    @Test(arguments: ["pft_1981", "pft_1981_deaR_variant"])
    func withinProgramFrontiers(file: String) throws {
        let r = try run(file + ".csv", ["--inputs", PublishedScoresTests.pftInputs.joined(separator: ","),
                                        "--outputs", PublishedScoresTests.pftOutputs.joined(separator: ","), "--group-by", "program"])
        let expected = try Datasets.expected(file + ".expected.csv")
        let ids = column(r, "id").map { $0.string! }
        let eff = column(r, "efficiency").map { $0.double! }
        for (id, e) in zip(ids, eff) {
            let want = try #require(expected[id]?["ccr_input_within_program"] ?? nil)
            #expect(abs(e - want) <= 1e-6, "unit \(id): \(e) vs \(want)")
        }
    }

    @Test(arguments: ["pft_1981", "pft_1981_deaR_variant"])
    func scaleEfficiency(file: String) throws {
        let r = try run(file + ".csv", ["--inputs", PublishedScoresTests.pftInputs.joined(separator: ","),
                                        "--outputs", PublishedScoresTests.pftOutputs.joined(separator: ","), "--scale"])
        let expected = try Datasets.expected(file + ".expected.csv")
        for (k, id) in column(r, "id").enumerated() {
            let want = try #require(expected[id.string!]?["scale"] ?? nil)
            #expect(abs(column(r, "scale_efficiency")[k].double! - want) <= 1e-6)
            let rtsClass = column(r, "returns_to_scale")[k].string!
            #expect(["constant", "increasing", "decreasing"].contains(rtsClass))
            // θ_CRS ≤ θ_NIRS ≤ θ_VRS.
            let crs = column(r, "theta_crs")[k].double!, nirs = column(r, "theta_nirs")[k].double!, vrs = column(r, "theta_vrs")[k].double!
            #expect(crs <= nirs + 1e-9 && nirs <= vrs + 1e-9)
        }
    }

    @Test func hospitalsScaleColumn() throws {
        let r = try run("cst_hospitals_12.csv", ["--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients", "--scale", "--rts", "vrs"])
        let expected = try Datasets.expected("cst_hospitals_12.expected.csv")
        for (k, id) in column(r, "id").enumerated() {
            #expect(abs(column(r, "scale_efficiency")[k].double! - expected[id.string!]!["scale"]!!) <= 1e-6)
        }
    }

    @Test func malmquistPanel() throws {
        let r = try run("dea_jl_malmquist_5.csv", ["--inputs", "x1", "--outputs", "y1", "--period", "period"])
        #expect(r.tables.first?.name == "pairs")
        let expected = try Datasets.load("dea_jl_malmquist_5.expected.csv")
        let ids = try expected.texts("dmu"), spans = try expected.texts("periods")
        let m = try expected.numbers("jl_test_malmquist"), ec = try expected.numbers("jl_test_effch"), tc = try expected.numbers("jl_test_techch")
        let pairs = r.table("pairs")!
        #expect(pairs.rows.count == ids.count)
        for row in pairs.rows {
            let id = row[0].string!, from = row[2].string!, to = row[3].string!
            let k = try #require(ids.indices.first { ids[$0] == id && spans[$0] == "\(from)-\(to)" })
            // The reference values are rational; the [T] column prints 7–10 decimals.
            #expect(abs(row[4].double! - m[k]) <= 1e-7, "M \(id) \(from)-\(to)")
            #expect(abs(row[5].double! - ec[k]) <= 1e-7, "EC \(id) \(from)-\(to)")
            #expect(abs(row[6].double! - tc[k]) <= 1e-7, "TC \(id) \(from)-\(to)")
        }
        // The [C] columns (6 decimals) too, and exact rationals: unit 1, 1→2: M = 2, EC = 4/3, TC = 3/2.
        let first = pairs.rows.first { $0[0].string == "1" && $0[2].string == "1" }!
        #expect(abs(first[4].double! - 2) <= 1e-9 && abs(first[5].double! - 4.0 / 3) <= 1e-9 && abs(first[6].double! - 1.5) <= 1e-9)
    }

    @Test func malmquistMatchesUnitsByIdAndReportsMissingOnes() throws {
        // Rows shuffled; unit C absent in period 2010; period labels echoed as written.
        let text = "id,year,x,y\nB,2011,3,4\nA,2010,2,1\nC,2011,5,6\nB,2010,3,4\nA,2011,1,1\n"
        let r = try run(text: text, ["--inputs", "x", "--outputs", "y", "--period", "year"])
        let pairs = r.table("pairs")!
        #expect(pairs.rows.map { $0[0].string! } == ["B", "A", "C"])
        let c = pairs.rows[2]
        #expect(c[1].string == "missing_data" && c[4] == .missing)
        #expect(pairs.rows[0][2].string == "2010" && pairs.rows[0][3].string == "2011")
        // B: same data both periods; A improved (x 2 → 1 at y = 1).
        let a = pairs.rows[1]
        #expect(a[4].double! > 1)
        // Numeric period order: 9 before 10.
        #expect(MalmquistAnalysis.sortedPeriods(["10", "9", "11"]) == ["9", "10", "11"])
        #expect(MalmquistAnalysis.sortedPeriods(["2020Q2", "2020Q1"]) == ["2020Q1", "2020Q2"])
    }

    @Test func malmquistErrors() throws {
        #expect(throws: UsageError.self) { try run(text: "id,t,x,y\nA,1,1,1\n", id: nil, ["--inputs", "x", "--outputs", "y", "--period", "t"]) }
        #expect(throws: DataError.self) { try run(text: "id,t,x,y\nA,1,1,1\nA,1,2,2\n", ["--inputs", "x", "--outputs", "y", "--period", "t"]) }
        #expect(throws: UsageError.self) { try run(text: "id,t,x,y\nA,1,1,1\nB,1,2,2\n", ["--inputs", "x", "--outputs", "y", "--period", "t"]) }
    }

    /// Each program's own status reaches both tables (no remapping): a unit with zero output in
    /// both periods has a 0/0 output-oriented distance in each (φy = y for every φ), so its period
    /// scores and its pair say `undefined`, as in the cross-section (docs/DEA.md, "Zeros"); a unit whose period-2 data lie outside the period-1 VRS hull
    /// has an infeasible cross-period program, so its pair says `infeasible` while its period
    /// scores are `ok`.
    @Test func malmquistStatusesAreTheModels() throws {
        let unbounded = try run(text: "id,t,x,y\nA,1,1,0\nB,1,2,3\nA,2,1,0\nB,2,2,4\n",
                                ["--inputs", "x", "--outputs", "y", "--period", "t", "--orientation", "output"])
        let u = try unbounded.requireTable("units"), p = try unbounded.requireTable("pairs")
        #expect(try u.texts("status") == ["undefined", "ok", "undefined", "ok"])
        #expect(try p.texts("status") == ["undefined", "ok"])
        let infeasible = try run(text: "id,t,x,y\nA,1,1,1\nB,1,2,2\nA,2,1,5\nB,2,2,6\n",
                                 ["--inputs", "x", "--outputs", "y", "--period", "t", "--rts", "vrs"])
        #expect(try infeasible.requireTable("units").texts("status") == ["ok", "ok", "ok", "ok"])
        #expect(try infeasible.requireTable("pairs").texts("status") == ["infeasible", "infeasible"])
        #expect(try infeasible.requireTable("pairs").values(of: "malmquist") == [.missing, .missing])
    }

    /// A column spanning twelve orders of magnitude makes the programs too badly conditioned for
    /// a tolerance-based simplex: before the optimality certificate, B and C came back
    /// `unbounded` (impossible for input orientation) and A with θ off in its fifth digit, and
    /// with A's x = 1e-12, B was `ok` with θ = 0. Now no such unit is `ok`.
    @Test func unverifiableScoresAreNeverOK() throws {
        for text in ["id,x,y\nA,1e12,2\nB,2,3\nC,3,3\n", "id,x,y\nA,1e-12,2\nB,2,3\nC,3,3\n"] {
            for orientation in ["input", "output"] {
                let r = try run(text: text, ["--inputs", "x", "--outputs", "y", "--orientation", orientation])
                let t = try r.requireTable("units")
                let status = try t.texts("status"), e = try t.numbers("efficiency")
                for k in status.indices {
                    #expect(status[k] != "unbounded", "\(orientation) unit \(k): unbounded with a positive input and output")
                    if status[k] == "ok" {
                        // Exact: A 1.333…e-12, B 1, C 2/3 (first file); A 1, B 7.5e-13, C 5e-13 (second).
                        let exact: Double = text.contains("1e12") ? [4.0 / 3 * 1e-12, 1.0, 2.0 / 3][k] : [1.0, 7.5e-13, 5e-13][k]
                        #expect(abs(e[k] - exact) <= 1e-6 * exact, "\(orientation) unit \(k): \(e[k]) vs \(exact)")
                    }
                }
                if status.contains("numerical_failure") { #expect(r.notes.contains { $0.contains("could not be solved to a verified optimum") }) }
            }
        }
    }

    /// One column in two roles is refused before any work (a table would repeat its keys).
    @Test func aColumnPlaysOneRole() throws {
        let text = "id,x,y\nA,1,2\nB,2,3\n"
        let both = try #require(throws: UsageError.self) { try run(text: text, ["--inputs", "x", "--outputs", "x"]) }
        #expect(both.description == "column \"x\" is listed in both --inputs and --outputs: each column plays one role")
        let twice = try #require(throws: UsageError.self) { try run(text: text, ["--inputs", "x,x", "--outputs", "y"]) }
        #expect(twice.description == "column \"x\" is listed twice in --inputs")
    }

    @Test func peersAndOutputColumns() throws {
        let r = try run("cst_hospitals_12.csv", ["--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients", "--orientation", "output", "--rts", "vrs"])
        let t = r.table("units")!
        #expect(t.columns.map(\.name).prefix(5) == ["id", "status", "efficiency", "phi", "class"])
        #expect(t.columnIndex("v0") != nil && t.columnIndex("u0") == nil)
        for row in t.rows {
            let e = row[t.columnIndex("efficiency")!].double!, phi = row[t.columnIndex("phi")!].double!
            #expect(abs(e * phi - 1) <= 1e-12)
            let peers = row[t.columnIndex("peers")!].string!
            let lambdas = peers.split(separator: ";").map { Double($0.split(separator: ":")[1])! }
            #expect(abs(lambdas.reduce(0, +) - 1) <= 1e-5)  // VRS: Σλ = 1 (λ printed to 6 decimals)
        }
    }

    @Test func degenerateDataNeverCrash() throws {
        let cases: [(String, [String])] = [
            ("id,x,y\nA,1,1\n", []),                                       // one unit
            ("id,x,y\nA,1,1\nB,1,1\nC,2,2\n", []),                          // duplicate units
            ("id,x,y\nA,1,100\nB,5,1\nC,6,2\n", []),                        // one dominates all
            ("id,x,y\nA,1,0\nB,2,3\nC,3,0\n", []),                          // zero outputs
            ("id,x,y\nA,1,0\nB,2,0\n", ["--orientation", "output"]),        // all outputs zero: φ unbounded
            ("id,x1,x2,x3,y1,y2\nA,1,2,3,4,5\nB,2,1,4,3,1\n", []),          // more variables than units
            ("id,x1,x2,y\nA,0.001,1e9,1\nB,0.002,5e8,3\nC,0.0015,2e9,2\n", []), // columns 1e-3 … 1e9
        ]
        for (text, extra) in cases {
            let columns = try CSVLoader.parse(text: text).columnNames
            let x = columns.filter { $0.hasPrefix("x") }.joined(separator: ","), y = columns.filter { $0.hasPrefix("y") }.joined(separator: ",")
            for rts in ["crs", "vrs", "nirs", "ndrs"] {
                for sup in [false, true] {
                    let r = try run(text: text, ["--inputs", x, "--outputs", y, "--rts", rts, "--scale"] + extra + (sup ? ["--super"] : []))
                    let t = r.table("units")!
                    #expect(t.rows.count == text.split(separator: "\n").count - 1)
                    for row in t.rows {
                        let status = row[1].string!
                        #expect(UnitStatus(rawValue: status) != nil)
                        if status == "ok", let e = row[2].double { #expect(e.isFinite && e >= 0) }
                    }
                }
            }
        }
        // Zero outputs in output orientation: φ is 0/0, reported as undefined, not dropped.
        let r = try run(text: "id,x,y\nA,1,0\nB,2,0\n", ["--inputs", "x", "--outputs", "y", "--orientation", "output"])
        #expect(column(r, "status").map { $0.string! } == ["undefined", "undefined"])
    }
}
