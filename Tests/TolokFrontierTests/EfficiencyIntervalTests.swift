import Foundation
import Testing
import TolokCore
import TolokNumerics
import TolokTestSupport
@testable import TolokFrontierModel
@testable import TolokFrontier

/// Horrace–Schmidt intervals and the conditional mode of u | ε (`--level`; docs/FRONTIER.md,
/// "Efficiency intervals").
@Suite struct EfficiencyIntervalTests {
    /// R's summary(): min, type-7 quartiles, median, mean, max.
    static func summary(_ v: [Double]) -> [Double] {
        let s = v.sorted()
        func q(_ p: Double) -> Double {
            let h = Double(s.count - 1) * p, lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
            return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
        }
        return [s[0], q(0.25), q(0.5), s.reduce(0, +) / Double(s.count), q(0.75), s[s.count - 1]]
    }

    /// Every statistic sfaR 1.0.1 prints (3 decimals) for the two utility models with unit-level
    /// bounds: ours rounded to 3 decimals may differ by at most one unit of the last printed digit
    /// (the two fits agree to about 1e-5 in the coefficients, not exactly).
    @Test(arguments: ["halfnormal-uhet_regu-cost-cobbdouglas-log", "truncnormal-muhet_regu-cost-cobbdouglas-log"])
    func summariesMatchSfaR(_ model: String) throws {
        let entry = try #require(try Reference.models("sfaR_utility_efficiencies.expected.json").first { ($0["model"] as? String) == model })
        let arguments = try #require(entry["tolok"] as? [String])
        let summaries = try #require(entry["summaries"] as? [String: [NSNumber]])
        #expect(summaries.count == 8)
        let r = try PluginHarness.run("sfa", csvText: try SFAPluginTests.utilityCSV(), arguments)
        #expect(r.summaryValue("status")?.string == "converged")
        for (column, printed) in summaries {
            let ours = Self.summary(try r.column(column))
            #expect(ours.count == printed.count)
            for (k, (a, b)) in zip(ours, printed.map(\.doubleValue)).enumerated() {
                #expect(abs((a * 1000).rounded() / 1000 - b) <= 0.001 + 1e-12, "\(model) \(column) statistic \(k): \(a) vs sfaR \(b)")
            }
        }
    }

    /// The bounds are quantiles of N⁺(μ*, σ*²): P(u ≤ c_p) = p by the closed-form distribution
    /// function, in the tails too; a wider level contains a narrower one; the mode is max(μ*, 0).
    @Test func boundsAreQuantilesOfTheConditionalDistribution() {
        let mu: [Double] = [-40, -3, -0.2, 0, 0.3, 2, 25], sd: [Double] = [0.5, 1, 0.1, 0.4, 0.2, 1, 0.3]
        let e = FrontierEfficiencies(conditionalMean: mu, conditionalStandardDeviation: sd)
        let i95 = e.intervals(level: 0.95), i99 = e.intervals(level: 0.99)
        for k in mu.indices {
            let z = mu[k] / sd[k]
            // P(u ≤ c) = 1 − Φ((μ − c)/σ)/Φ(z), as 1 − exp(ln Φ(·) − ln Φ(z)).
            func cdf(_ c: Double) -> Double { -expm1(NormalDistribution.logCDF((mu[k] - c) / sd[k]) - NormalDistribution.logCDF(z)) }
            #expect(abs(cdf(i95.uLower[k]) - 0.025) < 1e-9, "unit \(k)")
            #expect(abs(cdf(i95.uUpper[k]) - 0.975) < 1e-9, "unit \(k)")
            #expect(i99.uLower[k] <= i95.uLower[k] && i95.uUpper[k] <= i99.uUpper[k])
            #expect(i95.uMode[k] == max(mu[k], 0))
            #expect(i95.efficiencyLower[k] == exp(-i95.uUpper[k]) && i95.efficiencyUpper[k] == exp(-i95.uLower[k]))
            #expect(i95.efficiencyLower[k] > 0 && i95.efficiencyUpper[k] <= 1)
        }
        // Far from the truncation point the interval is μ* ± 1.96 σ*.
        #expect(abs(i95.uLower[6] - (25 - 1.959963984540054 * 0.3)) < 1e-12)
        #expect(abs(i95.uUpper[6] - (25 + 1.959963984540054 * 0.3)) < 1e-12)
        // BC92: u_it = η_it u_i scales the bounds and the mode.
        let scaled = FrontierEfficiencies(conditionalMean: [0.3], conditionalStandardDeviation: [0.2], scale: [1.5]).intervals(level: 0.95)
        #expect(abs(scaled.uUpper[0] - 1.5 * i95.uUpper[4]) < 1e-15 && abs(scaled.uMode[0] - 0.45) < 1e-15)
    }

    @Test func levelOutsideTheUnitIntervalIsRefused() throws {
        for bad in ["1", "0", "95"] {
            #expect(throws: (any Error).self) {
                _ = try PluginHarness.run("sfa", csvText: try SFAPluginTests.utilityCSV(), ["--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost", "--level", bad])
            }
        }
        let r = try PluginHarness.run("sfa", csvText: try SFAPluginTests.utilityCSV(), ["--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost", "--level", "0.9"])
        #expect(r.notes.contains { $0.contains("90% interval of u given e") })
    }
}
