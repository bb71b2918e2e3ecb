import Foundation
import Testing
@testable import TolokNumerics

// Reference values from SciPy 1.17 (scipy.stats.t / f) and mpmath 1.3 (betainc, loggamma),
// e.g. python3 -c "from scipy import stats; print(2*stats.t.sf(2,10))" → 0.07338803477074037
// (mpmath's betainc at 40 digits agrees: 0.0733880347707403751…; the issue text's
// "0.0733880803" has two digits transposed).
@Suite struct DistributionTests {
    @Test func studentTTwoSidedPValues() {
        // (t, ν, two-sided p, cdf(t))
        let cases: [(Double, Double, Double, Double)] = [
            (2.0, 10, 0.07338803477074037, 0.9633059826146299),
            (1.5, 3, 0.23058386524482294, 0.8847080673775886),
            (10, 5, 0.00017094757574296363, 0.9999145262121285),
            (0.1, 100, 0.9205445310958512, 0.5397277344520743),
            (-3, 1, 0.20483276469913345, 0.10241638234956672),
            (2.5, 1e6, 0.012419489502163254, 0.9937902552489184),
            (1.96, 0.5, 0.4497229777383792, 0.7751385111308104),
            (0, 7, 1, 0.5),
            // Large ν near the continued fractions' switching point (plain double loses
            // ~(ν/2)·ε here; the double-double recurrence does not).
            (2, 1e7, 0.04550029089184296, 0.9772498545540785),
            (1.7, 1e5, 0.08913403524866298, 0.9554329823756685),
            (6, 3, 0.009272714892284666, 0.9953636425538577),
            (100, 2, 9.998500249956258e-05, 0.9999500074987502),
            (0.01, 1, 0.993634014470186, 0.503182992764907),
        ]
        for (t, nu, p, cdf) in cases {
            #expect(isClose(StudentT.twoSidedPValue(t, degreesOfFreedom: nu), p, relative: 1e-12), "t=\(t) ν=\(nu)")
            #expect(isClose(StudentT.cdf(t, degreesOfFreedom: nu), cdf, relative: 1e-12), "t=\(t) ν=\(nu)")
        }
        // A far tail keeps its relative accuracy.
        #expect(isClose(StudentT.twoSidedPValue(40, degreesOfFreedom: 20), 1.457469655431075e-20, relative: 1e-11))
        #expect(isClose(StudentT.survival(40, degreesOfFreedom: 20), 0.5 * 1.457469655431075e-20, relative: 1e-11))
        #expect(isClose(StudentT.twoSidedPValue(30, degreesOfFreedom: 1e4), 2.0443270474253605e-189, relative: 1e-11))
        #expect(StudentT.twoSidedPValue(.infinity, degreesOfFreedom: 3) == 0)
        #expect(StudentT.twoSidedPValue(1, degreesOfFreedom: 0).isNaN)
        #expect(StudentT.twoSidedPValue(.nan, degreesOfFreedom: 3).isNaN)
        // ν = ∞ is the normal distribution: P(|Z| > 1.959963984540054) = 0.05.
        #expect(isClose(StudentT.twoSidedPValue(1.959963984540054, degreesOfFreedom: .infinity), 0.05, relative: 1e-13))
    }

    @Test func fDistributionTails() {
        // (f, d₁, d₂, P(F > f), P(F ≤ f))
        let cases: [(Double, Double, Double, Double, Double)] = [
            (3, 2, 10, 0.09536743164062497, 0.904632568359375),
            (330.285339234588, 6, 9, 4.984030528724813e-10, 0.9999999995015969),
            (0.5, 4, 7, 0.7376864906326512, 0.26231350936734876),
            (2162.43954511489, 10, 71, 5.143458438351485e-84, 1),
            (1, 1, 1, 0.5, 0.5),
            (1.05, 1000, 100000, 0.13373495818518777, 0.8662650418148122),
            (0.2, 3, 1e6, 0.8964323458706862, 0.10356765412931374),
            (5, 1, 2, 0.1548457452714834, 0.8451542547285166),
        ]
        for (f, d1, d2, upper, lower) in cases {
            #expect(isClose(FDistribution.survival(f, numeratorDegreesOfFreedom: d1, denominatorDegreesOfFreedom: d2),
                            upper, relative: 1e-11), "F=\(f)")
            #expect(isClose(FDistribution.cdf(f, numeratorDegreesOfFreedom: d1, denominatorDegreesOfFreedom: d2),
                            lower, relative: 1e-12), "F=\(f)")
        }
        #expect(FDistribution.survival(.infinity, numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 3) == 0)
        #expect(FDistribution.survival(0, numeratorDegreesOfFreedom: 2, denominatorDegreesOfFreedom: 3) == 1)
    }

    @Test func incompleteBeta() {
        // (a, b, x, I_x(a,b), 1 − I_x(a,b))
        let cases: [(Double, Double, Double, Double, Double)] = [
            (2, 3, 0.3, 0.3483, 0.6517),                  // polynomial: 6x² − 8x³ + 3x⁴
            (0.5, 0.5, 0.9, 0.7951672353008665, 0.20483276469913342),
            (10, 20, 0.4, 0.7853183897628262, 0.21468161023717383),
            (200, 0.5, 0.99, 0.04509410713707969, 0.9549058928629203),
            (0.5, 5000, 1e-4, 0.6826894927420732, 0.3173105072579268),
        ]
        for (a, b, x, lower, upper) in cases {
            let r = SpecialFunctions.regularizedIncompleteBeta(a: a, b: b, x: x, oneMinusX: 1 - x)
            #expect(isClose(r.lower, lower, relative: 1e-12), "I_\(x)(\(a), \(b))")
            #expect(isClose(r.upper, upper, relative: 1e-12), "1 − I_\(x)(\(a), \(b))")
        }
        #expect(SpecialFunctions.regularizedIncompleteBeta(a: 2, b: 3, x: 0) == 0)
        #expect(SpecialFunctions.regularizedIncompleteBeta(a: 2, b: 3, x: 1) == 1)
        #expect(SpecialFunctions.regularizedIncompleteBeta(a: -1, b: 3, x: 0.5).isNaN)
        #expect(SpecialFunctions.regularizedIncompleteBeta(a: 1, b: 3, x: 1.5).isNaN)
    }

    @Test func logGamma() {
        let cases: [(Double, Double)] = [
            (0.5, 0.5723649429247001), (1, 0), (1.5, -0.12078223763524522), (3.7, 1.428072326665388),
            (10, 12.801827480081469), (25.5, 56.389167643719944), (1e-5, 11.512919692895826),
            (171.3, 708.1149470389969), (1e6, 12815504.569147611),
        ]
        for (x, v) in cases {
            let g = SpecialFunctions.logGamma(x)
            #expect(abs(g - v) <= 4e-15 * max(1, abs(v)), "lnΓ(\(x)) = \(g), expected \(v)")
        }
        #expect(SpecialFunctions.logGamma(0).isNaN)
        #expect(SpecialFunctions.logGamma(-2.5).isNaN)
    }
}
