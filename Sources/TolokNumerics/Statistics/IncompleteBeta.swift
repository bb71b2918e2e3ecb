import Foundation

extension SpecialFunctions {
    /// The regularised incomplete beta function and its complement,
    ///
    ///     I_x(a, b) = (1 / B(a, b)) ∫₀ˣ t^(a−1) (1 − t)^(b−1) dt,   1 − I_x(a, b) = I_{1−x}(b, a),
    ///
    /// for a, b > 0 and 0 ≤ x ≤ 1. Both values are returned, each computed without
    /// cancellation, so that tiny upper-tail probabilities (p values) keep their relative
    /// accuracy. The caller passes x and y = 1 − x separately (pass an exactly computed y
    /// when x is close to 1).
    ///
    /// Method: the continued fraction (Abramowitz & Stegun 26.5.8; DLMF 8.17.22)
    ///
    ///     I_x(a, b) = x^a (1 − x)^b / (a B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + ⋯))),
    ///     d₂ₖ₊₁ = −(a + k)(a + b + k) x / ((a + 2k)(a + 2k + 1)),
    ///     d₂ₖ   = k (b − k) x / ((a + 2k − 1)(a + 2k)),
    ///
    /// which converges fast for x < (a + 1)/(a + b + 2); otherwise the symmetry
    /// I_x(a, b) = 1 − I_{1−x}(b, a) is used and the fraction is evaluated for the complement.
    /// The fraction is evaluated forwards by the modified Lentz algorithm (W. J. Lentz,
    /// Applied Optics 15 (1976) 668–671; Thompson & Barnett, J. Comput. Phys. 64 (1986)
    /// 490–509), as described in Press et al., *Numerical Recipes* (3rd ed.), §6.4 and §5.2.
    ///
    /// - Returns: (I_x(a, b), 1 − I_x(a, b)); (NaN, NaN) for arguments out of range.
    public static func regularizedIncompleteBeta(
        a: Double, b: Double, x: Double, oneMinusX y: Double
    ) -> (lower: Double, upper: Double) {
        guard a > 0, b > 0, x >= 0, y >= 0, a.isFinite, b.isFinite,
              abs(x + y - 1) <= 1e-12 else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        let logFront = a * log(x) + b * log(y) - logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            let lower = exp(logFront) * continuedFraction(a: a, b: b, x: x) / a
            return (lower, 1 - lower)
        } else {
            let upper = exp(logFront) * continuedFraction(a: b, b: a, x: y) / b
            return (1 - upper, upper)
        }
    }

    /// I_x(a, b) for a, b > 0, 0 ≤ x ≤ 1 (NaN otherwise). See
    /// ``regularizedIncompleteBeta(a:b:x:oneMinusX:)`` for the method and for the complement.
    public static func regularizedIncompleteBeta(a: Double, b: Double, x: Double) -> Double {
        regularizedIncompleteBeta(a: a, b: b, x: x, oneMinusX: 1 - x).lower
    }

    /// 1/(1 + d₁/(1 + d₂/(1 + ⋯))) by the modified Lentz method.
    private static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let eps = Double.ulpOfOne
        // After the first level: f = 1/(1 + d₁), with Lentz's C = 1, D = 1/(1 + d₁).
        var d = 1 + (-(a + b) * x / (a + 1))
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var c = 1.0
        var f = d
        var k = 1.0
        while k < 100_000 {
            // Even term d₂ₖ.
            let even = k * (b - k) * x / ((a + 2 * k - 1) * (a + 2 * k))
            d = 1 + even * d
            if abs(d) < tiny { d = tiny }
            c = 1 + even / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            f *= c * d
            // Odd term d₂ₖ₊₁.
            let odd = -(a + k) * (a + b + k) * x / ((a + 2 * k) * (a + 2 * k + 1))
            d = 1 + odd * d
            if abs(d) < tiny { d = tiny }
            c = 1 + odd / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = c * d
            f *= delta
            if abs(delta - 1) <= eps { break }
            k += 1
        }
        return f
    }
}
