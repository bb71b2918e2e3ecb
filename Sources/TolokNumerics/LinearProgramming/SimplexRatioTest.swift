/// The ratio tests of ``SimplexEngine`` (Harris two-pass with bound flips, Bland's textbook
/// test) and bound shifting.
extension SimplexEngine {

    enum RatioTestResult {
        case pivot(row: Int, step: Double, toUpper: Bool)
        case flip(step: Double)
        case unbounded
        case tinyPivot
    }

    /// The bound a basic variable at position k runs into when it changes at rate g per unit
    /// step (g = −dir·αₖ), and whether it is the upper one. Nil when nothing blocks it. In
    /// phase I an infeasible variable moving towards feasibility blocks at its violated bound
    /// (where the phase-I objective has a breakpoint); one moving away never blocks.
    @inline(__always)
    private func blockingBound(_ k: Int, rate g: Double, phaseOne: Bool) -> (bound: Double, upper: Bool)? {
        let j = head[k], v = value[j], lo = lower[j], up = upper[j]
        let δ = options.primalFeasibilityTolerance
        if phaseOne && v < lo - δ { return g > 0 ? (lo, false) : nil }
        if phaseOne && v > up + δ { return g < 0 ? (up, true) : nil }
        if g < 0 { return lo > -.infinity ? (lo, false) : nil }
        return up < .infinity ? (up, true) : nil
    }

    /// Harris's two-pass ratio test with bounds relaxed by the primal feasibility tolerance δ:
    /// pass 1 finds the largest step θmax that keeps every blocking variable within its relaxed
    /// bound; pass 2 chooses, among variables whose exact ratio is ≤ θmax, the one with the
    /// largest |αₖ| (the most stable pivot), and takes its exact (non-negative) ratio as the step.
    /// A bound flip of the entering variable is taken when its range fits within θmax.
    ///
    /// When the only candidates within θmax have |αₖ| below the pivot tolerance (typically a
    /// variable sitting on its bound with a tiny entry, which caps θmax at δ/|αₖ|), the test is
    /// repeated with such entries treated as zero, and the run loop shifts the bounds of the
    /// variables this lets overshoot (see ``shiftBoundsAfterStep(dir:step:pivotRow:)``). Shifting
    /// is given up after a few removal rounds so the method cannot cycle through it.
    func harrisRatioTest(q: Int, dir: Double, phaseOne: Bool) -> RatioTestResult {
        ignoredSmallPivots = false
        let first = harrisPasses(q: q, dir: dir, phaseOne: phaseOne, threshold: options.zeroTolerance)
        guard case .tinyPivot = first, shiftRemovals < 3 else { return first }
        let second = harrisPasses(q: q, dir: dir, phaseOne: phaseOne, threshold: pivotTolerance)
        switch second {
        case .pivot, .flip:
            ignoredSmallPivots = true
            return second
        case .unbounded, .tinyPivot:
            return .tinyPivot
        }
    }

    private func harrisPasses(q: Int, dir: Double, phaseOne: Bool, threshold zt: Double) -> RatioTestResult {
        let δ = options.primalFeasibilityTolerance
        var thetaMax = Double.infinity
        for k in 0..<m {
            let ak = alpha[k]
            if abs(ak) <= zt { continue }
            let g = -dir * ak
            guard let (bound, _) = blockingBound(k, rate: g, phaseOne: phaseOne) else { continue }
            let v = value[head[k]]
            let t = g > 0 ? (bound + δ - v) / g : (v - bound + δ) / (-g)
            if t < thetaMax { thetaMax = t }
        }
        let span = upper[q] - lower[q]
        if span.isFinite && span <= thetaMax { return .flip(step: span) }
        if thetaMax == .infinity { return .unbounded }
        var row = -1
        var best = 0.0
        var step = 0.0
        var toUpper = false
        for k in 0..<m {
            let ak = alpha[k]
            if abs(ak) <= zt { continue }
            let g = -dir * ak
            guard let (bound, isUpper) = blockingBound(k, rate: g, phaseOne: phaseOne) else { continue }
            let v = value[head[k]]
            let t = g > 0 ? (bound - v) / g : (v - bound) / (-g)
            if t <= thetaMax && abs(ak) > best {
                best = abs(ak); row = k; step = t; toUpper = isUpper
            }
        }
        if row < 0 || best < pivotTolerance { return .tinyPivot }
        return .pivot(row: row, step: max(0, step), toUpper: toUpper)
    }

    /// Textbook minimum-ratio test with ties broken by the smallest variable index (Bland's
    /// rule), used while degenerate steps stall. Pivots below the pivot tolerance are ignored.
    func blandRatioTest(q: Int, dir: Double, phaseOne: Bool) -> RatioTestResult {
        var row = -1
        var best = Double.infinity
        var toUpper = false
        for k in 0..<m {
            let ak = alpha[k]
            if abs(ak) < pivotTolerance { continue }
            let g = -dir * ak
            guard let (bound, isUpper) = blockingBound(k, rate: g, phaseOne: phaseOne) else { continue }
            let v = value[head[k]]
            let t = max(0, g > 0 ? (bound - v) / g : (v - bound) / (-g))
            if t < best - 1e-12 || (abs(t - best) <= 1e-12 && row >= 0 && head[k] < head[row]) {
                best = t; row = k; toUpper = isUpper
            }
        }
        let span = upper[q] - lower[q]
        if span.isFinite && span <= best { return .flip(step: span) }
        if row < 0 { return .unbounded }
        return .pivot(row: row, step: best, toUpper: toUpper)
    }

    /// After a step that ignored entries with |αₖ| below the pivot tolerance, a basic variable
    /// with such an entry may have moved past a bound it was within. Its bound is shifted to the
    /// new value (bound shifting; Koberstein 2005, §6.2.2.3, and the EXPAND idea of Gill,
    /// Murray, Saunders & Wright 1989), which keeps the basis primal feasible for the shifted
    /// problem; ``removeShifts()`` restores all bounds before optimality is declared.
    func shiftBoundsAfterStep(dir: Double, step: Double, pivotRow: Int) {
        let δ = options.primalFeasibilityTolerance
        let s = dir * step
        for k in 0..<m where k != pivotRow {
            let ak = alpha[k]
            if abs(ak) <= options.zeroTolerance || abs(ak) >= pivotTolerance { continue }
            let j = head[k], v = value[j], before = v + s * ak
            if v > upper[j] + δ && before <= upper[j] + δ {
                if upper[j] == originalUpper[j] { shiftedCount += 1 }
                upper[j] = v
            } else if v < lower[j] - δ && before >= lower[j] - δ {
                if lower[j] == originalLower[j] { shiftedCount += 1 }
                lower[j] = v
            }
        }
    }

    /// Restores the original bounds, puts nonbasic variables back on them and recomputes the
    /// basic values; the iteration then continues (in phase I if that made the basis infeasible).
    func removeShifts() {
        for k in 0..<total {
            lower[k] = originalLower[k]
            upper[k] = originalUpper[k]
            if status[k] != .basic { placeNonbasic(k, preferred: status[k]) }
        }
        shiftedCount = 0
        shiftRemovals += 1
        refactor()
        computePrimal()
    }
}
