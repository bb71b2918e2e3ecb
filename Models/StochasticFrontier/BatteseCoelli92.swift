import TolokNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Battese & Coelli (1992) panel frontier with time-varying inefficiency:
/// y_it = x_it β + v_it − S·u_it, u_it = η_it u_i, η_it = exp(−η(t − T)), u_i ~ N⁺(μ, σ_u²),
/// T the last period of the panel (Battese, G. E. & Coelli, T. J. 1992, "Frontier production
/// functions, technical efficiency and panel data: with application to paddy farmers in
/// India", Journal of Productivity Analysis 3, 153–169). η = 0 gives the time-invariant model
/// of Pitt & Lee (1981) / Battese & Coelli (1988); μ = 0 the half-normal case.
public struct BatteseCoelli92Model: Sendable, Equatable {
    var frontier: FrontierType
    /// Estimate μ (truncated normal); otherwise μ = 0.
    var truncatedNormal: Bool
    /// Estimate η (time-varying); otherwise η = 0.
    var timeVarying: Bool

    public init(frontier: FrontierType = .production, truncatedNormal: Bool = false, timeVarying: Bool = false) {
        self.frontier = frontier
        self.truncatedNormal = truncatedNormal
        self.timeVarying = timeVarying
    }
}

/// The B&C92 log-likelihood, firm by firm (docs/FRONTIER.md, "Formulations"). With e_it = S·ε_it, the firm's period weights
/// η_t, A = Σ_t η_t e_t, B = Σ_t η_t², C = Σ_t e_t², D = σ_v² + σ_u² B and T_i periods
/// (B&C92, eq. 6, in the notation of Kumbhakar & Lovell 2000, §4.2.2):
///     μ*_i = (μσ_v² − σ_u² A)/D,  σ*_i² = σ_u²σ_v²/D,  a_i = μ*_i/σ*_i,  b = μ/σ_u,
///     ℓ_i = −(T_i/2) ln 2π − ((T_i − 1)/2) ln σ_v² − ½ ln D − C/(2σ_v²)
///           + ½a_i² + ln Φ(a_i) − ½b² − ln Φ(b).
/// With Q(x) = x + φ(x)/Φ(x) (the derivative of ½x² + ln Φ(x)), W = √(D σ_u² σ_v²), U = σ_u²,
/// V = σ_v²:
///     ∂ℓ/∂A = −Q(a) U/W,   ∂ℓ/∂B = −U/(2D) − Q(a) a U/(2D),   ∂ℓ/∂C = −1/(2V),
///     ∂ℓ/∂μ = Q(a) V/W − Q(b)/σ_u,
///     ∂ℓ/∂U = −B/(2D) + Q(a)[−A/W − a(B/D + 1/U)/2] + Q(b) b/(2U),
///     ∂ℓ/∂V = −(T_i − 1)/(2V) − 1/(2D) + C/(2V²) + Q(a)[μ/W − a(1/D + 1/V)/2],
/// and through e_it (∂A/∂e_t = η_t, ∂C/∂e_t = 2e_t) to β, through η_t to η
/// (∂η_t/∂η = −(t − T) η_t).
final class BatteseCoelli92Likelihood: FrontierLikelihood {
    let n: Int
    let layout: ParameterLayout
    let sign: Double
    let x: [Double]        // n × k, column-major
    let y: [Double]
    /// Observations grouped by firm: rows[groupStart[g] ..< groupStart[g+1]] belong to firm g.
    let rows: [Int]
    let groupStart: [Int]
    /// t − T per observation (≤ 0).
    let periodOffset: [Double]
    // Workspace.
    var e: [Double]
    var wE: [Double]

    init(y: [Double], x: Matrix, firm: [Int], period: [Int], sign: Double, truncated: Bool, timeVarying: Bool) {
        n = y.count
        layout = ParameterLayout(k: x.columns, kMu: truncated ? 1 : 0, kU: 1, kV: 1, kEta: timeVarying ? 1 : 0)
        self.sign = sign
        self.x = x.storage
        self.y = y
        // Firms in order of first appearance.
        var index = [Int: Int]()
        var members = [[Int]]()
        for (i, f) in firm.enumerated() {
            if let g = index[f] { members[g].append(i) } else { index[f] = members.count; members.append([i]) }
        }
        rows = members.flatMap { $0 }
        var starts = [0]
        for m in members { starts.append(starts.last! + m.count) }
        groupStart = starts
        let last = period.max() ?? 0
        periodOffset = period.map { Double($0 - last) }
        e = [Double](repeating: 0, count: n)
        wE = e
    }

    var groups: Int { groupStart.count - 1 }

    func residuals(_ theta: [Double]) {
        e.withUnsafeMutableBufferPointer { eb in
            _ = eb.update(fromContentsOf: y)
            x.withUnsafeBufferPointer { xb in
                theta.withUnsafeBufferPointer { tb in
                    BLASKernels.gemv(rows: n, columns: layout.k, alpha: -sign, xb.baseAddress!, leadingDimension: n,
                                     tb.baseAddress!, beta: sign, eb.baseAddress!)
                }
            }
        }
    }

    func evaluate(_ theta: [Double], gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        residuals(theta)
        let U = exp(theta[layout.u.lowerBound]), V = exp(theta[layout.v.lowerBound])
        let mu = layout.kMu > 0 ? theta[layout.mu.lowerBound] : 0
        let eta = layout.kEta > 0 ? theta[layout.eta.lowerBound] : 0
        let su = U.squareRoot()
        let b = mu / su
        let (lb, mb) = NormalDistribution.logCDFAndInverseMillsRatio(b)
        let qb = b + mb
        var ll = 0.0, gMu = 0.0, gU = 0.0, gV = 0.0, gEta = 0.0
        for g in 0..<groups {
            var A = 0.0, B = 0.0, C = 0.0, dA = 0.0, dB = 0.0
            let range = groupStart[g]..<groupStart[g + 1]
            for r in range {
                let i = rows[r]
                let w = exp(-eta * periodOffset[i])
                let dw = -periodOffset[i] * w
                A += w * e[i]; B += w * w; C += e[i] * e[i]
                dA += dw * e[i]; dB += 2 * w * dw
            }
            let T = Double(range.count)
            let D = V + U * B
            let W = (D * U * V).squareRoot()
            let a = (mu * V - U * A) / W
            let (la, ma) = NormalDistribution.logCDFAndInverseMillsRatio(a)
            ll += -T * NormalDistribution.logSqrt2Pi - 0.5 * (T - 1) * log(V) - 0.5 * log(D) - C / (2 * V)
                + 0.5 * a * a + la - 0.5 * b * b - lb
            guard gradient != nil else { continue }
            let qa = a + ma
            let lA = -qa * U / W
            let lB = -U / (2 * D) - qa * a * U / (2 * D)
            gMu += qa * V / W - qb / su
            gU += -B / (2 * D) + qa * (-A / W - 0.5 * a * (B / D + 1 / U)) + qb * b / (2 * U)
            gV += -(T - 1) / (2 * V) - 1 / (2 * D) + C / (2 * V * V) + qa * (mu / W - 0.5 * a * (1 / D + 1 / V))
            gEta += lA * dA + lB * dB
            for r in range {
                let i = rows[r]
                wE[i] = -e[i] / V + lA * exp(-eta * periodOffset[i])
            }
        }
        if let grad = gradient {
            wE.withUnsafeBufferPointer { wb in
                x.withUnsafeBufferPointer { xb in
                    BLASKernels.gemvTransposed(rows: n, columns: layout.k, alpha: -sign, xb.baseAddress!, leadingDimension: n,
                                               wb.baseAddress!, beta: 0, grad.baseAddress!)
                }
            }
            if layout.kMu > 0 { grad[layout.mu.lowerBound] = gMu }
            grad[layout.u.lowerBound] = U * gU
            grad[layout.v.lowerBound] = V * gV
            if layout.kEta > 0 { grad[layout.eta.lowerBound] = gEta }
        }
        return ll
    }

    /// Per observation: η_it and the firm's μ*_i, σ*_i; per firm: μ*_i, σ*_i (B&C92, eq. 5).
    func efficiencies(_ theta: [Double]) -> (units: FrontierEfficiencies, groups: FrontierEfficiencies?) {
        residuals(theta)
        let U = exp(theta[layout.u.lowerBound]), V = exp(theta[layout.v.lowerBound])
        let mu = layout.kMu > 0 ? theta[layout.mu.lowerBound] : 0
        let eta = layout.kEta > 0 ? theta[layout.eta.lowerBound] : 0
        var mObs = [Double](repeating: 0, count: n), sObs = mObs, scale = mObs
        var mFirm = [Double](repeating: 0, count: groups), sFirm = mFirm
        for g in 0..<groups {
            var A = 0.0, B = 0.0
            for r in groupStart[g]..<groupStart[g + 1] {
                let i = rows[r]
                let w = exp(-eta * periodOffset[i])
                A += w * e[i]; B += w * w
            }
            let D = V + U * B
            mFirm[g] = (mu * V - U * A) / D
            sFirm[g] = (U * V / D).squareRoot()
            for r in groupStart[g]..<groupStart[g + 1] {
                let i = rows[r]
                mObs[i] = mFirm[g]; sObs[i] = sFirm[g]; scale[i] = exp(-eta * periodOffset[i])
            }
        }
        return (FrontierEfficiencies(conditionalMean: mObs, conditionalStandardDeviation: sObs, scale: scale),
                FrontierEfficiencies(conditionalMean: mFirm, conditionalStandardDeviation: sFirm))
    }
}

extension StochasticFrontier {
    /// Fits the Battese & Coelli (1992) panel model. `firm` and `period` give each row's firm
    /// (any integer label) and period (integers, T = the largest); the panel may be unbalanced.
    /// Starting values: pooled OLS and FRONTIER's γ grid with μ = 0, η = 0. Results follow
    /// `StochasticFrontierFit` (efficiencies per row in input order, `groupEfficiencies` per
    /// firm, `eta`); the LR test counts γ, μ and η as restrictions.
    public static func fitBatteseCoelli92(y: [Double], x: Matrix, firm: [Int], period: [Int],
                                          regressorNames: [String]? = nil,
                                          model: BatteseCoelli92Model = BatteseCoelli92Model()) throws -> StochasticFrontierFit {
        try fitBatteseCoelli92(y: y, x: x, firm: firm, period: period, regressorNames: regressorNames, model: model,
                               options: StochasticFrontierOptions())
    }

    /// `fitBatteseCoelli92` with explicit search settings.
    static func fitBatteseCoelli92(y: [Double], x: Matrix, firm: [Int], period: [Int], regressorNames: [String]?,
                                   model: BatteseCoelli92Model, options: StochasticFrontierOptions) throws -> StochasticFrontierFit {
        let n = y.count
        guard x.rows == n, firm.count == n, period.count == n else {
            throw FrontierError.dimensionMismatch("y, x, firm and period must have the same number of rows")
        }
        guard y.allSatisfy({ $0.isFinite }) else { throw FrontierError.nonFiniteData("y") }
        guard x.isFinite else { throw FrontierError.nonFiniteData("x") }
        if let names = regressorNames, names.count != x.columns {
            throw FrontierError.dimensionMismatch("\(names.count) regressor names for \(x.columns) columns")
        }
        let design: Matrix
        var names: [String]
        if options.includeIntercept {
            design = Matrix(rows: n, columns: x.columns + 1, columnMajor: [Double](repeating: 1, count: n) + x.storage)!
            names = ["const"] + (regressorNames ?? (0..<x.columns).map { "x\($0 + 1)" })
        } else {
            design = x
            names = regressorNames ?? (0..<x.columns).map { "x\($0 + 1)" }
        }
        let sign = model.frontier.sign
        let lik = BatteseCoelli92Likelihood(y: y, x: design, firm: firm, period: period, sign: sign,
                                            truncated: model.truncatedNormal, timeVarying: model.timeVarying)
        let layout = lik.layout
        guard n > layout.count else { throw FrontierError.tooFewObservations(needed: layout.count, got: n) }
        let ols = try ordinaryLeastSquares(y: y, design: design, names: names, sign: sign,
                                           largeSample: n >= options.largeSampleThreshold)
        var notes: [String] = []
        if ols.wrongSkew {
            notes.append("OLS residuals are skewed the wrong way for a \(model.frontier.rawValue) frontier (m3 = \(ols.thirdMoment)).")
        }
        let parameterNames = names + (model.truncatedNormal ? ["mu"] : []) + ["ln_sigma_u_sq", "ln_sigma_v_sq"]
            + (model.timeVarying ? ["eta"] : [])

        var evaluations = 0
        var start: [Double]
        if let s = options.startingValues {
            guard s.count == layout.count else {
                throw FrontierError.dimensionMismatch("\(s.count) starting values for \(layout.count) parameters")
            }
            start = s
        } else {
            // FRONTIER's grid (pooled moments, μ = 0, η = 0), ranked by the panel likelihood.
            let hnLayout = ParameterLayout(k: layout.k, kMu: 0, kU: 1, kV: 1)
            var best: [Double]? = nil, bestLL = -Double.infinity
            for c in momentCandidates(layout: hnLayout, distribution: .halfNormal, ols: ols, sign: sign,
                                      hasIntercept: options.includeIntercept, grid: options.startingGrid) {
                var t = [Double](repeating: 0, count: layout.count)
                for j in 0..<layout.k { t[j] = c[j] }
                t[layout.u.lowerBound] = c[hnLayout.u.lowerBound]
                t[layout.v.lowerBound] = c[hnLayout.v.lowerBound]
                let ll = lik.evaluate(t, gradient: nil)
                evaluations += 1
                if ll.isFinite && ll > bestLL { bestLL = ll; best = t }
            }
            start = best ?? ([Double](repeating: 0, count: layout.count))
            if best == nil {
                for j in 0..<layout.k { start[j] = ols.coefficients[j].value }
                start[layout.u.lowerBound] = log(0.5 * ols.secondMoment)
                start[layout.v.lowerBound] = log(0.5 * ols.secondMoment)
            }
        }
        let engine = Engine(likelihood: lik)
        let search = engine.maximize(start: start, options: options.optimizer)
        evaluations += search.functionEvaluations
        let verified = engine.verify(search, options: options)
        evaluations += verified.evaluations
        let summary = StochasticFrontierModel(frontier: model.frontier,
                                              distribution: model.truncatedNormal ? .truncatedNormal : .halfNormal)
        return assemble(model: summary, options: options, likelihood: lik, ols: ols, parameterNames: parameterNames,
                        search: search, verified: verified, evaluations: evaluations, notes: notes)
    }
}
