import Foundation
import TolokNumerics

/// Marginal effects of the inefficiency determinants z on the mean and the variance of u,
/// per unit and averaged over the units, with delta-method standard errors (Wang 2002).
///
/// **Truncated normal** u ~ N⁺(μ, σ²) with μ = δ′z_μ (a constant μ, or 0 for the half-normal,
/// without mean covariates) and σ² = σ_u² = exp(γ′z_u). With Λ = μ/σ and the cumulants κⱼ(Λ) of
/// N(Λ, 1) truncated to (0, ∞) (`TruncatedNormalCumulants`: κ₁ = Λ + m, κ₂ = 1 − Λm − m²,
/// m = φ(Λ)/Φ(Λ), dκⱼ/dΛ = κⱼ₊₁):
///
///     E(u) = σκ₁,  V(u) = σ²κ₂,
///     ∂E/∂z_k = δ_k κ₂ + γ_k (σ/2) A,   A = κ₁ − Λκ₂ = (1 + Λ²)m + Λm²,
///     ∂V/∂z_k = δ_k σ κ₃ + γ_k (σ²/2) B,  B = 2κ₂ − Λκ₃,
///
/// (Wang 2002; δ_k = 0 when z_k is not a mean covariate, γ_k = 0 when it is not a
/// scale covariate; a variable in both gets both terms). The half-normal is the case μ ≡ 0
/// (Λ = 0, m = √(2/π)): ∂E/∂z_k = γ_k σ φ(0), ∂V/∂z_k = γ_k σ²(1 − 2/π).
/// **Exponential** u with mean σ (and variance σ²), ln σ² = γ′z_u: ∂E/∂z_k = γ_k σ/2,
/// ∂V/∂z_k = γ_k σ².
///
/// **Standard errors.** The effects depend on θ = (δ, γ) (constants included); the gradient is
/// analytic. With ∂Λ/∂δⱼ = z_μ,j/σ, ∂Λ/∂γⱼ = −Λz_u,j/2, ∂σ/∂γⱼ = σz_u,j/2, A′ = −Λκ₃ and
/// B′ = κ₃ − Λκ₄:
///
///     ∂(∂E/∂z_k)/∂δⱼ = [j = k] κ₂ + z_μ,j (δ_k κ₃/σ − γ_k Λκ₃/2)
///     ∂(∂E/∂z_k)/∂γⱼ = [j = k] σA/2 + (z_u,j/2)(−δ_k Λκ₃ + γ_k (σ/2)(A + Λ²κ₃))
///     ∂(∂V/∂z_k)/∂δⱼ = [j = k] σκ₃ + z_μ,j (δ_k κ₄ + γ_k (σ/2) B′)
///     ∂(∂V/∂z_k)/∂γⱼ = [j = k] σ²B/2 + (z_u,j/2)(δ_k σ(κ₃ − Λκ₄) + γ_k σ²(B − ΛB′/2))
///
/// and Var = gᵀVg with V the covariance of θ̂ (Greene, *Econometric Analysis*, 7th ed., §4.6).
/// The sample-mean effect is the mean over units of the per-unit effects (what sfaR's
/// `marginal()` returns per unit and its summaries average), its gradient the mean gradient.
/// A standard error whose quadratic form is negative or not finite is NaN.
public struct InefficiencyMarginalEffects: Sendable {
    /// One block of coefficients: the constant first, then one per covariate.
    public struct Block: Sendable {
        /// Covariate names (without the constant), matched across blocks by name.
        public let names: [String]
        /// [constant, one per covariate].
        public let coefficients: [Double]
        /// n × names.count covariates (without the constant column).
        public let covariates: Matrix
        public init(names: [String], coefficients: [Double], covariates: Matrix) {
            self.names = names
            self.coefficients = coefficients
            self.covariates = covariates
        }
    }

    /// The distribution families with closed-form moments.
    public enum Family: Sendable, Equatable {
        /// N⁺(μ, σ²); without a mean block μ ≡ 0 (half-normal).
        case truncatedNormal
        /// Exponential with mean σ.
        case exponential
    }

    /// The variables: the mean block's names, then those of the scale block not among them.
    public let variables: [String]
    /// Per variable k and unit i: ∂E(u_i)/∂z_k (`mean[k][i]`) and ∂V(u_i)/∂z_k.
    public let mean: [[Double]]
    public let variance: [[Double]]
    /// Their standard errors (nil without a covariance matrix).
    public let meanStandardError: [[Double]]?
    public let varianceStandardError: [[Double]]?
    /// The means over units of `mean[k]` and `variance[k]`, and their standard errors.
    public let sampleMean: [Double]
    public let sampleVariance: [Double]
    public let sampleMeanStandardError: [Double]?
    public let sampleVarianceStandardError: [Double]?

    /// E(u) and V(u) of N⁺(μ, σ²) (σ > 0) from the cumulants.
    public static func truncatedNormalMoments(mu: Double, sigma: Double) -> (mean: Double, variance: Double) {
        let k = TruncatedNormalCumulants.of(mu / sigma)
        return (sigma * k.k1, sigma * sigma * k.k2)
    }

    /// - Parameters:
    ///   - family: the distribution of u.
    ///   - meanBlock: δ with z_μ (truncated normal only; nil: μ ≡ 0). A constant μ is a block
    ///     with no names and one coefficient.
    ///   - scaleBlock: γ with z_u (ln σ² = γ′z_u); a constant σ is a block with one coefficient.
    ///   - covariance: Cov(θ̂) over (meanBlock.coefficients, scaleBlock.coefficients) in that
    ///     order, or nil (no standard errors).
    public init(family: Family, meanBlock: Block?, scaleBlock: Block, covariance: Matrix?) throws {
        let n = scaleBlock.covariates.rows
        for block in [meanBlock, scaleBlock].compactMap({ $0 }) {
            guard block.coefficients.count == block.names.count + 1,
                  block.covariates.columns == block.names.count, block.covariates.rows == n else {
                throw FrontierError.dimensionMismatch("marginal effects: a block's names, coefficients and covariates do not agree")
            }
        }
        if family == .exponential && meanBlock != nil {
            throw FrontierError.invalidModel("the exponential distribution has no mean covariates")
        }
        let pMu = meanBlock?.coefficients.count ?? 0
        let p = pMu + scaleBlock.coefficients.count
        if let covariance, covariance.rows != p || covariance.columns != p {
            throw FrontierError.dimensionMismatch("marginal effects: covariance is \(covariance.rows)×\(covariance.columns), expected \(p)×\(p)")
        }
        let muNames = meanBlock?.names ?? []
        let variables = muNames + scaleBlock.names.filter { !muNames.contains($0) }
        // Per variable: its column in each block (nil when absent) and δ_k, γ_k.
        let muColumn = variables.map { muNames.firstIndex(of: $0) }
        let uColumn = variables.map { scaleBlock.names.firstIndex(of: $0) }
        let delta = muColumn.map { j in j.map { meanBlock!.coefficients[$0 + 1] } ?? 0 }
        let gamma = uColumn.map { j in j.map { scaleBlock.coefficients[$0 + 1] } ?? 0 }
        let kCount = variables.count

        var mean = [[Double]](repeating: [Double](repeating: 0, count: n), count: kCount)
        var variance = mean
        var meanSE: [[Double]]? = covariance == nil ? nil : mean
        var varianceSE = meanSE
        var gradientSumE = [[Double]](repeating: [Double](repeating: 0, count: p), count: kCount)
        var gradientSumV = gradientSumE
        var gE = [Double](repeating: 0, count: p), gV = gE
        var zMu = [Double](repeating: 1, count: pMu), zU = [Double](repeating: 1, count: scaleBlock.coefficients.count)

        func quadratic(_ g: [Double]) -> Double {
            guard let covariance else { return .nan }
            var v = 0.0
            for a in 0..<p where g[a] != 0 { for b in 0..<p { v += g[a] * covariance[a, b] * g[b] } }
            return v >= 0 && v.isFinite ? v.squareRoot() : .nan
        }

        for i in 0..<n {
            for j in 1..<zU.count { zU[j] = scaleBlock.covariates[i, j - 1] }
            var lnS2 = 0.0
            for j in 0..<zU.count { lnS2 += scaleBlock.coefficients[j] * zU[j] }
            let sigma = exp(0.5 * lnS2)
            var mu = 0.0
            if let meanBlock {
                for j in 1..<max(1, zMu.count) { zMu[j] = meanBlock.covariates[i, j - 1] }
                for j in 0..<zMu.count { mu += meanBlock.coefficients[j] * zMu[j] }
            }
            for k in 0..<kCount {
                let dk = delta[k], gk = gamma[k]
                let e: Double, v: Double
                switch family {
                case .exponential:
                    e = 0.5 * gk * sigma
                    v = gk * sigma * sigma
                    for j in 0..<zU.count {
                        gE[j] = (uColumn[k] == j - 1 ? 0.5 * sigma : 0) + 0.25 * gk * sigma * zU[j]
                        gV[j] = (uColumn[k] == j - 1 ? sigma * sigma : 0) + gk * sigma * sigma * zU[j]
                    }
                case .truncatedNormal:
                    let lambda = mu / sigma
                    let c = TruncatedNormalCumulants.of(lambda)
                    // A = κ₁ − Λκ₂ (a sum of positives for Λ < 0) = m(1 + Λκ₁) (positives for Λ ≥ 0).
                    let a = lambda < 0 ? c.k1 - lambda * c.k2 : NormalDistribution.inverseMillsRatio(lambda) * (1 + lambda * c.k1)
                    let b = 2 * c.k2 - lambda * c.k3
                    let bPrime = c.k3 - lambda * c.k4
                    e = dk * c.k2 + gk * 0.5 * sigma * a
                    v = dk * sigma * c.k3 + gk * 0.5 * sigma * sigma * b
                    for j in 0..<pMu {
                        let own = muColumn[k] == j - 1
                        gE[j] = (own ? c.k2 : 0) + zMu[j] * (dk * c.k3 / sigma - 0.5 * gk * lambda * c.k3)
                        gV[j] = (own ? sigma * c.k3 : 0) + zMu[j] * (dk * c.k4 + 0.5 * gk * sigma * bPrime)
                    }
                    for j in 0..<zU.count {
                        let own = uColumn[k] == j - 1
                        gE[pMu + j] = (own ? 0.5 * sigma * a : 0)
                            + 0.5 * zU[j] * (-dk * lambda * c.k3 + 0.5 * gk * sigma * (a + lambda * lambda * c.k3))
                        gV[pMu + j] = (own ? 0.5 * sigma * sigma * b : 0)
                            + 0.5 * zU[j] * (dk * sigma * bPrime + gk * sigma * sigma * (b - 0.5 * lambda * bPrime))
                    }
                }
                mean[k][i] = e
                variance[k][i] = v
                meanSE?[k][i] = quadratic(gE)
                varianceSE?[k][i] = quadratic(gV)
                for j in 0..<p {
                    gradientSumE[k][j] += gE[j]
                    gradientSumV[k][j] += gV[j]
                }
            }
        }
        let scale = n > 0 ? 1 / Double(n) : .nan
        self.variables = variables
        self.mean = mean
        self.variance = variance
        self.meanStandardError = meanSE
        self.varianceStandardError = varianceSE
        sampleMean = mean.map { $0.reduce(0, +) * scale }
        sampleVariance = variance.map { $0.reduce(0, +) * scale }
        sampleMeanStandardError = covariance == nil ? nil : gradientSumE.map { quadratic($0.map { $0 * scale }) }
        sampleVarianceStandardError = covariance == nil ? nil : gradientSumV.map { quadratic($0.map { $0 * scale }) }
    }
}

extension StochasticFrontierFit {
    /// The marginal effects of a fitted cross-sectional (or BC95 pooled) model's inefficiency
    /// determinants: δ and γ are the fit's μ and ln σ_u² blocks (`parameterNames` "mu…",
    /// "ln_sigma_u_sq…"), the covariance their block of `covariance`. Nil when the model has
    /// neither mean nor inefficiency-scale covariates.
    /// - Parameters:
    ///   - meanCovariates: the names and n × q matrix the μ block was fitted with (no constant).
    ///   - scaleCovariates: those of the ln σ_u² block.
    public func inefficiencyMarginalEffects(meanCovariates: (names: [String], matrix: Matrix)?,
                                            scaleCovariates: (names: [String], matrix: Matrix)?) throws -> InefficiencyMarginalEffects? {
        guard meanCovariates != nil || scaleCovariates != nil else { return nil }
        guard scalingCoefficients.isEmpty, eta == nil, groupEfficiencies == nil else {
            throw FrontierError.invalidModel("marginal effects need the μ / ln σ_u² parameterisation of a cross-section or BC95")
        }
        func indices(_ block: String) -> [Int] {
            parameterNames.indices.filter { parameterNames[$0] == block || parameterNames[$0].hasPrefix(block + ":") }
        }
        let muIndex = indices("mu"), uIndex = indices("ln_sigma_u_sq")
        func block(_ index: [Int], _ covariates: (names: [String], matrix: Matrix)?) throws -> InefficiencyMarginalEffects.Block {
            let names = covariates?.names ?? []
            guard index.count == names.count + 1 else {
                throw FrontierError.dimensionMismatch("marginal effects: \(index.count) coefficients for \(names.count) covariates")
            }
            return InefficiencyMarginalEffects.Block(names: names, coefficients: index.map { parameters[$0] },
                                                     covariates: covariates?.matrix ?? Matrix(rows: observations, columns: 0))
        }
        let family: InefficiencyMarginalEffects.Family
        switch distribution {
        case .exponential: family = .exponential
        case .halfNormal, .truncatedNormal: family = .truncatedNormal
        }
        let meanBlock = muIndex.isEmpty ? nil : try block(muIndex, meanCovariates)
        if muIndex.isEmpty && meanCovariates != nil { throw FrontierError.invalidModel("mean covariates need the truncated normal") }
        let scaleBlock = try block(uIndex, scaleCovariates)
        var v: Matrix?
        if let covariance {
            let all = muIndex + uIndex
            var c = Matrix(rows: all.count, columns: all.count)
            for (a, i) in all.enumerated() { for (b, j) in all.enumerated() { c[a, b] = 0.5 * (covariance[i, j] + covariance[j, i]) } }
            v = c
        }
        return try InefficiencyMarginalEffects(family: family, meanBlock: meanBlock, scaleBlock: scaleBlock, covariance: v)
    }
}
