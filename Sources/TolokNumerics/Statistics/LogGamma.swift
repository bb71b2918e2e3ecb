import Foundation

/// Special functions used by the distribution functions of this module.
public enum SpecialFunctions {
    /// ½ ln 2π.
    static let halfLogTwoPi = 0.918_938_533_204_672_741_78

    /// ln Γ(x) for x > 0 (NaN for x ≤ 0 or NaN; +∞ for x = +∞).
    ///
    /// For x ≥ 10, Stirling's asymptotic series
    ///
    ///     ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + δ(x),
    ///     δ(x) = Σₖ B₂ₖ / (2k(2k − 1) x^(2k−1)),
    ///
    /// summed through B₁₆ (the first omitted term is below 2·10⁻¹⁸ at x = 10); for x < 10 the
    /// recurrence Γ(x) = Γ(x + k) / (x(x + 1)⋯(x + k − 1)) moves the argument above 10.
    /// The absolute error is a few ulps of max(1, |ln Γ(x)|).
    /// Reference: Abramowitz & Stegun, *Handbook of Mathematical Functions*, 6.1.40 and 6.1.15;
    /// DLMF 5.11.1.
    public static func logGamma(_ x: Double) -> Double {
        guard x > 0 else { return .nan }
        if x == .infinity { return .infinity }
        var z = x
        var shift = 0.0
        if z < 10 {
            // ln Γ(x) = ln Γ(x + k) − ln Π_{i<k} (x + i); the product cannot overflow or
            // underflow for x > 0 (it lies between x and 10!·10).
            var product = 1.0
            while z < 10 {
                product *= z
                z += 1
            }
            shift = log(product)
        }
        return (z - 0.5) * log(z) - z + halfLogTwoPi + stirlingCorrection(z) - shift
    }

    /// δ(x) = ln Γ(x) − [(x − ½) ln x − x + ½ ln 2π] for x ≥ 10 (Stirling series through B₁₆).
    static func stirlingCorrection(_ z: Double) -> Double {
        // Coefficients B₂ₖ / (2k(2k − 1)), k = 1…8.
        let c1 = 1.0 / 12.0
        let c2 = -1.0 / 360.0
        let c3 = 1.0 / 1260.0
        let c4 = -1.0 / 1680.0
        let c5 = 1.0 / 1188.0
        let c6 = -691.0 / 360360.0
        let c7 = 1.0 / 156.0
        let c8 = -3617.0 / 122400.0
        let w = 1 / (z * z)
        return (c1 + w * (c2 + w * (c3 + w * (c4 + w * (c5 + w * (c6 + w * (c7 + w * c8))))))) / z
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
    ///
    /// When an argument is large the three ln Γ values are large and nearly cancel, so the
    /// Stirling forms are combined analytically first (with p = min(a, b), q = max(a, b)):
    ///
    ///     p, q ≥ 10:  ln B = ½ ln 2π − ½ ln q − (p − ½) log1p(q/p) − q log1p(p/q)
    ///                        + δ(p) + δ(q) − δ(p + q),
    ///     q ≥ 10 > p: ln B = ln Γ(p) − (q − ½) log1p(p/q) − p ln(p + q) + p + δ(q) − δ(p + q),
    ///
    /// (substitute ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + δ(x) and use
    /// ln(p/(p + q)) = −log1p(q/p)), keeping the absolute error near ε even for arguments of
    /// order 10⁶ (t tests on large samples).
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0 else { return .nan }
        let p = min(a, b), q = max(a, b)
        if p >= 10 {
            let s = p + q
            return halfLogTwoPi - 0.5 * log(q) - (p - 0.5) * log1p(q / p) - q * log1p(p / q)
                + stirlingCorrection(p) + stirlingCorrection(q) - stirlingCorrection(s)
        }
        if q >= 10 {
            let s = p + q
            return logGamma(p) - (q - 0.5) * log1p(p / q) - p * log(s) + p
                + stirlingCorrection(q) - stirlingCorrection(s)
        }
        return logGamma(p) + logGamma(q) - logGamma(p + q)
    }
}
