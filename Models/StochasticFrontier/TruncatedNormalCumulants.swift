import Foundation
import TolokNumerics

/// The first four cumulants of the standardised truncated normal Y ~ N(Λ, 1) truncated to
/// (0, ∞), as functions of Λ — the building blocks of the moments of u ~ N⁺(μ, σ²)
/// (u = σY with Λ = μ/σ) and of their derivatives (Wang 2002; docs/FRONTIER.md, "Marginal
/// effects of inefficiency determinants").
///
/// The cumulant generating function of Y is ln Φ(Λ + s) − ln Φ(Λ) + Λs + s²/2, so with the
/// inverse Mills ratio m = φ(Λ)/Φ(Λ) and m′ = −m(Λ + m):
///
///     κ₁ = E Y = Λ + m,   κ₂ = Var Y = 1 + m′ = 1 − Λm − m²,
///     κ₃ = m″ = m(κ₁² − κ₂),   κ₄ = m‴ = m(3κ₁κ₂ − κ₁³ − κ₃),
///
/// and dκⱼ/dΛ = κⱼ₊₁ (each is a derivative of ln Φ). For Λ ≥ −3 these closed forms lose at
/// most ~1e-11 relative (κ₄ at Λ = −3). Below, they cancel catastrophically (κ₄ ≈ 6/|Λ|⁴ is a
/// difference of terms of order |Λ|⁴; at Λ = −20 the closed form has no correct digit), so
/// there the cumulants come from ln Φ(Λ) = ln φ(Λ) − ln K₁(x), x = −Λ, where
/// K₁(x) = 1/R(x) is the reciprocal of Mills' ratio by Laplace's continued fraction
/// K_s = x + s/K_{s+1} (Abramowitz & Stegun 26.2.14), evaluated backwards from depth N in
/// truncated Taylor arithmetic in x (value and four derivatives). With L = ln K₁:
/// κ₁ = L′(x), κ₂ = −L″, κ₃ = L‴, κ₄ = −L⁗ — sums without cancellation. Depth 80 for
/// x ≤ 6 and 32 beyond keep every κⱼ within 1.1e-15 relative of a 60-digit reference on
/// Λ ∈ [−10⁵, −3] (mpmath; scripts/peers/truncated-normal-cumulants.py).
public enum TruncatedNormalCumulants {
    /// Below this Λ the continued-fraction route replaces the closed forms.
    static let tailSwitch = -3.0

    /// (κ₁, κ₂, κ₃, κ₄) of N(Λ, 1) truncated to (0, ∞); NaN for a NaN or infinite Λ.
    public static func of(_ lambda: Double) -> (k1: Double, k2: Double, k3: Double, k4: Double) {
        guard lambda.isFinite else { return (.nan, .nan, .nan, .nan) }
        if lambda >= tailSwitch {
            let m = NormalDistribution.inverseMillsRatio(lambda)
            let k1 = lambda + m
            let k2 = 1 - m * k1
            let k3 = m * (k1 * k1 - k2)
            let k4 = m * (3 * k1 * k2 - k1 * k1 * k1 - k3)
            return (k1, k2, k3, k4)
        }
        return tail(-lambda)
    }

    /// A truncated Taylor series a₀ + a₁e + … + a₄e⁴ (coefficients, not derivatives).
    struct Jet {
        var a0, a1, a2, a3, a4: Double

        /// 1/self.
        var reciprocal: Jet {
            let r0 = 1 / a0
            let r1 = -(a1 * r0) * r0
            let r2 = -(a1 * r1 + a2 * r0) * r0
            let r3 = -(a1 * r2 + a2 * r1 + a3 * r0) * r0
            let r4 = -(a1 * r3 + a2 * r2 + a3 * r1 + a4 * r0) * r0
            return Jet(a0: r0, a1: r1, a2: r2, a3: r3, a4: r4)
        }

        /// ln self, for a positive a₀ (g′ = a′/a term by term).
        var logarithm: Jet {
            let g1 = a1 / a0
            let g2 = (a2 - 0.5 * g1 * a1) / a0
            let g3 = (a3 - (g1 * a2 + 2 * g2 * a1) / 3) / a0
            let g4 = (a4 - (g1 * a3 + 2 * g2 * a2 + 3 * g3 * a1) / 4) / a0
            return Jet(a0: log(a0), a1: g1, a2: g2, a3: g3, a4: g4)
        }
    }

    /// The cumulants at Λ = −x, x > 3, from the Taylor jet of ln K₁(x).
    static func tail(_ x: Double) -> (k1: Double, k2: Double, k3: Double, k4: Double) {
        let depth = x <= 6 ? 80 : 32
        // K_N by the fixed point of K = x + N/K; its derivative (1 + x/r)/2 is that of the fixed point.
        let n = Double(depth)
        let r = x > 1e100 ? x : (x * x + 4 * n).squareRoot()
        var k = Jet(a0: 0.5 * (x + r), a1: 0.5 * (1 + x / r), a2: 0, a3: 0, a4: 0)
        for s in stride(from: depth - 1, through: 1, by: -1) {
            let q = k.reciprocal
            let c = Double(s)
            k = Jet(a0: x + c * q.a0, a1: 1 + c * q.a1, a2: c * q.a2, a3: c * q.a3, a4: c * q.a4)
        }
        let l = k.logarithm
        // Derivatives j!·aⱼ; odd orders change sign with dΛ = −dx.
        return (l.a1, -2 * l.a2, 6 * l.a3, -24 * l.a4)
    }
}
