import TolokNumerics

/// Whether inefficiency lowers output (production) or raises cost (cost frontier).
///
/// The composed error is ε = v − S·u with S = +1 for a production frontier and S = −1 for a
/// cost frontier (Kumbhakar & Lovell 2000, ch. 3–4), so that y = xβ + v − S·u.
public enum FrontierType: String, Sendable, Equatable, CaseIterable {
    case production
    case cost

    /// S in ε = v − S·u.
    var sign: Double { self == .production ? 1 : -1 }
}

/// The one-sided distribution of the inefficiency term u ≥ 0, named (raw value) as the
/// literature writes it.
public enum InefficiencyDistribution: String, Sendable, Equatable, CaseIterable {
    /// u ~ N⁺(0, σ_u²) — Aigner, Lovell & Schmidt (1977).
    case halfNormal = "half-normal"
    /// u ~ N⁺(μ, σ_u²), μ the pre-truncation mean — Stevenson (1980).
    case truncatedNormal = "truncated-normal"
    /// u ~ Exponential with mean (and standard deviation) σ_u — Meeusen & van den Broeck (1977).
    case exponential
}

/// A cross-sectional stochastic frontier: the frontier type, the inefficiency distribution
/// and optional heterogeneity in its parameters.
///
/// Heterogeneity follows the sfaR parameterisation (Dakpo, Desjeux, Henningsen &
/// Latruffe 2024, after Caudill, Ford & Gropper 1995 and Kumbhakar, Ghosh & McGuckin 1991):
/// ln σ_u,i² = δ_u0 + z_u,i δ_u, ln σ_v,i² = δ_v0 + z_v,i δ_v and μ_i = δ_μ0 + z_μ,i δ_μ. With
/// `meanCovariates` and a homoscedastic u this is also Battese & Coelli's (1995) model
/// u_i ~ N⁺(z_i δ, σ_u²). A constant is always added to each covariate matrix.
public struct StochasticFrontierModel: Sendable, Equatable {
    var frontier: FrontierType
    var distribution: InefficiencyDistribution
    /// n × q covariates of ln σ_u² (without a constant), or nil for a constant σ_u.
    var inefficiencyScaleCovariates: Matrix?
    /// n × q covariates of ln σ_v² (without a constant), or nil for a constant σ_v.
    var noiseScaleCovariates: Matrix?
    /// n × q covariates of μ (without a constant); truncated normal only.
    var meanCovariates: Matrix?
    /// n × q covariates of the scaling property (without a constant; truncated normal only,
    /// not combined with `inefficiencyScaleCovariates` or `meanCovariates`):
    /// u_i = exp(z_i δ)·u*, u* ~ N⁺(τ, σ*²) — Wang & Schmidt (2002); Alvarez, Amsler, Orea &
    /// Schmidt (2006); sfaR's `scaling = TRUE`. Internally μ_i = τ e^{z_i δ},
    /// ln σ_u,i² = ln σ*² + 2 z_i δ.
    var scalingCovariates: Matrix?

    public init(frontier: FrontierType = .production,
                distribution: InefficiencyDistribution = .halfNormal,
                inefficiencyScaleCovariates: Matrix? = nil,
                noiseScaleCovariates: Matrix? = nil,
                meanCovariates: Matrix? = nil,
                scalingCovariates: Matrix? = nil) {
        self.frontier = frontier
        self.distribution = distribution
        self.inefficiencyScaleCovariates = inefficiencyScaleCovariates
        self.noiseScaleCovariates = noiseScaleCovariates
        self.meanCovariates = meanCovariates
        self.scalingCovariates = scalingCovariates
    }

    /// True when σ_u, σ_v and μ are the same for every unit.
    var isHomoscedastic: Bool {
        inefficiencyScaleCovariates == nil && noiseScaleCovariates == nil && meanCovariates == nil
            && scalingCovariates == nil
    }
}

/// Settings of the maximum-likelihood search.
struct StochasticFrontierOptions: Sendable, Equatable {
    /// Add a constant column to the regressors (β₀, the first coefficient). MOLS and the γ
    /// grid search shift this intercept; without it they only set the variances.
    var includeIntercept: Bool
    /// γ values (or, for the exponential model, shares σ_u²/m₂) of the grid search for
    /// starting values, in the manner of FRONTIER 4.1 (Coelli 1996, §3.2).
    var startingGrid: [Double]
    /// Samples larger than this rank the starting candidates on a systematic subsample of
    /// about this many units (every ⌈n/size⌉-th).
    var startingSubsample: Int
    /// BFGS settings. The objective is the mean negative log-likelihood −ℓ/n, so the
    /// tolerances do not depend on the sample size.
    var optimizer: BFGSOptions
    /// Maximum Newton steps (numerical Hessian) after BFGS; they also verify stationarity.
    var maxNewtonSteps: Int
    /// Converged only when the Newton decrement gᵀH⁻¹g of −ℓ/n is at most this.
    var newtonDecrementTolerance: Double
    /// γ = σ_u²/(σ_u² + σ_v²) within this of 0 or 1 means "no interior maximum".
    var boundaryTolerance: Double
    /// Starting values in the internal parameterisation (see `StochasticFrontierFit.parameterNames`);
    /// nil → OLS, MOLS and the grid search.
    var startingValues: [Double]?
    /// From this many observations on, the estimator trades last digits for time:
    /// * OLS by one Householder QR (`QRFactorization`, relative error about κ(X)·ε) instead of
    ///   `OrdinaryLeastSquares`, whose iterative refinement in double-double (and SVD rank
    ///   check) cost more than the whole ML search at n = 10⁶;
    /// * the Hessian (standard errors, Newton verification) by forward instead of central
    ///   differences of the analytic gradient: p instead of 2p gradient evaluations, relative
    ///   error about √ε instead of ε^{2/3} — far below the sampling error of the estimates.
    var largeSampleThreshold: Int

    init(includeIntercept: Bool = true,
                startingGrid: [Double] = Array(stride(from: 0.05, through: 0.951, by: 0.05)),
                startingSubsample: Int = 10_000,
                optimizer: BFGSOptions = BFGSOptions(gradientTolerance: 1e-9, relativeFunctionTolerance: 1e-15,
                                                     maxIterations: 2000, maxFunctionEvaluations: 20_000),
                maxNewtonSteps: Int = 10,
                newtonDecrementTolerance: Double = 1e-14,
                boundaryTolerance: Double = 1e-6,
                startingValues: [Double]? = nil,
                largeSampleThreshold: Int = 100_000) {
        self.includeIntercept = includeIntercept
        self.startingGrid = startingGrid
        self.startingSubsample = max(1, startingSubsample)
        self.optimizer = optimizer
        self.maxNewtonSteps = maxNewtonSteps
        self.newtonDecrementTolerance = newtonDecrementTolerance
        self.boundaryTolerance = boundaryTolerance
        self.startingValues = startingValues
        self.largeSampleThreshold = largeSampleThreshold
    }
}

/// Why an estimate is or is not a maximum of the likelihood.
public enum FrontierFitStatus: String, Sendable, Equatable {
    /// An interior maximum: Newton decrement below tolerance, negative-definite Hessian.
    case converged
    /// The optimiser ran out of iterations without a verified maximum.
    case iterationLimit
    /// The line search could not increase the likelihood and stationarity could not be verified.
    case lineSearchFailed
    /// The log-likelihood or its gradient was NaN or ±∞ at the start (bad data or start).
    case nonFinite
    /// The supremum lies on the boundary or at infinity: γ → 0 (e.g. wrong skew), γ → 1,
    /// diverging coefficients, or a Hessian that is not negative definite at the stopping point.
    case noInteriorMaximum
}

/// A named estimate with its standard error (NaN when unavailable).
public struct ParameterEstimate: Sendable, Equatable {
    public internal(set) var name: String
    public internal(set) var value: Double
    public internal(set) var standardError: Double

    init(name: String, value: Double, standardError: Double = .nan) {
        self.name = name
        self.value = value
        self.standardError = standardError
    }

    /// value / standard error.
    public var tRatio: Double { value / standardError }
}
