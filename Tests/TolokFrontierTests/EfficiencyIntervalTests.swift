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
        let entry = try #require(try Reference.models("sfaR_utility_efficiencies.printed.json").first { ($0["model"] as? String) == model })
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
            let csv = try SFAPluginTests.utilityCSV()
            let error = #expect(throws: UsageError.self) {
                _ = try PluginHarness.run("sfa", csvText: csv, ["--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost", "--level", bad])
            }
            #expect(error.map { "\($0)".contains("--level") } == true, "\(String(describing: error))")
        }
        let r = try PluginHarness.run("sfa", csvText: try SFAPluginTests.utilityCSV(), ["--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost", "--level", "0.9"])
        #expect(r.notes.contains { $0.contains("90% interval of u given e") })
    }
}

/// The `covariance` table (issue #20): the estimates' covariance in the coefficients table's terms.
@Suite struct CovarianceTableTests {
    static let names = ["const": "const", "log_capital": "log(capital)", "log_labour": "log(labour)", "sigma_sq": "sigma_sq", "gamma": "gamma"]

    /// Against R frontier 1.1-8's vcov() and the independent scipy MLE (observed information)
    /// on front41Data.csv: every cell within 5% resp. 0.1% of √(c_aa c_bb); symmetric; the
    /// diagonal is the coefficients table's std_error squared.
    @Test(arguments: [("R package frontier 1.1-8", 5e-2), ("own scipy MLE on front41Data.csv", 1e-3)])
    func matchesReferences(_ source: String, _ tolerance: Double) throws {
        let e = try Reference.entry("front41Data.expected.json", model: "halfnormal-production-cobbdouglas-log", source: source)
        let reference = try #require(e["covariance"] as? [[NSNumber]]), order = try #require(e["covariance_order"] as? [String])
        let r = try PluginHarness.run("sfa", data: "front41Data.csv", id: "firm", ["--y", "output", "--x", "capital,labour", "--log"])
        let table = try #require(r.tables.first { $0.name == "covariance" })
        let t1 = try table.texts("term"), t2 = try table.texts("term2"), c = try table.numbers("covariance")
        #expect(c.count == order.count * order.count)
        func ours(_ a: String, _ b: String) -> Double? { t1.indices.first { t1[$0] == a && t2[$0] == b }.map { c[$0] } }
        for (i, a) in order.enumerated() {
            for (j, b) in order.enumerated() {
                let scale = (reference[i][i].doubleValue * reference[j][j].doubleValue).squareRoot()
                let mine = try #require(ours(Self.names[a]!, Self.names[b]!))
                #expect(abs(mine - reference[i][j].doubleValue) <= tolerance * scale, "cov[\(a), \(b)]: \(mine) vs \(reference[i][j])")
                #expect(mine == ours(Self.names[b]!, Self.names[a]!))
            }
        }
        let coefficients = try #require(r.tables.first { $0.name == "coefficients" })
        for (term, se) in zip(try coefficients.texts("term"), try coefficients.numbers("std_error")) {
            let v = try #require(ours(term, term))
            #expect(abs(v.squareRoot() - se) <= 1e-12 * se, "\(term)")
        }
    }

    /// Heteroscedastic models use the internal parameters, which are then the table's terms.
    @Test func heteroscedasticTermsAreCovered() throws {
        let r = try PluginHarness.run("sfa", csvText: try SFAPluginTests.utilityCSV(), ["--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost", "--u-het", "regu"])
        let table = try #require(r.tables.first { $0.name == "covariance" })
        let coefficients = try #require(r.tables.first { $0.name == "coefficients" })
        let terms = try coefficients.texts("term")
        #expect(table.rowCount == terms.count * terms.count)
        let c = try table.numbers("covariance"), se = try coefficients.numbers("std_error")
        for k in terms.indices { #expect(abs(c[k * terms.count + k].squareRoot() - se[k]) <= 1e-12 * se[k], "\(terms[k])") }
    }
}
