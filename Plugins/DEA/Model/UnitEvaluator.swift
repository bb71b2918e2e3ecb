import TolokNumerics

/// Turns the envelopment LPs of a workspace into a ``DEAUnitScore`` for one evaluated point:
/// phase I (radial factor and multiplier weights from its duals), phase II (slacks, λ, peers),
/// targets, all in original units.
///
/// With `candidates`, the workspace's reference set is only a working subset of the technology's
/// units and the evaluator generates columns: after each LP it prices every candidate with the
/// LP's duals and adds the most attractive ones until none would enter (exact, by LP duality).
/// Without, the reference set is taken to generate the technology (e.g. the frontier found by
/// ``FrontierFinder``), which is exact too.
struct UnitEvaluator {
    let data: DEAData
    let orientation: Orientation
    let rts: ReturnsToScale
    /// Columns added per pricing pass at most.
    var columnsPerPass = 16

    func evaluate(point: ArraySlice<Double>, in workspace: EnvelopmentWorkspace, candidates: [Int]? = nil) -> DEAUnitScore {
        let m = data.inputCount, s = data.outputCount, d = data.dimension
        var iterations = 0
        // Phase I, with column generation when asked.
        var one = workspace.radial(point: point)
        iterations += one.solution.iterations
        if let candidates {
            var rounds = 0
            while rounds < 10_000 {
                rounds += 1
                if one.status == .infeasible {
                    // No duals to price with: fall back to the whole candidate set once.
                    let missing = Set(candidates).subtracting(workspace.reference)
                    if missing.isEmpty { break }
                    workspace.addReference(Array(missing).sorted())
                } else if one.status == .optimal {
                    let entering = mostAttractive(candidates, workspace: workspace, duals: one.duals, sense: workspace.phaseOneSense)
                    if entering.isEmpty { break }
                    workspace.addReference(entering)
                } else {
                    break
                }
                one = workspace.radial(point: point)
                iterations += one.solution.iterations
            }
        }
        switch one.status {
        case .optimal: break
        case .infeasible: return .failed(.infeasible, m: m, s: s, iterations: iterations)
        case .unbounded: return .failed(.unbounded, m: m, s: s, iterations: iterations)
        case .iterationLimit: return .failed(.iterationLimit, m: m, s: s, iterations: iterations)
        case .numericalFailure, .invalidInput: return .failed(.numericalFailure, m: m, s: s, iterations: iterations)
        }
        let radial = one.value
        // Multiplier weights from the phase-I duals (sign conventions: docs in EnvelopmentWorkspace).
        let y = one.duals
        var v = [Double](repeating: 0, count: m), u = [Double](repeating: 0, count: s)
        var constant = 0.0
        switch orientation {
        case .input:
            for i in 0..<m { v[i] = max(0, -y[i]) / data.inputScale[i] }
            for r in 0..<s { u[r] = max(0, y[m + r]) / data.outputScale[r] }
            if rts != .crs { constant = -y[d] }
        case .output:
            for i in 0..<m { v[i] = max(0, y[i]) / data.inputScale[i] }
            for r in 0..<s { u[r] = max(0, -y[m + r]) / data.outputScale[r] }
            if rts != .crs { constant = -y[d] }
        }

        // Phase II, with column generation when asked.
        var two = workspace.slacks(point: point, radial: radial)
        iterations += two.iterations
        if let candidates, two.status == .optimal {
            var rounds = 0
            while rounds < 10_000 {
                rounds += 1
                let entering = mostAttractive(candidates, workspace: workspace, duals: two.rowDuals, sense: .maximize)
                if entering.isEmpty { break }
                workspace.addReference(entering)
                two = workspace.slacks(point: point, radial: radial)
                iterations += two.iterations
                if two.status != .optimal { break }
            }
        }
        let k = workspace.reference.count
        var lambda = [Double](repeating: 0, count: k)
        var slackScaled = [Double](repeating: 0, count: d)
        if two.status == .optimal {
            for c in 0..<k { lambda[c] = two.x[c] }
            for t in 0..<d { slackScaled[t] = max(0, two.x[k + t]) }
        } else {
            // Phase II failed numerically: report phase-I slacks (still feasible, maybe not maximal).
            let x = one.solution.x
            for c in 0..<k { lambda[c] = x[c + 1] }
            for t in 0..<d {
                var activity = 0.0
                for c in 0..<k { activity += lambda[c] * data.profiles[workspace.reference[c] * d + t] }
                let p = point[point.startIndex + t]
                let isInput = t < m
                let bound = (orientation == .input) == isInput ? radial * p : p
                slackScaled[t] = max(0, isInput ? bound - activity : activity - bound)
            }
        }
        var score = DEAUnitScore(status: .optimal, radial: radial, inputSlacks: [], outputSlacks: [], inputTargets: [],
                                 outputTargets: [], peers: [], inputWeights: v, outputWeights: u, constant: constant,
                                 iterations: iterations)
        // Slacks at or below the classification tolerance (relative to the unit's own value) are
        // round-off: report them as exactly 0 so that targets and classes agree.
        for t in 0..<d {
            let v = point[point.startIndex + t]
            if slackScaled[t] <= DEATolerance.classification * (v > 0 ? v : 1) { slackScaled[t] = 0 }
        }
        var relative = 0.0
        for i in 0..<m {
            let x = point[point.startIndex + i]
            let slack = slackScaled[i]
            score.inputSlacks.append(slack * data.inputScale[i])
            let contracted = orientation == .input ? radial * x : x
            score.inputTargets.append((contracted - slack) * data.inputScale[i])
            relative = max(relative, slack / (x > 0 ? x : 1))
        }
        for r in 0..<s {
            let yv = point[point.startIndex + m + r]
            let slack = slackScaled[m + r]
            score.outputSlacks.append(slack * data.outputScale[r])
            let expanded = orientation == .output ? radial * yv : yv
            score.outputTargets.append((expanded + slack) * data.outputScale[r])
            relative = max(relative, slack / (yv > 0 ? yv : 1))
        }
        score.relativeSlackMax = relative
        score.peers = zip(workspace.reference, lambda).filter { $0.1 > DEATolerance.classification }.map { (unit: $0.0, lambda: $0.1) }
        return score
    }

    /// The candidates (outside the reference set) whose λ column would improve the LP, most
    /// attractive first, at most ``columnsPerPass``.
    private func mostAttractive(_ candidates: [Int], workspace: EnvelopmentWorkspace, duals: [Double], sense: OptimizationSense) -> [Int] {
        let inReference = Set(workspace.reference)
        var best: [(Int, Double)] = []
        for j in candidates where !inReference.contains(j) {
            let gain = workspace.pricing(of: j, duals: duals, sense: sense)
            if gain > 1e-9 { best.append((j, gain)) }
        }
        best.sort { $0.1 > $1.1 }
        return best.prefix(columnsPerPass).map(\.0)
    }
}
