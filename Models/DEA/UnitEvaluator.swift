import TolokNumerics

/// Scores one evaluated point against a technology by column generation: the envelopment LPs
/// (``EnvelopmentWorkspace``) are solved over a small working set of reference units, then every
/// unit of the ``ReferencePool`` is priced with the LP's duals and the most attractive ones are
/// added, until none would enter — at which point the working-set optimum is the optimum over the
/// whole pool (LP duality). Phase I gives the radial factor and the multiplier weights (its duals),
/// phase II the slacks, λ and peers; everything is reported in original units.
///
/// The working set starts from `seed` (e.g. the previous unit's peers, and the unit itself, which
/// keeps phase I feasible). A per-worker `UnitEvaluator` is not thread-safe; use one per worker.
public final class UnitEvaluator {
    public let data: DEAData
    public let orientation: Orientation
    public let rts: ReturnsToScale
    /// Columns added per pricing round at most.
    public var columnsPerRound = 8
    private let workspace: EnvelopmentWorkspace
    /// Working-set membership by unit, tagged with `generation` (no per-unit allocation).
    private var mark: [Int]
    private var generation = 0
    /// Most columns carried from one unit's working set to the next (``carryOver()``).
    public var carryCapacity = 96
    /// The last working set's most recent `carryCapacity` units, to seed the next unit.
    public func carryOver() -> [Int] { Array(workspace.reference.suffix(carryCapacity)) }
    /// LP solves so far (for tracing).
    private(set) var rounds = 0
    /// Solves the small simplex handed to the general solver (for tracing).
    public var fallbacks: Int { workspace.fallbacks }
    public var simplexIterations: Int { workspace.totalIterations }

    public init(data: DEAData, orientation: Orientation, rts: ReturnsToScale) {
        self.data = data
        self.orientation = orientation
        self.rts = rts
        workspace = EnvelopmentWorkspace(data: data, orientation: orientation, rts: rts, reference: [])
        mark = [Int](repeating: -1, count: data.unitCount)
    }

    /// Scores unit or point `point` (a scaled profile) against `pool`. `own` is the evaluated
    /// unit's index when it is a data unit that may serve as its own reference (then it seeds the
    /// working set); `excluded` is never used as a reference (super-efficiency).
    public func evaluate(point: ArraySlice<Double>, pool: ReferencePool, seed: [Int], own: Int?, excluded: Int? = nil, slacks: Bool = true) -> DEAUnitScore {
        let m = data.inputCount, s = data.outputCount, d = data.dimension
        generation += 1
        // The excluded unit is marked as already present, so neither seeding nor pricing admits it.
        if let excluded { mark[excluded] = generation }
        var working: [Int] = []
        func admit(_ j: Int) {
            guard mark[j] != generation else { return }
            mark[j] = generation
            working.append(j)
        }
        if let own { admit(own) }
        for j in seed { admit(j) }
        if working.isEmpty, let first = pool.units.first(where: { $0 != excluded }) { admit(first) }
        workspace.setReference(working)

        var iterations = 0
        // Phase I with column generation.
        var one = workspace.radial(point: point)
        iterations += one.iterations
        rounds += 1
        var fellBack = false
        while true {
            var entering: [Int] = []
            if one.status == .optimal {
                entering = mostAttractive(pool, duals: one.duals, sense: workspace.phaseOneSense)
            } else if one.status == .infeasible && !fellBack {
                // No duals to price with: take the whole pool once (rare: super-efficiency,
                // cross-period scores).
                fellBack = true
                entering = pool.units.filter { mark[$0] != generation }
            }
            if entering.isEmpty { break }
            for j in entering { mark[j] = generation }
            workspace.addReference(entering)
            one = workspace.radial(point: point)
            iterations += one.iterations
            rounds += 1
        }
        switch one.status {
        case .optimal: break
        case .infeasible: return .failed(.infeasible, m: m, s: s, iterations: iterations)
        case .unbounded: return .failed(.unbounded, m: m, s: s, iterations: iterations)
        case .iterationLimit: return .failed(.iterationLimit, m: m, s: s, iterations: iterations)
        case .numericalFailure, .invalidInput: return .failed(.numericalFailure, m: m, s: s, iterations: iterations)
        }
        let radial = one.value
        // Multiplier weights from the phase-I duals (see EnvelopmentWorkspace for the forms):
        // input: v = −y_inputs, u = y_outputs, u0 = −y_rts; output: v = y_inputs, u = −y_outputs, v0 = −y_rts.
        let y = one.duals
        var v = [Double](repeating: 0, count: m), u = [Double](repeating: 0, count: s)
        let inputSign: Double = orientation == .input ? -1 : 1
        for i in 0..<m { v[i] = max(0, inputSign * y[i]) / data.inputScale[i] }
        for r in 0..<s { u[r] = max(0, -inputSign * y[m + r]) / data.outputScale[r] }
        let constant = rts == .crs ? 0 : -y[d]

        guard slacks else {
            // Scores only: λ and peers from phase I, slacks and targets not computed.
            var score = DEAUnitScore.failed(.ok, m: m, s: s, iterations: iterations)
            score.radial = radial
            score.inputWeights = v
            score.outputWeights = u
            score.constant = constant
            score.peers = workspace.reference.indices.compactMap { c in
                let l = workspace.lambda(c)
                return l > DEATolerance.classification ? (unit: workspace.reference[c], lambda: l) : nil
            }
            return score
        }
        // Phase II with column generation. An inefficient unit is not its own peer.
        let phaseOneLambda = workspace.reference.indices.map { workspace.lambda($0) }
        let inefficient = orientation == .input ? radial < 1 - DEATolerance.classification : radial > 1 + DEATolerance.classification
        if inefficient, let own { workspace.excludeFromPhaseTwo(own) }
        var two = workspace.slacks(point: point, radial: radial)
        iterations += two.iterations
        rounds += 1
        while two.status == .optimal {
            let entering = mostAttractive(pool, duals: two.duals, sense: .maximize)
            if entering.isEmpty { break }
            for j in entering { mark[j] = generation }
            workspace.addReference(entering)
            if inefficient, let own { workspace.excludeFromPhaseTwo(own) }
            two = workspace.slacks(point: point, radial: radial)
            iterations += two.iterations
            rounds += 1
        }
        let reference = workspace.reference
        let k = reference.count
        var lambda = [Double](repeating: 0, count: k)
        var slackScaled = [Double](repeating: 0, count: d)
        if two.status == .unbounded {
            // Phase II unbounded: a reference unit with every input zero and some output positive
            // (a "free lunch") under CRS or NDRS, whose λ can grow without limit, making output
            // slack without bound (docs/DEA.md, "Zeros"). θ (phase I) stands; the slacks and
            // targets are not finite, so they are not reported; λ and peers are phase I's.
            var score = DEAUnitScore.failed(.ok, m: m, s: s, iterations: iterations)
            score.radial = radial
            score.inputWeights = v
            score.outputWeights = u
            score.constant = constant
            score.slacksUnbounded = true
            score.relativeSlackMax = .infinity
            var peerLambda: [Int: Double] = [:]
            for (c, j) in reference.enumerated() where c < phaseOneLambda.count && phaseOneLambda[c] > 0 { peerLambda[j, default: 0] += phaseOneLambda[c] }
            score.peers = peerLambda.filter { $0.value > DEATolerance.classification }.map { (unit: $0.key, lambda: $0.value) }
                .sorted { $0.unit < $1.unit }
            return score
        }
        if two.status == .optimal {
            for c in 0..<k { lambda[c] = workspace.lambda(c) }
            for t in 0..<d { slackScaled[t] = max(0, workspace.slack(t)) }
        } else {
            // Phase II failed numerically: report phase-I slacks (feasible, maybe not maximal).
            for c in 0..<min(k, phaseOneLambda.count) { lambda[c] = phaseOneLambda[c] }
            for t in 0..<d {
                var activity = 0.0
                for c in 0..<k { activity += lambda[c] * data.profiles[reference[c] * d + t] }
                let p = point[point.startIndex + t]
                let isInput = t < m
                let bound = (orientation == .input) == isInput ? radial * p : p
                slackScaled[t] = max(0, isInput ? bound - activity : activity - bound)
            }
        }
        // Slacks at or below the classification tolerance (relative to the unit's own value) are
        // round-off: report them as exactly 0 so that targets and classes agree.
        for t in 0..<d {
            let value = point[point.startIndex + t]
            if slackScaled[t] <= DEATolerance.classification * (value > 0 ? value : 1) { slackScaled[t] = 0 }
        }
        var score = DEAUnitScore(status: .ok, radial: radial, inputSlacks: [], outputSlacks: [], inputTargets: [],
                                 outputTargets: [], peers: [], inputWeights: v, outputWeights: u, constant: constant,
                                 iterations: iterations)
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
        // Peers: merge duplicate columns of one unit.
        var peerLambda: [Int: Double] = [:]
        for (c, j) in reference.enumerated() where lambda[c] > 0 { peerLambda[j, default: 0] += lambda[c] }
        score.peers = peerLambda.filter { $0.value > DEATolerance.classification }.map { (unit: $0.key, lambda: $0.value) }
            .sorted { $0.unit < $1.unit }
        return score
    }

    /// Phase-I radial factor only, by column generation (used by ``FrontierFinder``); returns
    /// the status, the value, the final duals and the basic reference units. With `stopBelow`,
    /// it returns as soon as the working-set value falls below it: for input orientation the
    /// value over a subset of the pool is an upper bound of the value over the pool, so the
    /// answer to "is θ < stopBelow?" is then already known.
    public func radialOnly(point: ArraySlice<Double>, pool: ReferencePool, seed: [Int], own: Int?, excluded: Int? = nil,
                    stopBelow: Double = -.infinity) -> (status: LPStatus, value: Double, duals: [Double], basic: [Int]) {
        generation += 1
        // The excluded unit is marked as already present, so neither seeding nor pricing admits it.
        if let excluded { mark[excluded] = generation }
        var working: [Int] = []
        for j in ([own].compactMap { $0 } + seed) where mark[j] != generation {
            mark[j] = generation
            working.append(j)
        }
        if working.isEmpty, let first = pool.units.first(where: { mark[$0] != generation }) { mark[first] = generation; working.append(first) }
        workspace.setReference(working)
        var one = workspace.radial(point: point, stopBelow: stopBelow)
        rounds += 1
        while one.status == .optimal && !(one.value < stopBelow) {
            let entering = mostAttractive(pool, duals: one.duals, sense: workspace.phaseOneSense)
            if entering.isEmpty { break }
            for j in entering { mark[j] = generation }
            workspace.addReference(entering)
            one = workspace.radial(point: point, stopBelow: stopBelow)
            rounds += 1
        }
        return (one.status, one.value, one.duals, workspace.basicUnits())
    }

    /// Up to ``columnsPerRound`` pool units outside the working set that would improve the LP,
    /// most attractive first.
    private func mostAttractive(_ pool: ReferencePool, duals: [Double], sense: OptimizationSense) -> [Int] {
        let generation = self.generation
        return mark.withUnsafeBufferPointer { mark in
            pool.mostAttractive(duals: duals, sense: sense, limit: columnsPerRound) { mark[$0] == generation }
        }
    }
}
