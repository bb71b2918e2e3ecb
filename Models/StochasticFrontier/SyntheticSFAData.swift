import TolokNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seeded synthetic stochastic-frontier data for tests and benchmarks (docs/PERFORMANCE.md,
/// "SFA"; the scipy peers of `tolok bench sfa --reference` generate the same model with numpy,
/// whose draws differ from those of Tolok's `SeededGenerator`):
///
///     ln x_k ~ N(0, 1), k = 1, 2, 3,
///     ln y = 1 + 0.4 ln x₁ + 0.3 ln x₂ + 0.2 ln x₃ + v − u,
///     v ~ N(0, 0.2²),  u ~ |N(0, 0.4²)|   (λ = σ_u/σ_v = 2),
///
/// the normal–half-normal production frontier of Aigner, Lovell & Schmidt (1977), eq. (1)–(2).
public enum SyntheticSFAData {
    /// β = (1, 0.4, 0.3, 0.2), intercept first.
    public static let beta = [1.0, 0.4, 0.3, 0.2]
    public static let sigmaV = 0.2
    public static let sigmaU = 0.4

    /// `logOutput` (n) and `logInputs` (n × 3, column-major, no constant column). Per unit the
    /// draws are taken in the order ln x₁, ln x₂, ln x₃, v, u.
    public static func halfNormalCobbDouglas(units n: Int, seed: UInt64) -> (logOutput: [Double], logInputs: Matrix) {
        var rng = SeededGenerator(seed: seed)
        var x = [Double](repeating: 0, count: 3 * n)
        var y = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var ly = beta[0]
            for k in 0..<3 {
                let v = rng.normal()
                x[i + k * n] = v
                ly += beta[k + 1] * v
            }
            let v = sigmaV * rng.normal()
            let u = abs(sigmaU * rng.normal())
            y[i] = ly + v - u
        }
        return (y, Matrix(rows: n, columns: 3, columnMajor: x)!)
    }
}
