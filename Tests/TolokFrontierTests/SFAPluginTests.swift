import Foundation
import Testing
import TolokCore
import TolokNumerics
@testable import TolokFrontierModel
@testable import TolokFrontier

/// `tolok run sfa` through the host path (`PluginHarness`), checked against the published and
/// computed references of `Datasets/` (SOURCES-FRONTIER.md) through the plugin's own result
/// tables — the numbers a user sees.
@Suite struct SFAPluginTests {
    static let front41 = "front41Data.expected.json"
    /// FRONTIER 4.1 and R frontier print ℓ + n·½ ln(π/π₃₂) (SOURCES-FRONTIER.md).
    static let frontierPiShift = 2.403158e-8

    /// Compares a result with a reference entry: coefficients (terms renamed by `names`),
    /// σ², γ, μ, η and their standard errors, and ℓ.
    static func compare(_ r: AnalysisResult, _ e: [String: Any], names: [String: String], coefficient: Double,
                        floor: Double = 1e-300, se: Double?, logLikelihood: Double, llShift: Double = 0,
                        sourceLocation: SourceLocation = #_sourceLocation) {
        for (name, value) in e.dict("coefficients") {
            let term = names[name] ?? name
            guard let row = r.coefficient(term) else { Issue.record("no term \(term)", sourceLocation: sourceLocation); continue }
            #expect(relClose(row.estimate, (value as! NSNumber).doubleValue, coefficient, floor: floor),
                    "\(term): \(row.estimate) vs \(value)", sourceLocation: sourceLocation)
            if let se, let ref = e.dict("std_errors")[name] as? NSNumber {
                #expect(relClose(row.standardError, ref.doubleValue, se), "SE(\(term)): \(row.standardError) vs \(ref)",
                        sourceLocation: sourceLocation)
            }
        }
        for key in ["sigma_sq", "gamma", "mu", "eta"] {
            guard let ref = e[key] as? NSNumber else { continue }
            guard let row = r.coefficient(key) else { Issue.record("no term \(key)", sourceLocation: sourceLocation); continue }
            #expect(relClose(row.estimate, ref.doubleValue, coefficient, floor: floor), "\(key): \(row.estimate) vs \(ref)",
                    sourceLocation: sourceLocation)
            #expect(relClose(r.number(key), ref.doubleValue, coefficient, floor: floor), "summary \(key)", sourceLocation: sourceLocation)
            if let se, let s = e[key + "_se"] as? NSNumber {
                #expect(relClose(row.standardError, s.doubleValue, se), "SE(\(key)): \(row.standardError) vs \(s)",
                        sourceLocation: sourceLocation)
            }
        }
        if let ll = e["loglik"] as? NSNumber {
            let ours = r.number("log_likelihood") + llShift * r.number("n")
            #expect(abs(ours - ll.doubleValue) <= logLikelihood, "ℓ \(ours) vs \(ll)", sourceLocation: sourceLocation)
        }
    }

    // MARK: FRONTIER 4.1, example 1

    /// EG1.OUT (Coelli 1996, Table 1e) on FRONTIER's own 7-digit input: estimates, ℓ, LR and
    /// efficiencies at 1e-5 relative (FRONTIER's stopping rule), its DFP standard errors within 2%.
    @Test func reproducesEG1OUT() throws {
        let r = try PluginHarness.run("sfa", dataset: "front41_eg1_logs.csv", ["--y", "ly", "--x", "lk,ll"])
        let e = try Reference.entry(Self.front41, model: "halfnormal-production-cobbdouglas-log", source: "FRONTIER 4.1 output EG1.OUT")
        #expect(r.summaryValue("status")?.string == "converged")
        #expect(r.terms == ["const", "lk", "ll", "sigma_sq", "gamma"])
        Self.compare(r, e, names: ["log_capital": "lk", "log_labour": "ll"], coefficient: 1e-5, se: 0.02,
                     logLikelihood: 2e-6, llShift: Self.frontierPiShift)
        #expect(abs(r.number("ols_log_likelihood") + 60 * Self.frontierPiShift - e.number("ols_loglik")) < 2e-6)
        #expect(relClose(r.number("lr_statistic"), 2.8392402, 1e-5))
        #expect(relClose(r.number("mean_efficiency"), 0.74056772, 1e-5))
        #expect(r.number("lr_restrictions") == 1)
        #expect(abs(r.number("lr_critical_value_5pct") - 2.706) < 5e-4)
        #expect(r.summaryValue("lr_decision")?.string == "reject")
        #expect(r.summaryValue("wrong_skew") == .bool(false))
        let derived = e.dict("derived")
        for (key, name) in [("sigma_u", "sigma_u"), ("sigma_v", "sigma_v"), ("lambda_", "lambda")] {
            #expect(relClose(r.number(name), derived.number(key), 1e-5), "\(name)")
        }
        let te = e.numbers("te")
        let ours = r.column("efficiency")
        #expect(ours.count == 60 && te.count == 60)
        for (a, b) in zip(ours, te) { #expect(relClose(a, b, 1e-5)) }
        #expect(r.texts("status").allSatisfy { $0 == "ok" })
        #expect(r.texts("id") == (1...60).map(String.init))
        #expect(r.table("units")?.columnIndex("efficiency_inverse") == nil)   // production frontier
        #expect(r.column("u_jlms").allSatisfy { $0 > 0 })
    }

    /// The same data against the independent full-precision MLE: the plugin passes the
    /// engine's precision through (estimates 1e-6, ℓ 1e-8, Hessian SEs 0.1%, efficiencies 1e-6).
    @Test func matchesIndependentMLEOnEG1() throws {
        let r = try PluginHarness.run("sfa", dataset: "front41_eg1_logs.csv", ["--y", "ly", "--x", "lk,ll"])
        let e = try Reference.entry(Self.front41, model: "halfnormal-production-cobbdouglas-log",
                                    source: "own scipy MLE on FRONTIER eg1 log data")
        Self.compare(r, e, names: ["log_capital": "lk", "log_labour": "ll"], coefficient: 1e-6, se: 1e-3, logLikelihood: 1e-8)
        for (a, b) in zip(r.column("efficiency"), e.numbers("te")) { #expect(relClose(a, b, 1e-6)) }
        #expect(relClose(r.number("mean_u_jlms"), e.numbers("u_jlms").reduce(0, +) / 60, 1e-6))
    }

    /// `--log` on the levels file (R frontier's front41Data): half-normal, truncated normal
    /// and exponential against the independent MLE (2e-6 relative, ℓ 1e-8, SEs 0.5%).
    @Test(arguments: [("half-normal", "halfnormal"), ("truncated-normal", "truncnormal"), ("exponential", "exponential")])
    func logsTakenByThePlugin(_ distribution: String, _ model: String) throws {
        let r = try PluginHarness.run("sfa", dataset: "front41Data.csv", id: "firm",
                                      ["--y", "output", "--x", "capital,labour", "--log", "--distribution", distribution])
        let e = try Reference.entry(Self.front41, model: "\(model)-production-cobbdouglas-log", source: "own scipy MLE on front41Data")
        #expect(r.summaryValue("status")?.string == "converged")
        Self.compare(r, e, names: ["log_capital": "log(capital)", "log_labour": "log(labour)"], coefficient: 2e-6,
                     se: 5e-3, logLikelihood: 1e-8)
        if let su = e["sigma_u"] as? NSNumber { #expect(relClose(r.number("sigma_u"), su.doubleValue, 2e-6)) }
        if let sv = e["sigma_v"] as? NSNumber { #expect(relClose(r.number("sigma_v"), sv.doubleValue, 2e-6)) }
        #expect(relClose(r.number("mean_efficiency"), e.number("mean_te"), 1e-6))
        #expect(r.number("lr_restrictions") == (model == "truncnormal" ? 2 : 1))
    }

    /// `--translog` halves the squares: on FRONTIER's eg1tl data (whose squares are not halved
    /// and were rounded to 7 digits in the file) the square coefficients are twice FRONTIER's,
    /// everything else agrees to the rounding of the file's squares (ℓ 1e-5; coefficients 5e-5 of
    /// max(|b|, 0.01): the cross product's coefficient moves by 1.2e-7 when lk·ll is exact).
    @Test func translogHalvesTheSquares() throws {
        let r = try PluginHarness.run("sfa", dataset: "front41_eg1tl_logs.csv", ["--y", "ly", "--x", "lk,ll", "--translog"])
        #expect(r.terms == ["const", "lk", "ll", "0.5*lk^2", "0.5*ll^2", "lk*ll", "sigma_sq", "gamma"])
        #expect(r.notes.contains { $0.contains("HALVED") })
        let e = try Reference.entry(Self.front41, model: "halfnormal-production-translog-log", source: "FRONTIER 4.1c")
        let b = e.dict("coefficients")
        for (ref, term, factor) in [("const", "const", 1.0), ("lk", "lk", 1), ("ll", "ll", 1),
                                    ("lk_sq", "0.5*lk^2", 2), ("ll_sq", "0.5*ll^2", 2), ("lk_ll", "lk*ll", 1)] {
            let ours = try #require(r.coefficient(term)).estimate
            #expect(relClose(ours, factor * b.number(ref), 5e-5, floor: 1e-2), "\(term): \(ours) vs \(factor) × \(b.number(ref))")
        }
        #expect(relClose(r.number("gamma"), e.number("gamma"), 1e-5))
        #expect(abs(r.number("log_likelihood") + 60 * Self.frontierPiShift - e.number("loglik")) < 1e-5)
        #expect(relClose(r.number("mean_efficiency"), e.number("mean_te"), 1e-6))
        // With the file's own (unhalved) columns the run is FRONTIER's model exactly.
        let plain = try PluginHarness.run("sfa", dataset: "front41_eg1tl_logs.csv", ["--y", "ly", "--x", "lk,ll,lk2,ll2,lkll"])
        Self.compare(plain, e, names: ["lk_sq": "lk2", "ll_sq": "ll2", "lk_ll": "lkll"], coefficient: 1e-5, floor: 1e-2,
                     se: 0.02, logLikelihood: 2e-6, llShift: Self.frontierPiShift)
    }

    // MARK: Cost frontiers and heteroscedasticity (sfaR utility data)

    /// ln(tc/wf) on ln y, ln(wl/wf), ln(wk/wf), as sfaR's `utility` examples.
    static func utilityCSV() throws -> String {
        let d = try Reference.csv("sfaR_utility.csv")
        let wf = d["wf"]!
        return PluginHarness.csv([
            ("ltc", zip(d["tc"]!, wf).map { log($0 / $1) }), ("ly", d["y"]!.map { log($0) }),
            ("lwl", zip(d["wl"]!, wf).map { log($0 / $1) }), ("lwk", zip(d["wk"]!, wf).map { log($0 / $1) }),
            ("regu", d["regu"]!),
        ])
    }

    static let utilityNames = ["log_y": "ly", "log_wl_wf": "lwl", "log_wk_wf": "lwk"]

    /// sfaR parameter names → our terms.
    static func checkOther(_ r: AnalysisResult, _ e: [String: Any], _ map: [String: String], tol: Double = 2e-6,
                           sourceLocation: SourceLocation = #_sourceLocation) {
        let se = e["other_parameters_se"] as? [String: Any] ?? [:]
        for (name, value) in e.dict("other_parameters") {
            // With constant σ_u, σ_v the table shows σ², γ: compare ln σ² from the summary.
            if map[name] == nil, let scale = ["Zu_(Intercept)": "sigma_u", "Zv_(Intercept)": "sigma_v"][name] {
                let ours = log(r.number(scale) * r.number(scale))
                #expect(relClose(ours, (value as! NSNumber).doubleValue, tol, floor: 1e-2), "\(name)", sourceLocation: sourceLocation)
                continue
            }
            guard let term = map[name], let row = r.coefficient(term) else {
                Issue.record("no term for \(name) in \(r.terms)", sourceLocation: sourceLocation); continue
            }
            #expect(relClose(row.estimate, (value as! NSNumber).doubleValue, tol, floor: 1e-2), "\(term)", sourceLocation: sourceLocation)
            if let s = se[name] as? NSNumber {
                #expect(relClose(row.standardError, s.doubleValue, 1e-2), "SE(\(term))", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func costFrontierReportsBothEfficiencyConventions() throws {
        let r = try PluginHarness.run("sfa", csv: try Self.utilityCSV(), ["--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost"])
        let e = try Reference.entry("sfaR_utility.expected.json", model: "halfnormal-cost-cobbdouglas-log", source: "own scipy MLE")
        #expect(r.summaryValue("status")?.string == "converged")
        Self.compare(r, e, names: Self.utilityNames, coefficient: 2e-6, se: 5e-3, logLikelihood: 1e-7)
        #expect(relClose(log(r.number("sigma_u") * r.number("sigma_u")), e.dict("other_parameters").number("Zu_(Intercept)"), 2e-6))
        #expect(relClose(r.number("mean_efficiency"), e.number("mean_te"), 1e-6))
        let eff = r.column("efficiency"), inverse = r.column("efficiency_inverse")
        #expect(inverse.count == 791)
        for (a, b) in zip(eff, inverse) { #expect(a > 0 && a <= 1 && b >= 1 / a - 1e-12) }
        #expect(r.number("mean_efficiency_inverse") > 1)
        #expect(r.notes.contains { $0.contains("y = xb + v + u") })
    }

    @Test func heteroscedasticInefficiency() throws {
        let r = try PluginHarness.run("sfa", csv: try Self.utilityCSV(),
                                      ["--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost", "--u-het", "regu"])
        let e = try Reference.entry("sfaR_utility.expected.json", model: "halfnormal-uhet_regu-cost-cobbdouglas-log", source: "own scipy MLE")
        #expect(r.summaryValue("status")?.string == "converged")
        #expect(r.terms == ["const", "ly", "lwl", "lwk", "ln_sigma_u_sq:const", "ln_sigma_u_sq:regu", "ln_sigma_v_sq"])
        Self.compare(r, e, names: Self.utilityNames, coefficient: 2e-6, se: 5e-3, logLikelihood: 1e-7)
        Self.checkOther(r, e, ["Zu_(Intercept)": "ln_sigma_u_sq:const", "Zu_regu": "ln_sigma_u_sq:regu", "Zv_(Intercept)": "ln_sigma_v_sq"])
        #expect(r.summaryValue("sigma_sq") == nil && r.summaryValue("gamma") == nil)
        #expect(relClose(r.number("mean_efficiency"), e.number("mean_te"), 1e-6))
    }

    @Test func heterogeneousMean() throws {
        let r = try PluginHarness.run("sfa", csv: try Self.utilityCSV(),
                                      ["--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost", "--distribution", "truncated-normal",
                                       "--mu-het", "regu"])
        let e = try Reference.entry("sfaR_utility.expected.json", model: "truncnormal-muhet_regu-cost-cobbdouglas-log", source: "own scipy MLE")
        #expect(r.summaryValue("status")?.string == "converged")
        Self.compare(r, e, names: Self.utilityNames, coefficient: 2e-6, se: 1e-2, logLikelihood: 1e-7)
        Self.checkOther(r, e, ["Zmu_(Intercept)": "mu:const", "Zmu_regu": "mu:regu"])
        #expect(relClose(r.number("mean_efficiency"), e.number("mean_te"), 1e-6))
    }

    // MARK: Panels (Coelli 1996, EG4)

    static let panelArguments = ["--y", "output", "--x", "capital,labour", "--log", "--period", "period"]
    static let panelNames = ["lk": "log(capital)", "ll": "log(labour)"]

    /// BC92 with η against R frontier 1.1-8 (FRONTIER's Fortran): 1e-5 / ℓ 2e-6 / DFP SEs 5%.
    @Test func batteseCoelli92TimeVarying() throws {
        let r = try PluginHarness.run("sfa", dataset: "front41_eg4_panel.csv", id: "firm", Self.panelArguments)
        let e = try Reference.entry("front41_eg4_panel.expected.json", model: "bc92-halfnormal-timevarying-production-cobbdouglas-log",
                                    source: "R package frontier")
        #expect(r.summaryValue("status")?.string == "converged")
        #expect(r.number("firms") == 15 && r.number("periods") == 4)
        Self.compare(r, e, names: Self.panelNames, coefficient: 1e-5, se: 0.05, logLikelihood: 2e-6, llShift: Self.frontierPiShift)
        #expect(r.texts("period").count == 60)
        for (a, b) in zip(r.column("efficiency"), e.numbers("te")) { #expect(relClose(a, b, 1e-5)) }
        #expect(r.table("firms")?.rows.count == 15)
        #expect(abs(r.number("lr_critical_value_5pct") - 5.138) < 5e-4)   // γ and η: q = 2
    }

    @Test func batteseCoelli92TimeInvariantFirms() throws {
        let r = try PluginHarness.run("sfa", dataset: "front41_eg4_panel.csv", id: "firm", Self.panelArguments + ["--time-invariant"])
        let e = try Reference.entry("front41_eg4_panel.expected.json", model: "bc92-halfnormal-timeinvariant-production-cobbdouglas-log",
                                    source: "R package frontier")
        #expect(r.coefficient("eta") == nil)
        Self.compare(r, e, names: Self.panelNames, coefficient: 1e-5, se: 0.05, logLikelihood: 2e-6, llShift: Self.frontierPiShift)
        for (a, b) in zip(r.column("efficiency", table: "firms"), e.numbers("te_firm")) { #expect(relClose(a, b, 1e-5)) }
        #expect(r.texts("id", table: "firms") == (1...15).map(String.init))
    }

    /// BC95 with z = period has no interior maximum (γ → 1, δ → −∞): the status says so in the
    /// summary, in a note and on every unit.
    @Test func batteseCoelli95ReportsNoInteriorMaximum() throws {
        let r = try PluginHarness.run("sfa", dataset: "front41_eg4_panel.csv", id: "firm",
                                      Self.panelArguments + ["--model", "bc95", "--z", "period"])
        #expect(r.summaryValue("status")?.string == "no_interior_maximum")
        #expect(r.texts("status").count == 60 && r.texts("status").allSatisfy { $0 == "not_converged" })
        #expect(r.notes.first?.hasPrefix("NOT CONVERGED") == true)
        #expect(r.terms.contains("delta:const") && r.terms.contains("delta:period"))
    }

    // MARK: Status and input errors

    /// Residuals skewed the wrong way for a production frontier (u added, not subtracted).
    static func wrongSkewCSV() -> String {
        var g = SeededGenerator(seed: 5)
        var x = [Double](), y = [Double]()
        for _ in 0..<300 {
            let a = g.normal()
            x.append(a)
            y.append(1 + 0.5 * a + 0.15 * g.normal() + abs(0.4 * g.normal()))
        }
        return PluginHarness.csv([("y", y), ("x", x)])
    }

    @Test func wrongSkewIsReported() throws {
        let r = try PluginHarness.run("sfa", csv: Self.wrongSkewCSV(), ["--y", "y", "--x", "x"])
        #expect(r.summaryValue("wrong_skew") == .bool(true))
        #expect(r.number("ols_skewness") > 0)
        #expect(r.summaryValue("status")?.string == "no_interior_maximum")
        #expect(r.texts("status").allSatisfy { $0 == "not_converged" })
        #expect(r.notes.contains { $0.hasPrefix("NOT CONVERGED") })
        #expect(r.notes.contains { $0.hasPrefix("wrong_skew") })
        // As a cost frontier the same data are fine.
        let cost = try PluginHarness.run("sfa", csv: Self.wrongSkewCSV(), ["--y", "y", "--x", "x", "--frontier", "cost"])
        #expect(cost.summaryValue("status")?.string == "converged")
        #expect(cost.texts("status").allSatisfy { $0 == "ok" })
    }

    @Test func usageErrors() throws {
        let data = "front41_eg1_logs.csv"
        func usage(_ arguments: [String], id: String? = nil, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
            do {
                _ = try PluginHarness.run("sfa", dataset: data, id: id, ["--y", "ly", "--x", "lk,ll"] + arguments)
                Issue.record("no error for \(arguments)", sourceLocation: sourceLocation)
            } catch let error as UserFacingError {
                #expect(error.kind == .usage, "\(error)", sourceLocation: sourceLocation)
                #expect("\(error)".contains(fragment), "\(error)", sourceLocation: sourceLocation)
            } catch {
                Issue.record("unexpected \(error)", sourceLocation: sourceLocation)
            }
        }
        usage(["--distribution", "gamma"], "invalid value \"gamma\" for --distribution")
        usage(["--mu-het", "lk"], "--distribution truncated-normal")
        usage(["--period", "period"], "--period needs --id")
        usage(["--model", "bc92"], "needs panel data")
        usage(["--period", "period", "--model", "bc95"], id: "firm", "needs --z")
        usage(["--period", "period", "--distribution", "exponential"], id: "firm", "not exponential")
        usage(["--period", "period", "--u-het", "lk"], id: "firm", "not available with --model bc92")
        usage(["--z", "lk"], "--model bc95")
        usage(["--x", "lk,lk"], "twice")
    }

    @Test func dataErrorsNameTheCell() throws {
        do {
            _ = try PluginHarness.run("sfa", csv: "y,x\n1,2\n2,3\n3,0\n4,5\n", name: "levels.csv", ["--y", "y", "--x", "x", "--log"])
            Issue.record("no error")
        } catch let error as DataError {
            #expect(error.line == 4 && error.dataRow == 3 && error.column == "x" && error.got == "0")
            #expect(error.source.hasSuffix("levels.csv"))
            #expect(error.description.contains("positive"))
        }
        do {
            _ = try PluginHarness.run("sfa", csv: "id,t,y,x\nA,1,1,2\nA,1,2,3\n", name: "panel.csv", id: "id",
                                      ["--y", "y", "--x", "x", "--period", "t"])
            Issue.record("no error")
        } catch let error as DataError {
            #expect(error.line == 3 && error.column == "id")
        }
        do {
            _ = try PluginHarness.run("sfa", csv: "id,t,y,x\nA,1,1,2\nA,1.5,2,3\n", name: "panel.csv", id: "id",
                                      ["--y", "y", "--x", "x", "--period", "t"])
            Issue.record("no error")
        } catch let error as DataError {
            #expect(error.line == 3 && error.column == "t" && error.description.contains("integer period"))
        }
    }
}
