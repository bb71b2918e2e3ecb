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

    /// The models not yet reviewed for zeros (SBM, FDH, additive, DDF, economic, Malmquist)
    /// keep the located refusal of a zero input.
    @Test(arguments: [["--model", "sbm"], ["--rts", "fdh"], ["--model", "additive"], ["--model", "ddf"]])
    func otherModelsStillRefuseZeroInputs(_ extra: [String]) throws {
        let path = try folder.file("z.csv", Self.oneZeroInput)
        let o = try TolokProcess.run(["run", "dea", "--data", path, "--id", "dmu", "--inputs", "x1,x2", "--outputs", "y1,y2"] + extra)
        #expect(o.status == 2 && o.stderr.contains("line 3 (data row 2), column \"x1\": expected a positive number"), "\(o.stderr)")
    }
}
