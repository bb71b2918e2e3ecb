import Testing
@testable import TolokNumerics

/// Reference values: `scipy.special.log_ndtr` and `scipy.special.ndtr` (SciPy 1.17.1) for
/// log Φ and Φ; mpmath at 60 digits for φ and the ratio φ/Φ.
@Suite struct NormalDistributionTests {
    /// (x, log Φ(x), Φ(x), φ(x)/Φ(x), φ(x))
    static let table: [(Double, Double, Double, Double, Double)] = [
        (-1000.0, -500007.8266948122, 0.0, 1000.000999998, 0.0),
        (-200.5, -20106.344777653874, 0.0, 200.5049872830686, 0.0),
        (-50, -1254.8313611394199, 0.0, 50.019984031905636, 0.0),
        (-38.5, -745.6952702904113, 0.0, 38.52593909685449, 0.0 /* subnormal 5e-323 */),
        (-37.5, -707.6689893175072, 4.605353009581954e-308, 37.526628874883656, 1.7282337322841054e-306),
        (-37, -689.0305855768908, 5.7255712225239266e-300, 37.02698768612699, 2.1200065515246056e-298),
        (-30, -454.32124395634327, 4.906713927147908e-198, 30.033259667433676, 1.4736461348785476e-196),
        (-20.25, -208.96076728764925, 1.77619986494957e-91, 20.299144746472287, 3.6055338157275847e-90),
        (-12, -75.41067300156881, 1.776482112077653e-33, 12.082214175254284, 2.1463837356630605e-32),
        (-8.0000001, -35.01343797205136, 6.22095552200274e-16, 8.121368210803624, 5.052267041721642e-15),
        (-8, -35.01343715991456, 6.22096057427174e-16, 8.121368112236112, 5.052271083536892e-15),
        (-7.9999, -35.012625028031714, 6.226014866794285e-16, 8.121269544740917, 5.0563144922801e-15),
        (-5, -15.064998393988727, 2.866515718791933e-07, 5.186503967125842, 1.4867195147342977e-06),
        (-3.3, -7.634616148071127, 0.00048342414238377744, 3.563266266677637, 0.0017225689390536812),
        (-1, -1.8410216450092634, 0.15865525393145707, 1.525135276160981, 0.24197072451914334),
        (-0.25, -0.913061764811135, 0.4012936743170763, 0.9635539794164039, 0.3866681168028492),
        (0, -0.6931471805599453, 0.5, 0.7978845608028654, 0.3989422804014327),
        (0.3, -0.4814101615884813, 0.6179114221889526, 0.6172208536127345, 0.3813878154605241),
        (1, -0.1727537790234499, 0.8413447460685429, 0.2875999709391784, 0.24197072451914334),
        (2.5, -0.00622902548586, 0.9937903346742238, 0.017637825486916735, 0.017528300493568537),
        (5, -2.8665161296376294e-07, 0.9999997133484281, 1.4867199409049056e-06, 1.4867195147342977e-06),
        (8.5, -9.47953482220325e-18, 1.0, 8.16623563166955e-17, 8.16623563166955e-17),
        (12, -1.776482112077653e-33, 1.0, 2.1463837356630605e-32, 2.1463837356630605e-32),
        (30, -4.906713927147908e-198, 1.0, 1.4736461348785476e-196, 1.4736461348785476e-196),
        (38, -0.0, 1.0, 0.0 /* 1.1e-314 */, 0.0 /* 1.1e-314 */),
    ]

    /// Relative error, with an absolute floor for values in the subnormal range.
    static func close(_ a: Double, _ b: Double, rel: Double) -> Bool {
        if a == b { return true }
        if abs(b) < 1e-300 { return abs(a - b) < 1e-300 }
        return abs(a - b) <= rel * abs(b)
    }

    @Test func logCDFMatchesScipy() {
        for (x, ld, _, _, _) in Self.table {
            let v = NormalDistribution.logCDF(x)
            #expect(v.isFinite || ld == 0, "x = \(x)")
            #expect(Self.close(v, ld, rel: 1e-13), "log Φ(\(x)) = \(v), scipy \(ld)")
            #expect(Self.close(NormalDistribution.logCDFAndInverseMillsRatio(x).logCDF, ld, rel: 1e-13))
        }
    }

    @Test func cdfAndDensity() {
        for (x, _, p, _, d) in Self.table {
            #expect(Self.close(NormalDistribution.cdf(x), p, rel: 1e-13), "Φ(\(x))")
            #expect(Self.close(NormalDistribution.survival(-x), p, rel: 1e-13), "1 − Φ(\(-x))")
            #expect(Self.close(NormalDistribution.density(x), d, rel: 1e-14), "φ(\(x))")
        }
    }

    @Test func inverseMillsRatioIsStableInTheTail() {
        for (x, _, _, r, _) in Self.table {
            #expect(Self.close(NormalDistribution.inverseMillsRatio(x), r, rel: 1e-13), "φ/Φ(\(x))")
            #expect(Self.close(NormalDistribution.logCDFAndInverseMillsRatio(x).ratio, r, rel: 1e-13))
        }
    }

    @Test func deepTailIsFiniteAndSpecialValuesBehave() {
        #expect(NormalDistribution.logCDF(-1e3).isFinite)
        #expect(NormalDistribution.logCDF(-1e6).isFinite)
        #expect(NormalDistribution.logCDF(-.infinity) == -.infinity)
        #expect(NormalDistribution.logCDF(.infinity) == 0)
        #expect(NormalDistribution.logCDF(.nan).isNaN)
        #expect(NormalDistribution.inverseMillsRatio(.infinity) == 0)
        #expect(NormalDistribution.inverseMillsRatio(-.infinity) == .infinity)
        #expect(NormalDistribution.inverseMillsRatio(.nan).isNaN)
        #expect(NormalDistribution.density(.infinity) == 0)
        #expect(NormalDistribution.cdf(-.infinity) == 0 && NormalDistribution.cdf(.infinity) == 1)
        // Continuity across the erfc / continued-fraction switch at −8.
        let below = NormalDistribution.logCDF(-8.0.nextDown)
        let above = NormalDistribution.logCDF(-8.0)
        #expect(abs(below - above) < 1e-13)
    }

    @Test func ratioMatchesDerivativeOfLogCDF() {
        // d/dx log Φ(x) = φ(x)/Φ(x): central differences on a grid including the tail.
        for x in stride(from: -60.0, through: 6.0, by: 0.37) {
            let h = 1e-5 * max(1, abs(x))
            let fd = (NormalDistribution.logCDF(x + h) - NormalDistribution.logCDF(x - h)) / (2 * h)
            let r = NormalDistribution.inverseMillsRatio(x)
            #expect(abs(fd - r) <= 1e-6 * max(1, r), "x = \(x)")
        }
    }

    @Test func truncatedMeanAvoidsCancellation() {
        // x + φ(x)/Φ(x), mpmath at 50 digits.
        let cases: [(Double, Double)] = [
            (-1000, 0.00099999800001), (-45.5, 0.021956840835412716), (-20, 0.049753068527850546),
            (-8.5, 0.11459532016517288), (-8, 0.12136811223611269), (-3, 0.2830986549304365),
            (0, 0.7978845608028654), (2.5, 2.5176378254869167),
        ]
        for (x, v) in cases {
            #expect(Self.close(NormalDistribution.truncatedMean(x), v, rel: 1e-13), "x = \(x)")
        }
    }

    @Test func chiSquaredSurvival() {
        // mpmath regularized upper incomplete gamma Q(k/2, 3.7/2).
        let expected: [(Int, Double)] = [(1, 0.05441246799160142), (2, 0.1572371663136276), (3, 0.29573403237527585),
                                         (4, 0.44812592399383866), (5, 0.5933639617818077), (7, 0.8136101095426412)]
        for (k, q) in expected {
            #expect(Self.close(ChiSquaredDistribution.survival(3.7, degreesOfFreedom: k), q, rel: 1e-13), "k = \(k)")
        }
        #expect(ChiSquaredDistribution.survival(0, degreesOfFreedom: 3) == 1)
        #expect(ChiSquaredDistribution.survival(1, degreesOfFreedom: 0) == 0)
    }
}

/// Φ⁻¹ (NormalQuantile.swift): published values (Wichura 1988, AS 241 test values; R qnorm) and
/// the round trip through Φ, in both tails and where Φ underflows.
@Suite struct NormalQuantileTests {
    @Test func knownValues() {
        #expect(NormalDistribution.quantile(0.5) == 0)
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 4e-16 * 2)
        #expect(abs(NormalDistribution.quantile(0.025) + 1.959963984540054) < 4e-16 * 2)
        #expect(abs(NormalDistribution.quantile(0.25) + 0.6744897501960817) < 1e-15)
        #expect(abs(NormalDistribution.quantile(1e-10) + 6.361340902404056) < 1e-13)
        #expect(NormalDistribution.quantile(0) == -.infinity && NormalDistribution.quantile(1) == .infinity)
        #expect(NormalDistribution.quantile(-0.1).isNaN && NormalDistribution.quantile(1.5).isNaN)
    }

    @Test func roundTripThroughTheDistributionFunction() {
        for x in stride(from: -37.0, through: 8.0, by: 0.37) {
            let p = NormalDistribution.cdf(x)
            guard p > 0, p < 1 else { continue }
            // Above the median p itself carries an absolute error of half an ulp, which Φ⁻¹
            // magnifies by 1/φ(x): the conditioning bound, not the algorithm's error.
            let conditioning = x > 0 ? p.ulp / NormalDistribution.density(x) : 0
            #expect(abs(NormalDistribution.quantile(p) - x) <= 1e-12 * max(1, abs(x)) + conditioning, "x = \(x): \(NormalDistribution.quantile(p))")
        }
        // exp(−1000) underflows; ln Φ(x) = −1000 still has its root.
        let x = NormalDistribution.quantile(logProbability: -1000)
        #expect(abs(NormalDistribution.logCDF(x) + 1000) < 1e-9 && x < -44 && x > -45)
    }
}
