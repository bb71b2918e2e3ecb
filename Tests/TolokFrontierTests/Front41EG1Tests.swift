import Testing
import Foundation
import TolokNumerics
@testable import TolokFrontierModel
@testable import TolokFrontier

/// FRONTIER 4.1's example 1 (Coelli 1996, Table 1e; EG1.OUT), estimated on FRONTIER's own
/// 7-digit log file `front41_eg1_logs.csv`, from which EG1.OUT was computed.
@Suite struct Front41EG1Tests {
    static let file = "front41Data.expected.json"

    static func fit(_ distribution: InefficiencyDistribution = .halfNormal) throws -> StochasticFrontierFit {
        let d = try Reference.csv("front41_eg1_logs.csv")
        return try StochasticFrontier.fit(y: d["ly"]!, x: Reference.matrix([d["lk"]!, d["ll"]!]),
                                          regressorNames: ["log_capital", "log_labour"],
                                          model: StochasticFrontierModel(distribution: distribution))
    }

    /// The OLS block of EG1.OUT (8 significant digits; OLS has a closed form, so only the
    /// printing limits the agreement) and the exact-arithmetic OLS on the same file.
    @Test func olsBlock() throws {
        let fit = try Self.fit()
        let published = try Reference.entry(Self.file, model: "ols-cobbdouglas-log", source: "FRONTIER 4.1 EG1.OUT")
        let ols = fit.ols
        let names = ["const", "log_capital", "log_labour"]
        for (j, name) in names.enumerated() {
            #expect(relClose(ols.coefficients[j].value, try published.dict("coefficients").number(name), 1e-6))
            #expect(relClose(ols.coefficients[j].standardError, try published.dict("std_errors").number(name), 1e-6))
        }
        #expect(relClose(ols.sigmaSquared, try published.number("sigma_sq"), 1e-6))
        // FRONTIER prints ℓ with π = 3.1415926 in single precision: exact + n·2.403158e-8.
        #expect(try abs(ols.logLikelihood + 60 * 2.403158e-8 - published.number("loglik")) < 1e-6)

        let own = try Reference.entry(Self.file, model: "ols-cobbdouglas-log", source: "own OLS (numpy lstsq) on FRONTIER eg1")
        for (j, name) in names.enumerated() {
            #expect(relClose(ols.coefficients[j].value, try own.dict("coefficients").number(name), 1e-10))
            #expect(relClose(ols.coefficients[j].standardError, try own.dict("std_errors").number(name), 1e-10))
        }
        #expect(try abs(ols.logLikelihood - own.number("loglik")) < 1e-9)
        #expect(ols.wrongSkew == false && ols.thirdMoment < 0)
    }

    /// EG1.OUT's half-normal estimates: printed to 8 digits, but FRONTIER stops when relative
    /// changes fall below 1e-5, so estimates, ℓ, LR and the efficiencies are compared at
    /// 1e-5 relative (ℓ at 2e-6 absolute). Its standard errors are DFP approximations:
    /// within 2% of our Hessian-based ones.
    @Test func halfNormalReproducesEG1OUT() throws {
        let fit = try Self.fit()
        #expect(fit.status == .converged)
        let e = try Reference.entry(Self.file, model: "halfnormal-production-cobbdouglas-log", source: "FRONTIER 4.1 output EG1.OUT")
        fit.check("EG1.OUT", against: e, Tolerances(coefficient: 1e-5, floor: 1e-300, variance: 1e-5, logLikelihood: 2e-6,
                                                    standardError: 0.02, efficiency: 1e-5))
        #expect(relClose(fit.likelihoodRatioTest.statistic, 2.8392402, 1e-5))
        #expect(relClose(fit.meanEfficiency, 0.74056772, 1e-5))
        #expect(fit.likelihoodRatioTest.restrictions == 1)
        #expect(abs(fit.likelihoodRatioTest.criticalValue5Percent - 2.706) < 5e-4)
        #expect(fit.likelihoodRatioTest.rejectsAt5Percent)
        // Cost-efficiency convention E[exp(u)|ε] ≥ 1 and JLMS are consistent with BC.
        for i in 0..<60 {
            #expect(fit.efficiencies.batteseCoelliInverse[i] >= 1 / fit.efficiencies.batteseCoelli[i] - 1e-12)
            #expect(fit.efficiencies.jlms[i] > 0)
        }
    }

    /// The independent full-precision MLE on the same file (scipy BFGS + Newton, observed
    /// information): estimates to 1e-6, ℓ to 1e-8, SEs and covariance to 0.1%.
    @Test func halfNormalMatchesIndependentMLE() throws {
        let fit = try Self.fit()
        let e = try Reference.entry(Self.file, model: "halfnormal-production-cobbdouglas-log",
                                    source: "own scipy MLE on FRONTIER eg1 log data")
        fit.check("eg1 own MLE", against: e, Tolerances(coefficient: 1e-6, variance: 1e-6, logLikelihood: 1e-8,
                                                        standardError: 1e-3, efficiency: 1e-6, covariance: 1e-3))
    }

    @Test func koddePalmCriticalValues() {
        // Kodde & Palm (1986), Table 1, α = 0.05.
        for (q, c) in [(1, 2.706), (2, 5.138), (3, 7.045), (4, 8.761)] {
            #expect(abs(KoddePalm.criticalValue(restrictions: q) - c) < 5e-4, "q = \(q)")
        }
        #expect(abs(KoddePalm.pValueUpperBound(statistic: 2.705543454, restrictions: 1) - 0.05) < 1e-9)
    }
}
