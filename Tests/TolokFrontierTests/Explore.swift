import Testing
import Foundation
import TolokNumerics
@testable import TolokFrontier

@Suite struct Explore {
    func show(_ fit: StochasticFrontierFit, _ e: [String: Any]) {
        print("status", fit.status, "it", fit.iterations, "newton", fit.newtonSteps, "evals", fit.functionEvaluations, "dec", fit.newtonDecrement, fit.notes)
        let ll = e.number("loglik")
        print("  ll", fit.logLikelihood, "ref", ll, "diff", fit.logLikelihood - ll)
        let coefs = e.dict("coefficients")
        for (b, (k, v)) in zip(fit.beta, coefs.sorted(by: { $0.key < $1.key })) { _ = b; _ = k; _ = v }
        let names = Array(coefs.keys)
        print("  beta", fit.beta.map(\.value), names, names.map { (coefs[$0] as! NSNumber).doubleValue })
        if let other = e["other_parameters"] as? [String: Any] { print("  other", other, fit.parameters[fit.beta.count...]) }
        if let m = fit.mu { print("  mu", m.value, e["mu"] ?? "-") }
        if let s = fit.sigmaSquared { print("  s2", s.value, e["sigma_sq"] ?? "-", "gamma", fit.gamma!.value, e["gamma"] ?? "-") }
        if let te = e["te"] as? [NSNumber] {
            let r = zip(fit.efficiencies.batteseCoelli, te).map { abs($0 - $1.doubleValue) / $1.doubleValue }.max()!
            print("  te max rel", r)
        }
        if let se = e["std_errors"] as? [String: Any], !se.isEmpty { print("  se", fit.beta.map(\.standardError), se) }
        if let se = e["other_parameters_se"] as? [String: Any] { print("  otherSE", se, fit.parameters.indices.dropFirst(fit.beta.count).map { j in fit.covariance.map { c in c[j, j].squareRoot() } ?? .nan }) }
    }

    @Test func front41Data() throws {
        let d = try Reference.csv("front41Data.csv")
        let y = d["output"]!.map { log($0) }
        let x = Reference.matrix([d["capital"]!.map { log($0) }, d["labour"]!.map { log($0) }])
        for (dist, model, src) in [(InefficiencyDistribution.halfNormal, "halfnormal-production-cobbdouglas-log", "own scipy MLE on front41Data"),
                                   (.truncatedNormal, "truncnormal-production-cobbdouglas-log", "own scipy MLE on front41Data"),
                                   (.exponential, "exponential-production-cobbdouglas-log", "own scipy MLE on front41Data")] {
            let fit = try StochasticFrontier.fit(y: y, x: x, model: StochasticFrontierModel(distribution: dist))
            print("=== ", dist)
            show(fit, try Reference.entry("front41Data.expected.json", model: model, source: src))
        }
    }

    @Test func utility() throws {
        let d = try Reference.csv("sfaR_utility.csv")
        let y = zip(d["tc"]!, d["wf"]!).map { log($0 / $1) }
        let x = Reference.matrix([d["y"]!.map { log($0) }, zip(d["wl"]!, d["wf"]!).map { log($0 / $1) }, zip(d["wk"]!, d["wf"]!).map { log($0 / $1) }])
        let regu = Reference.matrix([d["regu"]!])
        let cases: [(StochasticFrontierModel, String)] = [
            (.init(frontier: .cost, distribution: .halfNormal), "halfnormal-cost-cobbdouglas-log"),
            (.init(frontier: .cost, distribution: .exponential), "exponential-cost-cobbdouglas-log"),
            (.init(frontier: .cost, distribution: .truncatedNormal), "truncnormal-cost-cobbdouglas-log"),
            (.init(frontier: .cost, distribution: .halfNormal, inefficiencyScaleCovariates: regu), "halfnormal-uhet_regu-cost-cobbdouglas-log"),
            (.init(frontier: .cost, distribution: .truncatedNormal, meanCovariates: regu), "truncnormal-muhet_regu-cost-cobbdouglas-log"),
        ]
        for (m, id) in cases {
            let fit = try StochasticFrontier.fit(y: y, x: x, model: m)
            print("=== ", id)
            show(fit, try Reference.entry("sfaR_utility.expected.json", model: id, source: "own scipy MLE"))
        }
    }
}
