import Foundation
import TolokDomain
import TolokNumerics

/// Free disposal hull (FDH) efficiency (Deprins, Simar & Tulkens 1984): the technology is the
/// set of points dominated by some observed unit, so a unit is compared with single units, not
/// with combinations. Scored by enumeration, without LPs:
///
/// - input:  θ_o = min over units j with y_j ≥ y_o of maxᵢ x_ij / x_io;
/// - output: φ_o = max over units j with x_j ≤ x_o of min_r y_rj / y_ro (over y_ro > 0).
///
/// The peer is that unit j (λ_j = 1); slacks are measured against it: input orientation
/// s⁻ = θ x_o − x_j, s⁺ = y_j − y_o; output s⁻ = x_o − x_j, s⁺ = y_j − φ y_o; targets are x_j, y_j.
/// Among units reaching the optimum (to 1e-10 relative) the one with the largest sum of slacks,
/// each divided by its column mean, is the peer (as phase II does for the radial models), then
/// the lowest index.
///
/// Frontier first: a unit dominated (weakly) by another reference unit k is never a better peer
/// than k (k gives a score at least as good and slacks at least as large), so units are scored
/// against the non-dominated reference units only (``nonDominated(_:)``). Super-efficiency drops
/// the unit itself from its reference set (θ may exceed 1, and no dominating unit → infeasible).
public struct FDHModel: Sendable {
    public var orientation: Orientation
    public var superEfficiency: Bool
    public var threads: Int

    public init(orientation: Orientation = .input, superEfficiency: Bool = false,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.orientation = orientation
        self.superEfficiency = superEfficiency
        self.threads = max(1, threads)
    }

    /// The units of `units` that no other unit of `units` weakly dominates (x ≤, y ≥); of exact
    /// duplicates the first is kept. Skyline pass: units in decreasing Σỹ − Σx̃, each tested only
    /// against those kept so far (a dominating unit has a larger key, so it comes first).
    public static func nonDominated(_ units: [Int], data: DEAData) -> [Int] {
        let m = data.inputCount, d = data.dimension
        let p = data.profiles
        var key = [Double](repeating: 0, count: data.unitCount)
        for j in units {
            var k = 0.0
            for t in 0..<d { k += t < m ? -p[j * d + t] : p[j * d + t] }
            key[j] = k
        }
        let order = units.sorted { key[$0] != key[$1] ? key[$0] > key[$1] : $0 < $1 }
        // Kept profiles stored contiguously, so the inner test runs over one dense buffer.
        var kept: [Int] = []
        var keptProfiles: [Double] = []
        keptProfiles.reserveCapacity(units.count * d)
        p.withUnsafeBufferPointer { p in
            for j in order {
                let pj = p.baseAddress! + j * d
                let dominated = keptProfiles.withUnsafeBufferPointer { k -> Bool in
                    var base = k.baseAddress
                    for _ in 0..<kept.count {
                        var covers = true
                        for t in 0..<m where base![t] > pj[t] { covers = false; break }
                        if covers { for t in m..<d where base![t] < pj[t] { covers = false; break } }
                        if covers { return true }
                        base = base! + d
                    }
                    return false
                }
                if !dominated {
                    kept.append(j)
                    for t in 0..<d { keptProfiles.append(pj[t]) }
                }
            }
        }
        return kept.sorted()
    }

    @inline(__always)
    static func dominates(_ k: Int, _ j: Int, p: [Double], m: Int, d: Int) -> Bool {
        for t in 0..<m where p[k * d + t] > p[j * d + t] { return false }
        for t in m..<d where p[k * d + t] < p[j * d + t] { return false }
        return true
    }

    /// Scores `units` (default all) against `reference` (default all); evaluated units need not
    /// be reference members (then θ may exceed 1 and infeasible is possible).
    public func score(_ data: DEAData, units: [Int]? = nil, reference: [Int]? = nil) -> [DEAUnitScore] {
        let reference = reference ?? Array(0..<data.unitCount)
        let evaluated = units ?? reference
        let frontier = Self.nonDominated(reference, data: data)
        let frontierSet = Set(frontier), referenceSet = Set(reference)
        let model = self
        let chunks = Parallel.ranges(evaluated.count, size: max(64, evaluated.count / (threads * 8) + 1)).map { Array(evaluated[$0]) }
        return Parallel.map(chunks, workers: min(threads, max(1, evaluated.count / 256))) { _, chunk in
            chunk.map { o in
                if model.superEfficiency && referenceSet.contains(o) {
                    // Units dominated only by o may become peers once o is left out.
                    let others = frontierSet.contains(o) ? reference.filter { $0 != o } : frontier
                    return model.evaluate(o, candidates: others, data: data)
                }
                return model.evaluate(o, candidates: frontier, data: data)
            }
        }.flatMap { $0 }
    }

    func evaluate(_ o: Int, candidates: [Int], data: DEAData) -> DEAUnitScore {
        let m = data.inputCount, s = data.outputCount, d = data.dimension
        let p = data.profiles
        let input = orientation == .input
        // θ (φ) is 0/0 when every input (output) of o is zero: status undefined (docs/DEA.md, "Zeros").
        if input ? !(0..<m).contains(where: { p[o * d + $0] > 0 }) : !(m..<d).contains(where: { p[o * d + $0] > 0 }) {
            return .failed(.undefined, m: m, s: s)
        }
        var best = -1, bestValue = 0.0, bestSlack = -Double.infinity
        p.withUnsafeBufferPointer { p in
        for j in candidates {
            var value: Double
            if input {
                var ok = true
                for t in m..<d where p[j * d + t] < p[o * d + t] { ok = false; break }
                guard ok else { continue }
                // A zero input of o is met only by a peer with the same input zero (any θ then
                // fits it: the term drops out); a positive one there rules the peer out.
                value = 0
                for t in 0..<m {
                    let xo = p[o * d + t], xj = p[j * d + t]
                    if xo > 0 { value = max(value, xj / xo) } else if xj > 0 { ok = false; break }
                }
                guard ok else { continue }
            } else {
                var ok = true
                for t in 0..<m where p[j * d + t] > p[o * d + t] { ok = false; break }
                guard ok else { continue }
                value = .infinity
                for t in m..<d where p[o * d + t] > 0 { value = min(value, p[j * d + t] / p[o * d + t]) }
            }
            let slack = slackSum(o, j, value, p: p, m: m, d: d)
            let tie = best >= 0 && abs(value - bestValue) <= 1e-10 * max(1, abs(bestValue))
            if best < 0 || (!tie && (input ? value < bestValue : value > bestValue)) {
                best = j; bestValue = value; bestSlack = slack
            } else if tie && slack > bestSlack + 1e-12 * max(1, abs(bestSlack)) {
                best = j; bestValue = input ? min(value, bestValue) : max(value, bestValue); bestSlack = slack
            }
        }
        }
        guard best >= 0 else { return .failed(.infeasible, m: m, s: s) }
        return score(o, peer: best, value: bestValue, data: data)
    }

    /// Σ scaled slacks of o against peer j at score `value`.
    private func slackSum(_ o: Int, _ j: Int, _ value: Double, p: UnsafeBufferPointer<Double>, m: Int, d: Int) -> Double {
        var sum = 0.0
        let input = orientation == .input
        for t in 0..<m { sum += (input ? value : 1) * p[o * d + t] - p[j * d + t] }
        for t in m..<d { sum += p[j * d + t] - (input ? 1 : value) * p[o * d + t] }
        return sum
    }

    private func score(_ o: Int, peer j: Int, value: Double, data: DEAData) -> DEAUnitScore {
        let m = data.inputCount, s = data.outputCount
        let input = orientation == .input
        var score = DEAUnitScore(status: .ok, radial: value, inputSlacks: [], outputSlacks: [], inputTargets: [],
                                 outputTargets: [], peers: [(j, 1)], inputWeights: Array(repeating: .nan, count: m),
                                 outputWeights: Array(repeating: .nan, count: s), constant: .nan, iterations: 0)
        var relative = 0.0
        for i in 0..<m {
            let x = data.input(i, of: o), target = data.input(i, of: j)
            var slack = (input ? value * x : x) - target
            if slack <= DEATolerance.classification * (x > 0 ? x : data.inputScale[i]) { slack = 0 }
            score.inputSlacks.append(slack)
            score.inputTargets.append(target)
            relative = max(relative, slack / (x > 0 ? x : data.inputScale[i]))
        }
        for r in 0..<s {
            let y = data.output(r, of: o), target = data.output(r, of: j)
            var slack = target - (input ? y : value * y)
            if slack <= DEATolerance.classification * (y > 0 ? y : data.outputScale[r]) { slack = 0 }
            score.outputSlacks.append(slack)
            score.outputTargets.append(target)
            relative = max(relative, slack / (y > 0 ? y : data.outputScale[r]))
        }
        score.relativeSlackMax = relative
        return score
    }
}
