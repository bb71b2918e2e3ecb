import TolokDomain

/// Checks each reported DEA score against its own optimality certificate, in the data's
/// original units, so that a score the solver got wrong is never reported as `ok`.
///
/// Input orientation: the multiplier weights (v, u, u₀) of the phase-I duals must satisfy
/// v·x_o = 1, reproduce the score, u·y_o − u₀ = θ (strong duality), and be tight at every peer,
/// u·y_j − v·x_j − u₀ = 0 (complementary slackness with λ_j > 0). Output orientation: u·y_o = 1,
/// v·x_o − v₀ = φ, and v·x_j − u·y_j − v₀ = 0 at the peers. A peer whose λ_j times its reduced
/// cost is at most 1e-9 of the objective passes too (ε-complementary slackness: such a λ is
/// solver noise of order 1e-8 and changes the score by less than that). Each identity must hold to
/// ``DEATolerance/certificate`` relative to the size of its terms. The check costs
/// O((m + s) · peers) per unit.
///
/// It also refuses verdicts the model cannot produce: an unbounded program for a unit with a
/// positive input (input orientation) or a positive output (output orientation), an infeasible program for a unit in its own reference set without
/// super-efficiency (λ_o = 1 is feasible), and a member's score outside (0, 1] without
/// super-efficiency (0 is possible only with all outputs 0).
///
/// A unit that fails gets status `numerical_failure`: on data spanning many orders of magnitude
/// (a column from 2 to 1e12) the programs are too badly conditioned for a tolerance-based
/// simplex, and a wrong number would otherwise pass as `ok`.
enum ScoreCertificate {
    static func verify(_ scores: inout [DEAUnitScore], units: [Int], members: Set<Int>, data: DEAData,
                       orientation: Orientation, rts: ReturnsToScale = .vrs, superEfficiency: Bool) {
        let freeLunch = freeLunchUnits(members, data: data)
        for (k, o) in units.enumerated() {
            if !acceptable(scores[k], unit: o, isMember: members.contains(o), data: data, orientation: orientation,
                           superEfficiency: superEfficiency, freeLunch: freeLunch, rayRTS: rts == .crs || rts == .ndrs) {
                scores[k] = .failed(.numericalFailure, m: data.inputCount, s: data.outputCount, iterations: scores[k].iterations)
            }
        }
    }

    /// The reference units with every input zero and some output positive ("free lunch" units).
    static func freeLunchUnits(_ members: Set<Int>, data: DEAData) -> [Int] {
        members.filter { j in
            !(0..<data.inputCount).contains { data.input($0, of: j) > 0 } && (0..<data.outputCount).contains { data.output($0, of: j) > 0 }
        }.sorted()
    }

    /// Whether the free-lunch units' outputs cover every positive output of o (then, under CRS or
    /// NDRS, λ on them grows without limit: φ is unbounded, θ is 0).
    static func freeLunchCovers(_ o: Int, freeLunch: [Int], data: DEAData) -> Bool {
        !freeLunch.isEmpty && (0..<data.outputCount).allSatisfy { r in
            data.output(r, of: o) <= 0 || freeLunch.contains { data.output(r, of: $0) > 0 }
        }
    }

    static func acceptable(_ score: DEAUnitScore, unit o: Int, isMember: Bool, data: DEAData,
                           orientation: Orientation, superEfficiency: Bool, freeLunch: [Int] = [], rayRTS: Bool = false) -> Bool {
        let m = data.inputCount, s = data.outputCount
        switch score.status {
        // Unbounded only when the radial factor meets no constraint: a unit whose inputs are all 0
        // (input orientation) or whose outputs are all 0 (output orientation); or, under output
        // orientation with CRS/NDRS, when free-lunch reference units produce all of o's outputs.
        case .unbounded:
            if orientation == .output && rayRTS && freeLunchCovers(o, freeLunch: freeLunch, data: data) { return true }
            return orientation == .input ? !(0..<m).contains { data.input($0, of: o) > 0 } : !(0..<s).contains { data.output($0, of: o) > 0 }
        case .infeasible: return superEfficiency || !isMember
        case .ok: break
        default: return true
        }
        let radial = score.radial
        guard radial.isFinite, radial >= 0 else { return false }
        let hasOutput = (0..<s).contains { data.output($0, of: o) > 0 }
        if isMember && !superEfficiency {
            let e = orientation == .input ? radial : 1 / radial
            if e > 1 + DEATolerance.certificate { return false }
            if radial == 0 && (orientation == .output || (hasOutput && !zeroInputCover(score, unit: o, data: data))) { return false }
        }
        guard score.inputWeights.count == m, score.outputWeights.count == s,
              score.inputWeights.allSatisfy(\.isFinite), score.outputWeights.allSatisfy(\.isFinite), score.constant.isFinite else {
            return false
        }
        let v = score.inputWeights, u = score.outputWeights, c = score.constant
        func vx(_ j: Int) -> Double { (0..<m).reduce(0) { $0 + v[$1] * data.input($1, of: j) } }
        func uy(_ j: Int) -> Double { (0..<s).reduce(0) { $0 + u[$1] * data.output($1, of: j) } }
        func close(_ a: Double, _ b: Double, scale: Double) -> Bool {
            abs(a - b) <= DEATolerance.certificate * max(scale, Double.leastNormalMagnitude)
        }
        // A peer need not be tight when its λ is so small that λ_j times its reduced cost moves
        // the objective by no more than 1e-9 of it: ε-complementary slackness. Phase II can
        // leave such a λ (1e-8 … 1e-7) on a column that is not tight under the phase-I duals
        // when the radial factor is held at its optimum within the solver's tolerance.
        func negligible(_ gap: Double, objective: Double) -> Bool { gap <= 1e-9 * max(1, abs(objective)) }
        // The evaluated point's own values (it need not be a member, but o indexes its data).
        let (vo, uo) = (vx(o), uy(o))
        if orientation == .input {
            guard close(vo, 1, scale: 1), close(uo - c, radial, scale: max(abs(uo), abs(c), radial)) else { return false }
            for p in score.peers {
                let (vj, uj) = (vx(p.unit), uy(p.unit))
                if !close(uj - c, vj, scale: max(uj, vj, abs(c), DEATolerance.certificate)) && !negligible(p.lambda * abs(uj - c - vj), objective: radial) { return false }
            }
        } else {
            // The reported constant is v₀ with the sign of the text form min v·x_o − v₀ (as
            // R Benchmarking and Cooper, Seiford & Tone print it).
            guard close(uo, 1, scale: 1), close(vo - c, radial, scale: max(vo, abs(c), radial)) else { return false }
            for p in score.peers {
                let (vj, uj) = (vx(p.unit), uy(p.unit))
                if !close(vj - c, uj, scale: max(uj, vj, abs(c), DEATolerance.certificate)) && !negligible(p.lambda * abs(vj - c - uj), objective: radial) { return false }
            }
        }
        return true
    }

    /// θ = 0 with positive outputs is possible only when the peers use no input and produce o's
    /// outputs: Σλⱼxⱼ = 0 and Σλⱼyⱼ ≥ yₒ (a primal certificate, checked in original units).
    static func zeroInputCover(_ score: DEAUnitScore, unit o: Int, data: DEAData) -> Bool {
        guard !score.peers.isEmpty else { return false }
        for i in 0..<data.inputCount where score.peers.contains(where: { data.input(i, of: $0.unit) > 0 }) { return false }
        for r in 0..<data.outputCount {
            let produced = score.peers.reduce(0) { $0 + $1.lambda * data.output(r, of: $1.unit) }
            if produced < data.output(r, of: o) * (1 - DEATolerance.certificate) { return false }
        }
        return true
    }
}
