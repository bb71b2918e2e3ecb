import TolokNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A fitted stochastic frontier.
///
/// Parameterisations reported:
/// * internal (estimated, unconstrained): θ = [β | δ_μ | δ_u | δ_v] with μ_i = z_μ,i δ_μ,
///   ln σ_u,i² = z_u,i δ_u, ln σ_v,i² = z_v,i δ_v (`parameters`, `parameterNames`, `covariance`);
/// * FRONTIER 4.1 (Coelli 1996; Battese & Corra 1977): σ² = σ_u² + σ_v², γ = σ_u²/σ², μ;
/// * σ_u, σ_v and λ = σ_u/σ_v (Aigner, Lovell & Schmidt 1977).
/// The last two exist when σ_u and σ_v are constant. Their standard errors come from the
/// internal covariance by the delta method. For the exponential model σ_u is the mean
/// (= standard deviation) of u and σ_u² its variance.
public struct StochasticFrontierFit: Sendable {
    let frontier: FrontierType
    let distribution: InefficiencyDistribution
    /// Converged means a verified interior maximum; anything else must not be read as an MLE.
    public let status: FrontierFitStatus
    /// Human-readable diagnostics (wrong skew, boundary, optimiser messages).
    public let notes: [String]
    /// Number of units n.
    public let observations: Int
    /// BFGS iterations of the final search, and Newton steps taken after it.
    public let iterations: Int
    public let newtonSteps: Int
    /// Log-likelihood evaluations in total (starting-value search included).
    public let functionEvaluations: Int
    /// ℓ(θ̂) with the exact π (FRONTIER 4.1 prints ℓ + n·2.403e-8, see `Datasets/SOURCES-FRONTIER.md`).
    public let logLikelihood: Double
    /// max |∂ℓ/∂θ| at θ̂.
    public let maxAbsGradient: Double
    /// gᵀH⁻¹g of −ℓ/n at θ̂ (the Newton decrement; NaN when the Hessian is not positive definite).
    let newtonDecrement: Double

    /// Frontier coefficients β.
    public let beta: [ParameterEstimate]
    /// μ coefficients (truncated normal; a single "mu" when homoscedastic).
    public let meanCoefficients: [ParameterEstimate]
    /// Coefficients of ln σ_u² (a single constant when homoscedastic).
    public let inefficiencyScaleCoefficients: [ParameterEstimate]
    /// Coefficients of ln σ_v².
    public let noiseScaleCoefficients: [ParameterEstimate]
    /// Scaling-property coefficients δ (then `meanCoefficients` holds τ and
    /// `inefficiencyScaleCoefficients` ln σ*²); empty otherwise.
    let scalingCoefficients: [ParameterEstimate]

    /// σ² = σ_u² + σ_v² (nil when σ_u or σ_v varies by unit).
    public let sigmaSquared: ParameterEstimate?
    /// γ = σ_u²/σ².
    public let gamma: ParameterEstimate?
    public let sigmaU: ParameterEstimate?
    public let sigmaV: ParameterEstimate?
    /// λ = σ_u/σ_v.
    public let lambda: ParameterEstimate?
    /// μ when it is a single constant.
    public let mu: ParameterEstimate?

    /// θ̂ and its names, in the internal order.
    let parameters: [Double]
    public let parameterNames: [String]
    /// (−∇²ℓ)⁻¹ at θ̂ (nil when the Hessian is not negative definite).
    public let covariance: Matrix?
    /// Covariance of (β, σ², γ, μ-block) — FRONTIER 4.1's order for the cross-section — when
    /// σ_u and σ_v are constant; names in `frontierCovarianceNames`.
    public let frontierCovariance: Matrix?
    public let frontierCovarianceNames: [String]

    public let ols: OLSResult
    /// The one-sided LR test of no inefficiency.
    public let likelihoodRatioTest: OneSidedLikelihoodRatioTest
    /// Per observation (panels: per firm-period, in input row order).
    public let efficiencies: FrontierEfficiencies
    /// Battese & Coelli (1992) time-decay parameter η (panel models with time-varying inefficiency).
    public let eta: ParameterEstimate?
    /// Panels: predictions of the firm effect u_i (the last period's inefficiency), one per firm
    /// in order of first appearance; nil for cross-sections.
    public let groupEfficiencies: FrontierEfficiencies?

    public var isConverged: Bool { status == .converged }
    /// Mean Battese–Coelli efficiency E[exp(−u)|ε] over units.
    var meanEfficiency: Double { efficiencies.meanBatteseCoelli }
}

/// Maximum-likelihood estimation of cross-sectional stochastic frontiers
/// (Aigner, Lovell & Schmidt 1977; Meeusen & van den Broeck 1977; Stevenson 1980), with the
/// heteroscedastic extensions of `StochasticFrontierModel`.
///
/// Procedure:
/// 1. OLS (`OrdinaryLeastSquares`: QR with iterative refinement; plain QR from
///    `largeSampleThreshold` observations), residual moments m₂, m₃ and the wrong-skew check.
/// 2. Starting values: MOLS (Olson, Schmidt & Waldman 1980; σ_u from m₃) and a grid over
///    γ with σ² = m₂/(1 − 2γ/π) and β₀ shifted by S·E[u], as FRONTIER 4.1 does (Coelli 1995);
///    the best log-likelihood wins (ranked on a subsample of ~`startingSubsample` units when n
///    is larger). Truncated-normal models start from the half-normal optimum with μ = 0 (and
///    zero heterogeneity coefficients); heteroscedastic models from the homoscedastic optimum.
///    For n ≥ 4 × `startingSubsample` the whole procedure first runs on a systematic
///    subsample, whose optimum and inverse Hessian start the full-data search.
/// 3. BFGS on −ℓ/n in θ (unconstrained: log-variances), analytic gradient, the initial
///    inverse Hessian from differencing at the start (or from the subsample fit).
/// 4. Newton steps with the Hessian differenced from the analytic gradient (central
///    differences; forward differences from `largeSampleThreshold` observations), until the Newton
///    decrement gᵀH⁻¹g falls below `newtonDecrementTolerance`; this both polishes and
///    verifies the maximum (negative-definite Hessian).
/// 5. Standard errors from (−∇²ℓ)⁻¹, delta method to σ², γ, σ_u, σ_v, λ.
/// 6. JLMS and Battese–Coelli predictions, the one-sided LR test.
public enum StochasticFrontier {
    /// Fits `model` to y on the regressors `x` (n × k, without the constant when
    /// `options.includeIntercept`). `regressorNames` label β (default "x1", "x2", …; the
    /// constant is "const").
    public static func fit(y: [Double], x: Matrix, regressorNames: [String]? = nil,
                           model: StochasticFrontierModel = StochasticFrontierModel()) throws -> StochasticFrontierFit {
        try fit(y: y, x: x, regressorNames: regressorNames, model: model, options: StochasticFrontierOptions())
    }

    /// `fit` with explicit search settings.
    static func fit(y: [Double], x: Matrix, regressorNames: [String]? = nil,
                    model: StochasticFrontierModel = StochasticFrontierModel(),
                    options: StochasticFrontierOptions) throws -> StochasticFrontierFit {
        let n = y.count
        guard x.rows == n else { throw FrontierError.dimensionMismatch("y has \(n) values, x has \(x.rows) rows") }
        guard y.allSatisfy({ $0.isFinite }) else { throw FrontierError.nonFiniteData("y") }
        guard x.isFinite else { throw FrontierError.nonFiniteData("x") }
        for (name, z) in [("inefficiency-scale covariates", model.inefficiencyScaleCovariates),
                          ("noise-scale covariates", model.noiseScaleCovariates),
                          ("mean covariates", model.meanCovariates),
                          ("scaling covariates", model.scalingCovariates)] {
            guard let z else { continue }
            guard z.rows == n else { throw FrontierError.dimensionMismatch("\(name) have \(z.rows) rows, expected \(n)") }
            guard z.isFinite else { throw FrontierError.nonFiniteData(name) }
        }
        if model.meanCovariates != nil && model.distribution != .truncatedNormal {
            throw FrontierError.invalidModel("mean covariates need the truncated-normal distribution")
        }
        if let zs = model.scalingCovariates {
            guard model.distribution == .truncatedNormal, zs.columns > 0 else {
                throw FrontierError.invalidModel("the scaling property needs the truncated normal and at least one covariate")
            }
            guard model.meanCovariates == nil && model.inefficiencyScaleCovariates == nil else {
                throw FrontierError.invalidModel("the scaling property replaces mean and inefficiency-scale covariates")
            }
        }
        if let names = regressorNames, names.count != x.columns {
            throw FrontierError.dimensionMismatch("\(names.count) regressor names for \(x.columns) columns")
        }

        // Design matrix.
        let design: Matrix
        var names: [String]
        if options.includeIntercept {
            design = Matrix(rows: n, columns: x.columns + 1,
                            columnMajor: [Double](repeating: 1, count: n) + x.storage)!
            names = ["const"] + (regressorNames ?? (0..<x.columns).map { "x\($0 + 1)" })
        } else {
            design = x
            names = regressorNames ?? (0..<x.columns).map { "x\($0 + 1)" }
        }
        let sign = model.frontier.sign
        let likelihood = CrossSectionLikelihood(y: y, x: design, sign: sign, distribution: model.distribution,
                                                zMu: model.meanCovariates, zU: model.inefficiencyScaleCovariates,
                                                zV: model.noiseScaleCovariates, zS: model.scalingCovariates)
        let layout = likelihood.layout
        guard n > layout.count else { throw FrontierError.tooFewObservations(needed: layout.count, got: n) }

        let ols = try ordinaryLeastSquares(y: y, design: design, names: names, sign: sign,
                                           largeSample: n >= options.largeSampleThreshold)
        var notes: [String] = []
        if ols.wrongSkew {
            notes.append("OLS residuals are skewed the wrong way for a \(model.frontier.rawValue) frontier "
                         + "(m3 = \(ols.thirdMoment)); the likelihood is then typically maximised at σ_u = 0.")
        }

        // Parameter names in the internal order.
        var parameterNames = names
        func blockNames(_ prefix: String, _ count: Int) -> [String] {
            count <= 1 ? Array([prefix].prefix(count)) : [prefix + ":const"] + (1..<count).map { prefix + ":z\($0)" }
        }
        let scaling = layout.kScale > 0
        parameterNames += blockNames(scaling ? "tau" : "mu", layout.kMu)
        parameterNames += blockNames(scaling ? "ln_sigma_star_sq" : "ln_sigma_u_sq", layout.kU)
        parameterNames += blockNames("ln_sigma_v_sq", layout.kV)
        parameterNames += (1...max(1, layout.kScale)).prefix(layout.kScale).map { "scale:z\($0)" }

        // Starting values, the search and its verification.
        var evaluations = 0
        if let start = options.startingValues, start.count != layout.count {
            throw FrontierError.dimensionMismatch("\(start.count) starting values for \(layout.count) parameters")
        }
        let (search, verified) = solve(likelihood, ols: ols, options: options, evaluations: &evaluations)

        return assemble(model: model, options: options, likelihood: likelihood, ols: ols,
                        parameterNames: parameterNames, search: search, verified: verified,
                        evaluations: evaluations, notes: notes)
    }

    // MARK: Search

    /// Starting values, BFGS and the Newton verification for one likelihood.
    ///
    /// Large samples (n ≥ 4 × `startingSubsample`) are first fitted on a systematic
    /// subsample of about `startingSubsample` units; its optimum and inverse Hessian (of the
    /// mean log-likelihood, which has the same scale) start BFGS on the full data, which then
    /// needs only a few iterations.
    static func solve(_ lik: CrossSectionLikelihood, ols: OLSResult, options: StochasticFrontierOptions,
                      evaluations: inout Int) -> (OptimizationResult, Verification) {
        var start: [Double]? = options.startingValues
        var inverseHessian: Matrix? = nil
        if start == nil && lik.n >= 4 * options.startingSubsample {
            let sub = lik.subsample(stride: lik.n / options.startingSubsample)
            let names = (0..<lik.layout.k).map { "b\($0)" }
            if let subOLS = try? ordinaryLeastSquares(y: sub.responses, design: sub.designMatrix(), names: names,
                                                      sign: sub.sign, largeSample: sub.n >= options.largeSampleThreshold) {
                let (_, v) = solve(sub, ols: subOLS, options: options, evaluations: &evaluations)
                if v.hessianPositiveDefinite, let cov = v.covariance, v.theta.allSatisfy({ $0.isFinite }) {
                    start = v.theta
                    var h = cov
                    for i in h.storage.indices { h.storage[i] *= Double(sub.n) }
                    inverseHessian = h
                }
            }
        }
        let engine = Engine(likelihood: lik)
        let search = engine.maximize(start: start ?? startingValues(lik, ols: ols, options: options, evaluations: &evaluations),
                                     initialInverseHessian: inverseHessian, options: options.optimizer)
        evaluations += search.functionEvaluations
        let verified = engine.verify(search, options: options)
        evaluations += verified.evaluations
        return (search, verified)
    }

    // MARK: Starting values

    /// Candidates from MOLS and a γ grid (Coelli 1995), for a homoscedastic likelihood with μ = 0
    /// (docs/FRONTIER.md, "Formulations", starting values).
    static func momentCandidates(layout: ParameterLayout, distribution: InefficiencyDistribution, ols: OLSResult,
                                 sign: Double, hasIntercept: Bool, grid: [Double]) -> [[Double]] {
        let m2 = ols.secondMoment, m3 = ols.thirdMoment
        let beta = ols.coefficients.map(\.value)
        func candidate(U: Double, V: Double, shift: Double) -> [Double]? {
            guard U > 0, V > 0, U.isFinite, V.isFinite else { return nil }
            var t = [Double](repeating: 0, count: layout.count)
            for j in 0..<layout.k { t[j] = beta[j] }
            if hasIntercept { t[0] += sign * shift }
            t[layout.u.lowerBound] = log(U)
            t[layout.v.lowerBound] = log(V)
            return t
        }
        var out: [[Double]] = []
        switch distribution {
        case .halfNormal, .truncatedNormal:
            // MOLS: m3 = −S σ_u³ √(2/π)(4/π − 1).
            let c = (2 / Double.pi).squareRoot() * (4 / Double.pi - 1)
            if -sign * m3 > 0 {
                let su = cbrt(-sign * m3 / c)
                let U = su * su
                if let t = candidate(U: U, V: m2 - (1 - 2 / Double.pi) * U, shift: su * (2 / Double.pi).squareRoot()) {
                    out.append(t)
                }
            }
            for g in grid where g > 0 && g < 1 {
                let s2 = m2 / (1 - 2 * g / Double.pi)
                let U = g * s2
                if let t = candidate(U: U, V: (1 - g) * s2, shift: (2 * U / Double.pi).squareRoot()) { out.append(t) }
            }
        case .exponential:
            // Exponential u: third central moment 2σ_u³, variance σ_u².
            if -sign * m3 > 0 {
                let su = cbrt(-sign * m3 / 2)
                if let t = candidate(U: su * su, V: m2 - su * su, shift: su) { out.append(t) }
            }
            for g in grid where g > 0 && g < 1 {
                let U = g * m2
                if let t = candidate(U: U, V: (1 - g) * m2, shift: U.squareRoot()) { out.append(t) }
            }
        }
        return out
    }

    /// Starting values: the best moment candidate (homoscedastic half-normal and exponential);
    /// otherwise the optimum of the nested homoscedastic model with the extra coefficients at
    /// zero — the half-normal one for every truncated-normal model (μ = 0, as FRONTIER 4.1
    /// starts; the homoscedastic truncated normal itself may have no interior maximum), the
    /// same distribution for heteroscedastic half-normal and exponential models.
    static func startingValues(_ lik: CrossSectionLikelihood, ols: OLSResult, options: StochasticFrontierOptions,
                               evaluations: inout Int) -> [Double] {
        let layout = lik.layout
        if lik.isHomoscedastic && lik.distribution != .truncatedNormal {
            return bestCandidate(lik, ols: ols, options: options, evaluations: &evaluations)
        }
        let base = lik.homoscedastic(lik.distribution == .truncatedNormal ? .halfNormal : lik.distribution)
        let baseStart = bestCandidate(base, ols: ols, options: options, evaluations: &evaluations)
        let r = Engine(likelihood: base).maximize(start: baseStart, options: options.optimizer)
        evaluations += r.functionEvaluations
        let h = r.status == .nonFinite ? baseStart : r.x
        var t = [Double](repeating: 0, count: layout.count)
        for j in 0..<layout.k { t[j] = h[j] }
        if layout.kMu > 0 && base.layout.kMu > 0 { t[layout.mu.lowerBound] = h[base.layout.mu.lowerBound] }
        t[layout.u.lowerBound] = h[base.layout.u.lowerBound]
        t[layout.v.lowerBound] = h[base.layout.v.lowerBound]
        return t
    }

    static func bestCandidate(_ lik: CrossSectionLikelihood, ols: OLSResult, options: StochasticFrontierOptions,
                              evaluations: inout Int) -> [Double] {
        let candidates = momentCandidates(layout: lik.layout, distribution: lik.distribution, ols: ols, sign: lik.sign,
                                          hasIntercept: options.includeIntercept, grid: options.startingGrid)
        var best: [Double]? = nil
        var bestLL = -Double.infinity
        // On large samples the candidates are ranked on a systematic subsample of about
        // `startingSubsample` units: the ranking needs no precision, and the search after it does.
        let m = (lik.n + options.startingSubsample - 1) / options.startingSubsample
        let ranker = m > 1 ? lik.subsample(stride: m) : lik
        for c in candidates {
            let ll = ranker.evaluate(c, gradient: nil)
            evaluations += 1
            if ll.isFinite && ll > bestLL { bestLL = ll; best = c }
        }
        if let best { return best }
        // Fallback: OLS β with an even split of the residual variance.
        var t = [Double](repeating: 0, count: lik.layout.count)
        for j in 0..<lik.layout.k { t[j] = ols.coefficients[j].value }
        t[lik.layout.u.lowerBound] = log(0.5 * max(ols.secondMoment, 1e-300))
        t[lik.layout.v.lowerBound] = log(0.5 * max(ols.secondMoment, 1e-300))
        return t
    }

    // MARK: Assembly

    static func assemble<L: FrontierLikelihood>(
                         model: StochasticFrontierModel, options: StochasticFrontierOptions,
                         likelihood: L, ols: OLSResult, parameterNames: [String],
                         search: OptimizationResult, verified: Verification, evaluations: Int,
                         notes initialNotes: [String]) -> StochasticFrontierFit {
        let layout = likelihood.layout
        let n = likelihood.n
        let theta = verified.theta
        var notes = initialNotes
        let ll = verified.logLikelihood
        let cov = verified.covariance
        func se(_ j: Int) -> Double { cov.map { $0[j, j].squareRoot() } ?? .nan }
        /// √(gᵀ Σ g) for a sparse gradient.
        func deltaSE(_ grad: [(Int, Double)]) -> Double {
            guard let cov else { return .nan }
            var v = 0.0
            for (i, gi) in grad { for (j, gj) in grad { v += gi * cov[i, j] * gj } }
            return v.squareRoot()
        }
        let estimates = parameterNames.indices.map { ParameterEstimate(name: parameterNames[$0], value: theta[$0], standardError: se($0)) }

        // Status.
        var status: FrontierFitStatus
        if search.status == .nonFinite {
            status = .nonFinite
            notes.append("the log-likelihood is not finite at the starting values")
        } else if !verified.hessianPositiveDefinite {
            status = .noInteriorMaximum
            notes.append("the Hessian of the log-likelihood is not negative definite at the stopping point")
        } else if verified.decrement <= options.newtonDecrementTolerance * max(1, abs(ll / Double(n))) {
            status = .converged
        } else {
            status = search.status == .converged ? .iterationLimit : FrontierFitStatus(search.status)
            notes.append("Newton decrement \(verified.decrement) above tolerance after \(verified.steps) Newton steps")
        }
        if status != .converged && search.status != .converged && search.status != .nonFinite {
            notes.append("BFGS stopped with status \(search.status) after \(search.iterations) iterations")
        }

        // Variance parameters.
        let uIdx = layout.u.lowerBound, vIdx = layout.v.lowerBound
        let homoscedasticScales = layout.kU == 1 && layout.kV == 1 && layout.kScale == 0
        var sigmaSquared: ParameterEstimate? = nil, gamma: ParameterEstimate? = nil
        var sigmaU: ParameterEstimate? = nil, sigmaV: ParameterEstimate? = nil, lambda: ParameterEstimate? = nil
        var mu: ParameterEstimate? = nil
        var frontierCov: Matrix? = nil
        var frontierNames: [String] = []
        if homoscedasticScales {
            let U = exp(theta[uIdx]), V = exp(theta[vIdx])
            let s2 = U + V, g = U / s2
            sigmaSquared = ParameterEstimate(name: "sigma_sq", value: s2, standardError: deltaSE([(uIdx, U), (vIdx, V)]))
            gamma = ParameterEstimate(name: "gamma", value: g, standardError: deltaSE([(uIdx, g * (1 - g)), (vIdx, -g * (1 - g))]))
            sigmaU = ParameterEstimate(name: "sigma_u", value: U.squareRoot(), standardError: deltaSE([(uIdx, 0.5 * U.squareRoot())]))
            sigmaV = ParameterEstimate(name: "sigma_v", value: V.squareRoot(), standardError: deltaSE([(vIdx, 0.5 * V.squareRoot())]))
            let lam = (U / V).squareRoot()
            lambda = ParameterEstimate(name: "lambda", value: lam, standardError: deltaSE([(uIdx, 0.5 * lam), (vIdx, -0.5 * lam)]))
            if layout.kMu == 1 { mu = ParameterEstimate(name: "mu", value: theta[layout.mu.lowerBound], standardError: se(layout.mu.lowerBound)) }
            // On the boundary: γ within `boundaryTolerance` of 0 or 1 — or, when no maximum was
            // verified, within 1e-4 (the search was heading there: γ → 1 with diverging δ in
            // Battese & Coelli 1995 models, γ → 0 under wrong skew).
            let edge = status == .converged ? options.boundaryTolerance : max(options.boundaryTolerance, 1e-4)
            if !(g > edge && g < 1 - edge) && status != .nonFinite {
                status = .noInteriorMaximum
                notes.append("γ = \(g) is on the boundary of [0, 1]: no interior maximum")
            }
            // FRONTIER order: β, σ², γ, then the μ block. Jacobian of that map from θ.
            frontierNames = Array(parameterNames[layout.beta]) + ["sigma_sq", "gamma"]
                + (layout.kMu == 1 ? ["mu"] : Array(parameterNames[layout.mu])) + Array(parameterNames[layout.eta])
            if let cov {
                let p = layout.count
                var jac = Matrix(rows: p, columns: p)
                for j in layout.beta { jac[j, j] = 1 }
                jac[layout.k, uIdx] = U; jac[layout.k, vIdx] = V
                jac[layout.k + 1, uIdx] = g * (1 - g); jac[layout.k + 1, vIdx] = -g * (1 - g)
                for (r, j) in layout.mu.enumerated() { jac[layout.k + 2 + r, j] = 1 }
                for (r, j) in layout.eta.enumerated() { jac[layout.k + 2 + layout.kMu + r, j] = 1 }
                var out = Matrix(rows: p, columns: p)
                for a in 0..<p {
                    for b in 0..<p {
                        var t = 0.0
                        for i in 0..<p where jac[a, i] != 0 {
                            for j in 0..<p where jac[b, j] != 0 { t += jac[a, i] * cov[i, j] * jac[b, j] }
                        }
                        out[a, b] = t
                    }
                }
                frontierCov = out
            }
        }

        // A likelihood that does not rise above OLS while σ_u heads to 0 has its supremum at
        // σ_u = 0 (the OLS fit), wherever the optimiser happened to stop.
        let lr = 2 * (ll - ols.logLikelihood)
        let uVanishing = gamma.map { $0.value < 1e-3 } ?? (status == .converged)
        if status != .nonFinite && status != .noInteriorMaximum && lr < 1e-6 && uVanishing {
            status = .noInteriorMaximum
            notes.append("the likelihood does not exceed the OLS likelihood (LR = \(lr)): supremum at σ_u = 0")
        }
        let restrictions = 1 + layout.kMu + (layout.kU - 1) + layout.kScale + layout.kEta
        let lrTest = KoddePalm.test(statistic: lr, restrictions: restrictions)

        let eff = likelihood.efficiencies(theta)
        let eta = layout.kEta == 1
            ? ParameterEstimate(name: "eta", value: theta[layout.eta.lowerBound], standardError: se(layout.eta.lowerBound))
            : nil

        return StochasticFrontierFit(
            frontier: model.frontier, distribution: model.distribution, status: status, notes: notes,
            observations: n, iterations: search.iterations, newtonSteps: verified.steps,
            functionEvaluations: evaluations, logLikelihood: ll,
            maxAbsGradient: verified.maxAbsGradient, newtonDecrement: verified.decrement,
            beta: Array(estimates[layout.beta]), meanCoefficients: Array(estimates[layout.mu]),
            inefficiencyScaleCoefficients: Array(estimates[layout.u]), noiseScaleCoefficients: Array(estimates[layout.v]),
            scalingCoefficients: Array(estimates[layout.scale]),
            sigmaSquared: sigmaSquared, gamma: gamma, sigmaU: sigmaU, sigmaV: sigmaV, lambda: lambda, mu: mu,
            parameters: theta, parameterNames: parameterNames, covariance: cov,
            frontierCovariance: frontierCov, frontierCovarianceNames: frontierNames,
            ols: ols, likelihoodRatioTest: lrTest, efficiencies: eff.units, eta: eta, groupEfficiencies: eff.groups)
    }
}

extension FrontierFitStatus {
    init(_ s: OptimizationStatus) {
        switch s {
        case .converged: self = .converged
        case .iterationLimit: self = .iterationLimit
        case .lineSearchFailed: self = .lineSearchFailed
        case .nonFinite: self = .nonFinite
        }
    }
}
