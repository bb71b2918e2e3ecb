import Foundation
import Testing
import TolokCore
import TolokTestSupport
@testable import TolokFrontierModel
import TolokNumerics

/// Issue #11: SFA and OLS on data of extreme magnitude never show a number outside its range
/// beside an ok status, and say why.
@Suite struct ExtremeMagnitudeTests {
    /// 20 rows with y and x1 uniform in 2e10…4.2e10 (Python random.seed(2)): unlogged levels.
    static let raw = "id,y,x1\nu0,41032753981.56349,40852204715.30569\nu1,21244130089.98979,21867183893.496277\nu2,38380975318.847885,36191339759.507515\nu3,34734068831.68486,26779002066.961174\nu4,33330771644.926174,33349638140.098434\nu5,32786488376.464066,23484423145.60572\nu6,29474732086.40791,28657700044.51817\nu7,35906265787.22425,41886030384.89434\nu8,40886700408.05136,31971895043.44506\nu9,29786792151.96878,25901296316.285217\nu10,20790335246.642868,20603786855.998016\nu11,30227664966.140865,27006232812.780903\nu12,28360328281.815655,39619368072.22232\nu13,31566560921.212624,32331227942.582977\nu14,25194714956.531364,20524877741.09721\nu15,27153144432.74552,23007342645.702267\nu16,31224924608.418427,41971038500.236145\nu17,34838553341.609146,24000556930.109177\nu18,39658573804.825745,37528718271.27607\nu19,36156837221.66751,39945060297.74634\n"

    /// Before: status converged, mean efficiency 3.4e221 and 3 efficiencies above 1 (the
    /// Battese–Coelli exponents of order σ*² cancelled).
    @Test func unloggedLevelsGiveEfficienciesInRangeAndANote() throws {
        let r = try PluginHarness.run("sfa", csvText: Self.raw, ["--y", "y", "--x", "x1"])
        let eff = try r.column("efficiency"), status = try r.texts("status")
        for (e, s) in zip(eff, status) {
            #expect((e > 0 && e <= 1) || (e.isNaN && s != "ok"), "efficiency \(e), status \(s)")
        }
        let mean = r.summaryValue("mean_efficiency")?.double
        #expect(mean == nil || (mean! > 0 && mean! <= 1), "mean efficiency \(String(describing: mean))")
        #expect(r.notes.contains { $0.contains("look unlogged") && $0.contains("--log") }, "\(r.notes)")
        // The same data as a cost frontier: E[exp(u)|e] is astronomically large, so missing, never below 1.
        let c = try PluginHarness.run("sfa", csvText: Self.raw, ["--y", "y", "--x", "x1", "--frontier", "cost"])
        let inverse = try c.column("efficiency_inverse"), cStatus = try c.texts("status")
        for (x, s) in zip(inverse, cStatus) { #expect((x >= 1 && x.isFinite) || (x.isNaN && s != "ok"), "inverse \(x), status \(s)") }
        for e in try c.column("efficiency") { #expect(e.isNaN || (e > 0 && e <= 1)) }
    }

    /// The rearranged form r(z)/r(z ∓ s) equals the textbook one where both are accurate, and
    /// stays in range where the textbook one cancels.
    @Test func battecoelliFormsAgreeAndStayInRange() {
        for (m, s) in [(0.1, 0.3), (-0.2, 0.15), (0.5, 0.05), (-1.0, 0.4), (2.0, 1.5)] {
            let z = m / s
            let direct = exp(NormalDistribution.logCDF(z - s) - NormalDistribution.logCDF(z) - m + 0.5 * s * s)
            let inverse = exp(NormalDistribution.logCDF(z + s) - NormalDistribution.logCDF(z) + m + 0.5 * s * s)
            #expect(abs(FrontierEfficiencies.millsRatioQuotient(z, z - s) / direct - 1) < 1e-13, "\(m), \(s)")
            #expect(abs(FrontierEfficiencies.millsRatioQuotient(z, z + s) / inverse - 1) < 1e-13, "\(m), \(s)")
        }
        // σ* = 1e9, μ* = 0: E[exp(-u)] = r(0)/r(-1e9) ≈ 2φ(0)/1e9.
        let e = FrontierEfficiencies(conditionalMean: [0, -3e10, 5e9], conditionalStandardDeviation: [1e9, 1e9, 1e9])
        #expect(abs(e.batteseCoelli[0] / (0.7978845608028654e-9) - 1) < 1e-8, "\(e.batteseCoelli[0])")
        for te in e.batteseCoelli { #expect(te > 0 && te <= 1, "\(te)") }
        for x in e.batteseCoelliInverse { #expect(x >= 1, "\(x)") }
    }

    /// y (or x) of magnitude 1e160: SSE and m3 overflowed (empty standard errors beside
    /// full_rank, "m3 = -nan"); x of 1e-160 gave "powers up to x^1". Now a located refusal.
    @Test func olsRefusesColumnsWhoseSquaresOverflow() throws {
        func csv(y: Double, x: Double) -> String {
            "id,y,x1,x2\n" + (0..<12).map { i in
                let a = 1 + Double(i % 5) / 7, b = 1 + Double((i * 3) % 7) / 9
                return "u\(i),\((3 * a + 2 * b + Double(i % 3) / 50) * y),\(a * x),\(b * x)"
            }.joined(separator: "\n") + "\n"
        }
        func refusal(_ text: String, _ fragments: [String]) {
            do {
                _ = try PluginHarness.run("ols", csvText: text, name: "big.csv", ["--y", "y", "--x", "x1,x2"])
                Issue.record("no error for \(fragments)")
            } catch let error as DataError {
                for f in fragments { #expect(error.description.contains(f), "\(error.description)") }
            } catch { Issue.record("\(error)") }
        }
        refusal(csv(y: 1e160, x: 1e160), ["big.csv: line", "column \"y\"", "between 1e-100 and 1e100"])
        refusal(csv(y: 1, x: 1e-160), ["column \"x1\"", "between 1e-100 and 1e100"])
        refusal(csv(y: 1, x: 1e160), ["column \"x1\""])
        // Moderate magnitudes still fit, with finite standard errors.
        let r = try PluginHarness.run("ols", csvText: csv(y: 1e50, x: 1e-50), ["--y", "y", "--x", "x1,x2"])
        #expect(r.summaryValue("status")?.string == "full_rank")
        #expect(try r.coefficient("x1").standardError.isFinite)
        #expect(!r.notes.contains { $0.contains("nan") })
    }
}
