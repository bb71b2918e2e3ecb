import Testing
@testable import TolokNumerics

/// Sample quantiles against R 4.2.2's `quantile(x, p, type = 9)` and `quantile(type = 7)`,
/// `IQR` and `var` on the same samples (values printed with 17 digits; tolerance 1e-14).
@Suite struct SampleQuantileTests {
    static let x = [3.1, 0.2, 5.5, 1.7, 2.9, 4.4, 0.8, 6.1, 2.2]

    @Test func type9MatchesR() {
        let sorted = Self.x.sorted()
        // R: quantile(x, c(0.1, 0.25, 0.5, 0.9, 0.975), type = 9)
        for (p, r) in [(0.1, 0.38), (0.25, 1.41875), (0.5, 2.9), (0.9, 5.92), (0.975, 6.1), (0.025, 0.2), (1.0, 6.1), (0.0, 0.2)] {
            #expect(abs(SampleQuantile.type9(sorted: sorted, p) - r) <= 1e-14, "p = \(p)")
        }
        // A bootstrap-like sample with ties at the boundary: quantile(c(1.5, 1.02, 1.3, 1, 1.11), c(.025, .975, .5), type = 9)
        let y = [1.5, 1.02, 1.3, 1.0, 1.11].sorted()
        #expect(SampleQuantile.type9(sorted: y, 0.025) == 1.0)
        #expect(SampleQuantile.type9(sorted: y, 0.975) == 1.5)
        #expect(abs(SampleQuantile.type9(sorted: y, 0.5) - 1.11) <= 1e-15)
    }

    @Test func type7InterquartileRangeAndVarianceMatchR() {
        let sorted = Self.x.sorted()
        #expect(abs(SampleQuantile.type7(sorted: sorted, 0.25) - 1.7) <= 1e-14)
        #expect(abs(SampleQuantile.type7(sorted: sorted, 0.75) - 4.4) <= 1e-14)
        #expect(abs(SampleQuantile.interquartileRange(sorted: sorted) - 2.7000000000000002) <= 1e-14)
        #expect(abs(SampleQuantile.variance(Self.x) - 4.1061111111111108) <= 1e-14)
        #expect(SampleQuantile.variance([2]).isNaN)
    }
}
