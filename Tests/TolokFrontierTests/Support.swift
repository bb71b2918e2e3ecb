import Testing
import Foundation
import TolokNumerics
@testable import TolokFrontierModel
@testable import TolokFrontier

/// Reads the reference data in `Datasets/` (see `Datasets/SOURCES-FRONTIER.md`).
enum Reference {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Datasets")

    /// A numeric CSV with a header: column name → values.
    static func csv(_ name: String) throws -> [String: [Double]] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        var columns = [String: [Double]]()
        for h in header { columns[h] = [] }
        for line in lines where !line.isEmpty {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false)
            for (h, c) in zip(header, cells) { columns[h]!.append(Double(c.trimmingCharacters(in: .whitespaces)) ?? .nan) }
        }
        return columns
    }

    /// The `models` list of an expected-values JSON file.
    static func models(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any],
              let models = root["models"] as? [[String: Any]] else { throw ReferenceError("\(name) has no \"models\" list") }
        return models
    }

    /// The entry with the given model id whose source contains `source` (exactly one).
    static func entry(_ file: String, model: String, source: String) throws -> [String: Any] {
        let all = try models(file).filter { ($0["model"] as? String) == model && (($0["source"] as? String) ?? "").contains(source) }
        guard all.count == 1 else { throw ReferenceError("\(file): \(all.count) entries for \(model) / \(source)") }
        return all[0]
    }

    static func matrix(_ columns: [[Double]]) -> Matrix { Matrix(columns: columns)! }
}

/// A reference value that is missing or has the wrong type: the test fails with it.
struct ReferenceError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension Dictionary where Key == String, Value == Any {
    /// A number; throws when the key is missing or not a number.
    func number(_ key: String) throws -> Double {
        guard let v = self[key] as? NSNumber else { throw ReferenceError("reference has no number \"\(key)\" (keys: \(keys.sorted()))") }
        return v.doubleValue
    }
    /// A list of numbers; throws when the key is missing or not a list of numbers.
    func numbers(_ key: String) throws -> [Double] {
        guard let v = self[key] as? [NSNumber] else { throw ReferenceError("reference has no list of numbers \"\(key)\" (keys: \(keys.sorted()))") }
        return v.map(\.doubleValue)
    }
    /// An object; throws when the key is missing or not an object.
    func dict(_ key: String) throws -> [String: Any] {
        guard let v = self[key] as? [String: Any] else { throw ReferenceError("reference has no object \"\(key)\" (keys: \(keys.sorted()))") }
        return v
    }
    /// An object of numbers (`{"const": 0.56, …}`); throws when missing or when a value is not a number.
    func numberObject(_ key: String) throws -> [String: Double] {
        let d = try dict(key)
        return try d.mapValues { v in
            guard let x = v as? NSNumber else { throw ReferenceError("reference \"\(key)\" holds a value that is not a number: \(v)") }
            return x.doubleValue
        }
    }
}

/// |a − b| ≤ tol · max(|b|, floor): relative, with an absolute floor for values near zero.
func relClose(_ a: Double, _ b: Double, _ tol: Double, floor: Double = 1e-300) -> Bool {
    abs(a - b) <= tol * max(abs(b), floor)
}

func relErr(_ a: Double, _ b: Double) -> Double { abs(a - b) / abs(b) }

/// Tolerances for one reference entry, chosen from the entry's stated precision (see
/// the comments at each use and `Datasets/SOURCES-FRONTIER.md`).
struct Tolerances {
    /// Relative, for β and OLS quantities: |ours − ref| ≤ tol · max(|ref|, floor).
    var coefficient: Double
    var floor: Double = 1e-2
    /// Relative, for σ², γ, μ, σ_u, σ_v, λ and the sfaR log-variance coefficients.
    var variance: Double
    /// Absolute, on the log-likelihood after the π-convention correction.
    var logLikelihood: Double
    /// Relative tolerance on standard errors (nil: not compared).
    var standardError: Double? = nil
    /// Tolerance on per-unit efficiencies; relative unless `efficiencyIsAbsolute`.
    var efficiency: Double? = nil
    var efficiencyIsAbsolute = false
    /// Relative tolerance on the FRONTIER-order covariance matrix (nil: not compared).
    var covariance: Double? = nil
    /// Absolute tolerance on the LR statistic (default: 4 × the ℓ tolerance, as LR = 2Δℓ).
    var lr: Double? = nil
}

/// Compares a fit with one reference entry. Every comparison is an `#expect`; the largest
/// errors per kind are printed as one `REPORT` line (used for the summary in the hand-over).
///
/// Nothing is skipped silently. The comparison fails
/// * when the entry lacks a value the tolerances ask for: `loglik` and `coefficients` always,
///   `std_errors` with `standardError`, `te` with `efficiency`, `covariance` and
///   `covariance_order` with `covariance`;
/// * when the entry's coefficients and the fit's β are not the same names;
/// * when a parameter of the fit beyond β is checked by no reference value (σ² with γ, μ, η,
///   σ_u, σ_v, the log-variances or the sfaR parameters pin them; see `covered`);
/// * when the fit lacks a quantity the entry gives;
/// * when the entry has a key that is neither compared here nor listed in `notCompared`, so a
///   renamed key cannot drop its comparison.
struct EntryChecker {
    let label: String
    let fit: StochasticFrontierFit
    let entry: [String: Any]
    let tol: Tolerances
    let sourceLocation: SourceLocation
    var worst: [String: Double] = [:]
    /// Internal parameters (beyond β) that some compared reference value pins down.
    var covered: Set<String> = []

    init(_ label: String, fit: StochasticFrontierFit, entry: [String: Any], tol: Tolerances,
         sourceLocation: SourceLocation = #_sourceLocation) {
        self.label = label; self.fit = fit; self.entry = entry; self.tol = tol; self.sourceLocation = sourceLocation
    }

    /// Keys the checker can compare (whether a given tolerance set compares them or not).
    static let comparable: Set<String> = [
        "loglik", "ols_loglik", "lr_test_one_sided", "coefficients", "std_errors",
        "sigma_sq", "sigma_sq_se", "gamma", "gamma_se", "mu", "mu_se", "sigma_u", "sigma_u_se", "sigma_v", "sigma_v_se",
        "eta", "eta_se", "derived", "ln_sigma_u_sq", "ln_sigma_u_sq_se", "ln_sigma_v_sq", "ln_sigma_v_sq_se",
        "other_parameters", "other_parameters_se",
        "te", "te_jlms", "u_jlms", "te_inverse", "te_bc_reciprocal", "mean_te", "mean_te_jlms",
        "covariance", "covariance_order",
    ]

    /// Keys that are deliberately not compared: descriptions of the source, the reference
    /// optimiser's own diagnostics, numbers implied by compared ones (t ratios, ℓ with the exact
    /// π), and values that specific tests check themselves (`te_firm`, `delta`,
    /// `efficiency_summary`, `lr_restrictions`).
    static let notCompared: Set<String> = [
        "model", "source", "data_file", "precision", "published", "provenance", "computed_by", "se_method", "se_note",
        "te_estimator", "te_inverse_estimator", "te_layout", "loglik_convention", "parameterisation", "note", "notes",
        "covariance_note", "lr_note", "mean_te_note", "optimizer_status", "convergence", "convergence_code", "iterations",
        "grid_search", "max_abs_gradient", "t_ratios", "loglik_exact_pi", "lr_restrictions", "covariance_names",
        "te_firm", "delta", "delta_std_errors", "efficiency_summary", "mean_efficiencies",
    ]

    /// The FRONTIER 4.1 / R frontier log-likelihood equals the exact one + n · ½ ln(π/π₃₂),
    /// π₃₂ = 3.1415926 rounded to single precision: n · 2.403158e-8.
    var llShift: Double {
        ((entry["loglik_convention"] as? String) ?? "").contains("FRONTIER") ? Double(fit.observations) * 2.403158e-8 : 0
    }

    func fail(_ message: String) {
        Issue.record("\(label): \(message)", sourceLocation: sourceLocation)
    }

    /// A required number, or a failure.
    func required(_ key: String) -> Double? {
        guard let v = entry[key] as? NSNumber else { fail("the reference has no number \"\(key)\""); return nil }
        return v.doubleValue
    }

    mutating func compare(_ kind: String, _ name: String, _ ours: Double, _ ref: Double, rel: Double, floor: Double = 1e-300) {
        let err = abs(ours - ref) / max(abs(ref), floor)
        worst[kind] = max(worst[kind] ?? 0, err)
        #expect(err <= rel, "\(label): \(name) = \(ours), reference \(ref) (error \(err) > \(rel))", sourceLocation: sourceLocation)
    }

    mutating func compareAbsolute(_ kind: String, _ name: String, _ ours: Double, _ ref: Double, tol: Double) {
        let err = abs(ours - ref)
        worst[kind] = max(worst[kind] ?? 0, err)
        #expect(err <= tol, "\(label): \(name) = \(ours), reference \(ref) (|diff| \(err) > \(tol))", sourceLocation: sourceLocation)
    }

    /// Internal parameter by name: sfaR names (Zu_, Zv_, Zmu_) map to ln σ_u², ln σ_v², μ.
    func internalParameter(_ refName: String) -> (name: String, value: Double, se: Double)? {
        let map: [String: [String]] = [
            "Zu_(Intercept)": ["ln_sigma_u_sq", "ln_sigma_u_sq:const"], "Zu_regu": ["ln_sigma_u_sq:z1"],
            "Zv_(Intercept)": ["ln_sigma_v_sq", "ln_sigma_v_sq:const"], "Zv_regu": ["ln_sigma_v_sq:z1"],
            "Zmu_(Intercept)": ["mu", "mu:const"], "Zmu_regu": ["mu:z1"],
            "ln_sigma_u_sq": ["ln_sigma_u_sq"], "ln_sigma_v_sq": ["ln_sigma_v_sq"],
            "tau": ["tau"], "cu": ["ln_sigma_star_sq"], "Zscale_regu": ["scale:z1"],
        ]
        for candidate in map[refName] ?? [refName] {
            if let j = fit.parameterNames.firstIndex(of: candidate) {
                return (candidate, fit.parameters[j], fit.covariance.map { $0[j, j].squareRoot() } ?? .nan)
            }
        }
        return nil
    }

    /// A numeric object of the entry (`coefficients`, `std_errors`, …), or a failure.
    func numbers(_ key: String) -> [String: Double]? {
        guard let d = entry[key] as? [String: Any] else { fail("the reference has no object \"\(key)\""); return nil }
        var out: [String: Double] = [:]
        for (k, v) in d {
            guard let x = v as? NSNumber else { fail("\(key).\(k) is not a number"); continue }
            out[k] = x.doubleValue
        }
        return out
    }

    mutating func run() {
        for key in entry.keys.sorted() where !Self.comparable.contains(key) && !Self.notCompared.contains(key) {
            fail("reference key \"\(key)\" is neither compared nor listed in EntryChecker.notCompared")
        }
        let shift = llShift
        if let ll = required("loglik") {
            compareAbsolute("loglik", "log-likelihood", fit.logLikelihood + shift, ll, tol: tol.logLikelihood)
        }
        if let ll = entry["ols_loglik"] as? NSNumber {
            compareAbsolute("loglik", "OLS log-likelihood", fit.ols.logLikelihood + shift, ll.doubleValue, tol: tol.logLikelihood)
        }
        if let lr = entry["lr_test_one_sided"] as? NSNumber {
            // LR = 2Δℓ: the absolute ℓ tolerance, doubled, bounds it.
            compareAbsolute("lr", "LR statistic", fit.likelihoodRatioTest.statistic, lr.doubleValue,
                            tol: tol.lr ?? 4 * tol.logLikelihood)
        }

        // β: the same names on both sides, every one compared.
        let beta = Dictionary(uniqueKeysWithValues: fit.beta.map { ($0.name, $0) })
        if let coefficients = numbers("coefficients") {
            if Set(coefficients.keys) != Set(beta.keys) {
                fail("coefficients \(coefficients.keys.sorted()) in the reference, \(beta.keys.sorted()) in the fit")
            }
            for (name, v) in coefficients {
                guard let b = beta[name] else { continue }
                compare("coef", name, b.value, v, rel: tol.coefficient, floor: tol.floor)
            }
        }
        if let seTol = tol.standardError, let ses = numbers("std_errors") {
            if Set(ses.keys) != Set(beta.keys) { fail("std_errors \(ses.keys.sorted()) in the reference, \(beta.keys.sorted()) in the fit") }
            for (name, v) in ses {
                guard let b = beta[name] else { continue }
                compare("se", "SE(\(name))", b.standardError, v, rel: seTol)
            }
        }

        // Variance parameters in the FRONTIER parameterisation and σ_u, σ_v, η.
        let homoscedastic = fit.sigmaSquared != nil
        let frontierParams: [(String, ParameterEstimate?, [String])] = [
            ("sigma_sq", fit.sigmaSquared, []), ("gamma", fit.gamma, []),
            ("mu", fit.mu, ["mu"]), ("sigma_u", fit.sigmaU, ["ln_sigma_u_sq"]), ("sigma_v", fit.sigmaV, ["ln_sigma_v_sq"]),
            ("eta", fit.eta, ["eta"]),
        ]
        for (key, est, pins) in frontierParams {
            guard let ref = entry[key] as? NSNumber else { continue }
            guard let est else { fail("the fit has no \(key)"); continue }
            compare("variance", key, est.value, ref.doubleValue, rel: tol.variance, floor: tol.floor)
            covered.formUnion(pins)
            if let seTol = tol.standardError, let s = entry[key + "_se"] as? NSNumber {
                compare("se", "SE(\(key))", est.standardError, s.doubleValue, rel: seTol)
            }
        }
        // σ² and γ together pin σ_u² and σ_v².
        if homoscedastic && entry["sigma_sq"] is NSNumber && entry["gamma"] is NSNumber {
            covered.formUnion(["ln_sigma_u_sq", "ln_sigma_v_sq"])
        }
        if let derived = entry["derived"] as? [String: Any] {
            if let su = fit.sigmaU, let sv = fit.sigmaV, let lam = fit.lambda {
                for (key, ours, pins) in [("sigma_u", su.value, "ln_sigma_u_sq"), ("sigma_v", sv.value, "ln_sigma_v_sq"),
                                          ("lambda_", lam.value, ""), ("sigma_u_sq", su.value * su.value, "ln_sigma_u_sq"),
                                          ("sigma_v_sq", sv.value * sv.value, "ln_sigma_v_sq")] {
                    guard let r = derived[key] as? NSNumber else { continue }
                    compare("variance", "derived \(key)", ours, r.doubleValue, rel: tol.variance)
                    if !pins.isEmpty { covered.insert(pins) }
                }
            } else {
                fail("the reference gives derived σ_u, σ_v, λ but the fit has none")
            }
        }
        var others: [(String, Double, Double?)] = []
        for key in ["ln_sigma_u_sq", "ln_sigma_v_sq"] {
            if let v = entry[key] as? NSNumber { others.append((key, v.doubleValue, (entry[key + "_se"] as? NSNumber)?.doubleValue)) }
        }
        if entry["other_parameters"] != nil, let op = numbers("other_parameters") {
            let ops = entry["other_parameters_se"] as? [String: Any] ?? [:]
            for (k, v) in op { others.append((k, v, (ops[k] as? NSNumber)?.doubleValue)) }
        }
        for (k, v, s) in others {
            guard let p = internalParameter(k) else { fail("the fit has no parameter for \(k)"); continue }
            compare("variance", k, p.value, v, rel: tol.variance, floor: tol.floor)
            covered.insert(p.name)
            if let seTol = tol.standardError, let s { compare("se", "SE(\(k))", p.se, s, rel: seTol) }
        }
        for name in fit.parameterNames.dropFirst(fit.beta.count) where !covered.contains(name) {
            fail("no reference value checks the fit's parameter \(name)")
        }

        // Efficiencies: `te` always (when compared at all), the other conventions when given.
        if let effTol = tol.efficiency {
            let eff = fit.efficiencies
            if !(entry["te"] is [NSNumber]) { fail("the reference has no list \"te\"") }
            for (key, ours) in [("te", eff.batteseCoelli), ("te_jlms", eff.jlmsEfficiency), ("u_jlms", eff.jlms),
                                ("te_inverse", eff.batteseCoelliInverse), ("te_bc_reciprocal", eff.batteseCoelliInverse)] {
                guard let ref = entry[key] as? [NSNumber] else { continue }
                #expect(ref.count == ours.count, "\(label): \(key) has \(ref.count) values, fit \(ours.count)", sourceLocation: sourceLocation)
                for (i, (a, b)) in zip(ours, ref).enumerated() {
                    if tol.efficiencyIsAbsolute {
                        compareAbsolute("efficiency", "\(key)[\(i)]", a, b.doubleValue, tol: effTol)
                    } else {
                        compare("efficiency", "\(key)[\(i)]", a, b.doubleValue, rel: effTol, floor: 1e-2)
                    }
                }
            }
            for (key, ours) in [("mean_te", eff.meanBatteseCoelli), ("mean_te_jlms", eff.meanJLMSEfficiency)] {
                guard let ref = entry[key] as? NSNumber else { continue }
                if tol.efficiencyIsAbsolute {
                    compareAbsolute("efficiency", key, ours, ref.doubleValue, tol: effTol)
                } else {
                    compare("efficiency", key, ours, ref.doubleValue, rel: effTol)
                }
            }
        }
        if let covTol = tol.covariance {
            if let cov = entry["covariance"] as? [[NSNumber]], let order = entry["covariance_order"] as? [String] {
                if let ours = fit.frontierCovariance {
                    for (a, nameA) in order.enumerated() {
                        guard let ia = fit.frontierCovarianceNames.firstIndex(of: nameA) else { fail("the fit's covariance has no \(nameA)"); continue }
                        for (b, nameB) in order.enumerated() {
                            guard let ib = fit.frontierCovarianceNames.firstIndex(of: nameB) else { continue }
                            let scale = (cov[a][a].doubleValue * cov[b][b].doubleValue).squareRoot()
                            compare("covariance", "cov[\(nameA), \(nameB)]", ours[ia, ib], cov[a][b].doubleValue, rel: covTol, floor: scale)
                        }
                    }
                } else {
                    fail("the fit has no covariance")
                }
            } else {
                fail("the reference has no covariance matrix with its covariance_order")
            }
        }
        let summary = worst.keys.sorted().map { "\($0) \(String(format: "%.1e", worst[$0]!))" }.joined(separator: ", ")
        print("REPORT \(label): status \(fit.status); \(summary)")
    }
}

extension StochasticFrontierFit {
    /// Runs the comparison of this fit with a reference entry.
    func check(_ label: String, against entry: [String: Any], _ tol: Tolerances, sourceLocation: SourceLocation = #_sourceLocation) {
        var c = EntryChecker(label, fit: self, entry: entry, tol: tol, sourceLocation: sourceLocation)
        c.run()
    }
}
