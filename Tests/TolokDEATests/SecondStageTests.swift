import Foundation
import Testing
import TolokCore
import TolokNumerics
import TolokTestSupport
@testable import TolokDEAModel
@testable import TolokDEA

/// `dea-second-stage` (Simar & Wilson 2007) on the synthetic SW2007 data
/// (`Datasets/sw2007_synthetic_100.csv`, made with the reference files by
/// `scripts/peers/sw2007-second-stage.R`):
///
/// * the truncated-regression MLE against R truncreg 0.2-5 (coefficients, σ to 1e-6, their
///   standard errors to 1e-5 relative, log-likelihood to 1e-8);
/// * Algorithm 2 against R rDEA 1.2-8 `dea.env.robust` (L1 = 100, L2 = 2000, seeds 1 and 2) within
///   Monte-Carlo error: for the estimate (β̂̂, σ̂̂), the bounds and the bootstrap mean, the mean over
///   the four parameters of |Tolok − R| ≤ 1.5 × the mean of |Tolok(seed 1) − Tolok(seed 2)| (same
///   L1, L2; both differences are between two independent runs, so the expected ratio is ≈ 1);
/// * gradient and Hessian by central differences, the truncated-normal draws' moments, thread
///   independence bit for bit, and the refusals.
@Suite struct SecondStageTests {
    static let data = "sw2007_synthetic_100.csv"
    static let model = ["--inputs", "x", "--outputs", "y", "--environment", "z1,z2", "--orientation", "output", "--rts", "vrs"]

    func run(_ args: [String]) throws -> AnalysisResult {
        try PluginHarness.run("dea-second-stage", data: Self.data, id: "unit", Self.model + args)
    }

    static func column(_ r: AnalysisResult, _ table: String, _ name: String) -> [Double] {
        r.table(table)!.values(of: name)!.map { $0.double ?? .nan }
    }

    /// truncreg's rows of one fit: (const, z1, z2, sigma) estimates, standard errors, log-likelihood.
    static func truncreg(_ fit: String) throws -> (estimate: [Double], se: [Double], logLik: Double) {
        let d = try Datasets.load("sw2007_synthetic_100_truncreg.R.csv")
        let rows = try d.texts("fit").indices.filter { try d.texts("fit")[$0] == fit }
        let est = try d.numbers("estimate"), se = try d.numbers("std_error"), ll = try d.numbers("log_likelihood")
        return (rows.map { est[$0] }, rows.map { se[$0] }, ll[rows[0]])
    }

    static func design(_ d: Dataset, rows: [Int]) throws -> [Double] {
        let z1 = try d.numbers("z1"), z2 = try d.numbers("z2")
        return rows.flatMap { [1, z1[$0], z2[$0]] }
    }

    @Test func truncatedRegressionMatchesTruncregOnTheTrueDistances() throws {
        let d = try Datasets.load(Self.data)
        let y = try d.numbers("delta_true")
        let fit = try TruncatedRegression().fit(response: y, design: try Self.design(d, rows: Array(y.indices)), columns: 3)
        let r = try Self.truncreg("delta_true")
        #expect(fit.converged && fit.observations == 100)
        let ours = fit.coefficients + [fit.sigma]
        for p in 0..<4 { #expect(abs(ours[p] - r.estimate[p]) <= 1e-6, "parameter \(p): \(ours[p]) vs truncreg \(r.estimate[p])") }
        #expect(abs(fit.logLikelihood - r.logLik) <= 1e-8, "log-likelihood \(fit.logLikelihood) vs \(r.logLik)")
        let se = try #require(fit.standardErrors)
        for p in 0..<4 { #expect(abs(se[p] / r.se[p] - 1) <= 1e-5, "se \(p): \(se[p]) vs truncreg \(r.se[p])") }
    }

    /// The plugin's first fit (DEA output distances under VRS, the 95 units off the frontier) is
    /// truncreg's fit of rDEA's distances; Algorithm 1 reports it as the estimate.
    @Test func firstFitOfTheDEADistancesMatchesTruncreg() throws {
        let r = try Self.truncreg("dea_vrs_output")
        let one = try run(["--algorithm", "1", "--replicates", "50"])
        let two = try run(["--replicates", "50", "--first-replicates", "5"])
        #expect(one.summaryValue("truncated_units")?.double == 95)
        #expect(abs((one.summaryValue("log_likelihood")?.double ?? 0) - r.logLik) <= 1e-8)
        #expect(abs((two.summaryValue("log_likelihood_first")?.double ?? 0) - r.logLik) <= 1e-8)
        let a = Self.column(one, "coefficients", "estimate"), b = Self.column(two, "coefficients", "estimate_first")
        for p in 0..<4 {
            #expect(abs(a[p] - r.estimate[p]) <= 1e-6, "parameter \(p): \(a[p]) vs truncreg \(r.estimate[p])")
            #expect(a[p] == b[p])
        }
        let se = Self.column(one, "coefficients", "std_error_ml")
        for p in 0..<4 { #expect(abs(se[p] / r.se[p] - 1) <= 1e-5, "se \(p): \(se[p]) vs truncreg \(r.se[p])") }
    }

    @Test func algorithmTwoAgreesWithRDEAWithinMonteCarloError() throws {
        let a = try run(["--seed", "1"]), b = try run(["--seed", "2"])
        #expect(a.summaryValue("replicates_used")?.double == 2000 && a.summaryValue("failed_solves")?.double == 0)
        let ref = try (1...2).map { try Datasets.load("sw2007_synthetic_100_env_robust_\($0).R.csv") }
        func meanAbs(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).map { abs($0 - $1) }.reduce(0, +) / Double(x.count) }
        for (ours, theirs) in [("estimate", "beta_hat_hat"), ("lower", "lower"), ("upper", "upper"), ("bootstrap_mean", "bootstrap_mean")] {
            let x = Self.column(a, "coefficients", ours), y = Self.column(b, "coefficients", ours)
            let r1 = try ref[0].numbers(theirs), r2 = try ref[1].numbers(theirs)
            let noise = meanAbs(x, y)
            let vsR = (meanAbs(x, r1) + meanAbs(y, r2)) / 2
            #expect(vsR <= 1.5 * noise, "\(ours): mean |Tolok − R| \(vsR), Monte-Carlo noise \(noise)")
            #expect(vsR < 0.02, "\(ours): mean |Tolok − R| \(vsR)")
        }
        // The first fit is deterministic: rDEA's beta_hat (its own DEA and truncreg).
        let first = Self.column(a, "coefficients", "estimate_first"), rFirst = try ref[0].numbers("beta_hat")
        for p in 0..<4 { #expect(abs(first[p] - rFirst[p]) <= 1e-6) }
        // Both algorithms find z1 significant and z2 (true coefficient 0) not.
        let lo = Self.column(a, "coefficients", "lower"), hi = Self.column(a, "coefficients", "upper")
        #expect(lo[1] > 0 && lo[2] < 0 && hi[2] > 0)
    }

    /// Input orientation (δ = 1/θ, pseudo-inputs x δ*/δ̂): rDEA `dea.env.robust(model = "input")`
    /// with its seed 3 against Tolok's seeds 1 and 2, by the same Monte-Carlo rule; the first fit is
    /// truncreg's (Newton-Raphson, converged) fit of the input distances. rDEA's own `beta_hat` is
    /// 5e-5 away from it: its truncreg call (BFGS, iterlim = 50) stops short.
    @Test func inputOrientationAgreesWithRDEAWithinMonteCarloError() throws {
        let args = ["--orientation", "input"]
        let a = try run(args + ["--seed", "1"]), b = try run(args + ["--seed", "2"])
        let ref = try Datasets.load("sw2007_synthetic_100_env_robust_input_3.R.csv")
        func meanAbs(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).map { abs($0 - $1) }.reduce(0, +) / Double(x.count) }
        for (ours, theirs) in [("estimate", "beta_hat_hat"), ("lower", "lower"), ("upper", "upper"), ("bootstrap_mean", "bootstrap_mean")] {
            let x = Self.column(a, "coefficients", ours), y = Self.column(b, "coefficients", ours), r = try ref.numbers(theirs)
            let noise = meanAbs(x, y), vsR = (meanAbs(x, r) + meanAbs(y, r)) / 2
            #expect(vsR <= 1.5 * noise, "\(ours): mean |Tolok − R| \(vsR), Monte-Carlo noise \(noise)")
        }
        let first = Self.column(a, "coefficients", "estimate_first"), t = try Self.truncreg("dea_vrs_input")
        for p in 0..<4 { #expect(abs(first[p] - t.estimate[p]) <= 1e-6, "parameter \(p): \(first[p]) vs truncreg \(t.estimate[p])") }
        #expect(abs((a.summaryValue("log_likelihood_first")?.double ?? 0) - t.logLik) <= 1e-8)
        let rFirst = try ref.numbers("beta_hat")
        for p in 0..<4 { #expect(abs(first[p] - rFirst[p]) <= 1e-4) }
    }

    /// A likelihood without a maximum: with a constant only, the truncated-normal MLE exists only
    /// when the sample variance of y is below (mean(y) − a)² (beyond it the fit runs off to μ → −∞,
    /// σ → ∞; the limit is the exponential distribution). Such data must give converged = false,
    /// never estimates at the point where the search stopped.
    @Test func likelihoodWithoutMaximumIsNotConverged() throws {
        let y = [1.01, 1.02, 1.01, 1.03, 1.02, 1.01, 6.0, 1.02, 1.01, 9.0]
        let mean = y.reduce(0, +) / Double(y.count)
        #expect(SampleQuantile.variance(y) * Double(y.count - 1) / Double(y.count) > (mean - 1) * (mean - 1))
        let fit = try TruncatedRegression().fit(response: y, design: [Double](repeating: 1, count: y.count), columns: 1)
        #expect(!fit.converged, "β \(fit.coefficients), σ \(fit.sigma), ℓ \(fit.logLikelihood)")
        // And a well-behaved sample converges (variance below (mean − 1)²).
        let good = [1.5, 2.0, 1.2, 2.6, 1.9, 1.4, 2.2, 1.7, 3.0, 1.1]
        #expect(try TruncatedRegression().fit(response: good, design: [Double](repeating: 1, count: good.count), columns: 1).converged)
    }

    /// The analytic gradient and Hessian of ℓ(β, ln σ) against central differences.
    @Test func gradientAndHessianMatchFiniteDifferences() throws {
        let d = try Datasets.load(Self.data)
        let y = try d.numbers("delta_true"), z = try Self.design(d, rows: Array(y.indices))
        let theta = [0.3, 0.6, -0.2, log(1.3)]
        var g = [Double](repeating: 0, count: 4), h: [Double]? = []
        _ = TruncatedRegression.logLikelihood(theta, y: y, z: z, k: 3, a: 1, gradient: &g, hessian: &h)
        func f(_ t: [Double]) -> (Double, [Double]) {
            var gt = [Double](repeating: 0, count: 4), none: [Double]? = nil
            return (TruncatedRegression.logLikelihood(t, y: y, z: z, k: 3, a: 1, gradient: &gt, hessian: &none), gt)
        }
        let step = 1e-5
        for j in 0..<4 {
            var up = theta, down = theta
            up[j] += step; down[j] -= step
            let (fu, gu) = f(up), (fd, gd) = f(down)
            let numeric = (fu - fd) / (2 * step)
            #expect(abs(numeric - g[j]) <= 1e-6 * max(1, abs(g[j])), "gradient \(j): \(g[j]) vs \(numeric)")
            for i in 0..<4 {
                let hn = (gu[i] - gd[i]) / (2 * step)
                #expect(abs(hn - h![j * 4 + i]) <= 1e-5 * max(1, abs(hn)), "hessian \(i),\(j): \(h![j * 4 + i]) vs \(hn)")
            }
        }
    }

    /// Draws of N(0, σ²) left-truncated at a: never below a; mean σλ(−a/σ) and variance
    /// σ²[1 + (a/σ)λ − λ²] with λ = φ(a/σ)/(1 − Φ(a/σ)) (Johnson, Kotz & Balakrishnan 1994, §10.1),
    /// within 5 standard errors over 40,000 draws; far in the tail (a/σ = 30) still finite and ≥ a.
    @Test(arguments: [(-1.5, 0.8), (0.0, 1.0), (2.0, 0.5), (-4.0, 2.0)])
    func truncatedNormalDrawsHaveTheTruncatedMoments(a: Double, sigma: Double) {
        var rng = SeededGenerator(seed: 99)
        let n = 40_000
        let x = (0..<n).map { _ in LeftTruncatedNormal.draw(truncation: a, sigma: sigma, using: &rng) }
        #expect(x.allSatisfy { $0 >= a && $0.isFinite })
        let t = a / sigma, lambda = NormalDistribution.inverseMillsRatio(-t)
        let mean = sigma * lambda, variance = sigma * sigma * (1 + t * lambda - lambda * lambda)
        let sampleMean = x.reduce(0, +) / Double(n)
        #expect(abs(sampleMean - mean) <= 5 * (variance / Double(n)).squareRoot(), "mean \(sampleMean) vs \(mean)")
        #expect(abs(SampleQuantile.variance(x) / variance - 1) < 0.05)
        let far = (0..<100).map { _ in LeftTruncatedNormal.draw(truncation: 30, sigma: 1, using: &rng) }
        #expect(far.allSatisfy { $0 >= 30 && $0 < 31 })
    }

    @Test(arguments: ["1", "2"])
    func resultsDoNotDependOnThreads(algorithm: String) throws {
        let args = ["--algorithm", algorithm, "--replicates", "60", "--seed", "7"] + (algorithm == "2" ? ["--first-replicates", "12"] : [])
        let results = try [1, 2, 3].map { try run(args + ["--threads", "\($0)"]) }
        for name in ["estimate", "std_error", "lower", "upper", "bootstrap_mean"] {
            let a = Self.column(results[0], "coefficients", name)
            for r in results.dropFirst() { #expect(Self.column(r, "coefficients", name) == a, "\(name)") }
        }
        if algorithm == "2" {
            let a = Self.column(results[0], "units", "distance_bc")
            for r in results.dropFirst() { #expect(Self.column(r, "units", "distance_bc") == a) }
        }
        // Another seed gives other draws.
        let other = try run(args + ["--seed", "8"])
        #expect(Self.column(other, "coefficients", "lower") != Self.column(results[0], "coefficients", "lower"))
    }

    /// Algorithm 2's bias correction by its definition: distance_bc = 2δ̂ − mean δ̂*, so on average
    /// the corrected distances move away from the frontier (DEA is biased towards it); the fit of
    /// Algorithm 1 is the first fit, and the units table says which units are in it.
    @Test func unitsTableFollowsTheDefinitions() throws {
        let two = try run(["--replicates", "40", "--first-replicates", "20"])
        let delta = Self.column(two, "units", "distance"), bc = Self.column(two, "units", "distance_bc")
        let eff = Self.column(two, "units", "efficiency"), effBC = Self.column(two, "units", "efficiency_bc")
        #expect(zip(delta, eff).allSatisfy { abs($0 * $1 - 1) < 1e-14 } && zip(bc, effBC).allSatisfy { abs($0 * $1 - 1) < 1e-14 })
        #expect(zip(bc, delta).map { $0 - $1 }.reduce(0, +) > 0)
        let inFit = two.table("units")!.values(of: "in_fit")!.map { $0 == .bool(true) }
        #expect(inFit.filter { $0 }.count == 95 && zip(inFit, delta).allSatisfy { $0 == ($1 > 1 + 1e-5) })
        let replicates = Self.column(two, "units", "replicates")
        #expect(replicates.allSatisfy { $0 == 20 })
    }

    /// Algorithm 1's parametric bootstrap where the distances are observed without DEA error (so
    /// its premise holds): over 100 data sets of 100 units from δ = 0.5 + 0.5 z + ε (z ~ N(2, 2²),
    /// ε ~ N(0, 1) left-truncated at 1 − 0.5 − 0.5 z), the 95 % intervals (100 replicates each) must
    /// cover the true β₀, β₁ and σ in 84 % – 99 % of the data sets. The finite-sample coverage is
    /// below 95 %: measured over 400 data sets, the basic bootstrap interval covers 90 %, 90 %, 94 %,
    /// the Wald interval of the ML standard errors 92 %, 93 %, 93 % (also checked here, as an
    /// independent route) — so the bound allows 90 % minus two binomial standard deviations (3 %).
    @Test func parametricBootstrapIntervalsCoverTheTruth() throws {
        let stage = SecondStage(orientation: .output, rts: .vrs, algorithm: .one, replicates: 100, seed: 3, threads: 2)
        let truth = [0.5, 0.5, 1.0]
        var covered = [0, 0, 0], wald = [0, 0, 0]
        let sets = 100
        for s in 0..<sets {
            var rng = SeededGenerator(seed: 1000 + UInt64(s))
            let n = 100
            var y: [Double] = [], z: [Double] = []
            for _ in 0..<n {
                let zi = 2 + 2 * rng.normal(), mu = 0.5 + 0.5 * zi
                y.append(mu + LeftTruncatedNormal.draw(truncation: 1 - mu, sigma: 1, using: &rng))
                z += [1, zi]
            }
            let (fit, rows) = try SecondStage.fit(y, z: z, k: 2, where: y.map { $0 > 1 }, stage: 1)
            let draws = stage.parametricBootstrap(fit: fit, z: z, k: 2, rows: rows, report: nil)
            let p = stage.summarise(fit, draws: draws)
            for j in 0..<3 where p[j].lower <= truth[j] && truth[j] <= p[j].upper { covered[j] += 1 }
            let se = try #require(fit.standardErrors), estimate = fit.coefficients + [fit.sigma]
            for j in 0..<3 where abs(estimate[j] - truth[j]) <= 1.959964 * se[j] { wald[j] += 1 }
        }
        for j in 0..<3 {
            #expect((84...99).contains(covered[j]) && (84...99).contains(wald[j]), "parameter \(j): bootstrap \(covered[j]), Wald \(wald[j]) of \(sets)")
        }
    }

    @Test func refusals() throws {
        func refused(_ args: [String], csv: String? = nil) {
            #expect(throws: UsageError.self, "\(args)") {
                if let csv { _ = try PluginHarness.run("dea-second-stage", csvText: csv, id: "id", args) } else { _ = try run(args) }
            }
        }
        refused(["--rts", "fdh"])
        refused(["--algorithm", "1", "--first-replicates", "10"])
        refused(["--replicates", "10"])            // fewer than 1/alpha = 20
        refused(["--orientation", "non"])
        refused(["--algorithm", "3"])
        #expect(throws: (any Error).self) {
            try PluginHarness.run("dea-second-stage", data: Self.data, id: "unit", ["--inputs", "x", "--outputs", "y"])
        }
        #expect(throws: UsageError.self) {
            try PluginHarness.run("dea-second-stage", data: Self.data, id: "unit", ["--inputs", "x", "--outputs", "y", "--environment", "x"])
        }
        // Collinear environment (z2 = 2 z1), and too few units off the frontier.
        var text = "id,x,y,z1,z2\n"
        var rng = SeededGenerator(seed: 5)
        for i in 0..<30 {
            let z = rng.uniform()
            text += "u\(i),\(5 + 10 * rng.uniform()),\(1 + rng.uniform()),\(z),\(2 * z)\n"
        }
        refused(["--inputs", "x", "--outputs", "y", "--environment", "z1,z2", "--replicates", "20"], csv: text)
        let few = "id,x,y,z\nA,1,1,0.1\nB,2,1,0.5\nC,3,1,0.2\nD,1,2,0.9\n"
        refused(["--inputs", "x", "--outputs", "y", "--environment", "z", "--replicates", "20"], csv: few)
    }
}
