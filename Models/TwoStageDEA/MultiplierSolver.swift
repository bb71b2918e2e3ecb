import TolokDomain
import TolokDEAModel
import TolokNumerics

/// Solves multiplier programs
///
///     (P)  maximise c·π  s.t.  aᵢ·π ≤ bᵢ or aᵢ·π = bᵢ (rows i),  πₖ ≥ 0 or πₖ free,
///
/// — the form in which Kao & Hwang (2008) and Chen, Cook, Li & Zhu (2009) write their models —
/// through their duals (the envelopment side):
///
///     (D)  minimise b·y  s.t.  Σᵢ aᵢₖ yᵢ ≥ cₖ (πₖ ≥ 0) or = cₖ (πₖ free),
///                              yᵢ ≥ 0 (row i is ≤) or yᵢ free (row i is =).
///
/// Why: the two-stage programs have 2n + a few rows but only m + q + s (+ 2) weights; (D) has that
/// many rows, so the simplex basis stays small however many units there are. By LP duality the
/// optimal values agree and the weights are the row duals of (D) (``LPSolution`` convention:
/// yₖ = ∂value/∂cₖ, ≥ 0 on a binding ≥ row of a minimisation). Statuses map as (D) optimal → (P)
/// optimal; (D) unbounded → (P) infeasible; (D) infeasible → (P) unbounded (or infeasible).
///
/// The rows shared by every unit (the stage constraints over all j) are fixed at construction;
/// each solve supplies its objective and its own few unit rows (normalisation, held scores), so
/// consecutive solves have one shape and warm-start from the previous basis (a solve that ends
/// without an optimum from a warm start is repeated from scratch).
public final class MultiplierSolver {
    private var dual: LinearProgram
    private var basis: Basis?
    private let fixedRowCount: Int
    private let unitRowCount: Int
    private let weightCount: Int
    private let solver: SimplexSolver

    /// - Parameters:
    ///   - freeWeights: which weights πₖ are free (the others are ≥ 0).
    ///   - fixedRows: the rows every solve shares.
    ///   - unitRowCount: how many further rows each solve passes to ``solve(objective:unitRows:)``.
    public init(freeWeights: [Bool], fixedRows: [MultiplierConstraint], unitRowCount: Int, solver: SimplexSolver = SimplexSolver()) {
        let k = freeWeights.count
        let columns = fixedRows.count + unitRowCount
        var a = Matrix(rows: k, columns: columns)
        var cost = [Double](repeating: 0, count: columns)
        var lower = [Double](repeating: 0, count: columns)
        for (i, row) in fixedRows.enumerated() {
            precondition(row.coefficients.count == k, "multiplier row of \(row.coefficients.count) coefficients for \(k) weights")
            for t in 0..<k { a[t, i] = row.coefficients[t] }
            cost[i] = row.rhs
            if row.relation == .equal { lower[i] = -.infinity }
        }
        let kinds = freeWeights.map { $0 ? ConstraintKind.equal : .greaterOrEqual }
        dual = LinearProgram(sense: .minimize, objective: cost, constraintMatrix: a, rowKinds: kinds,
                             rhs: [Double](repeating: 0, count: k), lowerBounds: lower)
        fixedRowCount = fixedRows.count
        self.unitRowCount = unitRowCount
        weightCount = k
        self.solver = solver
    }

    /// Solves max `objective`·π over the fixed rows and `unitRows` (exactly `unitRowCount` of them).
    public func solve(objective: [Double], unitRows: [MultiplierConstraint]) -> MultiplierSolution {
        precondition(objective.count == weightCount && unitRows.count == unitRowCount, "multiplier program shape changed")
        dual.rhs = objective
        for (r, row) in unitRows.enumerated() {
            let c = fixedRowCount + r
            for t in 0..<weightCount { dual.constraintMatrix[t, c] = row.coefficients[t] }
            dual.objective[c] = row.rhs
            dual.lowerBounds[c] = row.relation == .equal ? -.infinity : 0
        }
        var solution = solver.solve(dual, warmStart: basis)
        if solution.status != .optimal && basis != nil {
            // These programs are highly degenerate; a start from another unit's basis can end
            // badly where a cold start does not. Only the cold answer is kept.
            solution = solver.solve(dual)
        }
        if solution.basis != nil { basis = solution.basis }
        let status: UnitStatus = switch solution.status {
        case .optimal: .ok
        case .unbounded: .infeasible
        case .infeasible: .unbounded
        case .iterationLimit: .iterationLimit
        case .numericalFailure, .invalidInput: .numericalFailure
        }
        guard status == .ok else {
            return MultiplierSolution(status: status, value: .nan, weights: [Double](repeating: .nan, count: weightCount))
        }
        return MultiplierSolution(status: .ok, value: solution.objectiveValue, weights: solution.rowDuals)
    }
}
