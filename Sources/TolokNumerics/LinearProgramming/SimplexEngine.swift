import CLapack

/// The iteration core of ``SimplexSolver``: a dense revised primal simplex method for bounded
/// variables on the scaled computational form
///
///     minimise ĉ·x̂   subject to   Â x̂ − r̂ = 0,   l̂ ≤ (x̂, r̂) ≤ û,
///
/// where r̂ are the (scaled) row activities, one logical variable per row with column −eᵢ and the
/// row's bounds. Variable index k < n is structural, k = n + i is the logical of row i.
///
/// Phases: every iteration classifies the basic variables; if any lies outside its bounds by more
/// than the primal feasibility tolerance the iteration is a phase-I iteration on the piecewise-
/// linear sum of infeasibilities (costs −1 below, +1 above, 0 inside; Wolfe 1965, Chvátal 1983
/// ch. 8 and Maros 2003 ch. 9) plus ω·ĉ (a composite objective, Maros 2003 §9.6; ω =
/// ``SimplexOptions/phaseOneObjectiveWeight``, dropped to 0 if the composite optimum is still
/// infeasible), otherwise a phase-II iteration on ĉ. No artificial variables and no big-M are
/// needed, and a warm-start basis that is infeasible for new data simply resumes in phase I.
///
/// Pricing is Dantzig's rule on the scaled program (largest |d̂ⱼ|), the ratio test is Harris's
/// two-pass test with bound flips (Harris 1973; Koberstein 2005, PhD thesis, Paderborn, §6.2),
/// and after ``SimplexOptions/degenerateStallLimit`` consecutive degenerate steps both switch to
/// Bland's smallest-index rule (Bland 1977) until a step makes progress. The basis inverse is a
/// ``BasisFactorization`` (LAPACK LU plus product-form etas), refactorised periodically and before
/// any terminal decision ("optimal", "infeasible", "unbounded" are only declared on a fresh
/// factorisation with recomputed basic values).
///
/// Not `Sendable`: one engine lives inside one `solve` call.
final class SimplexEngine {
    typealias Status = Basis.VariableStatus

    enum Outcome { case optimal, infeasible, unbounded, iterationLimit, numericalFailure }

    let m: Int
    let n: Int
    let total: Int
    let options: SimplexOptions

    // Scaled data.
    let a: UnsafeMutablePointer<Double>
    let cost: UnsafeMutablePointer<Double>
    let lower: UnsafeMutablePointer<Double>
    let upper: UnsafeMutablePointer<Double>
    /// The unshifted bounds (see "bound shifting" in ``harrisRatioTest(q:dir:phaseOne:)``).
    let originalLower: UnsafeMutablePointer<Double>
    let originalUpper: UnsafeMutablePointer<Double>

    // State.
    let value: UnsafeMutablePointer<Double>
    let status: UnsafeMutablePointer<Status>
    let head: UnsafeMutablePointer<Int>

    // Work vectors.
    let y: UnsafeMutablePointer<Double>
    let alpha: UnsafeMutablePointer<Double>
    let work: UnsafeMutablePointer<Double>
    let d: UnsafeMutablePointer<Double>
    let rejected: UnsafeMutablePointer<Bool>

    let factor: BasisFactorization

    var iterations = 0
    var phaseOneIterations = 0
    var bland = false
    var degenerateRun = 0
    /// True when the factorisation has no etas and the basic values were recomputed from it.
    var fresh = false
    var rejectedCount = 0
    /// Bounds currently shifted, and how many times shifts were removed again.
    var shiftedCount = 0
    var shiftRemovals = 0
    /// Set by the ratio test when it had to ignore entries below the pivot tolerance.
    var ignoredSmallPivots = false
    /// The pivot tolerance in force: ``SimplexOptions/pivotTolerance``, lowered once (×10⁻³)
    /// before the solver gives up with a numerical failure.
    var pivotTolerance: Double
    /// Weight ω of the true objective inside the phase-I objective (composite phase I).
    var compositeWeight: Double = 0
    var note: String?

    init(m: Int, n: Int, options: SimplexOptions) {
        self.m = m
        self.n = n
        self.total = n + m
        self.options = options
        self.pivotTolerance = options.pivotTolerance
        self.compositeWeight = max(0, options.phaseOneObjectiveWeight.isFinite ? options.phaseOneObjectiveWeight : 0)
        func buffer<T>(_ count: Int, _ v: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(1, count))
            p.initialize(repeating: v, count: max(1, count))
            return p
        }
        a = buffer(m * n, 0.0)
        cost = buffer(total, 0.0)
        lower = buffer(total, 0.0)
        upper = buffer(total, 0.0)
        originalLower = buffer(total, 0.0)
        originalUpper = buffer(total, 0.0)
        value = buffer(total, 0.0)
        status = buffer(total, Status.atLower)
        head = buffer(m, -1)
        y = buffer(m, 0.0)
        alpha = buffer(m, 0.0)
        work = buffer(m, 0.0)
        d = buffer(total, 0.0)
        rejected = buffer(total, false)
        factor = BasisFactorization(m: m, capacity: max(1, options.refactorizationInterval))
    }

    deinit {
        a.deallocate(); cost.deallocate(); lower.deallocate(); upper.deallocate()
        originalLower.deallocate(); originalUpper.deallocate()
        value.deallocate(); status.deallocate(); head.deallocate()
        y.deallocate(); alpha.deallocate(); work.deallocate(); d.deallocate(); rejected.deallocate()
    }

    // MARK: Loading

    /// Copies the program into scaled form. `costSign` is −1 for maximisation. Returns false if
    /// a finite datum overflowed (or vanished from a finite bound) under the scaling; the caller
    /// then reloads with the identity scaling.
    @discardableResult
    func load(_ lp: LinearProgram, scaling s: LPScaling, costSign: Double) -> Bool {
        let A = lp.constraintMatrix.storage
        for j in 0..<n {
            let cj = s.column[j]
            for i in 0..<m { a[i + j * m] = A[i + j * m] * s.row[i] * cj }
            cost[j] = costSign * lp.objective[j] * cj * s.rhs * s.cost
            let f = s.rhs * cj
            lower[j] = lp.lowerBounds[j] == -.infinity ? -.infinity : lp.lowerBounds[j] / f
            upper[j] = lp.upperBounds[j] == .infinity ? .infinity : lp.upperBounds[j] / f
        }
        for i in 0..<m {
            let k = n + i
            let b = lp.rhs[i] * s.row[i] / s.rhs
            cost[k] = 0
            switch lp.rowKinds[i] {
            case .lessOrEqual: lower[k] = -.infinity; upper[k] = b
            case .greaterOrEqual: lower[k] = b; upper[k] = .infinity
            case .equal: lower[k] = b; upper[k] = b
            }
        }
        for k in 0..<total { originalLower[k] = lower[k]; originalUpper[k] = upper[k] }
        for k in 0..<(m * n) where !a[k].isFinite { return false }
        for k in 0..<total {
            if !cost[k].isFinite || lower[k].isNaN || upper[k].isNaN || lower[k] == .infinity || upper[k] == -.infinity {
                return false
            }
        }
        for j in 0..<n {
            if lp.lowerBounds[j].isFinite != lower[j].isFinite || lp.upperBounds[j].isFinite != upper[j].isFinite {
                return false
            }
        }
        for i in 0..<m where !lower[n + i].isFinite && !upper[n + i].isFinite { return false }
        return true
    }

    /// Puts nonbasic variable k at the bound named by `preferred` if that bound is finite,
    /// otherwise at a finite bound, otherwise free at zero.
    func placeNonbasic(_ k: Int, preferred: Status) {
        let lo = lower[k], up = upper[k]
        if preferred == .atUpper && up < .infinity {
            status[k] = .atUpper; value[k] = up
        } else if lo > -.infinity {
            status[k] = .atLower; value[k] = lo
        } else if up < .infinity {
            status[k] = .atUpper; value[k] = up
        } else {
            status[k] = .free; value[k] = 0
        }
    }

    /// Installs a warm-start basis (or the slack basis) and factorises it, repairing a singular
    /// or short basis with logicals.
    func install(_ basis: Basis?) {
        var usable = false
        if let b = basis {
            if b.structural.count == n && b.rows.count == m && b.basicCount <= m {
                usable = true
            } else {
                note = "warm-start basis ignored (shape \(b.structural.count)+\(b.rows.count), "
                    + "\(b.basicCount) basic; expected \(n)+\(m), \(m) basic)"
            }
        }
        for k in 0..<m { head[k] = -1 }
        var p = 0
        for k in 0..<total {
            let st: Status
            if usable, let b = basis {
                st = k < n ? b.structural[k] : b.rows[k - n]
            } else {
                st = k < n ? .atLower : .basic
            }
            if st == .basic {
                status[k] = .basic
                value[k] = 0
                head[p] = k
                p += 1
            } else {
                placeNonbasic(k, preferred: st)
            }
        }
        refactor()
        computePrimal()
    }

    // MARK: Factorisation

    /// Loads the basis matrix, factorises it and repairs rank deficiency by replacing dependent
    /// columns with logicals of uncovered rows (falling back to the slack basis).
    func refactor() {
        for attempt in 0..<4 {
            loadBasisMatrix()
            if factor.factorize() {
                fresh = false
                return
            }
            if attempt == 3 { break }
            repairBasis()
        }
        // Slack basis: B = −I, always nonsingular.
        note = (note.map { $0 + "; " } ?? "") + "basis repaired to the slack basis"
        for k in 0..<n where status[k] == .basic { placeNonbasic(k, preferred: .atLower) }
        for i in 0..<m { status[n + i] = .basic; head[i] = n + i }
        loadBasisMatrix()
        _ = factor.factorize()
        fresh = false
    }

    private func loadBasisMatrix() {
        let B = factor.lu
        for k in 0..<m {
            let col = B + k * m
            for i in 0..<m { col[i] = 0 }
            let j = head[k]
            if j < 0 { continue }
            if j < n {
                let src = a + j * m
                for i in 0..<m { col[i] = src[i] }
            } else {
                col[j - n] = -1
            }
        }
    }

    private func repairBasis() {
        let count = factor.deficientPositions.count
        note = (note.map { $0 + "; " } ?? "") + "singular basis: \(count) column(s) replaced by logicals"
        let perm = factor.rowPermutation()
        var covered = [Bool](repeating: false, count: m)
        for k in 0..<m where head[k] >= n { covered[head[k] - n] = true }
        for k in factor.deficientPositions {
            let j = head[k]
            if j >= n { covered[j - n] = false }
        }
        for k in factor.deficientPositions {
            let j = head[k]
            if j >= 0 && j != n + perm[k] {
                placeNonbasic(j, preferred: .atLower)
            }
            var row = perm[k]
            if covered[row] { row = covered.firstIndex(of: false) ?? row }
            covered[row] = true
            head[k] = n + row
            status[n + row] = .basic
        }
    }

    /// Recomputes the basic values from the nonbasic ones: x_B = −B⁻¹ N x_N.
    func computePrimal() {
        for i in 0..<m { work[i] = 0 }
        for j in 0..<n where status[j] != .basic {
            let v = value[j]
            if v == 0 { continue }
            let col = a + j * m
            for i in 0..<m { work[i] -= col[i] * v }
        }
        for i in 0..<m where status[n + i] != .basic { work[i] += value[n + i] }
        factor.ftran(work)
        for k in 0..<m { value[head[k]] = work[k] }
        fresh = factor.etaCount == 0
    }

    // MARK: Main loop

    func run() -> Outcome {
        let maxIterations = options.maxIterations ?? max(10_000, 50 * (m + n))
        let δ = options.primalFeasibilityTolerance
        while true {
            if factor.isFull {
                refactor()
                computePrimal()
            }
            // Phase and basic costs (kept in y, then BTRAN'd in place).
            var phaseOne = false
            for k in 0..<m {
                let j = head[k], v = value[j]
                if v < lower[j] - δ { y[k] = -1; phaseOne = true }
                else if v > upper[j] + δ { y[k] = 1; phaseOne = true }
                else { y[k] = 0 }
            }
            if !phaseOne {
                for k in 0..<m { y[k] = cost[head[k]] }
            } else if compositeWeight > 0 {
                for k in 0..<m { y[k] += compositeWeight * cost[head[k]] }
            }
            factor.btran(y)
            computeReducedCosts(phaseOne: phaseOne)

            guard let (q, dir) = price() else {
                if !fresh {
                    refactor()
                    computePrimal()
                    continue
                }
                if shiftedCount > 0 && !phaseOne {
                    removeShifts()
                    continue
                }
                if phaseOne && compositeWeight > 0 {
                    // The composite objective is optimal but the basis is still infeasible:
                    // fall back to the pure sum of infeasibilities.
                    compositeWeight = 0
                    continue
                }
                if rejectedCount > 0 && pivotTolerance == options.pivotTolerance {
                    // Last resort before giving up: accept pivots 1000× smaller (they are
                    // genuine when the optimum itself is badly scaled, e.g. a DEA score of 1e-7)
                    // and allow bound shifting again.
                    pivotTolerance = options.pivotTolerance * 1e-3
                    shiftRemovals = 0
                    clearRejected()
                    note = (note.map { $0 + "; " } ?? "") + "pivot tolerance lowered to \(pivotTolerance)"
                    continue
                }
                if rejectedCount > 0 {
                    note = (note.map { $0 + "; " } ?? "") + "\(rejectedCount) candidate(s) rejected for tiny pivots"
                    return .numericalFailure
                }
                // Shifted bounds only relax the problem, so infeasibility found with them holds
                // for the original bounds too.
                return phaseOne ? .infeasible : .optimal
            }
            if iterations >= maxIterations { return .iterationLimit }

            loadColumn(q, into: alpha)
            factor.ftran(alpha)
            let test = bland ? blandRatioTest(q: q, dir: dir, phaseOne: phaseOne)
                             : harrisRatioTest(q: q, dir: dir, phaseOne: phaseOne)
            switch test {
            case .unbounded:
                if !fresh { refactor(); computePrimal(); continue }
                // The pure phase-I objective cannot be unbounded (an improving direction reduces
                // some infeasibility, which blocks); with the composite objective the ray may
                // come from ω·c, so drop ω. Otherwise only tiny |α| can cause this.
                if phaseOne && compositeWeight > 0 { compositeWeight = 0; continue }
                if phaseOne { reject(q); continue }
                // A relaxed (shifted) problem may be unbounded while the original is infeasible:
                // confirm with the original bounds first.
                if shiftedCount > 0 { removeShifts(); continue }
                return .unbounded
            case .tinyPivot:
                if !fresh { refactor(); computePrimal(); continue }
                reject(q)
                continue
            case .flip(let step):
                applyStep(q: q, dir: dir, step: step)
                if ignoredSmallPivots { shiftBoundsAfterStep(dir: dir, step: step, pivotRow: -1) }
                status[q] = dir > 0 ? .atUpper : .atLower
                value[q] = dir > 0 ? upper[q] : lower[q]
                noteProgress(step: step, dj: d[q])
            case .pivot(let r, let step, let toUpper):
                applyStep(q: q, dir: dir, step: step)
                if ignoredSmallPivots { shiftBoundsAfterStep(dir: dir, step: step, pivotRow: r) }
                let leaving = head[r]
                status[leaving] = toUpper ? .atUpper : .atLower
                value[leaving] = toUpper ? upper[leaving] : lower[leaving]
                head[r] = q
                status[q] = .basic
                factor.update(alpha: alpha, pivotRow: r)
                clearRejected()
                noteProgress(step: step, dj: d[q])
            }
            fresh = false
            iterations += 1
            if phaseOne { phaseOneIterations += 1 }
        }
    }

    /// After a step that ignored entries with |αₖ| below the pivot tolerance, a basic variable
    /// with such an entry may have moved past a bound it was within. Its bound is shifted to the
    /// new value (bound shifting; Koberstein 2005, §6.2.2.3, and the EXPAND idea of Gill,
    /// Murray, Saunders & Wright 1989), which keeps the basis primal feasible for the shifted
    /// problem; ``removeShifts()`` restores all bounds before optimality is declared.
    private func shiftBoundsAfterStep(dir: Double, step: Double, pivotRow: Int) {
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

    private func noteProgress(step: Double, dj: Double) {
        if step * abs(dj) <= 1e-14 || step <= 1e-13 {
            degenerateRun += 1
            if degenerateRun >= options.degenerateStallLimit { bland = true }
        } else {
            degenerateRun = 0
            bland = false
        }
    }

    private func reject(_ q: Int) {
        if !rejected[q] { rejected[q] = true; rejectedCount += 1 }
    }

    private func clearRejected() {
        guard rejectedCount > 0 else { return }
        for k in 0..<total { rejected[k] = false }
        rejectedCount = 0
    }

    /// Copies column k of [Â  −I] into v.
    func loadColumn(_ k: Int, into v: UnsafeMutablePointer<Double>) {
        if k < n {
            let src = a + k * m
            for i in 0..<m { v[i] = src[i] }
        } else {
            for i in 0..<m { v[i] = 0 }
            v[k - n] = -1
        }
    }

    /// x_q += dir·t, x_B −= dir·t·α.
    private func applyStep(q: Int, dir: Double, step: Double) {
        guard step != 0 else { return }
        let s = dir * step
        for k in 0..<m { value[head[k]] -= s * alpha[k] }
        value[q] += s
    }

    // MARK: Pricing

    /// d = c − [Â −I]ᵀ y for the current phase (phase I: c = 0 on nonbasic variables).
    func computeReducedCosts(phaseOne: Bool) {
        if phaseOne {
            let w = compositeWeight
            if w > 0 {
                for j in 0..<n { d[j] = w * cost[j] }
            } else {
                for j in 0..<n { d[j] = 0 }
            }
        } else {
            for j in 0..<n { d[j] = cost[j] }
        }
        if m > 0 && n > 0 {
            cblas_dgemv(CblasColMajor, CblasTrans, Int32(m), Int32(n), -1, a, Int32(m), y, 1, 1, d, 1)
        }
        for i in 0..<m { d[n + i] = y[i] }
    }

    /// Chooses the entering variable and its direction (+1 increase, −1 decrease): Dantzig's
    /// largest |dⱼ|, or the smallest eligible index in Bland mode. Nil when none prices.
    func price() -> (Int, Double)? {
        let tol = options.dualFeasibilityTolerance
        var best = -1
        var bestScore = 0.0
        var bestDir = 0.0
        for k in 0..<total {
            let st = status[k]
            if st == .basic || rejected[k] { continue }
            let dk = d[k]
            var dir = 0.0
            switch st {
            case .atLower:
                if dk < -tol && upper[k] > lower[k] { dir = 1 }
            case .atUpper:
                if dk > tol && upper[k] > lower[k] { dir = -1 }
            case .free:
                if dk < -tol { dir = 1 } else if dk > tol { dir = -1 }
            case .basic:
                break
            }
            if dir == 0 { continue }
            if bland { return (k, dir) }
            let score = abs(dk)
            if score > bestScore { bestScore = score; best = k; bestDir = dir }
        }
        return best >= 0 ? (best, bestDir) : nil
    }

    // MARK: Ratio tests

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
            guard let (bound, isUpper) = blockingBound(k, rate: g, phaseOne: phaseOne) else { continue }
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
}
