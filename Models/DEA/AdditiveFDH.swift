import TolokDomain

extension AdditiveModel {
    /// The additive model over the free disposal hull (`--model additive --rts fdh`), by
    /// enumeration: max over reference units j with x_j ≤ x_o, y_j ≥ y_o of
    /// w⁻·(x_o − x_j) + w⁺·(y_j − y_o), the peer being that j (λ = 1; ties: the first). Only
    /// non-dominated units are candidates (a unit k dominating j gives at least j's objective,
    /// the weights being ≥ 0). `rts` is not used.
    public func scoreFDH(_ data: DEAData, units: [Int]? = nil, reference: [Int]? = nil) -> [DEAUnitScore] {
        let reference = reference ?? Array(0..<data.unitCount)
        let evaluated = units ?? reference
        let candidates = FDHModel.nonDominated(reference, data: data)
        let m = data.inputCount, s = data.outputCount
        return evaluated.map { o in
            let w = weights(of: o, data: data, evaluated: evaluated)
            var best = -1, bestValue = -Double.infinity
            for j in candidates {
                var covers = true
                for i in 0..<m where data.input(i, of: j) > data.input(i, of: o) { covers = false; break }
                for r in 0..<s where covers && data.output(r, of: j) < data.output(r, of: o) { covers = false }
                guard covers else { continue }
                var value = 0.0
                for i in 0..<m { value += w.inputs[i] * (data.input(i, of: o) - data.input(i, of: j)) }
                for r in 0..<s { value += w.outputs[r] * (data.output(r, of: j) - data.output(r, of: o)) }
                if best < 0 || value > bestValue + 1e-12 * max(1, abs(bestValue)) { best = j; bestValue = value }
            }
            guard best >= 0 else { return .failed(.infeasible, m: m, s: s) }
            var score = DEAUnitScore(status: .ok, radial: 0, inputSlacks: [], outputSlacks: [], inputTargets: [], outputTargets: [],
                                     peers: [(best, 1)], inputWeights: Array(repeating: .nan, count: m),
                                     outputWeights: Array(repeating: .nan, count: s), constant: .nan, iterations: 0)
            var objective = 0.0, relative = 0.0
            for i in 0..<m {
                let x = data.input(i, of: o)
                var slack = x - data.input(i, of: best)
                let size = x > 0 ? x : data.inputScale[i]
                if slack <= DEATolerance.classification * size || w.inputs[i] == 0 { slack = 0 }
                score.inputSlacks.append(slack)
                score.inputTargets.append(x - slack)
                objective += w.inputs[i] * slack
                relative = max(relative, slack / size)
            }
            for r in 0..<s {
                let y = data.output(r, of: o)
                var slack = data.output(r, of: best) - y
                if slack <= DEATolerance.classification * (y > 0 ? y : data.outputScale[r]) || w.outputs[r] == 0 { slack = 0 }
                score.outputSlacks.append(slack)
                score.outputTargets.append(y + slack)
                objective += w.outputs[r] * slack
                relative = max(relative, slack / (y > 0 ? y : data.outputScale[r]))
            }
            score.radial = objective
            score.relativeSlackMax = relative
            return score
        }
    }
}
