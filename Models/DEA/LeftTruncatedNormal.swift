import Foundation
import TolokNumerics

/// Draws from N(0, σ²) left-truncated at a (the error εᵢ ≥ 1 − zᵢβ of Simar & Wilson
/// 2007), by inversion with one uniform u ∈ (0, 1]:
///
///     P(ε > e) = Φ(−e/σ)/Φ(−a/σ) = u   ⇒   e = −σ Φ⁻¹(u · Φ(−a/σ)),
///
/// evaluated on the log scale, Φ⁻¹ of exp(ln u + ln Φ(−a/σ)) (``NormalDistribution/quantile(logProbability:)``),
/// so it stays exact far in either tail (a/σ = 40 gives e ≈ a, never ∞ or NaN). u = 1 gives e = a.
public enum LeftTruncatedNormal {
    public static func draw(truncation a: Double, sigma: Double, using rng: inout SeededGenerator) -> Double {
        let u = 1 - rng.uniform()   // (0, 1]
        let lp = log(u) + NormalDistribution.logCDF(-a / sigma)
        let e = -sigma * NormalDistribution.quantile(logProbability: min(0, lp))
        // Rounding in Φ⁻¹ may land an ulp below the truncation point.
        return max(a, e)
    }
}
