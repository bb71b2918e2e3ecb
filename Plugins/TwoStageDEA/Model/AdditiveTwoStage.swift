import TolokDEA

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
/// Degenerate optima (VRS): (a) infeasible means v·x_o = 0 (ω₁ = 0) at every optimum, so θ₁ is
/// undefined and θ₂ = θ; (b) infeasible means ω₂ = 0 whenever θ₁ is maximal, so θ₂ is undefined.
/// Under VRS a stage score can also be ≤ 0: the free c₁ (or c₂) lets the optimum give a stage a
/// negative score at a tiny weight ω. Both are reported as found (docs/TWO-STAGE.md).
///
/// Weights are reported normalised to v·x_o + w·z_o = 1 (so ω₁ = v·x_o), in the data's units.
struct AdditiveTwoStage {
    let data: TwoStageData
    let rts: ReturnsToScale
    let priority: StagePriority

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
    }

    func score() -> [TwoStageUnitScore] {
        let layout = WeightLayout(data, constants: rts == .vrs)
        let stageRows = layout.stageConstraints(data)
        func solver(_ unitRows: Int) -> MultiplierSolver {
            MultiplierSolver(freeWeights: layout.freeWeights, fixedRows: stageRows, unitRowCount: unitRows)
        }
        let overall = solver(1)
        let stage1First = PrioritySolvers(maximiseFirst: solver(2), maximiseSecond: solver(3))
        let stage2First = PrioritySolvers(maximiseFirst: solver(2), maximiseSecond: solver(3))
        return (0..<data.unitCount).map { o in
            evaluate(o, layout: layout, overall: overall, stage1First: stage1First, stage2First: stage2First)
        }
    }

    private func evaluate(_ o: Int, layout: WeightLayout, overall: MultiplierSolver,
                          stage1First: PrioritySolvers, stage2First: PrioritySolvers) -> TwoStageUnitScore {
        let x = data.input(of: o), z = data.intermediate(of: o), y = data.output(of: o)
        let numerator1 = layout.vector(w: z, c1: 1), denominator1 = layout.vector(v: x)
        let numerator2 = layout.vector(u: y, c2: 1), denominator2 = layout.vector(w: z)
        let numerator = layout.vector(w: z, u: y, c1: 1, c2: 1), denominator = layout.vector(v: x, w: z)

        let best = overall.solve(objective: numerator, unitRows: [.equal(denominator, 1)])
        guard best.isOptimal else { return .failed(best.status) }
        let theta = best.value
        let held = MultiplierConstraint.equal(VectorArithmetic.subtract(numerator, theta, times: denominator), 0)

        func resolve(first: (numerator: [Double], denominator: [Double]), second: (numerator: [Double], denominator: [Double]),
                     solvers: PrioritySolvers) -> Result<PrioritySplit, StatusFailure> {
            let a = solvers.maximiseFirst.solve(objective: first.numerator, unitRows: [.equal(first.denominator, 1), held])
            if a.status == .infeasible || a.status == .unbounded {
                // The first stage has zero weight at every optimum: θ = θ_second.
                return .success(PrioritySplit(first: nil, second: theta, firstWeight: 0, weights: best.weights))
            }
            guard a.isOptimal else { return .failure(StatusFailure(status: a.status)) }
            let heldFirst = MultiplierConstraint.equal(VectorArithmetic.subtract(first.numerator, a.value, times: first.denominator), 0)
            let b = solvers.maximiseSecond.solve(objective: second.numerator, unitRows: [.equal(second.denominator, 1), held, heldFirst])
            if b.status == .infeasible || b.status == .unbounded {
                // The second stage has zero weight whenever the first is at its maximum.
                return .success(PrioritySplit(first: a.value, second: nil, firstWeight: 1, weights: a.weights))
            }
            guard b.isOptimal else { return .failure(StatusFailure(status: b.status)) }
            let firstTotal = VectorArithmetic.dot(first.denominator, b.weights)
            let secondTotal = VectorArithmetic.dot(second.denominator, b.weights)
            return .success(PrioritySplit(first: a.value, second: b.value, firstWeight: firstTotal / (firstTotal + secondTotal),
                                          weights: b.weights))
        }

        let byStage1: PrioritySplit, byStage2: PrioritySplit
        switch (resolve(first: (numerator1, denominator1), second: (numerator2, denominator2), solvers: stage1First),
                resolve(first: (numerator2, denominator2), second: (numerator1, denominator1), solvers: stage2First)) {
        case (.success(let a), .success(let b)):
            byStage1 = a
            byStage2 = b
        case (.failure(let f), _), (_, .failure(let f)):
            return .failed(f.status)
        }
        let splitByStage1 = StageSplit(stage1: byStage1.first, stage2: byStage1.second, stage1Weight: byStage1.firstWeight)
        let splitByStage2 = StageSplit(stage1: byStage2.second, stage2: byStage2.first, stage1Weight: 1 - byStage2.firstWeight)
        let (split, other, pi) = priority == .stage1
            ? (splitByStage1, splitByStage2, byStage1.weights) : (splitByStage2, splitByStage1, byStage2.weights)
        let total = VectorArithmetic.dot(denominator, pi)
        let w = layout.unscaled(total > 0 ? VectorArithmetic.divide(pi, by: total) : pi, data)
        return TwoStageUnitScore(
            status: .optimal, overall: theta, split: split, otherSplit: other,
            isSplitUnique: split.agrees(with: other, tolerance: DEATolerance.classification),
            weights: StageWeights(inputs: w.v, intermediatesStage1: w.w, intermediatesStage2: w.w, outputs: w.u,
                                  constantStage1: w.c1, constantStage2: w.c2))
    }
}
