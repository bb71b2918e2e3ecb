#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The χ² distribution with an integer number of degrees of freedom.
///
/// The upper tail uses the closed forms (Abramowitz & Stegun 26.4.4–26.4.5):
/// Q(x; 1) = erfc(√(x/2)), Q(x; 2) = e^{−x/2}, and the recursion
/// Q(x; k + 2) = Q(x; k) + (x/2)^{k/2} e^{−x/2} / Γ(k/2 + 1).
public enum ChiSquaredDistribution {
    /// P(χ²_k > x). `degreesOfFreedom == 0` is the point mass at 0 (returns 0 for x > 0).
    public static func survival(_ x: Double, degreesOfFreedom k: Int) -> Double {
        precondition(k >= 0, "degrees of freedom must be non-negative")
        if x.isNaN { return .nan }
        if x <= 0 { return 1 }
        if k == 0 { return 0 }
        let half = 0.5 * x
        var q: Double
        var term: Double   // (x/2)^{j/2} e^{−x/2} / Γ(j/2 + 1) for the current j
        var j: Int
        if k % 2 == 1 {
            q = erfc(half.squareRoot())
            // j = 1: (x/2)^{1/2} e^{−x/2} / Γ(3/2), Γ(3/2) = √π/2.
            term = half.squareRoot() * exp(-half) / (0.5 * Double.pi.squareRoot())
            j = 1
        } else {
            q = exp(-half)
            term = half * exp(-half)  // j = 2: (x/2) e^{−x/2} / Γ(2)
            j = 2
        }
        while j < k {
            q += term
            // term_{j+2} = term_j · (x/2) / (j/2 + 1)
            term *= half / (Double(j) / 2 + 1)
            j += 2
        }
        return min(1, q)
    }
}
