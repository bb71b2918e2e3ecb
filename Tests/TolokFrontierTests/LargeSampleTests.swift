import Testing
import TolokNumerics
@testable import TolokFrontierModel
@testable import TolokFrontier

/// The large-sample path (plain-QR OLS, forward-difference Hessian; used from
/// `largeSampleThreshold` observations, i.e. in `tolok bench sfa`) against the default path on
/// the same data, and the benchmark's synthetic generator.
@Suite struct LargeSampleTests {
    @Test func largeSamplePathAgreesWithTheDefaultPath() throws {
        let data = SyntheticSFAData.halfNormalCobbDouglas(units: 6_000, seed: 7)
        let exact = try StochasticFrontier.fit(y: data.logOutput, x: data.logInputs)
        var o = StochasticFrontierOptions()
        o.largeSampleThreshold = 1_000
        let fast = try StochasticFrontier.fit(y: data.logOutput, x: data.logInputs, options: o)
        #expect(exact.status == .converged && fast.status == .converged)
        #expect(abs(exact.logLikelihood - fast.logLikelihood) < 1e-8)
        #expect(abs(exact.ols.logLikelihood - fast.ols.logLikelihood) < 1e-9)
        for j in 0..<4 {
            #expect(abs(exact.ols.coefficients[j].value - fast.ols.coefficients[j].value) < 1e-12)
            #expect(relClose(fast.ols.coefficients[j].standardError, exact.ols.coefficients[j].standardError, 1e-10))
            #expect(abs(exact.beta[j].value - fast.beta[j].value) < 1e-7)
            #expect(relClose(fast.beta[j].standardError, exact.beta[j].standardError, 1e-5))
        }
        #expect(relClose(fast.sigmaU!.standardError, exact.sigmaU!.standardError, 1e-5))
        #expect(relClose(fast.gamma!.standardError, exact.gamma!.standardError, 1e-5))
    }

    @Test func largeSampleOLSDetectsCollinearity() throws {
        let data = SyntheticSFAData.halfNormalCobbDouglas(units: 2_000, seed: 3)
        let x = Matrix(columns: [data.logInputs.column(0), data.logInputs.column(0).map { 3 * $0 }])!
        var o = StochasticFrontierOptions()
        o.largeSampleThreshold = 1_000
        #expect(throws: FrontierError.singularDesign) { try StochasticFrontier.fit(y: data.logOutput, x: x, options: o) }
    }

    /// Seeded, reproducible, and the estimates recover the generating model.
    @Test func syntheticDataRecoverTheModel() throws {
        let a = SyntheticSFAData.halfNormalCobbDouglas(units: 20_000, seed: 11)
        let b = SyntheticSFAData.halfNormalCobbDouglas(units: 20_000, seed: 11)
        #expect(a.logOutput == b.logOutput && a.logInputs == b.logInputs)
        let fit = try StochasticFrontier.fit(y: a.logOutput, x: a.logInputs)
        #expect(fit.status == .converged)
        for (estimate, truth) in zip(fit.beta, SyntheticSFAData.beta) {
            #expect(abs(estimate.value - truth) < 4 * estimate.standardError + 1e-3)
        }
        #expect(abs(fit.sigmaU!.value - SyntheticSFAData.sigmaU) < 4 * fit.sigmaU!.standardError)
        #expect(abs(fit.sigmaV!.value - SyntheticSFAData.sigmaV) < 4 * fit.sigmaV!.standardError)
    }
}
