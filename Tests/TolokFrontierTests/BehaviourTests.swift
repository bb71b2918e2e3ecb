import Testing
import TolokNumerics
@testable import TolokFrontierModel
@testable import TolokFrontier

#if canImport(Glibc)
import Glibc
#endif

/// Status reporting, input validation and invariances.
@Suite struct BehaviourTests {
    typealias Rng = LikelihoodGradientTests.Rng

    /// y = 1 + 0.5 x + v + S_data·|N(0, σ_u²)|.
    static func simulated(n: Int, seed: UInt64, inefficiencySign: Double, sigmaU: Double = 0.4) -> (y: [Double], x: Matrix) {
        var r = Rng(state: seed)
        var x = [Double](), y = [Double]()
        for _ in 0..<n {
            let a = r.normal()
            x.append(a)
            y.append(1 + 0.5 * a + 0.15 * r.normal() + inefficiencySign * abs(sigmaU * r.normal()))
        }
        return (y, Matrix(columns: [x])!)
    }

    /// Residuals skewed the wrong way: the half-normal likelihood is maximised at σ_u = 0,
    /// which must be reported as such, with the wrong-skew flag.
    @Test(arguments: [InefficiencyDistribution.halfNormal, .exponential])
    func wrongSkewIsReported(_ d: InefficiencyDistribution) throws {
        let (y, x) = Self.simulated(n: 300, seed: 5, inefficiencySign: 1)  // u added: cost-like data
        let fit = try StochasticFrontier.fit(y: y, x: x, model: StochasticFrontierModel(frontier: .production, distribution: d))
        #expect(fit.ols.wrongSkew)
        #expect(fit.ols.thirdMoment > 0)
        #expect(fit.status == .noInteriorMaximum, "status \(fit.status), γ \(fit.gamma?.value ?? .nan), notes \(fit.notes)")
        #expect(!fit.notes.isEmpty)
        // The same data as a cost frontier are fine.
        let cost = try StochasticFrontier.fit(y: y, x: x, model: StochasticFrontierModel(frontier: .cost, distribution: d))
        #expect(!cost.ols.wrongSkew)
        #expect(cost.status == .converged)
    }

    /// A cost frontier on (−y, −x) is the production frontier on (y, x): same slopes, variances,
    /// ℓ and predictions; the intercept changes sign.
    @Test(arguments: InefficiencyDistribution.allCases)
    func costIsMirroredProduction(_ d: InefficiencyDistribution) throws {
        let (y, x) = Self.simulated(n: 250, seed: 9, inefficiencySign: -1)
        let p = try StochasticFrontier.fit(y: y, x: x, model: StochasticFrontierModel(frontier: .production, distribution: d))
        let negX = Matrix(rows: x.rows, columns: x.columns, columnMajor: x.storage.map { -$0 })!
        let c = try StochasticFrontier.fit(y: y.map { -$0 }, x: negX, model: StochasticFrontierModel(frontier: .cost, distribution: d))
        #expect(p.status == .converged && c.status == .converged)
        #expect(abs(p.logLikelihood - c.logLikelihood) < 1e-9)
        #expect(abs(p.beta[0].value + c.beta[0].value) < 1e-6)
        #expect(abs(p.beta[1].value - c.beta[1].value) < 1e-6)
        #expect(abs(p.sigmaU!.value - c.sigmaU!.value) < 1e-6 && abs(p.sigmaV!.value - c.sigmaV!.value) < 1e-6)
        for i in 0..<y.count {
            #expect(abs(p.efficiencies.batteseCoelli[i] - c.efficiencies.batteseCoelli[i]) < 1e-6)
            #expect(abs(p.efficiencies.batteseCoelliInverse[i] - c.efficiencies.batteseCoelliInverse[i]) < 1e-5)
        }
        #expect(abs(p.beta[1].standardError - c.beta[1].standardError) < 1e-5 * p.beta[1].standardError)
    }

    @Test func nonFiniteStartIsReported() throws {
        let (y, x) = Self.simulated(n: 100, seed: 2, inefficiencySign: -1)
        var o = StochasticFrontierOptions()
        o.startingValues = [1, 0.5, 1e6, 0]   // σ_u² = e^{1e6} = ∞
        let fit = try StochasticFrontier.fit(y: y, x: x, options: o)
        #expect(fit.status == .nonFinite)
        #expect(!fit.isConverged)
    }

    @Test func iterationLimitIsReported() throws {
        let (y, x) = Self.simulated(n: 100, seed: 2, inefficiencySign: -1)
        var o = StochasticFrontierOptions()
        o.optimizer.maxIterations = 1
        o.maxNewtonSteps = 0
        o.startingValues = [0, 0, log(0.5), log(0.5)]
        let fit = try StochasticFrontier.fit(y: y, x: x, options: o)
        #expect(fit.status == .iterationLimit, "\(fit.status)")
    }

    @Test func invalidInputThrows() throws {
        let (y, x) = Self.simulated(n: 50, seed: 1, inefficiencySign: -1)
        var bad = y
        bad[3] = .nan
        #expect(throws: FrontierError.nonFiniteData("y")) { try StochasticFrontier.fit(y: bad, x: x) }
        #expect(throws: FrontierError.self) { try StochasticFrontier.fit(y: Array(y.dropLast()), x: x) }
        let collinear = Matrix(columns: [x.column(0), x.column(0).map { 2 * $0 }])!
        #expect(throws: FrontierError.singularDesign) { try StochasticFrontier.fit(y: y, x: collinear) }
        #expect(throws: FrontierError.self) {
            try StochasticFrontier.fit(y: y, x: x, model: StochasticFrontierModel(meanCovariates: x))
        }
    }

    /// Large samples take the subsample warm start; the answer must not depend on it.
    @Test func subsampleWarmStartGivesTheSameOptimum() throws {
        let (y, x) = Self.simulated(n: 12_000, seed: 21, inefficiencySign: -1)
        let direct = try StochasticFrontier.fit(y: y, x: x)
        var o = StochasticFrontierOptions()
        o.startingSubsample = 1_000   // n ≥ 4 × 1000: warm start from every 12th unit
        let warm = try StochasticFrontier.fit(y: y, x: x, options: o)
        #expect(direct.status == .converged && warm.status == .converged)
        #expect(abs(direct.logLikelihood - warm.logLikelihood) < 1e-8)
        for j in 0..<2 { #expect(abs(direct.beta[j].value - warm.beta[j].value) < 1e-7) }
        #expect(abs(direct.beta[1].standardError - warm.beta[1].standardError) < 1e-6 * direct.beta[1].standardError)
    }
}
