import TolokDomain
import TolokDEAModel

/// The relational (multiplicative) two-stage model of Kao & Hwang (2008), "Efficiency
/// decomposition in two-stage data envelopment analysis: an application to non-life insurance
/// companies in Taiwan", *EJOR* 185, 418–429. Constant returns to scale only.
///
/// One set of weights (v, w, u) serves both stages, so the overall score is the product of the
/// stage scores. For unit o, on mean-scaled data:
///
///     E  = max u·y_o   s.t.  v·x_o = 1,  w·z_j − v·x_j ≤ 0,  u·y_j − w·z_j ≤ 0  ∀j,  v, w, u ≥ 0
///
/// with E₁ = w*·z_o / v*·x_o (stage 1), E₂ = u*·y_o / w*·z_o (stage 2), E = E₁·E₂. The paper also
/// lists u·y_j − v·x_j ≤ 0; it is the sum of the two stage constraints of unit j, so it is left
/// out (the feasible set is the same).
///
/// The optimal weights are often not unique, and with them the split. It is resolved by priority,
/// holding E at its optimum (the row u·y_o − E·v·x_o = 0):
/// - stage 1 first: E₁ = max w·z_o s.t. v·x_o = 1, held E, stage rows; then E₂ = E / E₁;
/// - stage 2 first: E₂ = max u·y_o s.t. w·z_o = 1, held E, stage rows; then E₁ = E / E₂.
/// Both are solved; the split is unique when they agree. If w·z_o = 0 at every optimum (a unit
/// whose intermediate measures are all 0), E = E₁ = 0 and E₂ is undefined; if E₂ = 0 (no outputs),
/// E₁ is its maximum under either priority. An efficient unit (E = 1 within
/// ``EfficiencyGuard/tolerance``) scores 1 in both stages: E₁·E₂ = 1 with both ≤ 1.
///
/// Weights are reported normalised to v·x_o = 1, in the data's units.
public struct RelationalTwoStage {
    public let data: TwoStageData
    public let priority: StagePriority

    public func score() -> [TwoStageUnitScore] {
        let layout = WeightLayout(data, constants: false)
        let stageRows = layout.stageConstraints(data)
        let overall = MultiplierSolver(freeWeights: layout.freeWeights, fixedRows: stageRows, unitRowCount: 1)
        let stage1First = MultiplierSolver(freeWeights: layout.freeWeights, fixedRows: stageRows, unitRowCount: 2)
        let stage2First = MultiplierSolver(freeWeights: layout.freeWeights, fixedRows: stageRows, unitRowCount: 2)
        return (0..<data.unitCount).map { o in
            evaluate(o, layout: layout, overall: overall, stage1First: stage1First, stage2First: stage2First)
        }
    }

    private func evaluate(_ o: Int, layout: WeightLayout, overall: MultiplierSolver,
                          stage1First: MultiplierSolver, stage2First: MultiplierSolver) -> TwoStageUnitScore {
        let weightedInput = layout.vector(v: data.input(of: o))
        let weightedIntermediate = layout.vector(w: data.intermediate(of: o))
        let weightedOutput = layout.vector(u: data.output(of: o))
        let best = overall.solve(objective: weightedOutput, unitRows: [.equal(weightedInput, 1)])
        guard best.isOptimal else { return .failed(best.status) }
        let e = EfficiencyGuard.snapped(best.value)
        if e == 1 {
            // E = E₁·E₂ with both ≤ 1: an efficient unit is efficient in both stages, under any
            // optimal weights (no held row at 1 needed, see EfficiencyGuard).
            let one = StageSplit(stage1: 1, stage2: 1)
            return score(overall: 1, split: one, other: one, weights: best.weights, weightedInput: weightedInput, layout: layout)
        }
        let heldOverall = MultiplierConstraint.equal(VectorArithmetic.subtract(weightedOutput, e, times: weightedInput), 0)

        let first = stage1First.solve(objective: weightedIntermediate, unitRows: [.equal(weightedInput, 1), heldOverall])
        guard first.isOptimal else { return .failed(first.status) }
        func quotient(_ a: Double, _ b: Double) -> Double? { b > 0 ? a / b : nil }
        let byStage1 = StageSplit(stage1: first.value, stage2: quotient(e, first.value))
        let second = stage2First.solve(objective: weightedOutput, unitRows: [.equal(weightedIntermediate, 1), heldOverall])
        let byStage2: StageSplit, secondWeights: [Double]
        if second.status == .infeasible || second.status == .unbounded {
            // w·z_o = 0 at every optimum (e.g. a unit without premiums): E = E₁ = 0, E₂ = 0/0.
            (byStage2, secondWeights) = (StageSplit(stage1: first.value, stage2: nil), first.weights)
        } else {
            guard second.isOptimal else { return .failed(second.status) }
            // E₂ = 0 (a unit without outputs, E = 0) leaves E₁ free: it then takes its maximum.
            let stage1 = second.value > 0 ? quotient(e, second.value) : first.value
            (byStage2, secondWeights) = (StageSplit(stage1: stage1, stage2: second.value), second.weights)
        }
        let (split, other, pi) = priority == .stage1 ? (byStage1, byStage2, first.weights) : (byStage2, byStage1, secondWeights)
        return score(overall: e, split: split, other: other, weights: pi, weightedInput: weightedInput, layout: layout)
    }

    /// The unit's result, with the weights normalised to v·x_o = 1 in the data's units.
    private func score(overall e: Double, split: StageSplit, other: StageSplit, weights pi: [Double], weightedInput: [Double],
                       layout: WeightLayout) -> TwoStageUnitScore {
        let inputTotal = VectorArithmetic.dot(weightedInput, pi)
        let w = layout.unscaled(inputTotal > 0 ? VectorArithmetic.divide(pi, by: inputTotal) : pi, data)
        return TwoStageUnitScore(
            status: .ok, overall: e, split: split, otherSplit: other,
            isSplitUnique: split.agrees(with: other, tolerance: DEATolerance.classification),
            weights: StageWeights(inputs: w.v, intermediatesStage1: w.w, intermediatesStage2: w.w, outputs: w.u))
    }
}
