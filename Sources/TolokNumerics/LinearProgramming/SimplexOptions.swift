/// Settings of ``SimplexSolver``.
///
/// All tolerances apply to the **internally scaled** program (see ``LPScalingMode``), whose
/// matrix entries, right-hand sides and costs are of order one, so they act as relative
/// tolerances with respect to the original data.
public struct SimplexOptions: Sendable, Hashable {
    /// A basic variable within this distance of its bounds counts as feasible; it is also the
    /// bound relaxation δ of the Harris ratio test. Default 1e-9.
    public var primalFeasibilityTolerance: Double = 1e-9
    /// A nonbasic variable whose reduced cost has the wrong sign by at most this much counts as
    /// optimal (does not price). Default 1e-9.
    public var dualFeasibilityTolerance: Double = 1e-9
    /// Smallest |αᵣ| (entry of B⁻¹aq) accepted as a pivot. Smaller candidate pivots trigger a
    /// refactorisation and, if they persist, the entering variable is skipped for this basis.
    /// Default 1e-7.
    public var pivotTolerance: Double = 1e-7
    /// Entries of B⁻¹aq below this magnitude are treated as zero in the ratio test. Default 1e-11.
    public var zeroTolerance: Double = 1e-11
    /// Iteration cap (phase I and II together); `nil` means `max(10_000, 50·(m + n))`.
    public var maxIterations: Int? = nil
    /// Number of product-form (eta) updates after which the basis is refactorised from scratch
    /// with LAPACK `dgetrf`. Default 64.
    public var refactorizationInterval: Int = 64
    /// Consecutive degenerate pivots (zero step) after which pricing and the ratio test switch
    /// to Bland's smallest-index rule until a nondegenerate step is made. Default 30.
    public var degenerateStallLimit: Int = 30
    /// Weight ω of the (scaled) objective in the composite phase-I objective
    /// Σ infeasibilities + ω·ĉ·x̂. With ω > 0, phase I prefers feasible points that are also good,
    /// which matters for warm starts whose basis became infeasible under new data; if the
    /// composite optimum is still infeasible, ω is set to 0 (pure phase I), so infeasibility is
    /// never misreported. 0 gives the textbook phase I. Default 1 (scaled costs are of order one).
    public var phaseOneObjectiveWeight: Double = 1
    /// Internal scaling. Default ``LPScalingMode/geometricEquilibration``.
    public var scaling: LPScalingMode = .geometricEquilibration

    public init() {}

    /// The settings of ``EnvelopmentSimplex``, the small dense solver kept alive across the
    /// many tiny programs of DEA: pivot tolerance 1e-9 instead of 1e-7, because its explicit
    /// B⁻¹ is recomputed by Gauss–Jordan elimination with partial pivoting on programs of at
    /// most a few dozen rows of mean-scaled data, where pivots between 1e-9 and 1e-7 are
    /// genuine (rejecting them stalls warm-started solves); Bland's rule after 51 degenerate
    /// steps instead of 30, because warm starts from a neighbouring unit's basis make short
    /// degenerate runs common and harmless; iteration cap 5,000; no internal scaling.
    public static let smallDense: SimplexOptions = {
        var o = SimplexOptions()
        o.pivotTolerance = 1e-9
        o.degenerateStallLimit = 51
        o.maxIterations = 5_000
        o.scaling = .none
        return o
    }()
}

/// How ``SimplexSolver`` scales a program before solving it. Solutions, duals and reduced costs
/// are always reported for the unscaled program.
public enum LPScalingMode: String, Sendable, Hashable, Codable {
    /// No scaling (for experiments; not recommended for data of mixed magnitude).
    case none
    /// Geometric-mean row and column passes (Fourer 1982; Tomlin 1975) until the spread of
    /// |aᵢⱼ| stops shrinking, then column equilibration to a largest entry of one, all factors
    /// rounded to powers of two; plus one power-of-two factor each for the right-hand side and
    /// the objective.
    case geometricEquilibration
}
