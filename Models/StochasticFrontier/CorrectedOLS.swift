import Foundation

/// Deterministic and moment-corrected OLS frontiers from the OLS residuals e_j of a log
/// production (S = +1) or cost (S = −1) function.
///
/// **COLS** (corrected OLS; Winsten 1957, in the discussion of Farrell, JRSS A 120, 282–284;
/// Greene 1980, J. Econometrics 13, 27–56): shift the OLS line by the largest residual in the
/// frontier's direction so that it bounds the data,
///
///     û_j = max_i(S·e_i) − S·e_j ≥ 0,   efficiency_j = exp(−û_j)
///
/// (= exp(e_j − max e) for a production frontier).
///
/// **MOLS** (modified OLS; Afriat 1972; Richmond 1974, Int. Econ. Rev. 15, 515–521; Olson,
/// Schmidt & Waldman 1980, J. Econometrics 13, 67–82): with ε = v − S·u, v ~ N(0, σ_v²),
/// u ~ N⁺(0, σ_u²), the central moments of ε are
///
///     m₂ = σ_v² + (1 − 2/π)σ_u²,   m₃ = −S·√(2/π)(4/π − 1)σ_u³,
///
/// so σ̂_u = [−S·m₃ / (√(2/π)(4/π − 1))]^{1/3}, σ̂_v² = m₂ − (1 − 2/π)σ̂_u², and the OLS
/// intercept is shifted by E[u] = σ̂_u√(2/π):
///
///     û_j = E[u] − S·e_j,   efficiency_j = exp(−û_j)
///
/// (= exp(e_j − E[u]) for a production frontier). Units with S·e_j > E[u] get an efficiency
/// above 1 — MOLS does not bound the data. When S·m₃ ≥ 0 the residuals are skewed the wrong
/// way (Waldman 1982): σ̂_u would be 0 or imaginary, and the MOLS efficiencies are missing.
/// When σ̂_v² < 0 ("type II failure", Waldman 1982) σ̂_v is missing; the MOLS shift is still
/// defined.
///
/// The exp(−û) efficiencies presume y is a logarithm (of output or cost).
public struct CorrectedOLS: Sendable {
    /// S: +1 production, −1 cost.
    let sign: Double
    /// m₂ = Σ(e − ē)²/n, m₃ = Σ(e − ē)³/n.
    let secondMoment: Double
    public let thirdMoment: Double
    /// m₃/m₂^{3/2}.
    public var skewness: Double { thirdMoment / pow(secondMoment, 1.5) }
    /// S·m₃ ≥ 0.
    public let wrongSkew: Bool
    /// max_i(S·e_i): the COLS intercept shift (in the direction S).
    public let colsShift: Double
    public let colsEfficiency: [Double]
    /// σ̂_u, σ̂_v and E[u] = σ̂_u√(2/π) by the method of moments (nil under wrong skew;
    /// σ̂_v nil when σ̂_v² < 0).
    public let sigmaU: Double?
    public let sigmaV: Double?
    public let expectedU: Double?
    /// nil under wrong skew.
    public let molsEfficiency: [Double]?

    /// The corrections for the OLS residuals `e` of a `frontier` (S = `frontier.sign`).
    public init(residuals e: [Double], frontier: FrontierType) {
        let sign = frontier.sign
        self.sign = sign
        let n = Double(e.count)
        let mean = e.reduce(0, +) / n
        var s2 = 0.0, s3 = 0.0
        for r in e {
            let c = r - mean
            s2 += c * c
            s3 += c * c * c
        }
        secondMoment = s2 / n
        thirdMoment = s3 / n
        let top = e.map { sign * $0 }.max() ?? .nan
        colsShift = top
        colsEfficiency = e.map { Foundation.exp(sign * $0 - top) }
        wrongSkew = !(sign * thirdMoment < 0)
        if wrongSkew {
            sigmaU = nil; sigmaV = nil; expectedU = nil; molsEfficiency = nil
        } else {
            let c = (2 / Double.pi).squareRoot() * (4 / Double.pi - 1)
            let su = cbrt(-sign * thirdMoment / c)
            let v2 = secondMoment - (1 - 2 / Double.pi) * su * su
            let eu = su * (2 / Double.pi).squareRoot()
            sigmaU = su
            sigmaV = v2 > 0 ? v2.squareRoot() : nil
            expectedU = eu
            molsEfficiency = e.map { Foundation.exp(sign * $0 - eu) }
        }
    }

    /// Units whose MOLS efficiency exceeds 1.
    public var molsAboveOne: Int { molsEfficiency?.filter { $0 > 1 }.count ?? 0 }
}
