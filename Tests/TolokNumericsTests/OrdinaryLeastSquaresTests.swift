import Foundation
import Testing
@testable import TolokNumerics

// Reference values computed in 40-digit arithmetic with mpmath 1.3 (β = (XᵀX)⁻¹Xᵀy, HC1 by
// its definition); p values with SciPy 1.17 (stats.t.sf, stats.f.sf).
@Suite struct OrdinaryLeastSquaresTests {
    let x1: [Double] = [1, 2, 3, 4, 5, 6, 7, 8]
    let x2: [Double] = [2, 1, 4, 3, 6, 5, 8, 9]
    let y: [Double] = [3.1, 4.2, 7.9, 8.1, 12.5, 11.9, 16.2, 18.8]
    var design: Matrix { Matrix(columns: [x1, x2])! }

    @Test func withIntercept() throws {
        let fit = try OrdinaryLeastSquares.fit(design: design, response: y, hasIntercept: true)
        #expect(fit.status == .fullRank && fit.rank == 3 && fit.parameterCount == 3)
        #expect(isClose(fit.coefficients, [0.42549019607843137, 1.1926470588235294, 0.95686274509803922]))
        #expect(isClose(fit.standardErrors, [0.31854056130493476, 0.17400220846459817, 0.15136759618027515]))
        #expect(isClose(fit.tValues, [1.335748873975001, 6.8542064456968136, 6.3214503582288431]))
        #expect(isClose(fit.pValues, [0.23920381527419024, 0.001009822141927951, 0.0014598196790667484], relative: 1e-11))
        #expect(isClose(fit.robustStandardErrors, [0.36120873843800722, 0.20033195844777184, 0.16515701922266515]))
        #expect(isClose(fit.robustCovariance[0, 1], -0.02966207234640922))
        #expect(isClose(fit.robustCovariance[1, 0], -0.02966207234640922))
        #expect(isClose(fit.residualStandardError, 0.40857235901247604))
        #expect(isClose(fit.rSquared, 0.99610153322826454))
        #expect(isClose(fit.adjustedRSquared, 0.99454214651957035))
        #expect(isClose(fit.fStatistic, 638.77775004404769))
        #expect(isClose(fit.fPValue, 9.489309075752563e-07, relative: 1e-11))
        #expect(isClose(fit.logLikelihood, -2.3108037732713828))
        #expect(fit.anova.regressionDegreesOfFreedom == 2 && fit.anova.residualDegreesOfFreedom == 5)
        #expect(isClose(fit.anova.residualSumOfSquares, 0.83465686274509804))
        #expect(isClose(fit.anova.totalSumOfSquares, 214.09875))
        #expect(isClose(fit.anova.residualMeanSquare, 0.40857235901247604 * 0.40857235901247604))
        #expect(fit.anova.isCentred)
        // Residuals and fitted values add up to y; residuals are orthogonal to X.
        for i in 0..<y.count { #expect(isClose(fit.fittedValues[i] + fit.residuals[i], y[i], relative: 1e-15)) }
        #expect(abs(fit.residuals.reduce(0, +)) < 1e-14)
        #expect(abs(zip(fit.residuals, x1).map(*).reduce(0, +)) < 1e-13)
        // Covariance = σ̂²(XᵀX)⁻¹, symmetric.
        #expect(isClose(fit.covariance[1, 1].squareRoot(), fit.standardErrors[1], relative: 1e-15))
        #expect(fit.covariance[0, 2] == fit.covariance[2, 0])
        #expect(fit.refinementConverged)
    }

    @Test func throughTheOrigin() throws {
        let fit = try OrdinaryLeastSquares.fit(design: design, response: y, hasIntercept: false)
        #expect(fit.status == .fullRank && !fit.hasIntercept)
        #expect(isClose(fit.coefficients, [1.275, 0.95]))
        #expect(isClose(fit.standardErrors, [0.17302068059621802, 0.16086334613277276]))
        #expect(isClose(fit.pValues, [0.000320033842857147, 0.001048024482924277], relative: 1e-11))
        #expect(isClose(fit.robustStandardErrors, [0.20148281346618426, 0.1796294409022319]))
        // Uncentred R² = 1 − SSE/Σy²; F on (2, 6) degrees of freedom.
        #expect(isClose(fit.rSquared, 0.99894060860048082))
        #expect(isClose(fit.adjustedRSquared, 0.99858747813397442))
        #expect(!fit.anova.isCentred && isClose(fit.anova.totalSumOfSquares, 1069.01))
        #expect(fit.anova.regressionDegreesOfFreedom == 2 && fit.anova.residualDegreesOfFreedom == 6)
        #expect(isClose(fit.fStatistic, 2828.8145695364238))
        #expect(isClose(fit.fPValue, 1.1889657071284884e-09, relative: 1e-11))
        #expect(isClose(fit.logLikelihood, -3.5314524124182464))
    }

    @Test func rankDeficientDesignIsAStatusNotATrap() throws {
        // Column 2 = 2 × column 1: rank 2 of 3 with the intercept. The fit is that of y on
        // (1, x1); the minimum-norm split between the collinear columns is not identified.
        let collinear = Matrix(columns: [x1, x1.map { 2 * $0 }])!
        let fit = try OrdinaryLeastSquares.fit(design: collinear, response: y, hasIntercept: true)
        #expect(fit.status == .rankDeficient(rank: 2) && fit.rank == 2)
        let allNaN = (fit.standardErrors + fit.tValues + fit.pValues + fit.robustStandardErrors).allSatisfy { $0.isNaN }
        #expect(allNaN)
        let simple = try OrdinaryLeastSquares.fit(design: Matrix(columns: [x1])!, response: y, hasIntercept: true)
        // Same fitted values, σ̂ (on n − rank = 6 df), R² and F (1 and 6 df) as the simple regression.
        #expect(isClose(fit.fittedValues, simple.fittedValues, relative: 1e-12))
        #expect(isClose(fit.residualStandardError, simple.residualStandardError, relative: 1e-12))
        #expect(isClose(fit.rSquared, simple.rSquared, relative: 1e-13))
        #expect(isClose(fit.fStatistic, simple.fStatistic, relative: 1e-11))
        #expect(fit.anova.regressionDegreesOfFreedom == 1 && fit.anova.residualDegreesOfFreedom == 6)
        // The simple slope b is split as b₁ + 2b₂ = b. Column scaling turns x1 and 2·x1 into the
        // same column x1/8 (powers of two), whose minimum-norm split is equal: z₁ = z₂, hence
        // b₁ = z₁/8 = 2·(z₂/16) = 2b₂, i.e. b₁ = b/2, b₂ = b/4.
        #expect(isClose(fit.coefficients[1] + 2 * fit.coefficients[2], simple.coefficients[1], relative: 1e-12))
        #expect(isClose(fit.coefficients[1], 2 * fit.coefficients[2], relative: 1e-12))
        #expect(isClose(fit.coefficients[0], simple.coefficients[0], relative: 1e-12))
    }

    @Test func moreParametersThanObservations() throws {
        let wide = Matrix(columns: [[1, 2], [3, 1], [0, 1]])!
        let fit = try OrdinaryLeastSquares.fit(design: wide, response: [1, 2], hasIntercept: true)
        #expect(fit.status == .rankDeficient(rank: 2))
        #expect(fit.residualStandardError.isNaN)        // n − rank = 0
        let tiny = fit.residuals.allSatisfy { abs($0) < 1e-14 }
        #expect(tiny)
    }

    @Test func exactFitGivesZeroErrorsAndInfiniteF() throws {
        // y = 1 + 2x exactly.
        let x: [Double] = [0, 1, 2, 3, 4]
        let fit = try OrdinaryLeastSquares.fit(design: Matrix(columns: [x])!, response: x.map { 1 + 2 * $0 },
                                               hasIntercept: true)
        #expect(fit.coefficients == [1, 2])
        #expect(fit.residualStandardError == 0 && fit.standardErrors == [0, 0])
        #expect(fit.fStatistic == .infinity && fit.fPValue == 0)
        #expect(fit.logLikelihood == .infinity && fit.rSquared == 1)
    }

    @Test func polynomialFitMatchesExplicitDesign() throws {
        let x: [Double] = [0.5, 1.5, 2, 3.25, 4, 5.5, 6, 7.75]
        let yy = x.map { 1 - 0.5 * $0 + 0.25 * $0 * $0 + sin($0) }
        let poly = try OrdinaryLeastSquares.fitPolynomial(x: x, response: yy, degree: 2, hasIntercept: true)
        let explicit = try OrdinaryLeastSquares.fit(design: Matrix(columns: [x, x.map { $0 * $0 }])!,
                                                    response: yy, hasIntercept: true)
        #expect(isClose(poly.coefficients, explicit.coefficients, relative: 1e-13))
        #expect(isClose(poly.standardErrors, explicit.standardErrors, relative: 1e-13))
        let noInt = try OrdinaryLeastSquares.fitPolynomial(x: x, response: yy, degree: 2, hasIntercept: false)
        #expect(noInt.parameterCount == 2 && !noInt.hasIntercept)
    }

    @Test func invalidInputThrows() {
        #expect(throws: LinearAlgebraError.nonFinite) {
            try OrdinaryLeastSquares.fit(design: design, response: [1, 2, 3, .nan, 5, 6, 7, 8], hasIntercept: true)
        }
        #expect(throws: LinearAlgebraError.nonFinite) {
            try OrdinaryLeastSquares.fit(design: Matrix(columns: [x1, x2.map { $0 == 4 ? .infinity : $0 }])!,
                                         response: y, hasIntercept: true)
        }
        #expect(throws: LinearAlgebraError.self) {
            try OrdinaryLeastSquares.fit(design: design, response: [1, 2], hasIntercept: true)
        }
        #expect(throws: LinearAlgebraError.self) {
            try OrdinaryLeastSquares.fit(design: Matrix(rows: 3, columns: 0), response: [1, 2, 3], hasIntercept: false)
        }
        #expect(throws: LinearAlgebraError.self) {
            try OrdinaryLeastSquares.fitPolynomial(x: x1, response: y, degree: 0, hasIntercept: true)
        }
        #expect(throws: LinearAlgebraError.self) {
            try OrdinaryLeastSquares.fit(design: design, response: y, hasIntercept: true,
                                         options: .init(rankTolerance: -1))
        }
    }

    @Test func interceptOnlyModel() throws {
        let fit = try OrdinaryLeastSquares.fit(design: Matrix(rows: 8, columns: 0), response: y, hasIntercept: true)
        let mean = y.reduce(0, +) / 8
        #expect(isClose(fit.coefficients[0], mean, relative: 1e-15))
        #expect(fit.fStatistic.isNaN && fit.anova.regressionDegreesOfFreedom == 0)
        #expect(isClose(fit.rSquared, 0) || abs(fit.rSquared) < 1e-15)
    }
}
