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
        let root = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        return root["models"] as! [[String: Any]]
    }

    /// The entry with the given model id whose source contains `source`.
    static func entry(_ file: String, model: String, source: String) throws -> [String: Any] {
        let all = try models(file).filter { ($0["model"] as? String) == model && (($0["source"] as? String) ?? "").contains(source) }
        precondition(all.count == 1, "\(all.count) entries for \(model) / \(source)")
        return all[0]
    }

    static func matrix(_ columns: [[Double]]) -> Matrix { Matrix(columns: columns)! }
}

extension Dictionary where Key == String, Value == Any {
    func number(_ key: String) -> Double { (self[key] as! NSNumber).doubleValue }
    func numbers(_ key: String) -> [Double] { (self[key] as! [NSNumber]).map(\.doubleValue) }
    func dict(_ key: String) -> [String: Any] { self[key] as! [String: Any] }
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
struct EntryChecker {
    let label: String
    let fit: StochasticFrontierFit
    let entry: [String: Any]
    let tol: Tolerances
    var worst: [String: Double] = [:]

    init(_ label: String, fit: StochasticFrontierFit, entry: [String: Any], tol: Tolerances) {
        self.label = label; self.fit = fit; self.entry = entry; self.tol = tol
    }

    /// The FRONTIER 4.1 / R frontier log-likelihood equals the exact one + n · ½ ln(π/π₃₂),
    /// π₃₂ = 3.1415926 rounded to single precision: n · 2.403158e-8.
    var llShift: Double {
        ((entry["loglik_convention"] as? String) ?? "").contains("FRONTIER") ? Double(fit.observations) * 2.403158e-8 : 0
    }

    mutating func compare(_ kind: String, _ name: String, _ ours: Double, _ ref: Double, rel: Double, floor: Double = 1e-300,
                          sourceLocation: SourceLocation = #_sourceLocation) {
        let err = abs(ours - ref) / max(abs(ref), floor)
        worst[kind] = max(worst[kind] ?? 0, err)
        #expect(err <= rel, "\(label): \(name) = \(ours), reference \(ref) (error \(err) > \(rel))", sourceLocation: sourceLocation)
    }

    mutating func compareAbsolute(_ kind: String, _ name: String, _ ours: Double, _ ref: Double, tol: Double,
                                  sourceLocation: SourceLocation = #_sourceLocation) {
        let err = abs(ours - ref)
        worst[kind] = max(worst[kind] ?? 0, err)
        #expect(err <= tol, "\(label): \(name) = \(ours), reference \(ref) (|diff| \(err) > \(tol))", sourceLocation: sourceLocation)
    }

    /// Internal parameter by name: sfaR names (Zu_, Zv_, Zmu_) map to ln σ_u², ln σ_v², μ.
    func internalParameter(_ refName: String) -> (value: Double, se: Double)? {
        let map: [String: [String]] = [
            "Zu_(Intercept)": ["ln_sigma_u_sq", "ln_sigma_u_sq:const"], "Zu_regu": ["ln_sigma_u_sq:z1"],
            "Zv_(Intercept)": ["ln_sigma_v_sq", "ln_sigma_v_sq:const"], "Zv_regu": ["ln_sigma_v_sq:z1"],
            "Zmu_(Intercept)": ["mu", "mu:const"], "Zmu_regu": ["mu:z1"],
            "ln_sigma_u_sq": ["ln_sigma_u_sq"], "ln_sigma_v_sq": ["ln_sigma_v_sq"],
            "tau": ["tau"], "cu": ["ln_sigma_star_sq"], "Zscale_regu": ["scale:z1"],
        ]
        for candidate in map[refName] ?? [refName] {
            if let j = fit.parameterNames.firstIndex(of: candidate) {
                return (fit.parameters[j], fit.covariance.map { $0[j, j].squareRoot() } ?? .nan)
            }
        }
        return nil
    }

    mutating func run() {
        let shift = llShift
        if let ll = entry["loglik"] as? NSNumber {
            compareAbsolute("loglik", "log-likelihood", fit.logLikelihood + shift, ll.doubleValue, tol: tol.logLikelihood)
        }
        if let ll = entry["ols_loglik"] as? NSNumber {
            compareAbsolute("loglik", "OLS log-likelihood", fit.ols.logLikelihood + shift, ll.doubleValue, tol: tol.logLikelihood)
        }
        if let lr = entry["lr_test_one_sided"] as? NSNumber {
            // LR = 2Δℓ: the absolute ℓ tolerance, doubled, bounds it.
            compareAbsolute("lr", "LR statistic", fit.likelihoodRatioTest.statistic, lr.doubleValue,
                            tol: tol.lr ?? 4 * tol.logLikelihood)
        }
        let beta = Dictionary(uniqueKeysWithValues: fit.beta.map { ($0.name, $0) })
        for (name, v) in entry.dict("coefficients") {
            guard let b = beta[name] else { Issue.record("\(label): no coefficient \(name)"); continue }
            compare("coef", name, b.value, (v as! NSNumber).doubleValue, rel: tol.coefficient, floor: tol.floor)
        }
        if let seTol = tol.standardError, let ses = entry["std_errors"] as? [String: Any] {
            for (name, v) in ses { compare("se", "SE(\(name))", beta[name]!.standardError, (v as! NSNumber).doubleValue, rel: seTol) }
        }
        let frontierParams: [(String, ParameterEstimate?)] = [
            ("sigma_sq", fit.sigmaSquared), ("gamma", fit.gamma), ("mu", fit.mu), ("sigma_u", fit.sigmaU), ("sigma_v", fit.sigmaV),
        ]
        for (key, est) in frontierParams {
            guard let ref = entry[key] as? NSNumber else { continue }
            guard let est else { Issue.record("\(label): no \(key)"); continue }
            compare("variance", key, est.value, ref.doubleValue, rel: tol.variance, floor: tol.floor)
            if let seTol = tol.standardError, let s = entry[key + "_se"] as? NSNumber {
                compare("se", "SE(\(key))", est.standardError, s.doubleValue, rel: seTol)
            }
        }
        if let derived = entry["derived"] as? [String: Any], let su = fit.sigmaU, let sv = fit.sigmaV, let lam = fit.lambda {
            for (key, ours) in [("sigma_u", su.value), ("sigma_v", sv.value), ("lambda_", lam.value),
                                ("sigma_u_sq", su.value * su.value), ("sigma_v_sq", sv.value * sv.value)] {
                if let r = derived[key] as? NSNumber { compare("variance", "derived \(key)", ours, r.doubleValue, rel: tol.variance) }
            }
        }
        var others: [(String, Double, Double?)] = []
        for key in ["ln_sigma_u_sq", "ln_sigma_v_sq"] {
            if let v = entry[key] as? NSNumber { others.append((key, v.doubleValue, (entry[key + "_se"] as? NSNumber)?.doubleValue)) }
        }
        if let op = entry["other_parameters"] as? [String: Any] {
            let ops = entry["other_parameters_se"] as? [String: Any] ?? [:]
            for (k, v) in op { others.append((k, (v as! NSNumber).doubleValue, (ops[k] as? NSNumber)?.doubleValue)) }
        }
        for (k, v, s) in others {
            guard let p = internalParameter(k) else { Issue.record("\(label): no parameter \(k)"); continue }
            compare("variance", k, p.value, v, rel: tol.variance, floor: tol.floor)
            if let seTol = tol.standardError, let s { compare("se", "SE(\(k))", p.se, s, rel: seTol) }
        }
        if let effTol = tol.efficiency {
            let eff = fit.efficiencies
            for (key, ours) in [("te", eff.batteseCoelli), ("te_jlms", eff.jlmsEfficiency), ("u_jlms", eff.jlms),
                                ("te_inverse", eff.batteseCoelliInverse), ("te_bc_reciprocal", eff.batteseCoelliInverse)] {
                guard let ref = entry[key] as? [NSNumber] else { continue }
                #expect(ref.count == ours.count, "\(label): \(key) has \(ref.count) values, fit \(ours.count)")
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
        if let covTol = tol.covariance, let cov = entry["covariance"] as? [[NSNumber]],
           let order = entry["covariance_order"] as? [String] {
            guard let ours = fit.frontierCovariance else { Issue.record("\(label): no covariance"); return }
            let idx = order.map { fit.frontierCovarianceNames.firstIndex(of: $0)! }
            for (a, ia) in idx.enumerated() {
                for (b, ib) in idx.enumerated() {
                    let scale = (cov[a][a].doubleValue * cov[b][b].doubleValue).squareRoot()
                    compare("covariance", "cov[\(order[a]), \(order[b])]", ours[ia, ib], cov[a][b].doubleValue, rel: covTol, floor: scale)
                }
            }
        }
        let summary = worst.keys.sorted().map { "\($0) \(String(format: "%.1e", worst[$0]!))" }.joined(separator: ", ")
        print("REPORT \(label): status \(fit.status); \(summary)")
    }
}

extension StochasticFrontierFit {
    /// Runs the comparison of this fit with a reference entry.
    func check(_ label: String, against entry: [String: Any], _ tol: Tolerances) {
        var c = EntryChecker(label, fit: self, entry: entry, tol: tol)
        c.run()
    }
}
