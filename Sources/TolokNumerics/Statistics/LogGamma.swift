import Foundation

/// Special functions used by the distribution functions of this module.
public enum SpecialFunctions {
    /// ln Γ(x) for x > 0 (NaN for x ≤ 0 or NaN; +∞ for x = +∞).
    ///
    /// For x ≥ 10, Stirling's asymptotic series
    ///
    ///     ln Γ(x) = (x − ½) ln x − x + ½ ln 2π + Σₖ B₂ₖ / (2k(2k − 1) x^(2k−1)),
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
            // ln Γ(x) = ln Γ(x + k) − ln Π_{i<k} (x + i); the product stays in range for x > 0
            // (for x below ~1e-300 it is ~x, and ln of it is taken directly).
            var product = 1.0
            while z < 10 {
                product *= z
                z += 1
            }
            shift = log(product)
        }
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
        let series = (c1 + w * (c2 + w * (c3 + w * (c4 + w * (c5 + w * (c6 + w * (c7 + w * c8))))))) / z
        let halfLogTwoPi = 0.918_938_533_204_672_741_78
        return (z - 0.5) * log(z) - z + halfLogTwoPi + series - shift
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), for a, b > 0.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        logGamma(a) + logGamma(b) - logGamma(a + b)
    }
}
