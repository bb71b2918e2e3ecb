import Dispatch
import TolokNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Input errors. Estimation problems (no convergence, boundary solutions) are reported in
/// `StochasticFrontierFit.status`, never thrown.
public enum FrontierError: Error, Equatable, Sendable, CustomStringConvertible {
    case dimensionMismatch(String)
    case nonFiniteData(String)
    case tooFewObservations(needed: Int, got: Int)
    /// The regressors are collinear (OLS has no unique solution).
    case singularDesign
    case invalidModel(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .nonFiniteData(let s): return "data contain NaN or infinity: \(s)"
        case .tooFewObservations(let k, let n): return "too few observations: need more than \(k), got \(n)"
        case .singularDesign: return "the regressors are collinear"
        case .invalidModel(let s): return "invalid model: \(s)"
        }
    }
}

/// Ordinary least squares on the frontier equation: the starting point of the ML search
/// and the restricted model (u ≡ 0) of the likelihood-ratio test.
public struct OLSResult: Sendable {
    /// β̂ with standard errors from σ̂²(XᵀX)⁻¹, σ̂² = SSE/(n − k).
    let coefficients: [ParameterEstimate]
    /// SSE/(n − k), as FRONTIER 4.1 prints it.
    let sigmaSquared: Double
    /// Gaussian log-likelihood at σ² = SSE/n: −n/2 (ln 2π + ln(SSE/n) + 1), exact π.
    public let logLikelihood: Double
    /// ε̂ = y − Xβ̂.
    let residuals: [Double]
    /// Central second moment m₂ = Σ(ε̂ − ε̄)²/n (= SSE/n with an intercept).
    let secondMoment: Double
    /// Central third moment m₃ = Σ(ε̂ − ε̄)³/n.
    public let thirdMoment: Double
    /// m₃/m₂^{3/2}.
    public let skewness: Double
    /// True when the residuals are skewed the wrong way for the frontier: m₃ ≥ 0 for a
    /// production frontier, m₃ ≤ 0 for a cost frontier (Waldman 1982: then OLS, i.e.
    /// σ_u = 0, is a maximum of the half-normal likelihood).
    public let wrongSkew: Bool
}

/// The one-sided likelihood-ratio test of "no inefficiency" (γ = 0, plus μ = 0 or the other
/// parameters of u's distribution), whose statistic has a mixed χ² null distribution
/// (Kodde & Palm 1986; Coelli 1995).
public struct OneSidedLikelihoodRatioTest: Sendable, Equatable {
    /// LR = 2 (ℓ_ML − ℓ_OLS).
    public let statistic: Double
    /// Number of restrictions q.
    public let restrictions: Int
    /// Kodde & Palm (1986) 5% critical value for q restrictions (2.706 for q = 1, 5.138 for q = 2).
    public let criticalValue5Percent: Double
    /// Kodde–Palm upper bound on the p-value: ½ P(χ²_{q−1} > LR) + ½ P(χ²_q > LR).
    public let pValueUpperBound: Double

    /// True when LR exceeds the 5% critical value.
    public var rejectsAt5Percent: Bool { statistic > criticalValue5Percent }
}

/// The one-sided LR test of docs/FRONTIER.md ("Formulations"): Kodde & Palm (1986), "Wald criteria for jointly testing equality and inequality
/// restrictions", Econometrica 54(5), 1243–1248: the upper bound of the mixed χ²
/// distribution, P(LR > c) ≤ ½ P(χ²_{q−1} > c) + ½ P(χ²_q > c), whose quantiles are their
/// Table 1 (α = 5%: 2.706, 5.138, 7.045, 8.761, … for q = 1, 2, 3, 4, …).
enum KoddePalm {
    /// The upper bound on P(LR > statistic) for q restrictions.
    static func pValueUpperBound(statistic: Double, restrictions q: Int) -> Double {
        precondition(q >= 1, "at least one restriction")
        if statistic <= 0 { return 1 }
        return 0.5 * ChiSquaredDistribution.survival(statistic, degreesOfFreedom: q - 1)
            + 0.5 * ChiSquaredDistribution.survival(statistic, degreesOfFreedom: q)
    }

    /// The critical value c with pValueUpperBound(c, q) = level (bisection to 1e-12).
    static func criticalValue(restrictions q: Int, level: Double = 0.05) -> Double {
        var lo = 0.0, hi = 1.0
        while pValueUpperBound(statistic: hi, restrictions: q) > level { hi *= 2 }
        while hi - lo > 1e-12 * hi {
            let mid = 0.5 * (lo + hi)
            if pValueUpperBound(statistic: mid, restrictions: q) > level { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }

    static func test(statistic: Double, restrictions q: Int) -> OneSidedLikelihoodRatioTest {
        OneSidedLikelihoodRatioTest(statistic: statistic, restrictions: q,
                                    criticalValue5Percent: criticalValue(restrictions: q),
                                    pValueUpperBound: pValueUpperBound(statistic: statistic, restrictions: q))
    }
}

/// Unit-level predictions of inefficiency from the conditional distribution
/// u | ε ~ N⁺(μ*, σ*²) (Jondrow, Lovell, Materov & Schmidt 1982; Battese & Coelli 1988;
/// docs/FRONTIER.md, "Formulations").
///
/// With z = μ*/σ*:
/// * JLMS: E[u|ε] = μ* + σ* φ(z)/Φ(z) = σ*(z + φ(z)/Φ(z));
/// * Battese–Coelli: E[exp(−u)|ε] = Φ(z − σ*)/Φ(z) · exp(−μ* + σ*²/2);
/// * E[exp(u)|ε] = Φ(z + σ*)/Φ(z) · exp(μ* + σ*²/2) — what FRONTIER 4.1 prints as the cost
///   efficiency of a cost frontier (≥ 1).
/// Ratios of Φ are formed as differences of ln Φ, so they stay finite in the tails.
public struct FrontierEfficiencies: Sendable, Equatable {
    /// μ* per unit.
    let conditionalMean: [Double]
    /// σ* per unit.
    let conditionalStandardDeviation: [Double]
    /// η_it of a BC92 panel (u_it = η_it u_i), `nil` when u is not scaled.
    let scale: [Double]?
    /// E[u|ε] (JLMS).
    public let jlms: [Double]
    /// exp(−E[u|ε]).
    let jlmsEfficiency: [Double]
    /// E[exp(−u)|ε] (Battese–Coelli), the technical (or cost) efficiency in (0, 1].
    public let batteseCoelli: [Double]
    /// E[exp(u)|ε] ≥ 1, FRONTIER 4.1's printed cost efficiency.
    public let batteseCoelliInverse: [Double]

    public var meanJLMS: Double { Self.mean(jlms) }
    var meanJLMSEfficiency: Double { Self.mean(jlmsEfficiency) }
    public var meanBatteseCoelli: Double { Self.mean(batteseCoelli) }
    public var meanBatteseCoelliInverse: Double { Self.mean(batteseCoelliInverse) }

    static func mean(_ v: [Double]) -> Double { v.isEmpty ? .nan : v.reduce(0, +) / Double(v.count) }

    /// Above this sum of exponents, (ησ*)²/2 + |ημ*|, the direct Battese–Coelli forms lose
    /// digits to cancellation and ``millsRatioQuotient(_:_:)`` is used instead. (On logged data
    /// the sum is below 1, so the direct forms, and the reference values, are unchanged.)
    static let directExponentLimit = 32.0

    /// r(z)/r(w) with r = φ/Φ the inverse Mills ratio, formed as a difference of logarithms.
    /// With w = z − ησ* this is exactly E[exp(−u)|ε] (Φ(z − s)φ(z)/(Φ(z)φ(z − s)) =
    /// Φ(z − s)/Φ(z)·exp(−zs + s²/2)), in (0, 1] because r decreases; with w = z + ησ* it is
    /// E[exp(u)|ε] ≥ 1, +∞ when that exceeds the largest double.
    static func millsRatioQuotient(_ z: Double, _ w: Double) -> Double {
        func logR(_ x: Double) -> Double {
            x > 0 ? NormalDistribution.logDensity(x) - NormalDistribution.logCDF(x) : log(NormalDistribution.inverseMillsRatio(x))
        }
        return exp(logR(z) - logR(w))
    }

    /// Predictions from per-unit μ* and σ* (for panels: u_it = η_it u_i with the firm's μ*, σ*
    /// and the scale η_it, Battese & Coelli 1992, eq. 5).
    init(conditionalMean m: [Double], conditionalStandardDeviation s: [Double], scale: [Double]? = nil) {
        precondition(m.count == s.count)
        let n = m.count
        conditionalMean = m
        conditionalStandardDeviation = s
        self.scale = scale
        var u = [Double](repeating: 0, count: n)
        var te = u, teInv = u, teJ = u
        u.withUnsafeMutableBufferPointer { u in
            te.withUnsafeMutableBufferPointer { te in
                teInv.withUnsafeMutableBufferPointer { teInv in
                    teJ.withUnsafeMutableBufferPointer { teJ in
                        // Units are independent: fixed chunks, concurrently on large samples
                        // (each chunk writes only its own units, so the result does not depend
                        // on the thread count).
                        let out = UncheckedSendable((u, te, teInv, teJ))
                        let chunk = 65_536
                        let chunks = (n + chunk - 1) / chunk
                        let body: @Sendable (Int) -> Void = { c in
                            let (u, te, teInv, teJ) = out.value
                            for i in (c * chunk)..<min(n, (c + 1) * chunk) {
                                let sd = s[i], z = m[i] / sd
                                let eta = scale?[i] ?? 1
                                let lz: Double
                                if z >= -4 {
                                    let (l, r) = NormalDistribution.logCDFAndInverseMillsRatio(z)
                                    lz = l
                                    u[i] = eta * sd * (z + r)
                                } else {
                                    lz = NormalDistribution.logCDF(z)
                                    u[i] = eta * sd * NormalDistribution.truncatedMean(z)
                                }
                                teJ[i] = exp(-u[i])
                                let es = eta * sd
                                // The textbook forms add exponents of order (η σ*)²; when they are
                                // large (data in levels, not logs) they cancel catastrophically and
                                // give "efficiencies" of 1e55. Then use the exact rearrangement
                                // E[exp(∓u)|ε] = r(z)/r(z ∓ ησ*) with r = φ/Φ, which has no large terms.
                                let direct = 0.5 * es * es + abs(eta * m[i]) <= Self.directExponentLimit
                                let a = direct ? exp(NormalDistribution.logCDF(z - es) - lz - eta * m[i] + 0.5 * es * es) : .nan
                                te[i] = a > 0 && a <= 1 ? a : Self.millsRatioQuotient(z, z - es)
                                let b = direct ? exp(NormalDistribution.logCDF(z + es) - lz + eta * m[i] + 0.5 * es * es) : .nan
                                teInv[i] = b >= 1 && b.isFinite ? b : Self.millsRatioQuotient(z, z + es)
                            }
                        }
                        if chunks > 1 {
                            DispatchQueue.concurrentPerform(iterations: chunks, execute: body)
                        } else if n > 0 {
                            body(0)
                        }
                    }
                }
            }
        }
        jlms = u
        jlmsEfficiency = teJ
        batteseCoelli = te
        batteseCoelliInverse = teInv
    }
}
