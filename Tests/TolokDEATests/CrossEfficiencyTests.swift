import Foundation
import Testing
import TolokCore
import TolokTestSupport
@testable import TolokDEAModel
@testable import TolokDEA

/// `dea --cross-efficiency` (issue #14) against deaR 1.5.3's `cross_efficiency()` on Doyle & Green
/// (1994)'s 20 departments (`Datasets/doyle_green_1994_20_cross_*.R.csv`, made by
/// `scripts/peers/cross-efficiency.R`): benevolent / aggressive = deaR's `M2_ben` / `M2_agg`
/// (method II), input orientation, CRS and VRS, every cell and the means to 1e-6; plus the
/// invariants of the construction.
@Suite struct CrossEfficiencyTests {
    /// SplitMix64 uniforms in [0, 1), for the random data below.
    struct SplitMix {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / 9_007_199_254_740_992
        }
    }

    static let inputs = ["salaries", "other_expenses"]
    static let outputs = ["undergraduates", "postgraduates", "research_income", "publications"]

    static func data() throws -> (DEAData, [String]) {
        let d = try Datasets.load("doyle_green_1994_20.csv")
        return (try Datasets.deaData(d, inputs: inputs, outputs: outputs), try d.texts("id"))
    }

    /// deaR's matrix for one rts and method: [rater][rated].
    static func peer(rts: String, method: String, ids: [String]) throws -> [[Double]] {
        let d = try Datasets.load("doyle_green_1994_20_cross_efficiency.R.csv")
        let r = try d.texts("rts"), m = try d.texts("method"), a = try d.texts("rater"), b = try d.texts("rated")
        let e = try d.numbers("cross_efficiency")
        let index = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        var out = [[Double]](repeating: [Double](repeating: .nan, count: ids.count), count: ids.count)
        for k in r.indices where r[k] == rts && m[k] == method { out[index[a[k]]!][index[b[k]]!] = e[k] }
        return out
    }

    static func peerMeans(rts: String, method: String) throws -> [Double] {
        let d = try Datasets.load("doyle_green_1994_20_cross_means.R.csv")
        let r = try d.texts("rts"), m = try d.texts("method"), e = try d.numbers("mean_cross_efficiency")
        return r.indices.filter { r[$0] == rts && m[$0] == method }.map { e[$0] }
    }

    @Test(arguments: [(ReturnsToScale.crs, CrossEfficiencyMethod.benevolent), (.crs, .aggressive), (.vrs, .benevolent), (.vrs, .aggressive)])
    func agreesWithDeaRMethodII(rts: ReturnsToScale, method: CrossEfficiencyMethod) throws {
        let (data, ids) = try Self.data()
        let run = CrossEfficiency(method: method, rts: rts).run(data)
        let peer = try Self.peer(rts: rts.rawValue, method: method == .benevolent ? "M2_ben" : "M2_agg", ids: ids)
        // Under VRS the aggressive program of these raters is unbounded (deaR warns "Agressive
        // Method II is unbounded ... bound constraint added" for exactly them and caps Σ weights at 1e10).
        let unbounded: Set<String> = rts == .vrs && method == .aggressive
            ? ["Department3", "Department6", "Department7", "Department15", "Department18"] : []
        #expect(Set(ids.indices.filter { run.raters[$0].status == .unbounded }.map { ids[$0] }) == unbounded)
        #expect(run.raters.allSatisfy { $0.status == .ok || $0.status == .unbounded })
        var worst = 0.0
        for d in ids.indices where !unbounded.contains(ids[d]) {
            for j in ids.indices { worst = max(worst, abs(run.value(rater: d, rated: j) - peer[d][j])) }
        }
        #expect(worst <= 1e-6, "\(rts) \(method): max |Tolok − deaR| = \(worst)")
        guard unbounded.isEmpty else { return }  // deaR's means then include the capped raters
        let means = try Self.peerMeans(rts: rts.rawValue, method: method == .benevolent ? "M2_ben" : "M2_agg")
        let meanGap = zip(run.meanCrossEfficiency, means).map { abs($0 - $1) }.max()!
        #expect(meanGap <= 1e-6, "\(rts) \(method): means differ by \(meanGap)")
    }

    /// The diagonal is the unit's own radial efficiency (to 1e-9, from DEAModel's envelopment
    /// programs and deaR's); the weights are feasible and optimal for the rater; under CRS
    /// 0 ≤ E ≤ 1, under VRS E ≤ 1; and the secondary goal orders the three weight choices.
    @Test(arguments: [ReturnsToScale.crs, .vrs])
    func invariants(rts: ReturnsToScale) throws {
        let (data, ids) = try Self.data()
        let n = ids.count
        let theta = DEAModel(orientation: .input, rts: rts).score(data).map(\.radial)
        let deaR = try Self.peer(rts: rts.rawValue, method: "arbitrary", ids: ids)
        var goals: [CrossEfficiencyMethod: [Double]] = [:]
        for method in [CrossEfficiencyMethod.simple, .benevolent, .aggressive] {
            let run = CrossEfficiency(method: method, rts: rts, threads: 2).run(data)
            let unboundedAggressive = rts == .vrs && method == .aggressive
            #expect(run.raters.allSatisfy { $0.status == .ok || (unboundedAggressive && $0.status == .unbounded) })
            var goal = [Double]()
            for d in 0..<n {
                guard run.raters[d].status == .ok else {
                    #expect(run.value(rater: d, rated: 0).isNaN)
                    goal.append(-.infinity)
                    continue
                }
                #expect(abs(run.value(rater: d, rated: d) - theta[d]) <= 1e-9, "\(method) unit \(d)")
                #expect(abs(run.value(rater: d, rated: d) - deaR[d][d]) <= 1e-8, "\(method) unit \(d) vs deaR")
                let w = run.raters[d]
                func slack(_ j: Int) -> Double {
                    (0..<data.outputCount).reduce(-w.u0) { $0 + w.outputWeights[$1] * data.output($1, of: j) }
                        - (0..<data.inputCount).reduce(0) { $0 + w.inputWeights[$1] * data.input($1, of: j) }
                }
                let vx = (0..<data.inputCount).reduce(0) { $0 + w.inputWeights[$1] * data.input($1, of: d) }
                #expect(abs(vx - 1) <= 1e-9)
                for j in 0..<n {
                    #expect(slack(j) <= 1e-9 * max(1, vx), "\(method) rater \(d) violates unit \(j)'s constraint")
                    let e = run.value(rater: d, rated: j)
                    #expect(e <= 1 + 1e-9)
                    if rts == .crs { #expect(e >= -1e-12) }
                }
                goal.append((0..<n).filter { $0 != d }.reduce(0) { $0 + slack($1) })
            }
            goals[method] = goal
            let ok = (0..<n).filter { run.raters[$0].status == .ok }
            for j in 0..<n {
                let column = ok.map { run.value(rater: $0, rated: j) }
                #expect(abs(run.meanCrossEfficiency[j] - column.reduce(0, +) / Double(ok.count)) <= 1e-12)
            }
        }
        for d in 0..<n {
            #expect(goals[.aggressive]![d] <= goals[.simple]![d] + 1e-7 && goals[.simple]![d] <= goals[.benevolent]![d] + 1e-7, "rater \(d)")
        }
    }

    /// Holding only the spanning units' rows changes nothing: random data (n = 150, 2 × 2, many
    /// units inside the technology), every method and RTS, against the programs over all units.
    @Test func spanningRowsGiveTheAllUnitsNumbers() {
        var rng = SplitMix(seed: 7)
        let n = 150
        func column(_ f: () -> Double) -> [Double] { (0..<n).map { _ in f() } }
        let x1 = column { 1 + 9 * rng.next() }, x2 = column { 1 + 9 * rng.next() }
        let y1 = (0..<n).map { (x1[$0] * x2[$0]).squareRoot() * (0.4 + 0.6 * rng.next()) }
        let y2 = (0..<n).map { x1[$0].squareRoot() * (0.4 + 0.6 * rng.next()) }
        let data = DEAData(inputs: [x1, x2], outputs: [y1, y2])
        for rts in [ReturnsToScale.crs, .vrs] {
            for method in [CrossEfficiencyMethod.benevolent, .aggressive] {
                let fast = CrossEfficiency(method: method, rts: rts, threads: 2).run(data)
                var full = CrossEfficiency(method: method, rts: rts, threads: 2)
                full.spanningRowsOnly = false
                let slow = full.run(data)
                #expect(fast.raters.map(\.status) == slow.raters.map(\.status), "\(rts) \(method)")
                let gap = zip(fast.matrix, slow.matrix).filter { $0.isFinite || $1.isFinite }.map { abs($0 - $1) }.max() ?? 0
                #expect(gap <= 1e-7, "\(rts) \(method): \(gap)")
            }
        }
    }

    @Test func sameNumbersWhateverTheThreads() throws {
        let (data, _) = try Self.data()
        let one = CrossEfficiency(method: .aggressive, rts: .vrs, threads: 1).run(data)
        let three = CrossEfficiency(method: .aggressive, rts: .vrs, threads: 3).run(data)
        #expect(zip(one.matrix, three.matrix).allSatisfy { $0.bitPattern == $1.bitPattern })
    }

    func run(_ args: [String]) throws -> AnalysisResult {
        try PluginHarness.run("dea", data: "doyle_green_1994_20.csv", id: "id",
                              ["--inputs", Self.inputs.joined(separator: ","), "--outputs", Self.outputs.joined(separator: ",")] + args)
    }

    @Test func pluginTableColumnAndNote() throws {
        let r = try run(["--cross-efficiency", "benevolent", "--rts", "vrs"])
        let t = try #require(r.table("cross_efficiency"))
        #expect(t.columns.map(\.name) == ["rater", "rated", "cross_efficiency"])
        #expect(t.rowCount == 400)
        #expect(t[21, 0] == .text("Department2") && t[21, 1] == .text("Department2"))
        let (_, ids) = try Self.data()
        let peer = try Self.peer(rts: "vrs", method: "M2_ben", ids: ids)
        #expect(abs((t[21, 2].double ?? .nan) - peer[1][1]) <= 1e-6)
        let means = try #require(r.table("units")?.values(of: "mean_cross_efficiency")).map { $0.double ?? .nan }
        let expected = try Self.peerMeans(rts: "vrs", method: "M2_ben")
        #expect(zip(means, expected).allSatisfy { abs($0 - $1) <= 1e-6 })
        #expect(r.notes.contains { $0.hasPrefix("Cross-efficiency") && $0.contains("method II") && $0.contains("negative") })
        let plain = try run([])
        #expect(plain.table("cross_efficiency") == nil && plain.table("units")?.columnIndex("mean_cross_efficiency") == nil)
    }

    @Test func refusals() throws {
        for extra in [["--super"], ["--rts", "nirs"], ["--rts", "fdh"], ["--orientation", "output"], ["--model", "sbm"], ["--bootstrap", "10"],
                      ["--peer-counts"], ["--frontier-only"], ["--group-by", "id"]] {
            let e = try #require(throws: UsageError.self) { try run(["--cross-efficiency", "simple"] + extra) }
            #expect(e.message.contains("--cross-efficiency") && e.message.contains(extra[0]), "\(extra): \(e.message)")
        }
    }
}
