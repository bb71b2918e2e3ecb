import TolokNumerics

/// The envelopment linear programs of one DEA model over a working set of reference units, held in
/// one ``EnvelopmentSimplex`` for the worker's lifetime: scoring a unit overwrites the radial
/// column and the right-hand side, column generation appends λ columns, and every solve
/// warm-starts from the previous basis (also across units: reference units that were basic stay
/// basic when the working set is replaced). Phase II reuses the phase-I optimum as its start.
///
/// Phase I (Charnes, Cooper & Rhodes 1978; Banker, Charnes & Cooper 1984), on mean-scaled data:
///
///     input:   min θ  s.t.  Σⱼ λⱼ x̃ᵢⱼ − θ x̃ᵢₒ ≤ 0,   Σⱼ λⱼ ỹᵣⱼ ≥ ỹᵣₒ,   λ ≥ 0 (+ RTS row)
///     output:  max φ  s.t.  Σⱼ λⱼ x̃ᵢⱼ ≤ x̃ᵢₒ,       Σⱼ λⱼ ỹᵣⱼ − φ ỹᵣₒ ≥ 0 (+ RTS row)
///
/// with the RTS row Σλ = 1 (VRS), ≤ 1 (NIRS), ≥ 1 (NDRS), none (CRS).
///
/// Phase II (slacks), with the radial factor fixed at its optimum:
///
///     max Σᵢ s⁻ᵢ/x̄ᵢ + Σᵣ s⁺ᵣ/ȳᵣ  s.t.  Σλx + s⁻ = θ*xₒ (output: xₒ),  Σλy − s⁺ = yₒ (φ*yₒ),  RTS row
///
/// (in the simplex: the radial column fixed at its optimum, the row logicals are the slacks), where
/// x̄, ȳ are the column means. Each slack is weighted by the inverse of its column's mean, so
/// the objective — and so the targets — do not change when a column is rescaled (units
/// invariance); on the mean-scaled data the weights are all 1.
///
/// The evaluated point need not be in the reference set (super-efficiency, Malmquist cross-period
/// scores): it is passed as a scaled profile.
public final class EnvelopmentWorkspace {
    public let data: DEAData
    public let orientation: Orientation
    public let rts: ReturnsToScale
    /// Reference units (columns of λ), in order.
    private(set) var reference: [Int]
    private let lp: EnvelopmentSimplex
    /// Used only when the small simplex gives up (iteration limit, singular basis) or to confirm
    /// an infeasible or unbounded verdict.
    private let solver: SimplexSolver
    /// Per-unit tags for set operations in ``setReference(_:)``.
    private var tag: [Int]
    private var generation = 0
    /// Solves handed to the general solver (for tracing).
    private(set) var fallbacks = 0
    /// Simplex iterations so far (for tracing).
    private(set) var totalIterations = 0
    /// λ columns currently excluded (upper bound 0) from phase II.
    private var excluded: [Int] = []
    private var column: [Double]
    private var duals: [Double]
    /// Simplex columns: logicals 0 ..< rowCount, then the radial factor, then λ.
    private var radialColumn: Int { rowCount }
    private var firstLambda: Int { rowCount + 1 }

    /// The solver for fallback solves. The data are already divided by their column means
    /// (``DEAData``), which makes these programs well scaled; the solver's own scaling pass would
    /// cost more than the small programs themselves.
    public static let defaultSolver: SimplexSolver = {
        var options = SimplexOptions()
        options.scaling = .none
        return SimplexSolver(options: options)
    }()

    /// Rows: m inputs, s outputs, and the RTS row unless CRS.
    public let rowCount: Int

    /// The outcome of one solve: status, radial factor (phase I) or objective (phase II), and
    /// the row duals in ``LPSolution``'s convention for the program's own sense.
    public struct Outcome {
        var status: LPStatus
        var value: Double
        var duals: [Double]
        var iterations: Int
    }

    public init(data: DEAData, orientation: Orientation, rts: ReturnsToScale, reference: [Int], solver: SimplexSolver = EnvelopmentWorkspace.defaultSolver) {
        self.data = data
        self.orientation = orientation
        self.rts = rts
        self.reference = []
        self.solver = solver
        let d = data.dimension, m = data.inputCount
        rowCount = d + (rts == .crs ? 0 : 1)
        var signs = (0..<d).map { $0 < m ? 1.0 : -1.0 }
        switch rts {
        case .crs: break
        case .vrs: signs.append(0)
        case .nirs: signs.append(1)
        case .ndrs: signs.append(-1)
        }
        lp = EnvelopmentSimplex(signs: signs)
        if rts != .crs { lp.setRHS(d, 1) }
        column = [Double](repeating: 0, count: rowCount)
        duals = [Double](repeating: 0, count: rowCount)
        tag = [Int](repeating: 0, count: data.unitCount)
        // The radial factor: free, basic (it is basic in every optimal basis with θ ≠ 0).
        column.withUnsafeBufferPointer { _ = lp.addColumn($0, cost: 0, lower: -.infinity, upper: .infinity, basic: true) }
        setReference(reference)
    }

    /// Replaces the working set by `units`. Columns of units already present are kept in place,
    /// with their statuses (the warm start: the previous basis stays as far as it can); the
    /// others are appended nonbasic. The order of ``reference`` is then: kept units in their old
    /// order, then the new ones — most recent last.
    public func setReference(_ units: [Int]) {
        restoreExcluded()
        generation += 1
        let g = generation
        for j in units { tag[j] = g }
        var keep = [Bool](repeating: false, count: reference.count)
        var kept: [Int] = []
        kept.reserveCapacity(units.count)
        for (c, j) in reference.enumerated() where tag[j] == g {
            keep[c] = true
            kept.append(j)
            tag[j] = -g  // present: do not append again
        }
        keep.withUnsafeBufferPointer { _ = lp.compact(from: firstLambda, keep: $0.baseAddress!) }
        reference = kept
        var fresh: [Int] = []
        fresh.reserveCapacity(units.count)
        for j in units where tag[j] == g { fresh.append(j); tag[j] = -g }
        addReference(fresh)
    }

    /// Appends reference units as λ columns, nonbasic at zero.
    public func addReference(_ units: [Int]) {
        let d = data.dimension
        let tail: Double = rowCount > d ? 1 : 0
        reference.reserveCapacity(reference.count + units.count)
        data.profiles.withUnsafeBufferPointer { p in
            for j in units {
                lp.addNonnegativeColumn(p.baseAddress! + j * d, count: d, tail: tail)
                reference.append(j)
            }
        }
    }

    private func restoreExcluded() {
        for c in excluded { lp.setBounds(c, lower: 0, upper: .infinity) }
        excluded = []
    }

    /// Forbids reference unit `j` in phase II (its λ is fixed at 0), e.g. the evaluated unit
    /// itself once it is known to be inefficient.
    public func excludeFromPhaseTwo(_ j: Int) {
        for (c, unit) in reference.enumerated() where unit == j {
            lp.setBounds(firstLambda + c, lower: 0, upper: 0)
            excluded.append(firstLambda + c)
        }
    }

    /// λ of reference column c after the last solve (scaled units).
    public func lambda(_ c: Int) -> Double { lp.x(firstLambda + c) }
    /// Slack of variable t (input or output) after the last phase-II solve (scaled units).
    public func slack(_ t: Int) -> Double { lp.x(t) }
    /// Reference units whose λ is basic after the last solve.
    public func basicUnits() -> [Int] {
        var out: [Int] = []
        for (c, j) in reference.enumerated() where lp.isBasic(firstLambda + c) { out.append(j) }
        return out
    }

    private func run(maximize: Bool, cutoff: Double = -.infinity) -> Outcome {
        var status = lp.solve(cutoff: cutoff)
        var iterations = lp.iterations
        totalIterations += iterations
        if status == .cutoff {
            // Feasible with a value past the cutoff: the caller only needs to know that.
            return Outcome(status: .optimal, value: (maximize ? -1 : 1) * lp.objective, duals: duals, iterations: iterations)
        }
        if status != .optimal {
            fallbacks += 1
            status = lp.solveWithGeneralSolver(solver)
            iterations = lp.iterations
        }
        let sign: Double = maximize ? -1 : 1
        for r in 0..<rowCount { duals[r] = sign * lp.y(r) }
        let lpStatus: LPStatus = switch status {
        case .optimal: .optimal
        case .infeasible: .infeasible
        case .unbounded: .unbounded
        case .iterationLimit: .iterationLimit
        case .numericalFailure, .cutoff: .numericalFailure
        }
        return Outcome(status: lpStatus, value: sign * lp.objective, duals: duals, iterations: iterations)
    }

    /// Phase I only: the radial factor and the row duals (for pricing), for a scaled profile.
    /// With `stopBelow` (input orientation), the solve may stop at any feasible basis whose
    /// radial factor is below it; the value returned is then that factor and the duals are stale.
    public func radial(point: ArraySlice<Double>, stopBelow: Double = -.infinity) -> Outcome {
        let d = data.dimension, m = data.inputCount
        let rc = radialColumn
        for t in 0..<d {
            let v = point[point.startIndex + t]
            switch orientation {
            case .input:
                lp.setEntry(t, rc, t < m ? -v : 0)
                lp.setRHS(t, t < m ? 0 : v)
            case .output:
                lp.setEntry(t, rc, t < m ? 0 : -v)
                lp.setRHS(t, t < m ? v : 0)
            }
            lp.setCost(t, 0)
        }
        if rowCount > d { lp.setEntry(d, rc, 0) }
        lp.setCost(rc, orientation == .input ? 1 : -1)
        lp.setBounds(rc, lower: -.infinity, upper: .infinity)
        restoreExcluded()
        var outcome = run(maximize: orientation == .output, cutoff: orientation == .input ? stopBelow : -.infinity)
        outcome.value = lp.x(rc)
        return outcome
    }

    /// Phase II at the radial factor of the last phase-I solve (whose basis is the start):
    /// maximises the sum of slacks; the objective is the sum of scaled slacks.
    public func slacks(point: ArraySlice<Double>, radial: Double) -> Outcome {
        let d = data.dimension
        let rc = radialColumn
        lp.setCost(rc, 0)
        lp.setBounds(rc, lower: radial, upper: radial)
        for t in 0..<d { lp.setCost(t, -1) }
        return run(maximize: true)
    }

    public var phaseOneSense: OptimizationSense { orientation == .input ? .minimize : .maximize }
}
