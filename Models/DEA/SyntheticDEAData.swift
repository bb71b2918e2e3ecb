import Foundation
import TolokNumerics

/// Seeded synthetic DEA data, for tests and benchmarks: a Cobb-Douglas technology with
/// half-normal inefficiency, as in `shared/peers/gen_dea.py` (same model, Tolok's own generator):
///
///     xᵢⱼ ~ U(10, 100),  Qⱼ = Πᵢ xᵢⱼ^(0.8/m),  uⱼ ~ |N(0, 0.3²)|,
///     yᵣⱼ = Qⱼ e^(−uⱼ) wᵣⱼ  with  wⱼ = |zⱼ| / ‖zⱼ‖,  zⱼ ~ N(0, Iₛ) (+1e-3 to keep outputs positive).
public enum SyntheticDEAData {
    /// `inputs[i][j]`, `outputs[r][j]`.
    public static func cobbDouglas(units n: Int, inputs m: Int, outputs s: Int, seed: UInt64) -> (inputs: [[Double]], outputs: [[Double]]) {
        var rng = SeededGenerator(seed: seed)
        var x = [[Double]](repeating: [Double](repeating: 0, count: n), count: m)
        var y = [[Double]](repeating: [Double](repeating: 0, count: n), count: s)
        let a = 0.8 / Double(m)
        for j in 0..<n {
            var logQ = 0.0
            for i in 0..<m {
                x[i][j] = 10 + 90 * rng.uniform()
                logQ += a * log(x[i][j])
            }
            let u = abs(rng.normal()) * 0.3
            var z = (0..<s).map { _ in abs(rng.normal()) + 1e-3 }
            let norm = z.map { $0 * $0 }.reduce(0, +).squareRoot()
            z = z.map { $0 / norm }
            for r in 0..<s { y[r][j] = exp(logQ - u) * z[r] }
        }
        return (x, y)
    }
}
