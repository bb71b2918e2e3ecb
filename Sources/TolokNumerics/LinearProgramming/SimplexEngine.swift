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
/// Numerical safeguards, in the order they are tried: refactorisation; Harris's test with bound
/// shifting when only sub-tolerance pivots qualify (shifts are removed, and the solve resumed,
/// before optimality or unboundedness is declared); rejecting an entering candidate whose
/// pivots stay tiny; once, lowering the pivot tolerance 1000× and resuming; and only then
/// ``Outcome/numericalFailure``. Every loop either pivots, or moves to a later safeguard, so the
/// method terminates (at the latest at the iteration limit).
///
/// Tolerances (all on the scaled program, see ``SimplexOptions``): primal feasibility δ = 1e-9
/// (also the Harris relaxation), dual feasibility 1e-9, pivot 1e-7, zero 1e-11; a step counts as
/// degenerate when step·|dq| ≤ 1e-14 or step ≤ 1e-13; a basis column is dependent when
/// |Uₖₖ| ≤ 1e-11·max|Bᵢⱼ|.
///
/// Files: this one holds state, loading, factorisation and the main loop; `SimplexPricing.swift`
/// the pricing and `SimplexRatioTest.swift` the ratio tests and bound shifting.
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

    func noteProgress(step: Double, dj: Double) {
        if step * abs(dj) <= 1e-14 || step <= 1e-13 {
            degenerateRun += 1
            if degenerateRun >= options.degenerateStallLimit { bland = true }
        } else {
            degenerateRun = 0
            bland = false
        }
    }

    func reject(_ q: Int) {
        if !rejected[q] { rejected[q] = true; rejectedCount += 1 }
    }

    func clearRejected() {
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
    func applyStep(q: Int, dir: Double, step: Double) {
        guard step != 0 else { return }
        let s = dir * step
        for k in 0..<m { value[head[k]] -= s * alpha[k] }
        value[q] += s
    }

}
