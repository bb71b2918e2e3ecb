/// The result of ``SimplexSolver/solve(_:warmStart:)``, always for the original (unscaled)
/// program and in its own sense (minimise or maximise).
///
/// Sign conventions (so that both hold for minimisation and maximisation alike):
/// - `rowDuals[i]` = yᵢ = ∂(optimal objective)/∂bᵢ. For a minimisation a binding ≤ row has
///   yᵢ ≤ 0 and a binding ≥ row yᵢ ≥ 0; for a maximisation the signs flip. Inactive rows have 0.
/// - `reducedCosts[j]` = dⱼ = cⱼ − Σᵢ aᵢⱼ yᵢ = ∂(objective)/∂xⱼ along the nonbasic direction;
///   zero for basic variables. At optimality of a minimisation dⱼ ≥ 0 at a lower bound and
///   dⱼ ≤ 0 at an upper bound (flipped for maximisation).
/// - Strong duality: `objectiveValue` = b·y + Σⱼ dⱼ xⱼ, where dⱼ ≠ 0 only for variables at a bound.
///
/// For statuses other than `optimal`, `x` is the last iterate (possibly infeasible) and the
/// duals are those of the last basis; they carry no optimality meaning.
public struct LPSolution: Sendable {
    public var status: LPStatus
    /// c·x at the returned x (NaN for ``LPStatus/invalidInput``).
    public var objectiveValue: Double
    /// The primal point (n entries).
    public var x: [Double]
    /// Row activities A·x (m entries).
    public var rowActivities: [Double]
    /// Row duals y (m entries), see the sign convention above.
    public var rowDuals: [Double]
    /// Reduced costs d (n entries), see the sign convention above.
    public var reducedCosts: [Double]
    /// The final basis, usable as a warm start (nil for invalid input).
    public var basis: Basis?
    /// Simplex iterations (basis changes and bound flips), phase I and II together.
    public var iterations: Int
    /// Iterations spent while the basis was primal infeasible (phase I).
    public var phaseOneIterations: Int
    /// Largest violation of a row or bound by `x`, in the units of the original data.
    public var maxPrimalViolation: Double
    /// Why the solve ended, when that is not plain optimality (e.g. the invalid entry, or a
    /// warm start that was ignored).
    public var message: String?

    public init(
        status: LPStatus, objectiveValue: Double, x: [Double], rowActivities: [Double],
        rowDuals: [Double], reducedCosts: [Double], basis: Basis?, iterations: Int,
        phaseOneIterations: Int, maxPrimalViolation: Double, message: String?
    ) {
        self.status = status
        self.objectiveValue = objectiveValue
        self.x = x
        self.rowActivities = rowActivities
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
        self.basis = basis
        self.iterations = iterations
        self.phaseOneIterations = phaseOneIterations
        self.maxPrimalViolation = maxPrimalViolation
        self.message = message
    }
}
