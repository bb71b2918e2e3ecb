import Foundation

/// Ordinary least squares regression y = X·β + e, with the usual inference.
///
/// ## Usage
///
///     let fit = try OrdinaryLeastSquares.fit(design: x, response: y, hasIntercept: true)
///     fit.coefficients        // [intercept, slopes…]
///     fit.standardErrors, fit.pValues, fit.rSquared, fit.robustStandardErrors …
///
///     // Polynomial in one regressor, powers formed in double-double:
///     let poly = try OrdinaryLeastSquares.fitPolynomial(x: x, response: y, degree: 3, hasIntercept: true)
///
/// `design` holds the regressors *without* a constant column: when `hasIntercept` is true a
/// column of ones is prepended, so coefficient 0 is the intercept and coefficient j + 1
/// belongs to column j of `design`. When it is false the model passes through the origin.
///
/// ## Method (never by inverting XᵀX)
/// 1. The design is column-scaled by powers of two (exact) and its singular values give the
///    numerical rank: σᵢ ≤ rankTolerance·σ₁ counts as zero.
/// 2. **Full rank:** ``LeastSquares``: Householder QR plus iterative refinement of β and the
///    residuals together on the augmented system, with residuals accumulated in double-double.
///    (XᵀX)⁻¹ comes from R⁻¹R⁻ᵀ refined the same way. On the NIST StRD linear regression
///    problems this reproduces the certified values to 13–15 digits (docs/ACCURACY.md).
/// 3. **Rank deficient:** the minimum-norm solution of the column-scaled problem by SVD
///    (`dgelsd`; i.e. minimum norm in units where every column has norm ≈ 1, so the split
///    between collinear columns does not depend on their units),
///    reported with ``OLSFit/Status-swift.enum/rankDeficient(rank:)``. Coefficients are then
///    not identified, so standard errors, t and p values and the covariance matrices are NaN;
///    residuals, σ̂ (on n − rank degrees of freedom), R² and F remain valid.
///
/// ## Statistics (p = number of coefficients, k = rank, n = observations, c = 1 with an
/// intercept and 0 without; Greene, *Econometric Analysis* (8th ed.), ch. 4–5 and 9)
/// - SSE = Σ eᵢ², σ̂² = SSE/(n − k), Cov(β̂) = σ̂²(XᵀX)⁻¹, tⱼ = β̂ⱼ/se(β̂ⱼ),
///   pⱼ = P(|T| ≥ |tⱼ|), T ~ t(n − k).
/// - SST = Σ(yᵢ − ȳ)² with an intercept, Σyᵢ² without (uncentred, as R's `lm` and NIST's
///   NoInt1/NoInt2); SSR = SST − SSE; R² = 1 − SSE/SST;
///   adjusted R² = 1 − (1 − R²)(n − c)/(n − k).
/// - F = (SSR/(k − c)) / (SSE/(n − k)) with p value P(F(k − c, n − k) > F).
/// - Gaussian log-likelihood at σ̂²_ML = SSE/n: ℓ = −(n/2)(ln 2π + ln(SSE/n) + 1).
/// - HC1 (White 1980 with the MacKinnon & White 1985 small-sample factor):
///   Cov_HC1 = n/(n − k) · (XᵀX)⁻¹ (Σ eᵢ² xᵢxᵢᵀ) (XᵀX)⁻¹.
///
/// Sums (ȳ, SST, SSE) are accumulated in double-double.
/// Degenerate cases are values, not traps: an exact fit gives σ̂ = 0, SE = 0, |t| = ∞ (NaN
/// for a zero coefficient), F = ∞ and ℓ = +∞; n = k gives NaN for σ̂ and everything that
/// depends on it; an intercept-only model has F = NaN (no regressors to test).
public enum OrdinaryLeastSquares {
    /// Tuning knobs; the defaults are right for almost every use.
    public struct Options: Sendable, Equatable {
        /// Relative singular-value threshold of the column-scaled design below which it is
        /// treated as rank deficient; `nil` means max(n, p)·ε.
        public var rankTolerance: Double?
        /// Refinement step limit for ``LeastSquares`` (0 = plain Householder QR).
        public var maxRefinementSteps: Int

        public init(rankTolerance: Double? = nil, maxRefinementSteps: Int = 30) {
            self.rankTolerance = rankTolerance
            self.maxRefinementSteps = maxRefinementSteps
        }
    }

    /// Fits y = X·β + e by least squares.
    ///
    /// - Parameters:
    ///   - design: n × q regressors, without a constant column.
    ///   - response: the n observations of y.
    ///   - hasIntercept: prepend a column of ones (coefficient 0 = intercept; centred R²).
    ///   - options: rank tolerance and refinement limit.
    /// - Returns: the fit; a rank-deficient design is reported through ``OLSFit/status``.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` if `response.count ≠ design.rows`
    ///   or n = 0; ``LinearAlgebraError/invalidArgument(_:)`` if there is no coefficient to
    ///   estimate or an option is out of range; ``LinearAlgebraError/nonFinite`` on NaN/∞ in
    ///   the data; other ``LinearAlgebraError``s only if LAPACK itself fails.
    public static func fit(
        design: Matrix, response: [Double], hasIntercept: Bool, options: Options = Options()
    ) throws -> OLSFit {
        let n = design.rows
        guard response.count == n else {
            throw LinearAlgebraError.dimensionMismatch("OLS: design has \(n) rows, response has \(response.count) values")
        }
        guard n > 0 else { throw LinearAlgebraError.dimensionMismatch("OLS: no observations") }
        let p = design.columns + (hasIntercept ? 1 : 0)
        guard p > 0 else { throw LinearAlgebraError.invalidArgument("OLS: no coefficients to estimate") }
        try LAPACKSupport.requireFinite(design)
        try LAPACKSupport.requireFinite(response)
        var x = design
        if hasIntercept {
            x = Matrix(rows: n, columns: p, repeating: 1)
            x.storage.replaceSubrange(n..<(n * p), with: design.storage)
        }
        return try fit(leading: x, trailing: nil, response: response, hasIntercept: hasIntercept, options: options)
    }

    /// Fits the polynomial regression y = β₀ + β₁x + ⋯ + β_d·x^d + e (or without β₀ when
    /// `hasIntercept` is false: y = β₁x + ⋯ + β_d·x^d + e).
    ///
    /// The powers xᵏ are formed in double-double and passed to the refinement as a
    /// double-double design (see ``LeastSquares/init(_:trailing:maxRefinementSteps:)``), so
    /// the rounding of xᵏ to double does not limit the accuracy: on NIST's Filip (degree 10)
    /// this is the difference between about 8 and about 14 correct digits.
    ///
    /// - Parameters:
    ///   - x: the n values of the regressor.
    ///   - response: the n observations of y.
    ///   - degree: d ≥ 1.
    ///   - hasIntercept: include β₀ (coefficient 0).
    ///   - options: as for ``fit(design:response:hasIntercept:options:)``.
    /// - Throws: as ``fit(design:response:hasIntercept:options:)``; an
    ///   ``LinearAlgebraError/invalidArgument(_:)`` for degree < 1, and
    ///   ``LinearAlgebraError/nonFinite`` if a power overflows.
    public static func fitPolynomial(
        x: [Double], response: [Double], degree: Int, hasIntercept: Bool, options: Options = Options()
    ) throws -> OLSFit {
        let n = x.count
        guard degree >= 1 else { throw LinearAlgebraError.invalidArgument("OLS: polynomial degree must be ≥ 1, got \(degree)") }
        guard response.count == n else {
            throw LinearAlgebraError.dimensionMismatch("OLS: x has \(n) values, response has \(response.count)")
        }
        guard n > 0 else { throw LinearAlgebraError.dimensionMismatch("OLS: no observations") }
        try LAPACKSupport.requireFinite(x)
        try LAPACKSupport.requireFinite(response)
        let first = hasIntercept ? 0 : 1
        let p = degree - first + 1
        var hi = Matrix(rows: n, columns: p)
        var lo = Matrix(rows: n, columns: p)
        for i in 0..<n {
            var power = DoubleDouble(1)
            for k in 0...degree {
                if k >= first {
                    hi[i, k - first] = power.hi
                    lo[i, k - first] = power.lo
                }
                power = power * x[i]
            }
        }
        guard hi.isFinite, lo.isFinite else { throw LinearAlgebraError.nonFinite }
        return try fit(leading: hi, trailing: lo, response: response, hasIntercept: hasIntercept, options: options)
    }

    /// The common path: `leading` (+ `trailing`) is the full design including any constant column.
    static func fit(
        leading x: Matrix, trailing: Matrix?, response: [Double], hasIntercept: Bool, options: Options
    ) throws -> OLSFit {
        let n = x.rows, p = x.columns
        if let tol = options.rankTolerance, !(tol >= 0 && tol < 1) {
            throw LinearAlgebraError.invalidArgument("OLS: rankTolerance must lie in [0, 1), got \(tol)")
        }
        guard options.maxRefinementSteps >= 0 else {
            throw LinearAlgebraError.invalidArgument("OLS: maxRefinementSteps must be ≥ 0")
        }

        // Rank from the singular values of the column-scaled design.
        let (scaled, scale) = try LeastSquares.powerOfTwoColumnScaling(x)
        let tolerance = options.rankTolerance ?? SVDLeastSquares.defaultRcond(rows: n, columns: p)
        let svd = try SVDLeastSquares.solve(scaled, response, rcond: tolerance)
        let sigmaMax = svd.singularValues.first ?? 0
        let reciprocalCondition = sigmaMax > 0 && svd.singularValues.count == p
            ? svd.singularValues[p - 1] / sigmaMax : 0

        if svd.rank == p, n >= p {
            let ls = try LeastSquares(x, trailing: trailing, maxRefinementSteps: options.maxRefinementSteps)
            let sol = try ls.solve(response)
            let (gram, gramConverged) = try ls.inverseGramWithDiagnostics()
            return try assemble(
                x: x, y: response, beta: sol.solution, residuals: sol.residuals, rank: p,
                hasIntercept: hasIntercept, gram: gram, status: .fullRank,
                converged: sol.converged && gramConverged, steps: sol.refinementSteps,
                reciprocalCondition: reciprocalCondition)
        }

        // Rank deficient: minimum-norm solution of the scaled problem, β = D·z.
        var beta = svd.solution
        for j in 0..<p { beta[j] *= scale[j] }
        let residuals = residualsInDoubleDouble(x: x, trailing: trailing, y: response, beta: beta)
        return try assemble(
            x: x, y: response, beta: beta, residuals: residuals, rank: svd.rank,
            hasIntercept: hasIntercept, gram: nil, status: .rankDeficient(rank: svd.rank),
            converged: true, steps: 0, reciprocalCondition: reciprocalCondition)
    }

    /// e = y − X·β with every product formed exactly and summed in double-double.
    static func residualsInDoubleDouble(x: Matrix, trailing: Matrix?, y: [Double], beta: [Double]) -> [Double] {
        var e = [Double](repeating: 0, count: x.rows)
        for i in 0..<x.rows {
            var s = DoubleDouble(y[i])
            for j in 0..<x.columns { s.addProduct(-x[i, j], beta[j]) }
            if let t = trailing { for j in 0..<x.columns { s.addProduct(-t[i, j], beta[j]) } }
            e[i] = s.doubleValue
        }
        return e
    }

    private static func assemble(
        x: Matrix, y: [Double], beta: [Double], residuals e: [Double], rank k: Int,
        hasIntercept: Bool, gram: Matrix?, status: OLSFit.Status,
        converged: Bool, steps: Int, reciprocalCondition: Double
    ) throws -> OLSFit {
        let n = x.rows, p = x.columns
        let c = hasIntercept ? 1 : 0
        let dfResidual = n - k
        let dfRegression = k - c

        // Sums of squares in double-double.
        var sse = DoubleDouble.zero
        for v in e { sse.addProduct(v, v) }
        var sst = DoubleDouble.zero
        if hasIntercept {
            let mean = DoubleDouble.sum(y) / DoubleDouble(Double(n))
            for v in y {
                let d = DoubleDouble(v) - mean
                sst += d * d
            }
        } else {
            for v in y { sst.addProduct(v, v) }
        }
        var ssr = sst - sse
        if ssr.hi < 0 { ssr = .zero }
        let sseD = sse.doubleValue, sstD = sst.doubleValue, ssrD = ssr.doubleValue

        let sigma2 = dfResidual > 0 ? sseD / Double(dfResidual) : .nan
        let sigma = sigma2.squareRoot()

        // R²: the form without cancellation (1 − SSE/SST near 1, SSR/SST near 0).
        let rSquared: Double
        if sstD > 0 {
            rSquared = ssrD < sseD ? (ssr / sst).doubleValue : 1 - (sse / sst).doubleValue
        } else {
            rSquared = .nan
        }
        let adjustedRSquared = dfResidual > 0
            ? 1 - (1 - rSquared) * Double(n - c) / Double(dfResidual) : .nan

        let fStatistic: Double
        if dfRegression > 0, dfResidual > 0 {
            fStatistic = sseD == 0 ? (ssrD > 0 ? .infinity : .nan)
                : (ssrD / Double(dfRegression)) / (sseD / Double(dfResidual))
        } else {
            fStatistic = .nan
        }
        let fPValue = fStatistic.isNaN ? Double.nan
            : FDistribution.survival(fStatistic, numeratorDegreesOfFreedom: Double(dfRegression),
                                     denominatorDegreesOfFreedom: Double(dfResidual))

        let logLikelihood: Double = sseD == 0 ? .infinity
            : -0.5 * Double(n) * (log(2 * Double.pi) + log(sseD / Double(n)) + 1)

        // Inference on the coefficients (full rank only).
        let nan = [Double](repeating: .nan, count: p)
        var se = nan, t = nan, pv = nan, robust = nan
        var covariance = Matrix(rows: p, columns: p, repeating: .nan)
        var robustCovariance = covariance
        if let g = gram, dfResidual > 0 {
            for j in 0..<p { for i in 0..<p { covariance[i, j] = sigma2 * g[i, j] } }
            for j in 0..<p {
                se[j] = sigma * g[j, j].squareRoot()
                t[j] = beta[j] / se[j]
                pv[j] = StudentT.twoSidedPValue(t[j], degreesOfFreedom: Double(dfResidual))
            }
            // HC1: with M = X·G, Cov = n/(n − k) · Mᵀ diag(e²) M.
            var w = try BLAS.gemm(x, g)
            for j in 0..<p { for i in 0..<n { w[i, j] *= e[i] } }
            var v = try BLAS.gemm(w, w, transposeA: .transpose)
            let factor = Double(n) / Double(dfResidual)
            for i in v.storage.indices { v.storage[i] *= factor }
            for j in 0..<p { for i in 0..<j { let s = 0.5 * (v[i, j] + v[j, i]); v[i, j] = s; v[j, i] = s } }
            robustCovariance = v
            for j in 0..<p { robust[j] = v[j, j].squareRoot() }
        }

        var fitted = [Double](repeating: 0, count: n)
        for i in 0..<n { fitted[i] = y[i] - e[i] }

        let anova = OLSFit.AnalysisOfVariance(
            regressionDegreesOfFreedom: dfRegression, regressionSumOfSquares: ssrD,
            residualDegreesOfFreedom: dfResidual, residualSumOfSquares: sseD,
            totalSumOfSquares: sstD, isCentred: hasIntercept,
            fStatistic: fStatistic, fPValue: fPValue)

        return OLSFit(
            status: status, observations: n, rank: k, hasIntercept: hasIntercept,
            coefficients: beta, standardErrors: se, tValues: t, pValues: pv,
            covariance: covariance, robustStandardErrors: robust, robustCovariance: robustCovariance,
            fittedValues: fitted, residuals: e, residualStandardError: sigma,
            rSquared: rSquared, adjustedRSquared: adjustedRSquared, logLikelihood: logLikelihood,
            anova: anova, refinementConverged: converged, refinementSteps: steps,
            reciprocalCondition: reciprocalCondition)
    }
}

/// The result of ``OrdinaryLeastSquares/fit(design:response:hasIntercept:options:)``.
///
/// Coefficient-indexed arrays have p = (number of design columns) + (1 if intercept)
/// elements, the intercept first.
public struct OLSFit: Sendable {
    /// Whether the design had full column rank.
    public enum Status: Sendable, Equatable {
        /// Full column rank: QR with refinement, all statistics available.
        case fullRank
        /// Numerical rank below p: minimum-norm SVD solution, coefficient inference is NaN.
        case rankDeficient(rank: Int)
    }

    /// The analysis-of-variance decomposition SST = SSR + SSE.
    public struct AnalysisOfVariance: Sendable {
        /// k − c (rank minus 1 with an intercept).
        public let regressionDegreesOfFreedom: Int
        /// SSR = SST − SSE.
        public let regressionSumOfSquares: Double
        /// n − k.
        public let residualDegreesOfFreedom: Int
        /// SSE = Σ eᵢ².
        public let residualSumOfSquares: Double
        /// SST: Σ(yᵢ − ȳ)² if centred, Σ yᵢ² otherwise.
        public let totalSumOfSquares: Double
        /// True with an intercept (SST about the mean), false for the uncentred form.
        public let isCentred: Bool
        /// F = MSR/MSE.
        public let fStatistic: Double
        /// P(F(k − c, n − k) > F).
        public let fPValue: Double

        /// MSR = SSR/(k − c).
        public var regressionMeanSquare: Double {
            regressionSumOfSquares / Double(regressionDegreesOfFreedom)
        }
        /// MSE = SSE/(n − k) = σ̂².
        public var residualMeanSquare: Double {
            residualSumOfSquares / Double(residualDegreesOfFreedom)
        }
    }

    /// Full rank or rank deficient (with the rank).
    public let status: Status
    /// n.
    public let observations: Int
    /// The numerical rank k of the design (p when full rank).
    public let rank: Int
    /// Whether coefficient 0 is an intercept.
    public let hasIntercept: Bool
    /// β̂ (minimum-norm when rank deficient).
    public let coefficients: [Double]
    /// se(β̂ⱼ) = σ̂·√[(XᵀX)⁻¹]ⱼⱼ.
    public let standardErrors: [Double]
    /// tⱼ = β̂ⱼ / se(β̂ⱼ).
    public let tValues: [Double]
    /// Two-sided p values of tⱼ on n − k degrees of freedom.
    public let pValues: [Double]
    /// σ̂²(XᵀX)⁻¹.
    public let covariance: Matrix
    /// HC1 heteroskedasticity-robust standard errors.
    public let robustStandardErrors: [Double]
    /// The HC1 covariance matrix n/(n − k)·(XᵀX)⁻¹XᵀΩ̂X(XᵀX)⁻¹, Ω̂ = diag(eᵢ²).
    public let robustCovariance: Matrix
    /// ŷ = y − e.
    public let fittedValues: [Double]
    /// e = y − X·β̂ (refined together with β̂).
    public let residuals: [Double]
    /// σ̂ = √(SSE/(n − k)), the residual standard deviation.
    public let residualStandardError: Double
    /// R² (centred with an intercept, uncentred without).
    public let rSquared: Double
    /// 1 − (1 − R²)(n − c)/(n − k).
    public let adjustedRSquared: Double
    /// Gaussian log-likelihood at σ̂²_ML = SSE/n.
    public let logLikelihood: Double
    /// SSR/SSE/SST with degrees of freedom and the F test.
    public let anova: AnalysisOfVariance
    /// Whether iterative refinement (solution and (XᵀX)⁻¹) reached working precision.
    public let refinementConverged: Bool
    /// Refinement steps used for the solution.
    public let refinementSteps: Int
    /// σ_min/σ_max of the column-scaled design (0 when n < p); compare with
    /// ``OrdinaryLeastSquares/Options/rankTolerance``.
    public let reciprocalCondition: Double

    /// p, the number of coefficients.
    public var parameterCount: Int { coefficients.count }
    /// n − k.
    public var residualDegreesOfFreedom: Int { anova.residualDegreesOfFreedom }
    /// SSE.
    public var sumOfSquaredResiduals: Double { anova.residualSumOfSquares }
    /// The overall F statistic.
    public var fStatistic: Double { anova.fStatistic }
    /// Its p value.
    public var fPValue: Double { anova.fPValue }
}
