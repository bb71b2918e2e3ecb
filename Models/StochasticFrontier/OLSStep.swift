import TolokNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StochasticFrontier {
    /// OLS of y on the full design (constant column included): the starting point of the ML
    /// search and the restricted model (σ_u = 0) of the one-sided LR test.
    ///
    /// * Normally `OrdinaryLeastSquares` (TolokNumerics): Householder QR with iterative
    ///   refinement of β, the residuals and (XᵀX)⁻¹ in double-double (docs/ACCURACY.md).
    /// * `largeSample`: one Householder QR of the column-scaled design (`QRFactorization`),
    ///   β = R⁻¹(Qᵀy)₁:ₖ, (XᵀX)⁻¹ = R⁻¹R⁻ᵀ — the textbook method (Golub & Van Loan 2013,
    ///   §5.3.3) that FRONTIER 4.1 and R's `lm` also rely on; relative error about κ(X)·ε.
    ///
    /// A rank-deficient design (numerical rank below k) throws `FrontierError.singularDesign`.
    static func ordinaryLeastSquares(y: [Double], design: Matrix, names: [String], sign: Double,
                                     largeSample: Bool) throws -> OLSResult {
        let n = y.count, k = design.columns
        let beta: [Double], standardErrors: [Double], residuals: [Double], sse: Double
        let logLikelihood: Double
        if largeSample {
            (beta, standardErrors, residuals, sse) = try plainQR(y: y, design: design)
            logLikelihood = -0.5 * Double(n) * (log(2 * Double.pi) + log(sse / Double(n)) + 1)
        } else {
            let fit: OLSFit
            do {
                fit = try OrdinaryLeastSquares.fit(design: design, response: y, hasIntercept: false)
            } catch {
                throw FrontierError.singularDesign
            }
            guard fit.status == .fullRank else { throw FrontierError.singularDesign }
            beta = fit.coefficients
            standardErrors = fit.standardErrors
            residuals = fit.residuals
            sse = fit.sumOfSquaredResiduals
            logLikelihood = fit.logLikelihood
        }
        var mean = 0.0
        for r in residuals { mean += r }
        mean /= Double(n)
        var s2 = 0.0, s3 = 0.0
        for r in residuals {
            let c = r - mean
            s2 += c * c
            s3 += c * c * c
        }
        let m2 = s2 / Double(n)
        let m3 = s3 / Double(n)
        let coefficients = (0..<k).map {
            ParameterEstimate(name: names[$0], value: beta[$0], standardError: standardErrors[$0])
        }
        return OLSResult(coefficients: coefficients, sigmaSquared: sse / Double(n - k), logLikelihood: logLikelihood,
                         residuals: residuals, secondMoment: m2, thirdMoment: m3, skewness: m3 / pow(m2, 1.5),
                         wrongSkew: sign * m3 >= 0)
    }

    /// One Householder QR of X·D, D = diag(2^{−⌊log₂‖x_j‖⌋}) (exact scaling): β = D·R⁻¹(Qᵀy)₁:ₖ,
    /// (XᵀX)⁻¹ = D·R⁻¹R⁻ᵀ·D, SE_j = σ̂·√[(XᵀX)⁻¹]_jj with σ̂² = SSE/(n − k). The design is
    /// rank deficient when the 1-norm reciprocal condition estimate of R (`dtrcon`) is at most
    /// max(n, k)·ε, the tolerance `OrdinaryLeastSquares` applies to the singular values.
    private static func plainQR(y: [Double], design: Matrix) throws
        -> (beta: [Double], standardErrors: [Double], residuals: [Double], sse: Double) {
        let n = design.rows, k = design.columns
        var scaled = design
        var scale = [Double](repeating: 1, count: k)
        for j in 0..<k {
            var norm = 0.0
            for i in 0..<n { norm += design[i, j] * design[i, j] }
            norm = norm.squareRoot()
            guard norm > 0 else { throw FrontierError.singularDesign }
            scale[j] = exp2(-Double(norm.exponent))   // ‖x_j‖·scale ∈ [1, 2)
            for i in 0..<n { scaled[i, j] *= scale[j] }
        }
        do {
            let qr = try QRFactorization(scaled)
            guard qr.reciprocalConditionOfR > Double(max(n, k)) * Double.ulpOfOne else { throw FrontierError.singularDesign }
            let z = try qr.leastSquares(y)
            let beta = (0..<k).map { z[$0] * scale[$0] }
            var residuals = y
            for j in 0..<k {
                let b = beta[j]
                for i in 0..<n { residuals[i] -= design[i, j] * b }
            }
            var sse = 0.0
            for r in residuals { sse += r * r }
            let sigma2 = sse / Double(n - k)
            // Diagonal of (R̃ᵀR̃)⁻¹: column j of R̃⁻¹R̃⁻ᵀ is R̃⁻¹(R̃⁻ᵀe_j).
            var standardErrors = [Double](repeating: .nan, count: k)
            for j in 0..<k {
                var e = [Double](repeating: 0, count: k)
                e[j] = 1
                let w = try qr.solveR(try qr.solveR(e, transposed: true))
                standardErrors[j] = (sigma2 * w[j]).squareRoot() * scale[j]
            }
            return (beta, standardErrors, residuals, sse)
        } catch let error as FrontierError {
            throw error
        } catch {
            throw FrontierError.singularDesign
        }
    }
}
