import Foundation

extension NormalDistribution {
    /// The standard normal quantile Φ⁻¹(p) for p in (0, 1); −∞ at 0, +∞ at 1, NaN outside.
    ///
    /// A rational starting value (Acklam's approximation, relative error about 1e-9) refined by
    /// Newton steps on Φ itself (``cdf(_:)`` keeps full relative accuracy in the lower tail), so
    /// the result is the double nearest the root to a few ulps: Φ⁻¹(0.975) = 1.959963984540054.
    public static func quantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        // Symmetry keeps the upper half accurate: Φ⁻¹(p) = −Φ⁻¹(1 − p), refined on the lower tail.
        if p > 0.5 { return -quantile(1 - p) }
        return quantile(logProbability: log(p))
    }

    /// Φ⁻¹(exp(lp)) for lp ≤ ln ½, valid also where exp(lp) underflows (lp = −1000 gives −44.7):
    /// Newton's method on ln Φ(x) = lp, whose derivative is the inverse Mills ratio φ(x)/Φ(x).
    public static func quantile(logProbability lp: Double) -> Double {
        if lp.isNaN || lp > 0 { return .nan }
        if lp == -.infinity { return -.infinity }
        if lp > log(0.5) { return -quantile(-expm1(lp)) }
        var x = startingValue(logProbability: lp)
        for _ in 0..<60 {
            let step = (logCDF(x) - lp) / inverseMillsRatio(x)
            x -= step
            if abs(step) <= 4 * Double.ulpOfOne * max(1, abs(x)) { break }
        }
        return x
    }

    /// A start within about 1e-9 (relative) of Φ⁻¹: Acklam's rational approximations on
    /// (0.02425, 0.5] and below, and the leading tail asymptotics where exp(lp) underflows.
    static func startingValue(logProbability lp: Double) -> Double {
        if lp < -700 {
            // Φ(x) ≈ φ(x)/(−x): x² ≈ −2 lp − ln(−2 lp) − ln 2π.
            let t = -2 * lp
            return -(t - log(t) - log(2 * Double.pi)).squareRoot()
        }
        let p = exp(lp)
        if p < 0.02425 {
            let q = (-2 * lp).squareRoot()
            let num = ((((-7.784894002430293e-03 * q - 3.223964580411365e-01) * q - 2.400758277161838e+00) * q
                - 2.549732539343734e+00) * q + 4.374664141464968e+00) * q + 2.938163982698783e+00
            let den = (((7.784695709041462e-03 * q + 3.224671290700398e-01) * q + 2.445134137142996e+00) * q
                + 3.754408661907416e+00) * q + 1
            return num / den
        }
        let q = p - 0.5, r = q * q
        let num = (((((-3.969683028665376e+01 * r + 2.209460984245205e+02) * r - 2.759285104469687e+02) * r
            + 1.383577518672690e+02) * r - 3.066479806614716e+01) * r + 2.506628277459239e+00) * q
        let den = ((((-5.447609879822406e+01 * r + 1.615858368580409e+02) * r - 1.556989798598866e+02) * r
            + 6.680131188771972e+01) * r - 1.328068155288572e+01) * r + 1
        return num / den
    }
}
