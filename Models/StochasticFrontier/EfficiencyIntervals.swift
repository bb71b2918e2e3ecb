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

    /// The p-quantile of N⁺(μ, σ²) (the distribution of u | ε), p in (0, 1).
    static func truncatedNormalQuantile(_ p: Double, mean mu: Double, sd sigma: Double) -> Double {
        let lq = log1p(-p) + NormalDistribution.logCDF(mu / sigma)
        return max(0, mu - sigma * NormalDistribution.quantile(logProbability: lq))
    }

    init(_ e: FrontierEfficiencies, level: Double) {
        precondition(level > 0 && level < 1)
        self.level = level
        let alpha = 1 - level
        let n = e.conditionalMean.count
        var lo = [Double](repeating: .nan, count: n), hi = lo, mode = lo
        for i in 0..<n {
            let m = e.conditionalMean[i], s = e.conditionalStandardDeviation[i], eta = e.scale?[i] ?? 1
            guard m.isFinite, s.isFinite, s > 0, eta.isFinite, eta > 0 else { continue }
            lo[i] = eta * Self.truncatedNormalQuantile(alpha / 2, mean: m, sd: s)
            hi[i] = eta * Self.truncatedNormalQuantile(1 - alpha / 2, mean: m, sd: s)
            mode[i] = eta * max(m, 0)
        }
        uLower = lo
        uUpper = hi
        uMode = mode
    }
}

extension FrontierEfficiencies {
    /// The Horrace–Schmidt intervals at `level` and the conditional modes.
    public func intervals(level: Double) -> EfficiencyIntervals { EfficiencyIntervals(self, level: level) }
}
