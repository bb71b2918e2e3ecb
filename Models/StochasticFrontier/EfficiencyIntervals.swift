import Foundation
import TolokNumerics

/// Interval and modal predictions of each unit's inefficiency from u | ε ~ N⁺(μ*, σ*²)
/// (docs/FRONTIER.md, "Efficiency intervals").
///
/// With z = μ*/σ* and P(u ≤ c | ε) = 1 − [1 − Φ((c − μ*)/σ*)]/Φ(z), the p-quantile is
/// c_p = μ* − σ* Φ⁻¹((1 − p) Φ(z)), formed from ln Φ(z) so it stays finite in the tails.
/// * Horrace & Schmidt (1996): the (1 − α) interval of u is [c_{α/2}, c_{1−α/2}] and that of
///   the technical efficiency exp(−u) is [exp(−c_{1−α/2}), exp(−c_{α/2})];
/// * Jondrow et al. (1982): the conditional mode M(u|ε) = max(μ*, 0), and exp(−M) (sfaR's teMO).
/// For a BC92 panel u_it = η_it u_i, so every bound and the mode scale by η_it > 0.
public struct EfficiencyIntervals: Sendable, Equatable {
    /// The confidence level 1 − α, in (0, 1).
    public let level: Double
    /// c_{α/2} and c_{1−α/2} per unit.
    public let uLower: [Double]
    public let uUpper: [Double]
    /// max(μ*, 0) per unit (times η_it).
    public let uMode: [Double]

    /// exp(−c_{1−α/2}), exp(−c_{α/2}) and exp(−M): in (0, 1].
    public var efficiencyLower: [Double] { uUpper.map { exp(-$0) } }
    public var efficiencyUpper: [Double] { uLower.map { exp(-$0) } }
    public var efficiencyMode: [Double] { uMode.map { exp(-$0) } }

    /// The p-quantile of N⁺(μ, σ²) (the distribution of u | ε), p in (0, 1), given ln Φ(μ/σ)
    /// (shared by the two bounds of a unit).
    static func truncatedNormalQuantile(_ p: Double, mean mu: Double, sd sigma: Double, logCDFOfRatio lz: Double) -> Double {
        max(0, mu - sigma * NormalDistribution.quantile(logProbability: log1p(-p) + lz))
    }

    init(_ e: FrontierEfficiencies, level: Double) {
        precondition(level > 0 && level < 1)
        self.level = level
        let alpha = 1 - level
        let m = e.conditionalMean, s = e.conditionalStandardDeviation, scale = e.scale
        // Units are independent: fixed chunks, concurrently on large samples, concatenated in
        // order (the result does not depend on the thread count).
        let chunks = Parallel.ranges(m.count, size: 65_536)
        let parts = Parallel.map(chunks, workers: ProcessInfo.processInfo.activeProcessorCount) { _, range in
            var lo = [Double](repeating: .nan, count: range.count), hi = lo, mode = lo
            for (k, i) in range.enumerated() {
                let eta = scale?[i] ?? 1
                guard m[i].isFinite, s[i].isFinite, s[i] > 0, eta.isFinite, eta > 0 else { continue }
                let lz = NormalDistribution.logCDF(m[i] / s[i])
                lo[k] = eta * Self.truncatedNormalQuantile(alpha / 2, mean: m[i], sd: s[i], logCDFOfRatio: lz)
                hi[k] = eta * Self.truncatedNormalQuantile(1 - alpha / 2, mean: m[i], sd: s[i], logCDFOfRatio: lz)
                mode[k] = eta * max(m[i], 0)
            }
            return (lo, hi, mode)
        }
        uLower = parts.flatMap(\.0)
        uUpper = parts.flatMap(\.1)
        uMode = parts.flatMap(\.2)
    }
}

extension FrontierEfficiencies {
    /// The Horrace–Schmidt intervals at `level` and the conditional modes.
    public func intervals(level: Double) -> EfficiencyIntervals { EfficiencyIntervals(self, level: level) }
}
