import TolokDomain
import TolokDEAModel

/// The additive two-stage model of Chen, Cook, Li & Zhu (2009), "Additive efficiency
/// decomposition in two-stage DEA", *EJOR* 196, 1170–1176: constant or variable returns to scale.
///
/// One set of weights serves both stages; the overall score is the weighted mean of the stage
/// scores θ = ω₁θ₁ + ω₂θ₂ with ω₁ = v·x_o/(v·x_o + w·z_o), ω₂ = w·z_o/(v·x_o + w·z_o) — each
/// stage weighted by its share of the resources (inputs) used. For unit o, on mean-scaled data:
///
///     θ = max w·z_o + c₁ + u·y_o + c₂
///         s.t. v·x_o + w·z_o = 1,  w·z_j + c₁ − v·x_j ≤ 0,  u·y_j + c₂ − w·z_j ≤ 0  ∀j,
///              v, w, u ≥ 0;  c₁, c₂ free under VRS (the paper's u¹, u²), 0 under CRS
///
/// with θ₁ = (w·z_o + c₁)/v·x_o and θ₂ = (u·y_o + c₂)/w·z_o.
///
/// The split is resolved by priority, holding θ (the row (w·z_o + c₁ + u·y_o + c₂) −
/// θ(v·x_o + w·z_o) = 0), in two lexicographic steps — stage 1 first:
/// - (a) θ₁ = max w·z_o + c₁ s.t. v·x_o = 1, held θ, stage rows;
/// - (b) θ₂ = max u·y_o + c₂ s.t. w·z_o = 1, held θ, held θ₁ (w·z_o + c₁ − θ₁·v·x_o = 0), stage rows.
/// By the held rows θ₂ = (θ − ω₁θ₁)/ω₂ for the weights of (b), the paper's formula; step (b)
/// picks, among the weights that maximise θ₁ (the paper takes any), those that give the largest
/// θ₂, so the split is well defined, and its value is (b)'s optimum rather than the formula (no
/// division by a small ω₂). Stage 2 first is the mirror image. Both are solved; the split is
/// unique when they agree.
///
/// If (b)'s weights give the first stage no weight (v·x_o = 0, a limit point that still attains
/// θ₂), a third program (c) maximises v·x_o ≤ 1 with θ, θ₁ and θ₂ held, so that the reported
/// weights reproduce both stage scores wherever some optimal weights can.
///
/// Degenerate optima (VRS): (a) infeasible means v·x_o = 0 (ω₁ = 0) at every optimum: θ₁ is
/// undefined and the priority passes to stage 2, θ₂ = its own (a). θ₂ ≥ θ then, not necessarily
/// equal: with v = 0 the stage-1 numerator w·z_o + c₁ is ≤ 0 but need not vanish, and it lowers θ
/// (θ = θ₂ + (w·z_o + c₁)/w·z_o) — the limit of θ₁ → −∞ at ω₁ → 0. (b) infeasible means ω₂ = 0
/// whenever θ₁ is maximal, so θ₂ is undefined (and θ₁ ≥ θ). Under VRS a stage score can also be
/// ≤ 0: the free c₁ (or c₂) lets the optimum give a stage a negative score at a small weight ω.
/// All of these are reported as found (docs/TWO-STAGE.md).
///
/// Efficient units (θ = 1 within ``EfficiencyGuard/tolerance``) are solved directly: θ = 1 forces
/// both stage rows of o to be tight, so every stage with positive weight scores 1, under either
/// priority. Two programs find the largest ω₁ and ω₂ over those weights (a stage whose largest ω
/// is 0 is undefined). Held scores of 1 elsewhere are likewise written as the tight stage row.
///
/// Weights are reported normalised to v·x_o + w·z_o = 1 (so ω₁ = v·x_o), in the data's units.
public struct AdditiveTwoStage {
    public let data: TwoStageData
    public let rts: ReturnsToScale
    public let priority: StagePriority

    /// A stage's score as the ratio numerator·π / denominator·π.
    private struct StageRatio {
        let numerator: [Double]
        let denominator: [Double]

        /// The row "numerator − score × denominator = 0" holding the stage at `score`; a score of
        /// 1 (``EfficiencyGuard``) makes it the unit's own stage row at equality.
        func held(at score: Double) -> MultiplierConstraint {
            .equal(VectorArithmetic.subtract(numerator, EfficiencyGuard.snapped(score), times: denominator), 0)
        }
    }

    /// The result of one priority: the prioritised ("first") stage's score, the other's, the
    /// first stage's ω, and the weights.
    private struct PrioritySplit {
        var first: Double?
        var second: Double?
        var firstWeight: Double
        var weights: [Double]
    }

    /// The solvers of one priority (kept apart so each warm-starts from its own previous basis).
    private struct PrioritySolvers {
        let maximiseFirst: MultiplierSolver
        let maximiseSecond: MultiplierSolver
        let restoreFirstWeight: MultiplierSolver
    }

    /// All programs of the model over one dataset.
    private struct Solvers {
        let overall: MultiplierSolver
        let stage1First: PrioritySolvers
        let stage2First: PrioritySolvers
        let largestStageWeight: MultiplierSolver
    }

    public func score() -> [TwoStageUnitScore] {
        let layout = WeightLayout(data, constants: rts == .vrs)
        let stageRows = layout.stageConstraints(data)
        func solver(_ unitRows: Int) -> MultiplierSolver {
            MultiplierSolver(freeWeights: layout.freeWeights, fixedRows: stageRows, unitRowCount: unitRows)
        }
        func priority() -> PrioritySolvers {
            PrioritySolvers(maximiseFirst: solver(2), maximiseSecond: solver(3), restoreFirstWeight: solver(5))
        }
        let solvers = Solvers(overall: solver(1), stage1First: priority(), stage2First: priority(), largestStageWeight: solver(3))
        return (0..<data.unitCount).map { evaluate($0, layout: layout, solvers: solvers) }
    }

    private func evaluate(_ o: Int, layout: WeightLayout, solvers: Solvers) -> TwoStageUnitScore {
        let x = data.input(of: o), z = data.intermediate(of: o), y = data.output(of: o)
        let stage1 = StageRatio(numerator: layout.vector(w: z, c1: 1), denominator: layout.vector(v: x))
        let stage2 = StageRatio(numerator: layout.vector(u: y, c2: 1), denominator: layout.vector(w: z))
        let overall = StageRatio(numerator: layout.vector(w: z, u: y, c1: 1, c2: 1), denominator: layout.vector(v: x, w: z))

        let best = solvers.overall.solve(objective: overall.numerator, unitRows: [.equal(overall.denominator, 1)])
        guard best.isOptimal else { return .failed(best.status) }
        let theta = EfficiencyGuard.snapped(best.value)

        let byStage1: PrioritySplit, byStage2: PrioritySplit
        if theta == 1, let efficient = efficientSplit(stage1, stage2, overall, solver: solvers.largestStageWeight) {
            (byStage1, byStage2) = efficient
        } else {
            let held = overall.held(at: theta)
            switch (resolve(first: stage1, second: stage2, held: held, solvers: solvers.stage1First),
                    resolve(first: stage2, second: stage1, held: held, solvers: solvers.stage2First)) {
            case (.success(let a), .success(let b)):
                (byStage1, byStage2) = (a, b)
            case (.failure(let f), _), (_, .failure(let f)):
                return .failed(f.status)
            }
        }
        let splitByStage1 = StageSplit(stage1: byStage1.first, stage2: byStage1.second, stage1Weight: byStage1.firstWeight)
        let splitByStage2 = StageSplit(stage1: byStage2.second, stage2: byStage2.first, stage1Weight: 1 - byStage2.firstWeight)
        let (split, other, pi) = priority == .stage1
            ? (splitByStage1, splitByStage2, byStage1.weights) : (splitByStage2, splitByStage1, byStage2.weights)
        let total = VectorArithmetic.dot(overall.denominator, pi)
        let w = layout.unscaled(total > 0 ? VectorArithmetic.divide(pi, by: total) : pi, data)
        return TwoStageUnitScore(
            status: .ok, overall: theta, split: split, otherSplit: other,
            isSplitUnique: split.agrees(with: other, tolerance: DEATolerance.classification),
            weights: StageWeights(inputs: w.v, intermediatesStage1: w.w, intermediatesStage2: w.w, outputs: w.u,
                                  constantStage1: w.c1, constantStage2: w.c2))
    }

    /// One priority's split at θ < 1: steps (a), (b) and, if needed, (c).
    private func resolve(first: StageRatio, second: StageRatio, held: MultiplierConstraint,
                         solvers: PrioritySolvers) -> Result<PrioritySplit, StatusFailure> {
        func firstWeight(_ pi: [Double]) -> Double {
            let f = VectorArithmetic.dot(first.denominator, pi), s = VectorArithmetic.dot(second.denominator, pi)
            return f / (f + s)
        }
        // (a) The first stage's best score with θ held.
        let a = solvers.maximiseFirst.solve(objective: first.numerator, unitRows: [.equal(first.denominator, 1), held])
        if a.status == .infeasible || a.status == .unbounded {
            // No optimal weights give the first stage a positive weight: it is undefined, and the
            // priority passes to the second stage (the other priority's step (a)).
            let other = solvers.maximiseFirst.solve(objective: second.numerator, unitRows: [.equal(second.denominator, 1), held])
            guard other.isOptimal else { return .failure(StatusFailure(status: other.status)) }
            return .success(PrioritySplit(first: nil, second: EfficiencyGuard.snapped(other.value), firstWeight: 0, weights: other.weights))
        }
        guard a.isOptimal else { return .failure(StatusFailure(status: a.status)) }
        let firstScore = EfficiencyGuard.snapped(a.value)
        let heldFirst = first.held(at: firstScore)
        // (b) Among those weights, the second stage's best score.
        let b = solvers.maximiseSecond.solve(objective: second.numerator, unitRows: [.equal(second.denominator, 1), held, heldFirst])
        if b.status == .infeasible || b.status == .unbounded {
            // The second stage has zero weight whenever the first is at its maximum.
            return .success(PrioritySplit(first: firstScore, second: nil, firstWeight: 1, weights: a.weights))
        }
        guard b.isOptimal else { return .failure(StatusFailure(status: b.status)) }
        let secondScore = EfficiencyGuard.snapped(b.value)
        var pi = b.weights
        if firstWeight(pi) <= DEATolerance.classification {
            // (c) The same scores, with weights under which the first stage's ratio is defined.
            let c = solvers.restoreFirstWeight.solve(
                objective: first.denominator,
                unitRows: [.equal(second.denominator, 1), held, heldFirst, second.held(at: secondScore), .atMost(first.denominator, 1)])
            if c.isOptimal && firstWeight(c.weights) > DEATolerance.classification { pi = c.weights }
        }
        return .success(PrioritySplit(first: firstScore, second: secondScore, firstWeight: firstWeight(pi), weights: pi))
    }

    /// The split of an efficient unit (θ = 1), the same under both priorities: a stage scores 1
    /// if some optimal weights give it a positive ω, else it is undefined. `nil` when the
    /// programs fail (the caller then takes the general route).
    private func efficientSplit(_ stage1: StageRatio, _ stage2: StageRatio, _ overall: StageRatio,
                                solver: MultiplierSolver) -> (PrioritySplit, PrioritySplit)? {
        let rows: [MultiplierConstraint] = [.equal(overall.denominator, 1), stage1.held(at: 1), stage2.held(at: 1)]
        let most1 = solver.solve(objective: stage1.denominator, unitRows: rows)
        let most2 = solver.solve(objective: stage2.denominator, unitRows: rows)
        guard most1.isOptimal, most2.isOptimal else { return nil }
        let tolerance = DEATolerance.classification
        let defined1 = most1.value > tolerance, defined2 = most2.value > tolerance
        guard defined1 || defined2 else { return nil }
        let weights: [Double]
        let omega1: Double
        switch (defined1, defined2) {
        case (true, true):
            // Both weightings are optimal (the rows are linear, den·π = 1 in both): so is their mean,
            // which gives each stage a positive weight.
            weights = zip(most1.weights, most2.weights).map { ($0 + $1) / 2 }
            omega1 = VectorArithmetic.dot(stage1.denominator, weights)
        case (true, false):
            weights = most1.weights
            omega1 = 1
        default:
            weights = most2.weights
            omega1 = 0
        }
        let s1: Double? = defined1 ? 1 : nil, s2: Double? = defined2 ? 1 : nil
        return (PrioritySplit(first: s1, second: s2, firstWeight: omega1, weights: weights),
                PrioritySplit(first: s2, second: s1, firstWeight: 1 - omega1, weights: weights))
    }
}
