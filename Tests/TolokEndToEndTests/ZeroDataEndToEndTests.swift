import Foundation
import Testing

/// DEA with zero inputs and outputs (docs/DEA.md, "Zeros"): accepted by the radial model where
/// its program is defined; a unit whose score is 0/0 has status undefined.
@Suite struct ZeroDataEndToEndTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    /// B has a zero input, D zero outputs (no unit has every input zero).
    static let oneZeroInput = "dmu,x1,x2,y1,y2\nA,2,3,1,1\nB,0,2,1,2\nC,3,2,2,1\nD,4,4,0,0\nF,5,1,1,0\n"
    /// D and E have every input zero.
    static let zeroInputs = "dmu,x1,x2,y1,y2\nA,2,3,1,1\nB,0,2,1,2\nC,3,2,2,1\nD,0,0,1,1\nE,0,0,0,0\nF,4,4,0,0\n"

    func rows(_ csv: String, _ extra: [String]) throws -> [String: [String: String]] {
        let path = try folder.file("z.csv", csv)
        let o = try TolokProcess.run(["run", "dea", "--data", path, "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2", "--format", "csv"] + extra)
        #expect(o.status == 0, "\(o.stderr)")
        let lines = o.stdout.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        var out: [String: [String: String]] = [:]
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            out[cells[0]] = Dictionary(uniqueKeysWithValues: zip(header, cells))
        }
        return out
    }

    /// Hand-computed CRS input θ: A is covered by λ_B = 5/13, λ_C = 4/13 (y = (1, 14/13) ≥ (1, 1),
    /// x = (12/13, 18/13) = θ·(2, 3) at θ = 6/13); D (no outputs) has θ = 0; F is on the frontier
    /// with a slack in x1 (C/2 gives y1 = 1 with x2 = 1): weakly efficient.
    @Test func zeroInputsUnderInputOrientation() throws {
        let r = try rows(Self.oneZeroInput, [])
        #expect(abs(Double(r["A"]!["efficiency"]!)! - 6.0 / 13) <= 1e-9)
        #expect(r["B"]!["status"] == "ok" && Double(r["B"]!["efficiency"]!)! == 1)
        #expect(r["D"]!["status"] == "ok" && abs(Double(r["D"]!["efficiency"]!)!) <= 1e-12)
        #expect(r["F"]!["class"] == "weakly_efficient")
    }

    /// Under output orientation a unit whose outputs are all zero has φ = 0/0: undefined.
    @Test func zeroOutputsUnderOutputOrientationAreUndefined() throws {
        let r = try rows(Self.oneZeroInput, ["--orientation", "output"])
        #expect(r["D"]!["status"] == "undefined" && r["D"]!["efficiency"] == "")
        #expect(abs(Double(r["A"]!["phi"]!)! - 13.0 / 6) <= 1e-9)
    }

    /// Every input zero: θ = 0/0 under input orientation, status undefined, kept, explained.
    @Test func allInputsZeroIsUndefinedAndExplained() throws {
        let r = try rows(Self.zeroInputs, ["--rts", "vrs"])
        #expect(r["D"]!["status"] == "undefined" && r["E"]!["status"] == "undefined")
        #expect(r["D"]!["efficiency"] == "" && r["D"]!["peers"] == "")
        let path = try folder.file("z.csv", Self.zeroInputs)
        let json = try TolokProcess.run(["run", "dea", "--data", path, "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((object["summary"] as? [String: Any])?["undefined_units"] as? Int == 2)
        #expect((object["notes"] as? [String])?.contains { $0.contains("2 unit(s) have all inputs zero") } == true)
        let strict = try TolokProcess.run(["run", "dea", "--data", path, "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2", "--strict", "--format", "csv"])
        #expect(strict.status == 3 && strict.stderr.contains("undefined 2"), "\(strict.stderr)")
    }

    /// Zeros in every DEA model; expected numbers from scripts/zero_data_expected.py (scipy
    /// linprog/HiGHS and enumeration, independent of Tolok). E has every input and output zero.
    static let zeroModels = "dmu,x1,x2,y1,y2\nA,2,3,1,1\nB,0,2,1,2\nC,3,2,2,1\nD,4,4,0,0\nF,5,1,1,0\nE,0,0,0,0\n"
    /// G is a "free lunch": every input zero, a positive output.
    static let freeLunch = "dmu,x1,x2,y1,y2\nA,2,3,1,1\nB,0,2,1,2\nC,3,2,2,1\nF,5,1,3,0\nG,0,0,1,0\n"

    func number(_ r: [String: [String: String]], _ id: String, _ column: String) -> Double? { r[id]?[column].flatMap(Double.init) }

    @Test func sbmDropsZeroInputsFromTheRatio() throws {
        let r = try rows(Self.zeroModels, ["--model", "sbm", "--orientation", "non"])
        for (id, rho) in [("A", 2.0 / 9), ("B", 1), ("C", 1), ("D", 0), ("F", 0.65)] {
            #expect(r[id]!["status"] == "ok" && abs(number(r, id, "efficiency")! - rho) <= 1e-7, "\(id): \(r[id]!)")
        }
        #expect(r["E"]!["status"] == "undefined" && r["E"]!["efficiency"] == "")
        let input = try rows(Self.zeroModels, ["--model", "sbm", "--orientation", "input"])
        #expect(input["E"]!["status"] == "undefined" && input["B"]!["status"] == "ok")
    }

    @Test func fdhAcceptsZeroInputs() throws {
        let r = try rows(Self.zeroModels, ["--rts", "fdh"])
        for (id, theta) in [("A", 2.0 / 3), ("B", 1), ("C", 1), ("D", 0), ("F", 1)] {
            #expect(r[id]!["status"] == "ok" && abs(number(r, id, "efficiency")! - theta) <= 1e-9, "\(id): \(r[id]!)")
        }
        #expect(r["E"]!["status"] == "undefined")
    }

    @Test func additiveDDFAndCostAcceptZeros() throws {
        let add = try rows(Self.zeroModels, ["--model", "additive"])
        for (id, v) in [("A", 4.0), ("B", 0), ("C", 0), ("D", 9), ("F", 4), ("E", 0)] {
            #expect(add[id]!["status"] == "ok" && abs(number(add, id, "inefficiency")! - v) <= 1e-7, "\(id): \(add[id]!)")
        }
        let ddf = try rows(Self.zeroModels, ["--model", "ddf", "--orientation", "non"])
        for (id, v) in [("A", 7.0 / 19), ("B", 0), ("C", 0), ("D", 1), ("F", 0)] {
            #expect(ddf[id]!["status"] == "ok" && abs(number(ddf, id, "beta")! - v) <= 1e-7, "\(id): \(ddf[id]!)")
        }
        #expect(ddf["E"]!["status"] == "undefined", "zero direction g = (x, y) = 0")
        let path = try folder.file("z.csv", Self.zeroModels.replacingOccurrences(of: "y2\n", with: "y2,w1,w2\n")
            .split(separator: "\n").enumerated().map { $0.offset == 0 ? String($0.element) : $0.element + ",1,1" }.joined(separator: "\n") + "\n")
        let o = try TolokProcess.run(["run", "dea", "--data", path, "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2", "--model", "cost",
                                      "--input-prices", "w1,w2", "--format", "csv"])
        #expect(o.status == 0, "\(o.stderr)")
        let lines = o.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = lines[0]
        let cost = Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[0], Dictionary(uniqueKeysWithValues: zip(header, $0))) })
        for (id, v) in [("A", 0.4), ("B", 1), ("C", 0.8), ("D", 0), ("F", 1.0 / 3)] {
            #expect(cost[id]!["status"] == "ok" && abs(Double(cost[id]!["cost_efficiency"]!)! - v) <= 1e-7, "\(id): \(cost[id]!)")
        }
        #expect(cost["E"]!["status"] == "undefined")
        #expect(cost["D"]!["allocative_efficiency"] == "", "TE = 0: AE = 0/0 is not reported")
    }

    /// A free-lunch unit G: CRS input θ of the others from an independent LP (A 1/3, B 1, C 1/2,
    /// F 0: G alone covers F's outputs); phase II is unbounded (λ_G grows freely), so no slacks.
    @Test func freeLunchUnderCRSGivesDefinedScores() throws {
        let r = try rows(Self.freeLunch, [])
        for (id, theta) in [("A", 1.0 / 3), ("B", 1), ("C", 0.5), ("F", 0)] {
            #expect(r[id]!["status"] == "ok" && abs(number(r, id, "efficiency")! - theta) <= 1e-9, "\(id): \(r[id]!)")
            #expect(r[id]!["slack_y1"] == "" && r[id]!["target_y1"] == "", "unbounded slacks are not reported")
        }
        #expect(r["B"]!["class"] == "weakly_efficient", "θ = 1 but G adds y1 for free")
        #expect(r["G"]!["status"] == "undefined")
        let vrs = try rows(Self.freeLunch, ["--rts", "vrs"])
        for (id, theta) in [("A", 1.0 / 3), ("B", 1), ("C", 5.0 / 6), ("F", 1)] {
            #expect(vrs[id]!["status"] == "ok" && abs(number(vrs, id, "efficiency")! - theta) <= 1e-9, "\(id): \(vrs[id]!)")
            #expect(vrs[id]!["slack_y1"] != "")
        }
        let out = try rows(Self.freeLunch, ["--orientation", "output"])
        #expect(out["F"]!["status"] == "unbounded" && out["G"]!["status"] == "unbounded")
        #expect(abs(number(out, "A", "phi")! - 3) <= 1e-9 && abs(number(out, "C", "phi")! - 2) <= 1e-9)
        let path = try folder.file("z.csv", Self.freeLunch)
        let json = try TolokProcess.run(["run", "dea", "--data", path, "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2", "--format", "json"])
        #expect(json.stdout.contains("unbounded output slacks"), "\(json.stdout)")
    }

    /// --reference with zeros on both sides: G (free lunch) in the reference file.
    @Test func referenceFileWithZeros() throws {
        let ref = try folder.file("ref.csv", "dmu,x1,x2,y1,y2\nB,0,2,1,2\nC,3,2,2,1\nG,0,0,1,0\n")
        let data = try folder.file("d.csv", "dmu,x1,x2,y1,y2\nA,2,3,1,1\nF,5,1,3,0\nZ,0,0,1,1\n")
        let o = try TolokProcess.run(["run", "dea", "--data", data, "--reference", ref, "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2", "--format", "csv"])
        #expect(o.status == 0, "\(o.stderr)")
        let lines = o.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let r = Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[0], Dictionary(uniqueKeysWithValues: zip(lines[0], $0))) })
        #expect(abs(Double(r["A"]!["efficiency"]!)! - 1.0 / 3) <= 1e-9 && Double(r["F"]!["efficiency"]!)! == 0)
        #expect(r["Z"]!["status"] == "undefined")
    }

    /// Malmquist with zeros: a unit with every input zero in a period has an undefined index.
    @Test func malmquistWithZeros() throws {
        let csv = "dmu,t,x1,x2,y1\nA,1,2,1,1\nB,1,0,2,1\nC,1,3,3,1\nA,2,2,1,2\nB,2,0,2,2\nC,2,0,0,0\n"
        let path = try folder.file("p.csv", csv)
        let o = try TolokProcess.run(["run", "dea", "--data", path, "--id", "dmu", "--period", "t", "--inputs", "x1,x2", "--outputs", "y1", "--format", "json"])
        #expect(o.status == 0, "\(o.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(o.stdout.utf8)) as? [String: Any])
        let pairs = try #require(object["pairs"] as? [[String: Any]])
        let byId = Dictionary(uniqueKeysWithValues: pairs.map { ($0["id"] as! String, $0) })
        #expect(byId["C"]?["status"] as? String == "undefined")
        // CRS distances of A by an independent LP (scripts/zero_data_expected.py): 1, 1, 2, 1/2: M = 2.
        #expect(byId["A"]?["status"] as? String == "ok" && abs((byId["A"]?["malmquist"] as? Double ?? 0) - 2) <= 1e-9)
        #expect(abs((byId["B"]?["d_to_from"] as? Double ?? 0) - 0.5) <= 1e-9, "B has a zero input in both periods")
    }

    /// Two-stage DEA (every method) and branch-comparison accept zero inputs; every input zero is undefined.
    @Test(arguments: ["independent", "relational", "additive"])
    func twoStageWithZeroInputs(_ method: String) throws {
        let path = try folder.file("t.csv", "dmu,x1,x2,z,y\nA,2,3,2,1\nB,0,2,2,2\nC,3,2,3,1\nD,0,0,0,0\nF,4,1,1,1\n")
        let o = try TolokProcess.run(["run", "two-stage-dea", "--data", path, "--id", "dmu", "--inputs", "x1,x2", "--intermediates", "z",
                                      "--outputs", "y", "--method", method, "--format", "csv"])
        #expect(o.status == 0, "\(o.stderr)")
        let lines = o.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let r = Dictionary(uniqueKeysWithValues: lines.dropFirst().map { ($0[0], Dictionary(uniqueKeysWithValues: zip(lines[0], $0))) })
        #expect(r["D"]?["status"] == "undefined")
        for id in ["A", "B", "C", "F"] {
            let overall = try #require(r[id]?["overall"].flatMap(Double.init), "\(id): \(r[id] ?? [:])")
            #expect(overall > 0 && overall <= 1 + 1e-9)
        }
        // A free lunch D = (0, 0; z 1; y 1) under CRS: λ_D scales without input, so every other
        // unit's stage-1 and overall score is 0 (docs/DEA.md, "Zeros"), never a failure.
        let lunch = try folder.file("l.csv", "dmu,x1,x2,z,y\nA,2,3,2,1\nB,0,2,2,2\nC,3,2,3,1\nD,0,0,1,1\nF,4,1,1,1\n")
        let l = try TolokProcess.run(["run", "two-stage-dea", "--data", lunch, "--id", "dmu", "--inputs", "x1,x2", "--intermediates", "z",
                                      "--outputs", "y", "--method", method, "--format", "csv"])
        let ll = l.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let lr = Dictionary(uniqueKeysWithValues: ll.dropFirst().map { ($0[0], Dictionary(uniqueKeysWithValues: zip(ll[0], $0))) })
        #expect(lr["D"]?["status"] == "undefined")
        for id in ["A", "B", "C", "F"] { #expect(lr[id]?["status"] == "ok" && lr[id]?["overall"].flatMap(Double.init) == 0, "\(id): \(lr[id] ?? [:])") }
    }

    /// --period with a missing cell: the row is left out (B lacks period 2: missing_data pair),
    /// noted with its line; C's index without B's period-2 row is 3 (scripts/zero_data_expected.py).
    /// --missing error refuses as before.
    @Test func malmquistLeavesOutMissingRows() throws {
        let path = try folder.file("p.csv", "dmu,t,x1,x2,y1\nA,1,2,1,1\nB,1,1,2,1\nC,1,3,3,1\nA,2,2,1,2\nB,2,,2,2\nC,2,1,1,1\n")
        let args = ["run", "dea", "--data", path, "--id", "dmu", "--period", "t", "--inputs", "x1,x2", "--outputs", "y1"]
        let o = try TolokProcess.run(args + ["--format", "json"])
        #expect(o.status == 0, "\(o.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(o.stdout.utf8)) as? [String: Any])
        let pairs = try #require(object["pairs"] as? [[String: Any]])
        let byId = Dictionary(uniqueKeysWithValues: pairs.map { ($0["id"] as! String, $0) })
        #expect(byId["B"]?["status"] as? String == "missing_data")
        #expect(abs((byId["C"]?["malmquist"] as? Double ?? 0) - 3) <= 1e-9)
        #expect((object["notes"] as? [String])?.contains { $0.contains("1 row(s) with missing data left out") && $0.contains("line 6 (B), column x1") } == true)
        let strict = try TolokProcess.run(args + ["--missing", "error"])
        #expect(strict.status == 2 && strict.stderr.contains("line 6 (data row 5), column \"x1\""), "\(strict.stderr)")
    }

    /// --reference with missing cells: a --data row is a missing_data unit, a reference row is
    /// left out of the technology (noted); the scores are those without it.
    @Test func referenceLeavesOutMissingRows() throws {
        let ref = try folder.file("ref.csv", "dmu,x1,x2,y1,y2\nB,0,2,1,2\nC,3,2,2,1\nH,NA,1,1,1\nG,0,0,1,0\n")
        let data = try folder.file("d.csv", "dmu,x1,x2,y1,y2\nA,2,3,1,1\nF,5,1,3,0\nK,,1,1,1\n")
        let args = ["run", "dea", "--data", data, "--reference", ref, "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2"]
        let o = try TolokProcess.run(args + ["--format", "json"])
        #expect(o.status == 0, "\(o.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(o.stdout.utf8)) as? [String: Any])
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units.map { $0["status"] as? String } == ["ok", "ok", "missing_data"])
        #expect(abs((units[0]["efficiency"] as? Double ?? 0) - 1.0 / 3) <= 1e-9, "H left out: A as against B, C, G")
        #expect((object["notes"] as? [String])?.contains { $0.contains("--reference") && $0.contains("line 4 (H), column x1") } == true)
        let strict = try TolokProcess.run(args + ["--missing", "error"])
        #expect(strict.status == 2, "\(strict.stderr)")
    }
}
