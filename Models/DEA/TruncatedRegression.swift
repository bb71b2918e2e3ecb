import Foundation
import TolokNumerics

/// Maximum likelihood for the left-truncated normal regression of Simar & Wilson (2007):
/// yᵢ = zᵢβ + εᵢ, εᵢ ~ N(0, σ²) left-truncated at a − zᵢβ, observed only where yᵢ > a (a = 1 on
/// the distance scale δ ≥ 1). z includes the constant.
///
/// With μᵢ = zᵢβ, rᵢ = (yᵢ − μᵢ)/σ and cᵢ = (μᵢ − a)/σ, the log-likelihood is
///
///     ℓ(β, σ) = Σᵢ [ −ln σ + ln φ(rᵢ) − ln Φ(cᵢ) ]   (φ with its −½ ln 2π; as R `truncreg`).
///
/// It is maximised over θ = (β, s = ln σ) by BFGS (``BFGSMinimizer``) with the analytic gradient,
/// λᵢ = φ(cᵢ)/Φ(cᵢ) the inverse Mills ratio:
///
///     ∂ℓ/∂β = Σ zᵢ (rᵢ − λᵢ)/σ,   ∂ℓ/∂s = Σ (−1 + rᵢ² + λᵢcᵢ),
///
/// then polished by Newton steps on the analytic Hessian (λ′ = dλ/dc = −λ(c + λ)):
///
///     ∂²ℓ/∂β∂βᵀ = −Σ zᵢzᵢᵀ (1 + λᵢ′)/σ²,   ∂²ℓ/∂β∂s = Σ zᵢ (−2rᵢ + λᵢ + λᵢ′cᵢ)/σ,
///     ∂²ℓ/∂s² = −Σ [2rᵢ² + cᵢ(λᵢ′cᵢ + λᵢ)].
///
/// The covariance of (β̂, σ̂) is the inverse of −∇²ℓ at the maximum, carried to σ by the delta
/// method (σ = eˢ; exact there because the gradient is zero). These conventional standard errors
/// assume the yᵢ are observed; for DEA scores they are not valid (Simar & Wilson 2007), which is
/// why ``SecondStage`` bootstraps.
///
/// The start is OLS of y on z with σ from its residuals, or a given point (a bootstrap replicate
/// starts from the estimate it resamples). The MLE need not exist (e.g. σ → ∞ with zβ → −∞
/// when the y look exponential): a fit that does not reach a zero gradient, or reaches one only
/// where every (μᵢ − a)/σ < −20 (the exponential limit of that ridge), is `converged = false`.
public struct TruncatedRegression: Sendable {
    /// The truncation point a: observations must exceed it.
    public var truncation: Double
    public var options: BFGSOptions

    public init(truncation: Double = 1, options: BFGSOptions = BFGSOptions(gradientTolerance: 1e-10, relativeFunctionTolerance: 0, maxIterations: 500)) {
        self.truncation = truncation
        self.options = options
    }

    public enum Failure: Error, Equatable, Sendable {
        /// No more observations than parameters (k + 1).
        case tooFewObservations(observations: Int, parameters: Int)
        /// Some y is not above the truncation point.
        case responseNotAboveTruncation(observation: Int)
        /// ZᵀZ is singular (collinear environmental variables): no OLS start, β not identified.
        case singularDesign
    }

    public struct Fit: Sendable {
        /// β̂ (k values, the constant first when z has one).
        public var coefficients: [Double]
        public var sigma: Double
        public var logLikelihood: Double
        /// The gradient of ℓ in θ = (β, ln σ) vanished (‖∇ℓ‖∞ ≤ 10⁻⁶ · max(1, n)).
        public var converged: Bool
        public var iterations: Int
        /// Covariance of (β̂, σ̂), (k + 1) × (k + 1); nil when −∇²ℓ is not positive definite.
        public var covariance: Matrix?
        public var observations: Int

        /// √diag(covariance): the standard errors of β̂₁ … β̂ₖ, σ̂ (nil without a covariance).
        public var standardErrors: [Double]? {
            covariance.map { c in (0..<c.rows).map { c[$0, $0].squareRoot() } }
        }
    }

    /// Fits y (n values, each > a) on the design z (n rows of k values, row-major), from `start`
    /// = (β, σ) when given (else OLS).
    public func fit(response y: [Double], design z: [Double], columns k: Int, start: (beta: [Double], sigma: Double)? = nil,
                    covariance: Bool = true) throws -> Fit {
        let n = y.count
        precondition(z.count == n * k, "design of \(z.count) values for \(n) × \(k)")
        guard n > k + 1 else { throw Failure.tooFewObservations(observations: n, parameters: k + 1) }
        if let i = y.firstIndex(where: { !($0 > truncation) }) { throw Failure.responseNotAboveTruncation(observation: i) }
        var theta: [Double]
        if let start, start.beta.count == k, start.sigma > 0, start.sigma.isFinite {
            theta = start.beta + [log(start.sigma)]
        } else {
            theta = try Self.olsStart(y, z, k)
        }
        let a = truncation
        // BFGS minimises −ℓ.
        let bfgs = BFGSMinimizer(options: options).minimize(start: theta, objective: { t, g in
            var none: [Double]? = nil
            let v = -Self.logLikelihood(t, y: y, z: z, k: k, a: a, gradient: &g, hessian: &none)
            for i in g.indices { g[i] = -g[i] }
            return v
        })
        theta = bfgs.x
        var iterations = bfgs.iterations
        // Newton polish: BFGS ends near the optimum; two or three exact steps reach it to the last
        // digits (so estimates agree with other packages to ~1e-10, not only to the BFGS tolerance).
        var g = [Double](repeating: 0, count: k + 1)
        var h: [Double]? = []
        var value = Self.logLikelihood(theta, y: y, z: z, k: k, a: a, gradient: &g, hessian: &h)
        for _ in 0..<8 {
            guard value.isFinite, let step = Self.newtonStep(gradient: g, hessian: h!) else { break }
            var trial = theta
            for i in 0...k { trial[i] += step[i] }
            var gt = g, ht = h
            let vt = Self.logLikelihood(trial, y: y, z: z, k: k, a: a, gradient: &gt, hessian: &ht)
            guard vt.isFinite, vt >= value - 1e-12 * max(1, abs(value)) else { break }
            let improvement = vt - value
            theta = trial; value = vt; g = gt; h = ht
            iterations += 1
            if improvement <= 1e-15 * max(1, abs(value)) && Self.infinityNorm(g) < 1e-9 { break }
        }
        let sigma = exp(theta[k])
        // Along the ridge where the maximum is at infinity (μ → −∞, σ → ∞) every cᵢ = (μᵢ − a)/σ
        // falls without bound and the density tends to the exponential; a "stationary" point out
        // there (Φ(cᵢ) < 3e-89 for every unit) is the search giving up, not a maximum.
        var largestC = -Double.infinity
        for i in 0..<n {
            var mu = 0.0
            for j in 0..<k { mu += z[i * k + j] * theta[j] }
            largestC = max(largestC, (mu - a) / sigma)
        }
        let converged = value.isFinite && Self.infinityNorm(g) <= 1e-6 * max(1, Double(n)) && sigma.isFinite && sigma > 0
            && largestC > -20
        var cov: Matrix?
        if covariance && converged {
            cov = Self.covariance(hessian: h!, k: k, sigma: sigma)
        }
        return Fit(coefficients: Array(theta[0..<k]), sigma: sigma, logLikelihood: value, converged: converged,
                   iterations: iterations, covariance: cov, observations: n)
    }

    /// ℓ(θ) with θ = (β, ln σ); its gradient into `gradient` and, when `hessian` is not nil, its
    /// Hessian (column-major (k + 1)²) into it.
    static func logLikelihood(_ theta: [Double], y: [Double], z: [Double], k: Int, a: Double,
                              gradient g: inout [Double], hessian: inout [Double]?) -> Double {
        let s = theta[k], sigma = exp(s)
        guard sigma.isFinite, sigma > 0 else { return -.infinity }
        for i in g.indices { g[i] = 0 }
        let d = k + 1
        if hessian != nil { hessian = [Double](repeating: 0, count: d * d) }
        var total = 0.0
        for i in 0..<y.count {
            var mu = 0.0
            for j in 0..<k { mu += z[i * k + j] * theta[j] }
            let r = (y[i] - mu) / sigma, c = (mu - a) / sigma
            let (logPhi, lambda) = NormalDistribution.logCDFAndInverseMillsRatio(c)
            total += -s + NormalDistribution.logDensity(r) - logPhi
            let gb = (r - lambda) / sigma
            for j in 0..<k { g[j] += z[i * k + j] * gb }
            g[k] += -1 + r * r + lambda * c
            if hessian != nil {
                let lambdaPrime = -lambda * (c + lambda)
                let wbb = -(1 + lambdaPrime) / (sigma * sigma)
                let wbs = (-2 * r + lambda + lambdaPrime * c) / sigma
                let wss = -(2 * r * r + c * (lambdaPrime * c + lambda))
                for j in 0..<k {
                    let zj = z[i * k + j]
                    for l in 0...j { hessian![j * d + l] += wbb * zj * z[i * k + l] }
                    hessian![k * d + j] += wbs * zj
                }
                hessian![k * d + k] += wss
            }
        }
        if hessian != nil {
            for j in 0..<d { for l in 0..<j { hessian![l * d + j] = hessian![j * d + l] } }
        }
        return total
    }

    /// The Newton step −H⁻¹g for a negative definite H (nil otherwise).
    static func newtonStep(gradient g: [Double], hessian h: [Double]) -> [Double]? {
        let d = g.count
        guard let negative = Matrix(rows: d, columns: d, columnMajor: h.map { -$0 }),
              let chol = try? CholeskyFactorization(negative), let step = try? chol.solve(g),
              step.allSatisfy(\.isFinite) else { return nil }
        return step
    }

    /// (−H)⁻¹ in θ = (β, ln σ), carried to (β, σ).
    static func covariance(hessian h: [Double], k: Int, sigma: Double) -> Matrix? {
        let d = k + 1
        guard let negative = Matrix(rows: d, columns: d, columnMajor: h.map { -$0 }),
              let chol = try? CholeskyFactorization(negative), var v = try? chol.inverse(), v.isFinite else { return nil }
        for j in 0..<d {
            for i in 0..<d {
                v[i, j] *= (i == k ? sigma : 1) * (j == k ? sigma : 1)
            }
        }
        return v
    }

    /// OLS of y on z and ln of its root mean squared residual.
    static func olsStart(_ y: [Double], _ z: [Double], _ k: Int) throws -> [Double] {
        let n = y.count
        var gram = [Double](repeating: 0, count: k * k), zy = [Double](repeating: 0, count: k)
        for i in 0..<n {
            for j in 0..<k {
                zy[j] += z[i * k + j] * y[i]
                for l in 0..<k { gram[l * k + j] += z[i * k + j] * z[i * k + l] }
            }
        }
        // Scale-aware singularity test: the Cholesky factor of the correlation-scaled Gram matrix.
        let scale = (0..<k).map { gram[$0 * k + $0] > 0 ? 1 / gram[$0 * k + $0].squareRoot() : 0 }
        guard !scale.contains(0) else { throw Failure.singularDesign }
        let scaled = (0..<(k * k)).map { gram[$0] * scale[$0 % k] * scale[$0 / k] }
        guard let m = Matrix(rows: k, columns: k, columnMajor: scaled), let chol = try? CholeskyFactorization(m),
              (0..<k).allSatisfy({ chol.factor[$0, $0] > 1e-7 }),
              let solved = try? chol.solve((0..<k).map { zy[$0] * scale[$0] }) else { throw Failure.singularDesign }
        let beta = (0..<k).map { solved[$0] * scale[$0] }
        var rss = 0.0
        for i in 0..<n {
            var mu = 0.0
            for j in 0..<k { mu += z[i * k + j] * beta[j] }
            rss += (y[i] - mu) * (y[i] - mu)
        }
        let sigma = max((rss / Double(n)).squareRoot(), 1e-8)
        return beta + [log(sigma)]
    }

    static func infinityNorm(_ v: [Double]) -> Double { v.reduce(0) { max($0, abs($1)) } }
}
