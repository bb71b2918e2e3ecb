import TolokNumerics

/// The envelopment linear programs of one DEA model over one reference set, kept as templates so
/// that scoring many units only overwrites the evaluated unit's column and right-hand side, and
/// each solve warm-starts from the previous basis.
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
/// where x̄, ȳ are the column means. Each slack is weighted by the inverse of its column's mean, so
/// the objective — and so the targets — do not change when a column is rescaled (units
/// invariance); on the mean-scaled data the weights are all 1.
///
/// The evaluated point need not be in the reference set (super-efficiency, Malmquist cross-period
/// scores): it is passed as a scaled profile.
final class EnvelopmentWorkspace {
    let data: DEAData
    let orientation: Orientation
    let rts: ReturnsToScale
    /// Reference units (columns of λ), in order.
    private(set) var reference: [Int]
    private var phaseOne: LinearProgram
    private var phaseTwo: LinearProgram
    private var phaseOneBasis: Basis?
    private var phaseTwoBasis: Basis?
    private let solver: SimplexSolver

    /// The solver for envelopment programs. The data are already divided by their column means
    /// (``DEAData``), which makes these programs well scaled; the solver's own scaling pass would
    /// cost more than the small programs themselves.
    static let defaultSolver: SimplexSolver = {
        var options = SimplexOptions()
        options.scaling = .none
        return SimplexSolver(options: options)
    }()

    /// Rows: m inputs, s outputs, and the RTS row unless CRS.
    var rowCount: Int { data.dimension + (rts == .crs ? 0 : 1) }

    init(data: DEAData, orientation: Orientation, rts: ReturnsToScale, reference: [Int], solver: SimplexSolver = EnvelopmentWorkspace.defaultSolver) {
        self.data = data
        self.orientation = orientation
        self.rts = rts
        self.reference = reference
        self.solver = solver
        phaseOne = LinearProgram(objective: [], constraintMatrix: Matrix(rows: 0, columns: 0), rowKinds: [], rhs: [])
        phaseTwo = phaseOne
        rebuild()
    }

    /// Replaces the reference set. Warm starts are kept only when the size is unchanged.
    func setReference(_ units: [Int]) {
        let keep = units.count == reference.count
        let (b1, b2) = (phaseOneBasis, phaseTwoBasis)
        reference = units
        rebuild()
        if keep { phaseOneBasis = b1; phaseTwoBasis = b2 }
    }

    /// Appends reference units, keeping the existing columns and extending the warm-start bases
    /// with the new λ columns nonbasic at zero (still a valid basis of the larger program).
    func addReference(_ units: [Int]) {
        guard !units.isEmpty else { return }
        let k = reference.count
        let (b1, b2) = (phaseOneBasis, phaseTwoBasis)
        reference += units
        rebuild()
        let added = [Basis.VariableStatus](repeating: .atLower, count: units.count)
        if var b = b1 { b.structural += added; phaseOneBasis = b }
        if var b = b2 { b.structural.insert(contentsOf: added, at: k); phaseTwoBasis = b }
    }

    /// Forbids reference unit `j` in phase II (its λ is fixed at 0), e.g. the evaluated unit
    /// itself once it is known to be inefficient.
    func excludeFromPhaseTwo(_ j: Int) {
        for (c, unit) in reference.enumerated() where unit == j { phaseTwo.upperBounds[c] = 0 }
    }

    /// Overwrites the last reference column with unit `j` (a "slot" for the unit under test,
    /// used by ``FrontierFinder`` to solve against F ∪ {o} without rebuilding).
    func replaceLastReference(with j: Int) {
        let d = data.dimension, k = reference.count
        precondition(k > 0, "no reference column to replace")
        reference[k - 1] = j
        let p = data.profile(j)
        for t in 0..<d {
            phaseOne.constraintMatrix[t, k] = p[p.startIndex + t]
            phaseTwo.constraintMatrix[t, k - 1] = p[p.startIndex + t]
        }
    }

    private func rebuild() {
        let d = data.dimension, m = data.inputCount, k = reference.count, rows = rowCount
        let rtsKind: ConstraintKind? = switch rts {
        case .crs: nil
        case .vrs: .equal
        case .nirs: .lessOrEqual
        case .ndrs: .greaterOrEqual
        }
        // Phase I: column 0 is the radial factor, columns 1…k are λ.
        var a = Matrix(rows: rows, columns: k + 1)
        for (c, j) in reference.enumerated() {
            let p = data.profile(j)
            for t in 0..<d { a[t, c + 1] = p[p.startIndex + t] }
            if rtsKind != nil { a[d, c + 1] = 1 }
        }
        var kinds = [ConstraintKind](repeating: .lessOrEqual, count: m) + [ConstraintKind](repeating: .greaterOrEqual, count: d - m)
        if let rtsKind { kinds.append(rtsKind) }
        var rhs = [Double](repeating: 0, count: rows)
        if rtsKind != nil { rhs[d] = 1 }
        var lower = [Double](repeating: 0, count: k + 1)
        lower[0] = -.infinity
        var objective = [Double](repeating: 0, count: k + 1)
        objective[0] = 1
        phaseOne = LinearProgram(sense: orientation == .input ? .minimize : .maximize, objective: objective,
                                 constraintMatrix: a, rowKinds: kinds, rhs: rhs, lowerBounds: lower)
        // Phase II: columns 0…k−1 are λ, then m input slacks, then s output slacks.
        var b = Matrix(rows: rows, columns: k + d)
        for c in 0..<k { for t in 0..<rows { b[t, c] = a[t, c + 1] } }
        for i in 0..<m { b[i, k + i] = 1 }
        for r in m..<d { b[r, k + r] = -1 }
        var kinds2 = [ConstraintKind](repeating: .equal, count: d)
        if let rtsKind { kinds2.append(rtsKind) }
        let objective2 = [Double](repeating: 0, count: k) + [Double](repeating: 1, count: d)
        phaseTwo = LinearProgram(sense: .maximize, objective: objective2, constraintMatrix: b, rowKinds: kinds2, rhs: rhs)
        phaseOneBasis = nil
        phaseTwoBasis = nil
    }

    /// Phase I only: the radial factor and the row duals (for pricing), for a scaled profile.
    func radial(point: ArraySlice<Double>) -> (status: LPStatus, value: Double, duals: [Double], solution: LPSolution) {
        let d = data.dimension, m = data.inputCount
        for t in 0..<d {
            let v = point[point.startIndex + t]
            switch orientation {
            case .input:
                phaseOne.constraintMatrix[t, 0] = t < m ? -v : 0
                phaseOne.rhs[t] = t < m ? 0 : v
            case .output:
                phaseOne.constraintMatrix[t, 0] = t < m ? 0 : -v
                phaseOne.rhs[t] = t < m ? v : 0
            }
        }
        let solution = solver.solve(phaseOne, warmStart: phaseOneBasis)
        if solution.basis != nil { phaseOneBasis = solution.basis }
        return (solution.status, solution.x.first ?? .nan, solution.rowDuals, solution)
    }

    /// Phase II at a fixed radial factor; returns the solution (λ then slacks, scaled units).
    func slacks(point: ArraySlice<Double>, radial: Double) -> LPSolution {
        let d = data.dimension, m = data.inputCount
        for t in 0..<d {
            let v = point[point.startIndex + t]
            switch orientation {
            case .input: phaseTwo.rhs[t] = t < m ? radial * v : v
            case .output: phaseTwo.rhs[t] = t < m ? v : radial * v
            }
        }
        let solution = solver.solve(phaseTwo, warmStart: phaseTwoBasis)
        if solution.basis != nil { phaseTwoBasis = solution.basis }
        return solution
    }

    var phaseOneSense: OptimizationSense { phaseOne.sense }
}
