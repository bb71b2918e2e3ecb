import Testing
import TolokNumerics
@testable import TolokFrontier

@Suite struct Front41EG1Tests {
    static func eg1() throws -> (y: [Double], x: Matrix) {
        let d = try Reference.csv("front41_eg1_logs.csv")
        return (d["ly"]!, Reference.matrix([d["lk"]!, d["ll"]!]))
    }

    @Test func explore() throws {
        let (y, x) = try Self.eg1()
        let fit = try StochasticFrontier.fit(y: y, x: x, regressorNames: ["log_capital", "log_labour"])
        print(fit.status, fit.iterations, fit.newtonSteps, fit.functionEvaluations, fit.logLikelihood, fit.newtonDecrement, fit.maxAbsGradient)
        print(fit.beta, fit.sigmaSquared!, fit.gamma!)
        print(fit.ols.coefficients, fit.ols.logLikelihood, fit.likelihoodRatioTest, fit.meanEfficiency)
        print(fit.notes)
    }
}
