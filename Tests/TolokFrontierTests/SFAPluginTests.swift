import Foundation
import Testing
import TolokCore
import TolokNumerics
import TolokTestSupport
@testable import TolokFrontierModel
@testable import TolokFrontier

/// `tolok run sfa` through the host path (`PluginHarness`), checked against the published and
/// computed references of `Datasets/` (SOURCES-FRONTIER.md) through the plugin's own result
/// tables — the numbers a user sees.
@Suite struct SFAPluginTests {
    static let front41 = "front41Data.expected.json"
    /// FRONTIER 4.1 and R frontier print ℓ + n·½ ln(π/π₃₂) (SOURCES-FRONTIER.md).
    static let frontierPiShift = 2.403158e-8

    /// The variance terms of a `coefficients` table (everything after β).
    static func isVarianceTerm(_ term: String) -> Bool {
        ["sigma_sq", "gamma", "mu", "eta"].contains(term)
            || ["mu:", "delta:", "ln_sigma_u_sq", "ln_sigma_v_sq"].contains { term.hasPrefix($0) }
    }

    /// Compares a result with a reference entry: the coefficients (reference names renamed to
    /// terms by `names`) and, with `se`, their standard errors; the `variances` terms (default:
    /// whichever of σ², γ, μ, η the result shows) in the table and the summary, with their
    /// standard errors when the entry gives them; and ℓ. Fails when the entry lacks ℓ, a
    /// coefficient, a standard error or a variance term, when the result lacks a term, and when
    /// the entry's coefficients are not exactly the result's β.
    static func compare(_ r: AnalysisResult, _ e: [String: Any], names: [String: String], coefficient: Double,
                        floor: Double = 1e-300, se: Double?, logLikelihood: Double, llShift: Double = 0,
                        variances: [String]? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let terms = try r.terms
        let betaTerms = Array(terms.prefix { !isVarianceTerm($0) })
        let coefficients = try e.numberObject("coefficients")
        let ses = se == nil ? [:] : try e.numberObject("std_errors")
        #expect(Set(coefficients.keys.map { names[$0] ?? $0 }) == Set(betaTerms),
                "reference coefficients \(coefficients.keys.sorted()), result β \(betaTerms)", sourceLocation: sourceLocation)
        for (name, value) in coefficients {
            let term = names[name] ?? name
            guard betaTerms.contains(term) else { continue }
            let row = try r.coefficient(term)
            #expect(relClose(row.estimate, value, coefficient, floor: floor), "\(term): \(row.estimate) vs \(value)",
                    sourceLocation: sourceLocation)
            if let se {
                guard let ref = ses[name] else { Issue.record("the reference has no SE of \(name)", sourceLocation: sourceLocation); continue }
                #expect(relClose(row.standardError, ref, se), "SE(\(term)): \(row.standardError) vs \(ref)", sourceLocation: sourceLocation)
            }
        }
        for key in variances ?? terms.filter({ ["sigma_sq", "gamma", "mu", "eta"].contains($0) }) {
            let ref = try e.number(key)
            let row = try r.coefficient(key)
            #expect(relClose(row.estimate, ref, coefficient, floor: floor), "\(key): \(row.estimate) vs \(ref)",
                    sourceLocation: sourceLocation)
            #expect(relClose(try r.number(key), ref, coefficient, floor: floor), "summary \(key)", sourceLocation: sourceLocation)
            if let se, let s = e[key + "_se"] as? NSNumber {
                #expect(relClose(row.standardError, s.doubleValue, se), "SE(\(key)): \(row.standardError) vs \(s)",
                        sourceLocation: sourceLocation)
            }
        }
        let ll = try e.number("loglik")
        let ours = try r.number("log_likelihood") + llShift * r.number("n")
        #expect(abs(ours - ll) <= logLikelihood, "ℓ \(ours) vs \(ll)", sourceLocation: sourceLocation)
    }

    // MARK: FRONTIER 4.1, example 1

    /// EG1.OUT (Coelli 1996, Table 1e) on FRONTIER's own 7-digit input: estimates, ℓ, LR and
    /// efficiencies at 1e-5 relative (FRONTIER's stopping rule), its DFP standard errors within 2%.
    @Test func reproducesEG1OUT() throws {
        let r = try PluginHarness.run("sfa", data: "front41_eg1_logs.csv", ["--y", "ly", "--x", "lk,ll"])
        let e = try Reference.entry(Self.front41, model: "halfnormal-production-cobbdouglas-log", source: "FRONTIER 4.1 output EG1.OUT")
        #expect(r.summaryValue("status")?.string == "converged")
        #expect(try r.terms == ["const", "lk", "ll", "sigma_sq", "gamma"])
        try Self.compare(r, e, names: ["log_capital": "lk", "log_labour": "ll"], coefficient: 1e-5, se: 0.02,
                     logLikelihood: 2e-6, llShift: Self.frontierPiShift)
        #expect(try abs(r.number("ols_log_likelihood") + 60 * Self.frontierPiShift - e.number("ols_loglik")) < 2e-6)
        #expect(relClose(try r.number("lr_statistic"), 2.8392402, 1e-5))
        #expect(relClose(try r.number("mean_efficiency"), 0.74056772, 1e-5))
        #expect(try r.number("lr_restrictions") == 1)
        #expect(try abs(r.number("lr_critical_value_5pct") - 2.706) < 5e-4)
        #expect(r.summaryValue("lr_decision")?.string == "reject")
        #expect(r.summaryValue("wrong_skew") == .bool(false))
        let derived = try e.dict("derived")
        for (key, name) in [("sigma_u", "sigma_u"), ("sigma_v", "sigma_v"), ("lambda_", "lambda")] {
            #expect(try relClose(r.number(name), derived.number(key), 1e-5), "\(name)")
        }
        let te = try e.numbers("te")
        #expect(te.count == 60)
        expectClose(try r.column("efficiency"), te, 1e-5, "efficiency")
        #expect(try r.texts("status").allSatisfy { $0 == "ok" })
        #expect(try r.texts("id") == (1...60).map(String.init))
        #expect(r.table("units")?.columnIndex("efficiency_inverse") == nil)   // production frontier
        #expect(try r.column("u_jlms").allSatisfy { $0 > 0 })
    }

    /// The same data against the independent full-precision MLE: the plugin passes the
    /// engine's precision through (estimates 1e-6, ℓ 1e-8, Hessian SEs 0.1%, efficiencies 1e-6).
    @Test func matchesIndependentMLEOnEG1() throws {
        let r = try PluginHarness.run("sfa", data: "front41_eg1_logs.csv", ["--y", "ly", "--x", "lk,ll"])
        let e = try Reference.entry(Self.front41, model: "halfnormal-production-cobbdouglas-log",
                                    source: "own scipy MLE on FRONTIER eg1 log data")
        try Self.compare(r, e, names: ["log_capital": "lk", "log_labour": "ll"], coefficient: 1e-6, se: 1e-3, logLikelihood: 1e-8)
        expectClose(try r.column("efficiency"), try e.numbers("te"), 1e-6, "efficiency")
        #expect(try relClose(r.number("mean_u_jlms"), e.numbers("u_jlms").reduce(0, +) / 60, 1e-6))
    }

    /// `--log` on the levels file (R frontier's front41Data): half-normal, truncated normal
    /// and exponential against the independent MLE (2e-6 relative, ℓ 1e-8, SEs 0.5%).
    @Test(arguments: [("half-normal", "halfnormal"), ("truncated-normal", "truncnormal"), ("exponential", "exponential")])
    func logsTakenByThePlugin(_ distribution: String, _ model: String) throws {
        let r = try PluginHarness.run("sfa", data: "front41Data.csv", id: "firm",
                                      ["--y", "output", "--x", "capital,labour", "--log", "--distribution", distribution])
        let e = try Reference.entry(Self.front41, model: "\(model)-production-cobbdouglas-log", source: "own scipy MLE on front41Data")
        #expect(r.summaryValue("status")?.string == "converged")
        // The exponential reference is in σ_u, σ_v (its u has no γ); the others give σ², γ (and μ).
        let exponential = model == "exponential"
        try Self.compare(r, e, names: ["log_capital": "log(capital)", "log_labour": "log(labour)"], coefficient: 2e-6,
                         se: 5e-3, logLikelihood: 1e-8, variances: exponential ? [] : nil)
        if exponential {
            #expect(try relClose(r.number("sigma_u"), e.number("sigma_u"), 2e-6))
            #expect(try relClose(r.number("sigma_v"), e.number("sigma_v"), 2e-6))
        }
        #expect(relClose(try r.number("mean_efficiency"), try e.number("mean_te"), 1e-6))
        #expect(try r.number("lr_restrictions") == (model == "truncnormal" ? 2 : 1))
    }

    /// `--translog` halves the squares: on FRONTIER's eg1tl data (whose squares are not halved
    /// and were rounded to 7 digits in the file) the square coefficients are twice FRONTIER's,
    /// everything else agrees to the rounding of the file's squares (ℓ 1e-5; coefficients 5e-5 of
    /// max(|b|, 0.01): the cross product's coefficient moves by 1.2e-7 when lk·ll is exact).
    @Test func translogHalvesTheSquares() throws {
        let r = try PluginHarness.run("sfa", data: "front41_eg1tl_logs.csv", ["--y", "ly", "--x", "lk,ll", "--translog"])
        #expect(try r.terms == ["const", "lk", "ll", "0.5*lk^2", "0.5*ll^2", "lk*ll", "sigma_sq", "gamma"])
        #expect(r.notes.contains { $0.contains("HALVED") })
        let e = try Reference.entry(Self.front41, model: "halfnormal-production-translog-log", source: "FRONTIER 4.1c")
        let b = try e.dict("coefficients")
        for (ref, term, factor) in [("const", "const", 1.0), ("lk", "lk", 1), ("ll", "ll", 1),
                                    ("lk_sq", "0.5*lk^2", 2), ("ll_sq", "0.5*ll^2", 2), ("lk_ll", "lk*ll", 1)] {
            let ours = try r.coefficient(term).estimate, theirs = try b.number(ref)
            #expect(relClose(ours, factor * theirs, 5e-5, floor: 1e-2), "\(term): \(ours) vs \(factor) × \(theirs)")
        }
        #expect(relClose(try r.number("gamma"), try e.number("gamma"), 1e-5))
        #expect(try abs(r.number("log_likelihood") + 60 * Self.frontierPiShift - e.number("loglik")) < 1e-5)
        #expect(relClose(try r.number("mean_efficiency"), try e.number("mean_te"), 1e-6))
        // With the file's own (unhalved) columns the run is FRONTIER's model exactly.
        let plain = try PluginHarness.run("sfa", data: "front41_eg1tl_logs.csv", ["--y", "ly", "--x", "lk,ll,lk2,ll2,lkll"])
        try Self.compare(plain, e, names: ["lk_sq": "lk2", "ll_sq": "ll2", "lk_ll": "lkll"], coefficient: 1e-5, floor: 1e-2,
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

    /// The entry's sfaR parameters (`other_parameters`, with `other_parameters_se`) against the
    /// result: `map` names the term of each; the constants of ln σ_u² and ln σ_v² of a
    /// homoscedastic fit, which the table shows as σ², γ, are compared as ln σ_u², ln σ_v² from the
    /// summary. Fails when an entry parameter has no term, when a mapped parameter is missing
    /// from the entry, and when a variance term of the result is checked by none of them.
    static func checkOther(_ r: AnalysisResult, _ e: [String: Any], _ map: [String: String], tol: Double = 2e-6,
                           sourceLocation: SourceLocation = #_sourceLocation) throws {
        let others = try e.numberObject("other_parameters")
        let ses = try e.numberObject("other_parameters_se")
        for name in map.keys where others[name] == nil {
            Issue.record("the reference has no \(name)", sourceLocation: sourceLocation)
        }
        var covered = Set(map.values)
        let scales = ["Zu_(Intercept)": "sigma_u", "Zv_(Intercept)": "sigma_v"]
        for (name, value) in others {
            // With constant σ_u, σ_v the table shows σ², γ: compare ln σ² from the summary.
            if map[name] == nil, let scale = scales[name] {
                let ours = try log(r.number(scale) * r.number(scale))
                #expect(relClose(ours, value, tol, floor: 1e-2), "\(name)", sourceLocation: sourceLocation)
                continue
            }
            guard let term = map[name] else {
                Issue.record("no term for \(name) in \(try r.terms)", sourceLocation: sourceLocation); continue
            }
            let row = try r.coefficient(term)
            #expect(relClose(row.estimate, value, tol, floor: 1e-2), "\(term)", sourceLocation: sourceLocation)
            if let s = ses[name] {
                #expect(relClose(row.standardError, s, 1e-2), "SE(\(term))", sourceLocation: sourceLocation)
            }
        }
        if scales.keys.allSatisfy({ others[$0] != nil && map[$0] == nil }) { covered.formUnion(["sigma_sq", "gamma"]) }
        let unchecked = try r.terms.filter { isVarianceTerm($0) && !covered.contains($0) }
        #expect(unchecked.isEmpty, "terms without a reference value: \(unchecked)", sourceLocation: sourceLocation)
    }

    @Test func costFrontierReportsBothEfficiencyConventions() throws {
        let r = try PluginHarness.run("sfa", csvText: try Self.utilityCSV(), ["--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost"])
        let e = try Reference.entry("sfaR_utility.expected.json", model: "halfnormal-cost-cobbdouglas-log", source: "own scipy MLE")
        #expect(r.summaryValue("status")?.string == "converged")
        // sfaR's parameterisation: ln σ_u², ln σ_v² instead of σ², γ.
        try Self.compare(r, e, names: Self.utilityNames, coefficient: 2e-6, se: 5e-3, logLikelihood: 1e-7, variances: [])
        try Self.checkOther(r, e, [:])
        #expect(try relClose(r.number("mean_efficiency"), e.number("mean_te"), 1e-6))
        let eff = try r.column("efficiency"), inverse = try r.column("efficiency_inverse")
        #expect(inverse.count == 791)
        for (a, b) in zip(eff, inverse) { #expect(a > 0 && a <= 1 && b >= 1 / a - 1e-12) }
        #expect(try r.number("mean_efficiency_inverse") > 1)
        #expect(r.notes.contains { $0.contains("y = xb + v + u") })
    }

    @Test func heteroscedasticInefficiency() throws {
        let r = try PluginHarness.run("sfa", csvText: try Self.utilityCSV(),
                                      ["--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost", "--u-het", "regu"])
        let e = try Reference.entry("sfaR_utility.expected.json", model: "halfnormal-uhet_regu-cost-cobbdouglas-log", source: "own scipy MLE")
        #expect(r.summaryValue("status")?.string == "converged")
        #expect(try r.terms == ["const", "ly", "lwl", "lwk", "ln_sigma_u_sq:const", "ln_sigma_u_sq:regu", "ln_sigma_v_sq"])
        try Self.compare(r, e, names: Self.utilityNames, coefficient: 2e-6, se: 5e-3, logLikelihood: 1e-7)
        try Self.checkOther(r, e, ["Zu_(Intercept)": "ln_sigma_u_sq:const", "Zu_regu": "ln_sigma_u_sq:regu", "Zv_(Intercept)": "ln_sigma_v_sq"])
        // Undefined under heteroscedasticity: present and null (every summary key is always present).
        #expect(r.summaryValue("sigma_sq") == .missing && r.summaryValue("gamma") == .missing)
        #expect(relClose(try r.number("mean_efficiency"), try e.number("mean_te"), 1e-6))
    }

    @Test func heterogeneousMean() throws {
        let r = try PluginHarness.run("sfa", csvText: try Self.utilityCSV(),
                                      ["--y", "ltc", "--x", "ly,lwl,lwk", "--frontier", "cost", "--distribution", "truncated-normal",
                                       "--mu-het", "regu"])
        let e = try Reference.entry("sfaR_utility.expected.json", model: "truncnormal-muhet_regu-cost-cobbdouglas-log", source: "own scipy MLE")
        #expect(r.summaryValue("status")?.string == "converged")
        try Self.compare(r, e, names: Self.utilityNames, coefficient: 2e-6, se: 1e-2, logLikelihood: 1e-7, variances: [])
        try Self.checkOther(r, e, ["Zmu_(Intercept)": "mu:const", "Zmu_regu": "mu:regu"])
        #expect(relClose(try r.number("mean_efficiency"), try e.number("mean_te"), 1e-6))
    }

    // MARK: Panels (Coelli 1996, EG4)

    static let panelArguments = ["--y", "output", "--x", "capital,labour", "--log", "--period", "period"]
    static let panelNames = ["lk": "log(capital)", "ll": "log(labour)"]

    /// BC92 with η against R frontier 1.1-8 (FRONTIER's Fortran): 1e-5 / ℓ 2e-6 / DFP SEs 5%.
    @Test func batteseCoelli92TimeVarying() throws {
        let r = try PluginHarness.run("sfa", data: "front41_eg4_panel.csv", id: "firm", Self.panelArguments)
        let e = try Reference.entry("front41_eg4_panel.expected.json", model: "bc92-halfnormal-timevarying-production-cobbdouglas-log",
                                    source: "R package frontier")
        #expect(r.summaryValue("status")?.string == "converged")
        #expect(try r.number("firms") == 15 && r.number("periods") == 4)
        try Self.compare(r, e, names: Self.panelNames, coefficient: 1e-5, se: 0.05, logLikelihood: 2e-6, llShift: Self.frontierPiShift)
        #expect(try r.texts("period").count == 60)
        expectClose(try r.column("efficiency"), try e.numbers("te"), 1e-5, "efficiency")
        #expect(try r.requireTable("firms").rows.count == 15)
        #expect(try abs(r.number("lr_critical_value_5pct") - 5.138) < 5e-4)   // γ and η: q = 2
    }

    @Test func batteseCoelli92TimeInvariantFirms() throws {
        let r = try PluginHarness.run("sfa", data: "front41_eg4_panel.csv", id: "firm", Self.panelArguments + ["--time-invariant"])
        let e = try Reference.entry("front41_eg4_panel.expected.json", model: "bc92-halfnormal-timeinvariant-production-cobbdouglas-log",
                                    source: "R package frontier")
        #expect(try !r.terms.contains("eta"))
        try Self.compare(r, e, names: Self.panelNames, coefficient: 1e-5, se: 0.05, logLikelihood: 2e-6, llShift: Self.frontierPiShift)
        expectClose(try r.column("efficiency", table: "firms"), try e.numbers("te_firm"), 1e-5, "firm efficiency")
        #expect(try r.texts("id", table: "firms") == (1...15).map(String.init))
    }

    /// BC95 with z = period has no interior maximum (γ → 1, δ → −∞): the status says so in the
    /// summary, in a note and on every unit.
    @Test func batteseCoelli95ReportsNoInteriorMaximum() throws {
        let r = try PluginHarness.run("sfa", data: "front41_eg4_panel.csv", id: "firm",
                                      Self.panelArguments + ["--model", "bc95", "--z", "period"])
        #expect(r.summaryValue("status")?.string == "no_interior_maximum")
        #expect(try r.texts("status").count == 60 && r.texts("status").allSatisfy { $0 == "not_converged" })
        #expect(r.notes.first?.hasPrefix("NOT CONVERGED") == true)
        #expect(try r.terms.contains("delta:const") && r.terms.contains("delta:period"))
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
        let r = try PluginHarness.run("sfa", csvText: Self.wrongSkewCSV(), ["--y", "y", "--x", "x"])
        #expect(r.summaryValue("wrong_skew") == .bool(true))
        #expect(try r.number("ols_skewness") > 0)
        #expect(r.summaryValue("status")?.string == "no_interior_maximum")
        #expect(try r.texts("status").allSatisfy { $0 == "not_converged" })
        #expect(r.notes.contains { $0.hasPrefix("NOT CONVERGED") })
        #expect(r.notes.contains { $0.hasPrefix("wrong_skew") })
        // As a cost frontier the same data are fine.
        let cost = try PluginHarness.run("sfa", csvText: Self.wrongSkewCSV(), ["--y", "y", "--x", "x", "--frontier", "cost"])
        #expect(cost.summaryValue("status")?.string == "converged")
        #expect(try cost.texts("status").allSatisfy { $0 == "ok" })
    }

    @Test func usageErrors() throws {
        let data = "front41_eg1_logs.csv"
        func usage(_ arguments: [String], id: String? = nil, _ fragment: String, sourceLocation: SourceLocation = #_sourceLocation) {
            do {
                _ = try PluginHarness.run("sfa", data: data, id: id, ["--y", "ly", "--x", "lk,ll"] + arguments)
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
            _ = try PluginHarness.run("sfa", csvText: "y,x\n1,2\n2,3\n3,0\n4,5\n", name: "levels.csv", ["--y", "y", "--x", "x", "--log"])
            Issue.record("no error")
        } catch let error as DataError {
            #expect(error.line == 4 && error.dataRow == 3 && error.column == "x" && error.got == "0")
            #expect(error.source.hasSuffix("levels.csv"))
            #expect(error.description.contains("positive"))
        }
        do {
            _ = try PluginHarness.run("sfa", csvText: "id,t,y,x\nA,1,1,2\nA,1,2,3\n", name: "panel.csv", id: "id",
                                      ["--y", "y", "--x", "x", "--period", "t"])
            Issue.record("no error")
        } catch let error as DataError {
            #expect(error.line == 3 && error.column == "id")
        }
        do {
            _ = try PluginHarness.run("sfa", csvText: "id,t,y,x\nA,1,1,2\nA,1.5,2,3\n", name: "panel.csv", id: "id",
                                      ["--y", "y", "--x", "x", "--period", "t"])
            Issue.record("no error")
        } catch let error as DataError {
            #expect(error.line == 3 && error.column == "t" && error.description.contains("integer period"))
        }
    }
}
