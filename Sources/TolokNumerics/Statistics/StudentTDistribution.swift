import Foundation

/// Student's t distribution with ν degrees of freedom.
///
/// The tail probabilities come from the regularised incomplete beta function
/// (Abramowitz & Stegun 26.7.1 and 26.5.27):
///
///     P(|T| > |t|) = I_{ν/(ν + t²)}(ν/2, ½).
public enum StudentT {
    /// The two-sided p value P(|T| ≥ |t|) for T ~ t(ν). NaN for ν ≤ 0 or NaN input;
    /// ν = +∞ gives the standard normal value erfc(|t|/√2).
    public static func twoSidedPValue(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        tails(t, nu).twoSided
    }

    /// The distribution function P(T ≤ t).
    public static func cdf(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        let (p, q) = tails(t, nu)
        if p.isNaN { return .nan }
        return t < 0 ? 0.5 * p : 0.5 + 0.5 * q
    }

    /// The upper tail P(T > t) (= cdf(−t) by symmetry, computed without cancellation).
    public static func survival(_ t: Double, degreesOfFreedom nu: Double) -> Double {
        cdf(-t, degreesOfFreedom: nu)
    }

    /// (P(|T| ≥ |t|), P(|T| < |t|)).
    private static func tails(_ t: Double, _ nu: Double) -> (twoSided: Double, inner: Double) {
        guard nu > 0, !t.isNaN, !nu.isNaN else { return (.nan, .nan) }
        if t.isInfinite { return (0, 1) }
        if nu == .infinity {
            let p = erfc(abs(t) / 2.0.squareRoot())
            return (p, erf(abs(t) / 2.0.squareRoot()))
        }
        // x = ν/(ν + t²) = 1/(1 + u²), 1 − x = u²/(1 + u²), u = t/√ν (no cancellation).
        let u = t / nu.squareRoot()
        let u2 = u * u
        let x = u2.isInfinite ? 0 : 1 / (1 + u2)
        let y = u2.isInfinite ? 1 : u2 / (1 + u2)
        // ln x = −log1p(u²), ln(1 − x) = 2 ln|u| − log1p(u²).
        let l1p = u2.isInfinite ? Double.infinity : log1p(u2)
        let logX = -l1p
        let logY = u2.isInfinite ? 0 : 2 * log(abs(u)) - l1p
        let (lower, upper) = SpecialFunctions.regularizedIncompleteBeta(
            a: nu / 2, b: 0.5, x: x, oneMinusX: y, logX: logX, logOneMinusX: logY)
        return (lower, upper)
    }
}
