import Foundation
import Testing
import TolokCore
import TolokTestSupport
@testable import TolokDEAModel
@testable import TolokDEA

/// `tolok run dea --frontier-only` (issue #18): the units it writes span the technology of the
/// file, so scoring the file against them (`--reference`) gives the scores of the plain run, in
/// every orientation and returns to scale; so does the two-level frontier (the frontier of the
/// union of block frontiers) that the Dask driver builds.
@Suite struct FrontierOnlyTests {
    static let n = 600

    /// Cobb-Douglas data (2 inputs, 2 outputs), every number in round-trip form.
    static let csv: String = {
        let d = SyntheticDEAData.cobbDouglas(units: n, inputs: 2, outputs: 2, seed: 18)
        var text = "x1,x2,y1,y2\n"
        for j in 0..<n { text += "\(d.inputs[0][j]),\(d.inputs[1][j]),\(d.outputs[0][j]),\(d.outputs[1][j])\n" }
        return text
    }()

    static let model = ["--inputs", "x1,x2", "--outputs", "y1,y2"]

    func frontier(_ text: String, _ args: [String]) throws -> ResultTable {
        try #require(PluginHarness.run("dea", csvText: text, Self.model + args + ["--frontier-only"]).table("frontier"))
    }

    /// A frontier table as a --reference file (id, inputs, outputs).
    func referenceCSV(_ t: ResultTable) -> String {
        var text = "id,x1,x2,y1,y2\n"
        for row in t.rows {
            text += row[1].string! + "," + row[2...].map { "\($0.double!)" }.joined(separator: ",") + "\n"
        }
        return text
    }

    func efficiencies(_ r: AnalysisResult) -> [Double] { r.table("units")!.values(of: "efficiency")!.map { $0.double ?? .nan } }

    @Test(arguments: ["crs", "vrs"], ["input", "output"])
    func scoresAgainstTheFrontierEqualThePlainRun(rts: String, orientation: String) throws {
        let args = ["--rts", rts, "--orientation", orientation]
        let plain = try PluginHarness.run("dea", csvText: Self.csv, Self.model + args)
        let f = try frontier(Self.csv, ["--rts", rts])
        #expect(f.rows.count > 2 && f.rows.count < Self.n / 2)
        // Rows and ids without an id column: the data rows (1 = first after the header), in file order.
        let rows = f.values(of: "row")!.map { $0.double.map(Int.init)! }
        #expect(rows == rows.sorted())
        #expect(f.values(of: "id")!.map(\.string!) == rows.map(String.init))
        // Every efficient unit of the plain run is in the frontier.
        let eff = efficiencies(plain)
        for j in 0..<Self.n where abs(eff[j] - 1) < 1e-9 { #expect(rows.contains(j + 1), "efficient unit \(j + 1) missing") }
        let against = try PluginHarness.run("dea", csvText: Self.csv, files: ["ref.csv": referenceCSV(f)], Self.model + args + ["--reference", "ref.csv"])
        let scored = efficiencies(against)
        for j in 0..<Self.n { #expect(abs(scored[j] - eff[j]) <= 1e-9, "unit \(j + 1): \(scored[j]) vs \(eff[j])") }
    }

    @Test func theFrontierOfTheBlockFrontiersGivesTheSameScores() throws {
        let lines = Self.csv.split(separator: "\n").map(String.init)
        let header = lines[0], body = Array(lines[1...])
        let half = body.count / 2
        let first = try frontier(([header] + body[..<half]).joined(separator: "\n") + "\n", ["--rts", "vrs"])
        let second = try frontier(([header] + body[half...]).joined(separator: "\n") + "\n", ["--rts", "vrs", "--row-offset", "\(half)"])
        // The second block's ids continue the first's: offset + row.
        #expect(second.values(of: "id")!.allSatisfy { Int($0.string!)! > half })
        var union = ResultTable(name: "frontier", columns: first.columns)
        for row in first.rows + second.rows { union.append(row) }
        let global = try PluginHarness.run("dea", csvText: referenceCSV(union), id: "id", Self.model + ["--rts", "vrs", "--frontier-only"]).table("frontier")!
        let args = ["--rts", "vrs", "--orientation", "output"]
        let plain = efficiencies(try PluginHarness.run("dea", csvText: Self.csv, Self.model + args))
        let scored = efficiencies(try PluginHarness.run("dea", csvText: Self.csv, files: ["ref.csv": referenceCSV(global)],
                                                        Self.model + args + ["--reference", "ref.csv"]))
        for j in 0..<Self.n { #expect(abs(scored[j] - plain[j]) <= 1e-9, "unit \(j + 1)") }
    }

    @Test(arguments: [["--super"], ["--scale"], ["--rts", "fdh"], ["--model", "sbm"], ["--group-by", "x1"], ["--peer-counts"]])
    func optionsTheFrontierDoesNotUseAreRefused(extra: [String]) throws {
        #expect(throws: UsageError.self) { try PluginHarness.run("dea", csvText: Self.csv, Self.model + ["--frontier-only"] + extra) }
    }

    /// ε-complementary slackness in the certificate: a peer that is not tight under the duals
    /// passes only when λ times its reduced cost is at most 1e-9 of the objective.
    @Test(arguments: [(1e-10, true), (1e-8, false), (0.5, false)])
    func aNegligibleLambdaNeedNotBeTight(lambda: Double, accepted: Bool) {
        // A (x 1, y 1) and B (x 2, y 1), CRS input: θ_A = 1 with v = 1, u = 1, u₀ = 0; B is not
        // tight (u·y_B − v·x_B = −1).
        let data = DEAData(inputs: [[1, 2]], outputs: [[1, 1]])
        var score = DEAUnitScore.failed(.ok, m: 1, s: 1)
        score.radial = 1
        score.inputWeights = [1]
        score.outputWeights = [1]
        score.constant = 0
        score.peers = [(unit: 0, lambda: 1), (unit: 1, lambda: lambda)]
        #expect(ScoreCertificate.acceptable(score, unit: 0, isMember: true, data: data, orientation: .input, superEfficiency: false) == accepted)
    }
}
