import Foundation

/// Snedecor's F distribution with d₁ (numerator) and d₂ (denominator) degrees of freedom.
///
/// Tail probabilities from the regularised incomplete beta function
/// (Abramowitz & Stegun 26.6.2 and 26.5.2):
///
///     P(F ≤ f) = I_{d₁f/(d₁f + d₂)}(d₁/2, d₂/2),   P(F > f) = I_{d₂/(d₂ + d₁f)}(d₂/2, d₁/2).
public enum FDistribution {
    /// The upper tail P(F > f), the p value of an F test. 1 for f ≤ 0, 0 for f = +∞,
    /// NaN for non-positive degrees of freedom or NaN input.
    public static func survival(_ f: Double, numeratorDegreesOfFreedom d1: Double,
                                denominatorDegreesOfFreedom d2: Double) -> Double {
        tails(f, d1, d2).upper
    }

    /// The distribution function P(F ≤ f).
    public static func cdf(_ f: Double, numeratorDegreesOfFreedom d1: Double,
                           denominatorDegreesOfFreedom d2: Double) -> Double {
        tails(f, d1, d2).lower
    }

    private static func tails(_ f: Double, _ d1: Double, _ d2: Double) -> (lower: Double, upper: Double) {
        guard d1 > 0, d2 > 0, d1.isFinite, d2.isFinite, !f.isNaN else { return (.nan, .nan) }
        if f <= 0 { return (0, 1) }
        if f == .infinity { return (1, 0) }
        // x = d₁f/(d₁f + d₂) and 1 − x = d₂/(d₁f + d₂), each formed directly.
        let v = d1 * f / d2
        let x = v.isInfinite ? 1 : v / (1 + v)
        let y = v.isInfinite ? 0 : 1 / (1 + v)
        // ln x = ln v − log1p(v), ln(1 − x) = −log1p(v).
        let l1p = v.isInfinite ? Double.infinity : log1p(v)
        let logX = v.isInfinite ? 0 : log(v) - l1p
        return SpecialFunctions.regularizedIncompleteBeta(
            a: d1 / 2, b: d2 / 2, x: x, oneMinusX: y, logX: logX, logOneMinusX: -l1p)
    }
}
