import TolokNumerics

/// A small dense bounded primal simplex for the envelopment programs of DEA (m + s + 1 ≤ ~20 rows,
/// a few dozen columns), kept alive across solves: columns are appended or overwritten in place,
/// the basis (the variables' statuses) carries over from one solve to the next, and nothing is
/// allocated per solve. The general ``SimplexSolver`` copies, validates, scales and factorises
/// every program from scratch, which costs more than these programs themselves.
///
/// Program (always minimised; callers negate costs to maximise):
///
///     min c·x  s.t.  A x + σᵢ sᵢ = bᵢ,  l ≤ x ≤ u,
///
/// where every row i has a logical column σᵢ eᵢ (σ = +1 for ≤ rows, −1 for ≥ rows, the slack
/// sᵢ ∈ [0, ∞); for = rows sᵢ ∈ [0, 0]). Logicals are columns 0 ..< rows, structurals follow.
///
/// Method: the revised simplex method with bounded variables (Dantzig 1955; Chvátal 1983,
/// ch. 8) and an explicit basis inverse B⁻¹ (rows × rows, updated by the product-form pivot and
/// recomputed by Gauss–Jordan elimination at the start of each solve and every
/// ``SimplexOptions/refactorizationInterval`` iterations). A starting basis that is not primal feasible is repaired by
/// the composite phase I that minimises the sum of infeasibilities (Wolfe 1965; Maros 2003,
/// *Computational Techniques of the Simplex Method*, ch. 9), so any warm start is accepted; a
/// singular or short basis is completed with logicals by Gaussian elimination (a triangular
/// crash, Bixby 1992). Ratio test: Harris (1973) two-pass; after a run of degenerate steps the
/// method switches to Bland's (1977) rule for both choices, which cannot cycle. Before reporting
/// optimality the basis is refactorised and the solution rechecked.
///
/// Tolerances and limits are a ``SimplexOptions`` value, the type the general solver uses; the
/// default here is ``SimplexOptions/smallDense`` (see there why its pivot tolerance and stall
/// limit differ from the general solver's). The program is not scaled: callers pass
/// equilibrated data (the DEA workspace scales by column means).
///
/// Not thread-safe: one instance per worker.
public final class EnvelopmentSimplex {
    public enum Status: Equatable {
        case optimal, infeasible, unbounded, iterationLimit, numericalFailure
        /// A primal feasible basis with objective below the cutoff was reached (``solve(cutoff:)``).
        case cutoff
    }
    public enum State: UInt8 { case basic, atLower, atUpper, zero }

    public let rows: Int
    /// All columns: logicals then structurals.
    public private(set) var columnCount: Int
    private var capacity: Int
    private var a: UnsafeMutablePointer<Double>      // rows × capacity, column-major
    private var ar: UnsafeMutablePointer<Double>     // the same, row-major (for pricing)
    private var reduced: UnsafeMutablePointer<Double> // reduced costs, capacity entries
    private var cost: UnsafeMutablePointer<Double>
    private var lower: UnsafeMutablePointer<Double>
    private var upper: UnsafeMutablePointer<Double>
    private var value: UnsafeMutablePointer<Double>
    private var state: UnsafeMutablePointer<State>
    /// 1 where the column is nonbasic and may increase (at its lower bound, or free), else 0.
    private var canIncrease: UnsafeMutablePointer<Double>
    /// 1 where the column is nonbasic and may decrease (at its upper bound, or free), else 0.
    private var canDecrease: UnsafeMutablePointer<Double>
    private let rhs: UnsafeMutablePointer<Double>
    private let head: UnsafeMutablePointer<Int>      // basic column at each basis position
    private let binv: UnsafeMutablePointer<Double>   // B⁻¹, row-major (row k ↔ position k)
    private let dual: UnsafeMutablePointer<Double>
    private let alpha: UnsafeMutablePointer<Double>
    private let work: UnsafeMutablePointer<Double>   // rows × 2·rows scratch
    private var scratch: UnsafeMutablePointer<Double> // elimination scratch, rows × capacity
    private var scratchCapacity: Int
    private var candidates: UnsafeMutablePointer<Int> // refactor: basic columns, capacity entries
    private let pivoted: UnsafeMutablePointer<Bool>
    private let perm: UnsafeMutablePointer<Int>

    /// Tolerances, refactorisation interval, iteration cap and Bland switch.
    public let options: SimplexOptions
    private let primalTolerance: Double
    private let dualTolerance: Double
    private let pivotTolerance: Double
    private let iterationLimit: Int
    /// Simplex iterations of the last solve (basis changes and bound flips).
    public private(set) var iterations = 0

    /// `signs[i]` is σᵢ: +1 (≤ row), −1 (≥ row) or 0 (= row; the logical is then fixed at 0).
    public init(signs: [Double], capacity: Int = 64, options: SimplexOptions = .smallDense) {
        self.options = options
        primalTolerance = options.primalFeasibilityTolerance
        dualTolerance = options.dualFeasibilityTolerance
        pivotTolerance = options.pivotTolerance
        iterationLimit = options.maxIterations ?? 5_000
        rows = signs.count
        self.capacity = max(capacity, rows + 1)
        a = .allocate(capacity: rows * self.capacity)
        ar = .allocate(capacity: rows * self.capacity)
        reduced = .allocate(capacity: self.capacity)
        cost = .allocate(capacity: self.capacity)
        lower = .allocate(capacity: self.capacity)
        upper = .allocate(capacity: self.capacity)
        value = .allocate(capacity: self.capacity)
        state = .allocate(capacity: self.capacity)
        canIncrease = .allocate(capacity: self.capacity)
        canDecrease = .allocate(capacity: self.capacity)
        rhs = .allocate(capacity: max(rows, 1))
        head = .allocate(capacity: max(rows, 1))
        binv = .allocate(capacity: max(rows * rows, 1))
        dual = .allocate(capacity: max(rows, 1))
        alpha = .allocate(capacity: max(rows, 1))
        work = .allocate(capacity: max(2 * rows * rows, 1))
        scratchCapacity = rows * self.capacity
        scratch = .allocate(capacity: max(scratchCapacity, 1))
        rhs.initialize(repeating: 0, count: max(rows, 1))
        candidates = .allocate(capacity: self.capacity)
        pivoted = .allocate(capacity: max(rows, 1))
        perm = .allocate(capacity: max(rows, 1))
        columnCount = 0
        for i in 0..<rows {
            let c = columnCount
            columnCount += 1
            for r in 0..<rows { a[c * rows + r] = 0; ar[r * self.capacity + c] = 0 }
            a[c * rows + i] = signs[i] == 0 ? 1 : signs[i]
            ar[i * self.capacity + c] = a[c * rows + i]
            cost[c] = 0
            lower[c] = 0
            upper[c] = signs[i] == 0 ? 0 : .infinity
            value[c] = 0
            setState(c, .basic)
        }
    }

    deinit {
        a.deallocate(); ar.deallocate(); reduced.deallocate(); cost.deallocate(); lower.deallocate(); upper.deallocate(); value.deallocate()
        state.deallocate(); canIncrease.deallocate(); canDecrease.deallocate(); rhs.deallocate(); head.deallocate(); binv.deallocate(); dual.deallocate()
        alpha.deallocate(); work.deallocate(); scratch.deallocate(); candidates.deallocate()
        pivoted.deallocate(); perm.deallocate()
    }

    // MARK: Editing

    private func reserve(_ n: Int) {
        guard n > capacity else { return }
        let newCapacity = max(n, 2 * capacity)
        func grow<T>(_ p: UnsafeMutablePointer<T>, _ count: Int, _ newCount: Int) -> UnsafeMutablePointer<T> {
            let q = UnsafeMutablePointer<T>.allocate(capacity: newCount)
            q.moveInitialize(from: p, count: count)
            p.deallocate()
            return q
        }
        a = grow(a, rows * columnCount, rows * newCapacity)
        let newAr = UnsafeMutablePointer<Double>.allocate(capacity: rows * newCapacity)
        for r in 0..<rows { for j in 0..<columnCount { newAr[r * newCapacity + j] = ar[r * capacity + j] } }
        ar.deallocate()
        ar = newAr
        reduced.deallocate()
        reduced = .allocate(capacity: newCapacity)
        cost = grow(cost, columnCount, newCapacity)
        lower = grow(lower, columnCount, newCapacity)
        upper = grow(upper, columnCount, newCapacity)
        value = grow(value, columnCount, newCapacity)
        state = grow(state, columnCount, newCapacity)
        canIncrease = grow(canIncrease, columnCount, newCapacity)
        canDecrease = grow(canDecrease, columnCount, newCapacity)
        candidates.deallocate()
        candidates = .allocate(capacity: newCapacity)
        scratch.deallocate()
        scratchCapacity = rows * newCapacity
        scratch = .allocate(capacity: max(scratchCapacity, 1))
        capacity = newCapacity
    }

    /// Appends a structural column, nonbasic at a finite bound (or at zero if free) unless
    /// `basic`; returns its index.
    @discardableResult
    public func addColumn(_ column: UnsafeBufferPointer<Double>, cost c: Double, lower l: Double, upper u: Double,
                   basic: Bool = false) -> Int {
        reserve(columnCount + 1)
        let j = columnCount
        columnCount += 1
        for r in 0..<rows { a[j * rows + r] = column[r]; ar[r * capacity + j] = column[r] }
        cost[j] = c
        lower[j] = l
        upper[j] = u
        setState(j, basic ? .basic : nonbasicState(j))
        value[j] = 0
        return j
    }

    /// Keeps the columns j ≥ `from` with `keep[j − from]` true, in order, with their data and
    /// statuses; columns before `from` stay. Returns the new column count.
    @discardableResult
    public func compact(from: Int, keep: UnsafePointer<Bool>) -> Int {
        let m = rows
        var w = from
        for j in from..<columnCount where keep[j - from] {
            if w != j {
                for r in 0..<m { a[w * m + r] = a[j * m + r]; ar[r * capacity + w] = ar[r * capacity + j] }
                cost[w] = cost[j]; lower[w] = lower[j]; upper[w] = upper[j]; value[w] = value[j]; state[w] = state[j]; canIncrease[w] = canIncrease[j]; canDecrease[w] = canDecrease[j]
            }
            w += 1
        }
        columnCount = w
        return w
    }

    /// Appends a column whose first `count` entries are `values` (the rest `tail`, e.g. the RTS
    /// row's 1), nonbasic at its lower bound 0 with cost 0 and no upper bound.
    public func addNonnegativeColumn(_ values: UnsafePointer<Double>, count: Int, tail: Double) {
        reserve(columnCount + 1)
        let j = columnCount
        columnCount += 1
        for r in 0..<count { a[j * rows + r] = values[r]; ar[r * capacity + j] = values[r] }
        for r in count..<rows { a[j * rows + r] = tail; ar[r * capacity + j] = tail }
        cost[j] = 0
        lower[j] = 0
        upper[j] = .infinity
        setState(j, .atLower)
        value[j] = 0
    }

    /// Writes entry `r` of column `j`.
    public func setEntry(_ r: Int, _ j: Int, _ v: Double) { a[j * rows + r] = v; ar[r * capacity + j] = v }
    public func setRHS(_ r: Int, _ v: Double) { rhs[r] = v }
    public func setCost(_ j: Int, _ c: Double) { cost[j] = c }
    public func setBounds(_ j: Int, lower l: Double, upper u: Double) {
        lower[j] = l
        upper[j] = u
        setState(j, state[j] == .basic ? .basic : nonbasicState(j))
    }
    public func setBasic(_ j: Int, _ basic: Bool) { setState(j, basic ? .basic : nonbasicState(j)) }
    /// Puts every column nonbasic and every logical basic (the slack basis).
    public func resetBasis() {
        for j in 0..<columnCount { setState(j, j < rows ? .basic : nonbasicState(j)) }
    }

    public func isBasic(_ j: Int) -> Bool { state[j] == .basic }
    public func entry(_ r: Int, _ j: Int) -> Double { a[j * rows + r] }
    public func costOf(_ j: Int) -> Double { cost[j] }
    public func bounds(_ j: Int) -> (lower: Double, upper: Double) { (lower[j], upper[j]) }
    public func rhsOf(_ r: Int) -> Double { rhs[r] }
    /// Value of column j after the last solve.
    public func x(_ j: Int) -> Double { value[j] }
    /// Row duals yᵢ = ∂(min objective)/∂bᵢ of the last basis (reduced costs d = c − yᵀA).
    public func y(_ r: Int) -> Double { dual[r] }
    public var objective: Double {
        var s = 0.0
        for j in 0..<columnCount where cost[j] != 0 { s += cost[j] * value[j] }
        return s
    }

    @inline(__always)
    private func setState(_ j: Int, _ st: State) {
        state[j] = st
        let movable = lower[j] < upper[j]
        canIncrease[j] = movable && (st == .atLower || st == .zero) ? 1 : 0
        canDecrease[j] = movable && (st == .atUpper || st == .zero) ? 1 : 0
    }

    private func nonbasicState(_ j: Int) -> State {
        if lower[j] > -.infinity { return .atLower }
        if upper[j] < .infinity { return .atUpper }
        return .zero
    }

    // MARK: Factorisation

    /// Chooses the basis from the statuses (structurals first, then logicals), dropping
    /// dependent columns and completing it with logicals, then computes B⁻¹ and x_B.
    private func refactor() -> Bool {
        let m = rows
        var k = 0
        for j in m..<columnCount where state[j] == .basic { candidates[k] = j; k += 1 }
        for j in 0..<m where state[j] == .basic { candidates[k] = j; k += 1 }
        for c in 0..<k { let j = candidates[c]; for r in 0..<m { scratch[c * m + r] = a[j * m + r] } }
        // Gaussian elimination with row pivoting, column by column (triangular crash).
        for r in 0..<m { pivoted[r] = false }
        var count = 0
        for c in 0..<k {
            let j = candidates[c]
            let v = scratch + c * m
            var best = -1, bestAbs = 0.0, norm = 0.0
            for r in 0..<m {
                norm = max(norm, abs(a[j * m + r]))
                if !pivoted[r] && abs(v[r]) > bestAbs { bestAbs = abs(v[r]); best = r }
            }
            if best < 0 || count == m || bestAbs <= 1e-9 * max(1, norm) {
                setState(j, nonbasicState(j))
                continue
            }
            pivoted[best] = true
            head[count] = j
            count += 1
            for c2 in (c + 1)..<max(c + 1, k) {
                let w = scratch + c2 * m
                let f = w[best] / v[best]
                if f != 0 { for r in 0..<m where !pivoted[r] { w[r] -= f * v[r] } }
            }
        }
        for r in 0..<m where !pivoted[r] {
            head[count] = r
            count += 1
            setState(r, .basic)
        }
        // Gauss–Jordan inverse of B = [a_head] with partial pivoting: work = [B | I].
        let w2 = 2 * m
        for i in 0..<m {
            for k2 in 0..<m { work[i * w2 + k2] = a[head[k2] * m + i] }
            for k2 in 0..<m { work[i * w2 + m + k2] = i == k2 ? 1 : 0 }
        }
        for r in 0..<m { perm[r] = r }  // row order after pivoting
        for col in 0..<m {
            var p = col, pAbs = abs(work[perm[col] * w2 + col])
            for i in (col + 1)..<max(col + 1, m) where abs(work[perm[i] * w2 + col]) > pAbs { p = i; pAbs = abs(work[perm[i] * w2 + col]) }
            if pAbs < 1e-14 { return false }
            let swap = perm[col]; perm[col] = perm[p]; perm[p] = swap
            let pr = work + perm[col] * w2
            let inv = 1 / pr[col]
            for t in 0..<w2 { pr[t] *= inv }
            for i in 0..<m where i != col {
                let ri = work + perm[i] * w2
                let f = ri[col]
                if f != 0 { for t in 0..<w2 { ri[t] -= f * pr[t] } }
            }
        }
        // Row `col` of B⁻¹ (basis position col) is the right half of the row pivoted at col.
        for col in 0..<m { for t in 0..<m { binv[col * m + t] = work[perm[col] * w2 + m + t] } }
        computePrimal()
        return true
    }

    /// x_N at their bounds, x_B = B⁻¹ (b − N x_N).
    private func computePrimal() {
        let m = rows
        for r in 0..<m { alpha[r] = rhs[r] }
        for j in 0..<columnCount {
            switch state[j] {
            case .basic: continue
            case .atLower: value[j] = lower[j]
            case .atUpper: value[j] = upper[j]
            case .zero: value[j] = 0
            }
            let v = value[j]
            if v != 0 { for r in 0..<m { alpha[r] -= a[j * m + r] * v } }
        }
        for k in 0..<m {
            var s = 0.0
            for r in 0..<m { s += binv[k * m + r] * alpha[r] }
            value[head[k]] = s
        }
    }

    private func infeasibility(_ j: Int) -> Double {
        let v = value[j]
        if v < lower[j] - primalTolerance { return -1 }
        if v > upper[j] + primalTolerance { return 1 }
        return 0
    }

    // MARK: Solve

    /// Solves from the current statuses (the warm start). With a finite `cutoff`, stops as soon
    /// as a primal feasible basis has objective < cutoff (then the optimum is < cutoff too).
    public func solve(cutoff: Double = -.infinity) -> Status {
        let m = rows
        iterations = 0
        guard refactor() else { return .numericalFailure }
        var sinceRefactor = 0
        var degenerate = 0
        var rechecks = 0
        while true {
            if sinceRefactor >= options.refactorizationInterval {
                guard refactor() else { return .numericalFailure }
                sinceRefactor = 0
            }
            // Phase: sum of infeasibilities if any basic variable violates a bound.
            var phaseOne = false
            for k in 0..<m where infeasibility(head[k]) != 0 { phaseOne = true; break }
            if !phaseOne && cutoff > -.infinity && objective < cutoff { return .cutoff }
            // y = c_B B⁻¹ (phase I: ±1 for violated bounds).
            for r in 0..<m { dual[r] = 0 }
            for k in 0..<m {
                let ck = phaseOne ? infeasibility(head[k]) : cost[head[k]]
                if ck != 0 { for r in 0..<m { dual[r] += ck * binv[k * m + r] } }
            }
            // Pricing: Dantzig's largest |d|, or Bland's smallest index after degenerate runs.
            let bland = degenerate >= options.degenerateStallLimit
            var q = -1, qd = 0.0, qScore = dualTolerance
            let n = columnCount
            // d = c − yᵀA, row by row over the row-major copy (vectorises).
            if phaseOne { for j in 0..<n { reduced[j] = 0 } } else { for j in 0..<n { reduced[j] = cost[j] } }
            for r in 0..<m {
                let yr = dual[r]
                if yr == 0 { continue }
                let row = ar + r * capacity
                for j in 0..<n { reduced[j] -= yr * row[j] }
            }
            // Score = improvement rate in the allowed direction(s); 0 for basic or fixed columns.
            for j in 0..<n {
                let d = reduced[j]
                let score = max(-d * canIncrease[j], d * canDecrease[j])
                guard score > qScore || (bland && score > dualTolerance) else { continue }
                q = j; qd = d; qScore = score
                if bland { break }
            }
            if q < 0 {
                if phaseOne { return .infeasible }
                // After updates of B⁻¹, recheck the residuals of the primal rows and of the basic
                // reduced costs; refactorise and go on if either has drifted.
                if sinceRefactor > 0 && rechecks < 3 && !residualsSmall() {
                    rechecks += 1
                    guard refactor() else { return .numericalFailure }
                    sinceRefactor = 0
                    continue
                }
                return .optimal
            }
            // α = B⁻¹ a_q; x_B changes by −dir·t·α as x_q moves by dir·t.
            let dir: Double = qd < 0 ? 1 : -1
            let col = a + q * m
            for k in 0..<m {
                var s = 0.0
                for r in 0..<m { s += binv[k * m + r] * col[r] }
                alpha[k] = s
            }
            // Ratio test (Harris two-pass; exact min ratio in Bland mode).
            let tol = primalTolerance
            var tMax = Double.infinity
            @inline(__always) func limit(_ k: Int, relaxed: Double) -> Double {
                let delta = -dir * alpha[k]
                if abs(alpha[k]) <= pivotTolerance { return .infinity }
                let j = head[k], v = value[j], lo = lower[j], hi = upper[j]
                if delta < 0 {
                    if v > hi + tol { return (v - hi + relaxed) / -delta }   // infeasible above: becomes feasible at hi
                    if v < lo - tol { return .infinity }                      // infeasible below moving away
                    return lo > -.infinity ? max(0, v - lo + relaxed) / -delta : .infinity
                } else {
                    if v < lo - tol { return (lo - v + relaxed) / delta }
                    if v > hi + tol { return .infinity }
                    return hi < .infinity ? max(0, hi - v + relaxed) / delta : .infinity
                }
            }
            for k in 0..<m { tMax = min(tMax, limit(k, relaxed: bland ? 0 : tol)) }
            var leave = -1
            var step = tMax
            if tMax < .infinity {
                var bestPivot = 0.0
                for k in 0..<m {
                    let t = limit(k, relaxed: 0)
                    guard t <= tMax else { continue }
                    if bland {
                        if leave < 0 || t < step || (t == step && head[k] < head[leave]) { leave = k; step = t }
                    } else if abs(alpha[k]) > bestPivot {
                        bestPivot = abs(alpha[k]); leave = k; step = t
                    }
                }
            }
            let range = upper[q] - lower[q]
            if range < .infinity && (leave < 0 || range <= step) {
                // Bound flip: no basis change.
                step = range
                leave = -1
            } else if leave < 0 {
                return phaseOne ? .numericalFailure : .unbounded
            }
            step = max(0, step)
            // The leaving variable goes to the bound it reaches: the violated one if it was
            // infeasible, else the one it moves towards.
            var leaveState = State.atLower
            if leave >= 0 {
                let out = head[leave], v = value[out]
                if -dir * alpha[leave] < 0 {
                    leaveState = v > upper[out] + tol ? .atUpper : .atLower
                } else {
                    leaveState = v < lower[out] - tol ? .atLower : .atUpper
                }
            }
            degenerate = step <= 1e-12 ? degenerate + 1 : 0
            for k in 0..<m { value[head[k]] -= dir * step * alpha[k] }
            value[q] += dir * step
            iterations += 1
            if iterations > iterationLimit { return .iterationLimit }
            if leave < 0 {
                setState(q, state[q] == .atLower ? .atUpper : .atLower)
                value[q] = state[q] == .atLower ? lower[q] : upper[q]
                continue
            }
            let out = head[leave]
            setState(out, leaveState)
            value[out] = leaveState == .atLower ? lower[out] : upper[out]
            setState(q, .basic)
            head[leave] = q
            // Product-form update of B⁻¹.
            let p = alpha[leave]
            let pr = binv + leave * m
            let inv = 1 / p
            for t in 0..<m { pr[t] *= inv }
            for k in 0..<m where k != leave {
                let f = alpha[k]
                if f != 0 { let rk = binv + k * m; for t in 0..<m { rk[t] -= f * pr[t] } }
            }
            sinceRefactor += 1
        }
    }

    /// max |b − A x| ≤ 1e-10 (1 + ‖b‖∞) and max over basic j of |cⱼ − y·aⱼ| ≤ 1e-11.
    private func residualsSmall() -> Bool {
        let m = rows
        var bNorm = 0.0
        for r in 0..<m { alpha[r] = rhs[r]; bNorm = max(bNorm, abs(rhs[r])) }
        for j in 0..<columnCount {
            let v = value[j]
            if v != 0 { for r in 0..<m { alpha[r] -= a[j * m + r] * v } }
        }
        for r in 0..<m where abs(alpha[r]) > 1e-10 * (1 + bNorm) { return false }
        for k in 0..<m {
            let j = head[k]
            var d = cost[j]
            for r in 0..<m { d -= dual[r] * a[j * m + r] }
            if abs(d) > 1e-11 { return false }
        }
        return true
    }

    // MARK: Fallback

    /// The same program for the general solver: every column (logicals included) a structural
    /// variable, every row an equality.
    public func linearProgram() -> LinearProgram {
        let m = rows, n = columnCount
        var matrix = Matrix(rows: m, columns: n)
        for j in 0..<n { for r in 0..<m { matrix[r, j] = a[j * m + r] } }
        return LinearProgram(objective: (0..<n).map { cost[$0] }, constraintMatrix: matrix,
                             rowKinds: [ConstraintKind](repeating: .equal, count: m), rhs: (0..<m).map { rhs[$0] },
                             lowerBounds: (0..<n).map { lower[$0] }, upperBounds: (0..<n).map { upper[$0] })
    }

    /// Solves the current program cold with the general dense ``SimplexSolver`` (safety net
    /// for the rare solves this small method gives up on) and takes over its x, y and basis.
    public func solveWithGeneralSolver(_ solver: SimplexSolver) -> Status {
        let solution = solver.solve(linearProgram())
        iterations += solution.iterations
        let n = columnCount
        for j in 0..<min(n, solution.x.count) { value[j] = solution.x[j] }
        for r in 0..<min(rows, solution.rowDuals.count) { dual[r] = solution.rowDuals[r] }
        if let basis = solution.basis, basis.structural.count == n {
            for j in 0..<n {
                switch basis.structural[j] {
                case .basic: setState(j, .basic)
                case .atLower: setState(j, lower[j] > -.infinity ? .atLower : nonbasicState(j))
                case .atUpper: setState(j, upper[j] < .infinity ? .atUpper : nonbasicState(j))
                case .free: setState(j, nonbasicState(j))
                }
            }
        } else {
            resetBasis()
        }
        switch solution.status {
        case .optimal: return .optimal
        case .infeasible: return .infeasible
        case .unbounded: return .unbounded
        case .iterationLimit: return .iterationLimit
        case .numericalFailure, .invalidInput: return .numericalFailure
        }
    }
}
