import Foundation
import Testing
import TolokCore
import TolokNumerics
@testable import TolokDEAModel
@testable import TolokDEA

/// Properties every correct DEA implementation has, checked on seeded random data.
@Suite struct InvariantTests {
    static let cases: [(n: Int, m: Int, s: Int, seed: UInt64)] = [(40, 2, 2, 1), (60, 3, 2, 2), (80, 2, 3, 3)]

    func data(_ c: (n: Int, m: Int, s: Int, seed: UInt64)) -> (x: [[Double]], y: [[Double]]) {
        let d = SyntheticDEAData.cobbDouglas(units: c.n, inputs: c.m, outputs: c.s, seed: c.seed)
        return (d.inputs, d.outputs)
    }

    @Test(arguments: ReturnsToScale.allCases)
    func unitsInvarianceOfScoresAndTargets(rts: ReturnsToScale) {
        for c in Self.cases {
            let (x, y) = data(c)
            for orientation in Orientation.allCases {
                let model = DEAModel(orientation: orientation, rts: rts)
                let base = model.score(DEAData(inputs: x, outputs: y))
                // Rescale every column by a different factor (1e-3 … 1e6).
                let factors = [1e-3, 7.5, 1e6, 0.02, 3e4]
                let xs = x.enumerated().map { i, col in col.map { $0 * factors[i % factors.count] } }
                let ys = y.enumerated().map { r, col in col.map { $0 * factors[(r + 2) % factors.count] } }
                let scaled = model.score(DEAData(inputs: xs, outputs: ys))
                for j in 0..<c.n {
                    #expect(abs(base[j].radial - scaled[j].radial) <= 1e-7 * max(1, base[j].radial))
                    for i in 0..<c.m {
                        let f = factors[i % factors.count]
                        #expect(abs(base[j].inputTargets[i] * f - scaled[j].inputTargets[i]) <= 1e-6 * max(1, abs(scaled[j].inputTargets[i])))
                    }
                    for r in 0..<c.s {
                        let f = factors[(r + 2) % factors.count]
                        #expect(abs(base[j].outputTargets[r] * f - scaled[j].outputTargets[r]) <= 1e-6 * max(1, abs(scaled[j].outputTargets[r])))
                    }
                }
            }
        }
    }

    @Test(arguments: ReturnsToScale.allCases, Orientation.allCases)
    func targetsRescoreToOneAndLambdaReproducesThem(rts: ReturnsToScale, orientation: Orientation) {
        for c in Self.cases {
            let (x, y) = data(c)
            let model = DEAModel(orientation: orientation, rts: rts)
            let scores = model.score(DEAData(inputs: x, outputs: y))
            for (j, sc) in scores.enumerated() {
                #expect(sc.status == .ok)
                #expect(sc.inputSlacks.allSatisfy { $0 >= 0 } && sc.outputSlacks.allSatisfy { $0 >= 0 })
                // λ reproduces the targets.
                for i in 0..<c.m {
                    let combo = sc.peers.reduce(0) { $0 + $1.lambda * x[i][$1.unit] }
                    #expect(abs(combo - sc.inputTargets[i]) <= 1e-6 * max(1, sc.inputTargets[i]), "unit \(j) input \(i)")
                }
                for r in 0..<c.s {
                    let combo = sc.peers.reduce(0) { $0 + $1.lambda * y[r][$1.unit] }
                    #expect(abs(combo - sc.outputTargets[r]) <= 1e-6 * max(1, sc.outputTargets[r]), "unit \(j) output \(r)")
                }
                // Peers are efficient.
                for peer in sc.peers { #expect(scores[peer.unit].isEfficient, "peer \(peer.unit) of \(j) not efficient") }
            }
            // Re-score the projected targets: every one scores 1 with no slack.
            var xt = x, yt = y
            for (j, sc) in scores.enumerated() {
                for i in 0..<c.m { xt[i][j] = sc.inputTargets[i] }
                for r in 0..<c.s { yt[r][j] = sc.outputTargets[r] }
            }
            let projected = model.score(DEAData(inputs: xt, outputs: yt))
            for sc in projected {
                #expect(abs(sc.radial - 1) <= 1e-7)
                #expect(sc.relativeSlackMax <= 1e-6)
            }
        }
    }

    @Test func efficientUnitsScoreOneAndOrientationsAgreeUnderCRS() {
        for c in Self.cases {
            let (x, y) = data(c)
            let data = DEAData(inputs: x, outputs: y)
            let input = DEAModel(orientation: .input, rts: .crs).score(data)
            let output = DEAModel(orientation: .output, rts: .crs).score(data)
            for j in 0..<c.n {
                #expect(abs(input[j].radial - 1 / output[j].radial) <= 1e-9)
                if input[j].isEfficient { #expect(abs(input[j].radial - 1) <= 1e-8) }
            }
            #expect(input.contains { $0.isEfficient })
            // θ_CRS ≤ θ_NIRS ≤ θ_VRS and θ_CRS ≤ θ_NDRS ≤ θ_VRS.
            let nirs = DEAModel(orientation: .input, rts: .nirs).score(data)
            let ndrs = DEAModel(orientation: .input, rts: .ndrs).score(data)
            let vrs = DEAModel(orientation: .input, rts: .vrs).score(data)
            for j in 0..<c.n {
                #expect(input[j].radial <= nirs[j].radial + 1e-9 && nirs[j].radial <= vrs[j].radial + 1e-9)
                #expect(input[j].radial <= ndrs[j].radial + 1e-9 && ndrs[j].radial <= vrs[j].radial + 1e-9)
            }
        }
    }

    @Test(arguments: ReturnsToScale.allCases, Orientation.allCases)
    func multiplierWeightsSatisfyTheDual(rts: ReturnsToScale, orientation: Orientation) {
        let c = Self.cases[1]
        let (x, y) = data(c)
        let scores = DEAModel(orientation: orientation, rts: rts).score(DEAData(inputs: x, outputs: y))
        for (o, sc) in scores.enumerated() {
            let vx = { (j: Int) in (0..<c.m).reduce(0) { $0 + sc.inputWeights[$1] * x[$1][j] } }
            let uy = { (j: Int) in (0..<c.s).reduce(0) { $0 + sc.outputWeights[$1] * y[$1][j] } }
            #expect(sc.inputWeights.allSatisfy { $0 >= 0 } && sc.outputWeights.allSatisfy { $0 >= 0 })
            switch orientation {
            case .input:
                // v·x_o = 1, u·y_o − u0 = θ, u·y_j − v·x_j − u0 ≤ 0 (Cooper-Seiford-Tone sign).
                #expect(abs(vx(o) - 1) <= 1e-7)
                #expect(abs(uy(o) - sc.constant - sc.radial) <= 1e-7)
                for j in 0..<c.n { #expect(uy(j) - vx(j) - sc.constant <= 1e-7) }
                // Banker's test sign: u0 > 0 ↔ decreasing returns, so NIRS allows u0 ≥ 0 only, NDRS u0 ≤ 0.
                if rts == .nirs { #expect(sc.constant >= -1e-9) }
                if rts == .ndrs { #expect(sc.constant <= 1e-9) }
            case .output:
                // u·y_o = 1, v·x_o − v0 = φ, v·x_j − u·y_j − v0 ≥ 0.
                #expect(abs(uy(o) - 1) <= 1e-7)
                #expect(abs(vx(o) - sc.constant - sc.radial) <= 1e-6 * sc.radial)
                for j in 0..<c.n { #expect(vx(j) - uy(j) - sc.constant >= -1e-7) }
            }
        }
    }

    @Test(arguments: ReturnsToScale.allCases, [false, true])
    func frontierFirstEqualsDirect(rts: ReturnsToScale, superEfficiency: Bool) {
        let d = SyntheticDEAData.cobbDouglas(units: 150, inputs: 3, outputs: 3, seed: 11)
        let data = DEAData(inputs: d.inputs, outputs: d.outputs)
        for orientation in Orientation.allCases {
            var model = DEAModel(orientation: orientation, rts: rts, superEfficiency: superEfficiency, strategy: .direct)
            let direct = model.score(data)
            model.strategy = .frontierFirst
            let frontier = model.score(data)
            for j in 0..<150 {
                #expect(direct[j].status == frontier[j].status)
                if direct[j].status == .ok {
                    #expect(abs(direct[j].radial - frontier[j].radial) <= 1e-8 * max(1, direct[j].radial), "unit \(j)")
                    #expect(abs(direct[j].relativeSlackMax - frontier[j].relativeSlackMax) <= 1e-6)
                }
            }
        }
    }
}
