import Foundation
import Testing
import TolokCore
import TolokNumerics
import TolokTestSupport
@testable import TolokDEAModel
@testable import TolokDEA

/// `dea --bootstrap` (Simar & Wilson 1998) against R Benchmarking 0.33's `dea.boot` on the
/// Program Follow Through data (`Datasets/pft_1981_bootstrap_*.R.csv`, B = 2,000, made by
/// `scripts/peers/dea-bootstrap.R`), plus the procedure's invariants.
///
/// Monte-Carlo rule. Two bootstraps with different random streams differ by Monte-Carlo error
/// only; so, for each of efficiency_bc, lower and upper, the mean over units of |Tolok − R| must
/// not exceed 1.5 × the mean over units of |Tolok(seed 1) − Tolok(seed 2)|, both Tolok runs at
/// B = 300 (the expected ratio is √((1/300 + 1/2000)/(2/300)) ≈ 0.76 if the procedures agree), and
/// must stay below 0.005 in absolute terms. Measured with the release build at B = 2,000 (ratio
/// expected 1): VRS input 1.15 (bc), 1.13 (lower), 0.97 (upper); CRS output 1.06, 1.19, 0.94 —
/// mean |Tolok − R| 0.0002 – 0.0015.
@Suite struct BootstrapTests {
    static let inputs = PublishedScoresTests.pftInputs.joined(separator: ",")
    static let outputs = PublishedScoresTests.pftOutputs.joined(separator: ",")

    func run(_ args: [String]) throws -> AnalysisResult {
        try PluginHarness.run("dea", data: "pft_1981.csv", id: "dmu", ["--inputs", Self.inputs, "--outputs", Self.outputs] + args)
    }

    func column(_ r: AnalysisResult, _ name: String) -> [Double] {
        r.table("bootstrap")!.values(of: name)!.map { $0.double ?? .nan }
    }

    /// R's rows on Tolok's scale: output orientation reports φ, Tolok 1/φ (bounds swap).
    func reference(_ file: String, output: Bool) throws -> (bc: [Double], lower: [Double], upper: [Double], bandwidth: Double) {
        let d = try Datasets.load(file)
        let bc = try d.numbers("eff_bc"), lo = try d.numbers("lower"), hi = try d.numbers("upper")
        let h = try d.numbers("bandwidth")[0]
        return output ? (bc.map { 1 / $0 }, hi.map { 1 / $0 }, lo.map { 1 / $0 }, h) : (bc, lo, hi, h)
    }

    @Test(arguments: [("vrs", "input", "pft_1981_bootstrap_vrs_in.R.csv"), ("crs", "output", "pft_1981_bootstrap_crs_out.R.csv")])
    func agreesWithBenchmarkingDeaBootWithinMonteCarloError(rts: String, orientation: String, file: String) throws {
        let args = ["--rts", rts, "--orientation", orientation, "--bootstrap", "300"]
        let a = try run(args + ["--seed", "1"]), b = try run(args + ["--seed", "2"])
        let r = try reference(file, output: orientation == "output")
        func meanAbs(_ x: [Double], _ y: [Double]) -> Double { zip(x, y).map { abs($0 - $1) }.reduce(0, +) / Double(x.count) }
        for (name, theirs) in [("efficiency_bc", r.bc), ("lower", r.lower), ("upper", r.upper)] {
            let ours = column(a, name), again = column(b, name)
            #expect(ours.count == 70 && theirs.count == 70)
            let vsR = meanAbs(ours, theirs), noise = meanAbs(ours, again)
            #expect(vsR <= 1.5 * noise, "\(rts) \(orientation) \(name): mean |Tolok − R| \(vsR), Monte-Carlo noise \(noise)")
            #expect(vsR < 0.005, "\(rts) \(orientation) \(name): mean |Tolok − R| \(vsR)")
        }
        // The original scores are dea()'s (6 decimals in the published tables; here R's full precision).
        let eff = column(a, "efficiency")
        let rEff = try Datasets.load(file).numbers("eff").map { orientation == "output" ? 1 / $0 : $0 }
        #expect(zip(eff, rEff).allSatisfy { abs($0 - $1) <= 1e-9 })
        // Under output orientation the bandwidth rule is dea.boot's exactly.
        let h = try #require(a.summaryValue("bootstrap_bandwidth")?.double)
        if orientation == "output" {
            #expect(abs(h - r.bandwidth) <= 1e-12 * r.bandwidth, "h \(h) vs dea.boot \(r.bandwidth)")
        } else {
            // dea.boot mirrors θ for the bandwidth (docs/DEA.md); on the δ scale it comes out 3 % smaller here.
            #expect(abs(h / r.bandwidth - 1) < 0.05 && abs(h - r.bandwidth) > 1e-4, "h \(h) vs dea.boot \(r.bandwidth)")
        }
    }

    /// The bandwidth rule by hand on a small sample (the docs' formula, step 1).
    @Test func bandwidthRuleByHand() throws {
        let delta = [1, 1, 1.2, 1.5, 1.1, 2.0, 1.05]
        let bw = try DEABootstrap.bandwidth(delta)
        let z = [1.2, 1.5, 1.1, 2.0, 1.05]
        let mirrored = z + z.map { 2 - $0 }
        let sd = SampleQuantile.variance(mirrored).squareRoot()
        let iqr = SampleQuantile.interquartileRange(sorted: mirrored.sorted()) / 1.349
        let spread = min(sd, iqr)
        let h = 0.9 * spread * pow(10, -0.2) * SampleQuantile.variance(delta).squareRoot() / sd * pow(10.0 / 7, 0.2)
        #expect(bw.inefficientUnits == 5 && bw.units == 7)
        #expect(abs(bw.h - h) <= 1e-15 * h)
        #expect(throws: DEABootstrap.Failure.noInefficientUnit) { try DEABootstrap.bandwidth([1, 1, 1 + 1e-9]) }
    }

    /// Draws: reflected (≥ 1), a function of (seed, replicate) only, and with the smoothed
    /// bootstrap's variance: the corrected draws have the variance of S (2n values) in the limit.
    @Test func drawsAreReflectedReproducibleAndVarianceCorrected() {
        let delta = (0..<400).map { 1 + Double($0 % 37) / 40 }
        let s = delta + delta.map { 2 - $0 }
        let variance = SampleQuantile.variance(s)
        let a = DEABootstrap.draws(delta, bandwidth: 0.05, mirroredVariance: variance, replicate: 7, seed: 42)
        #expect(a == DEABootstrap.draws(delta, bandwidth: 0.05, mirroredVariance: variance, replicate: 7, seed: 42))
        #expect(a != DEABootstrap.draws(delta, bandwidth: 0.05, mirroredVariance: variance, replicate: 8, seed: 42))
        #expect(a.allSatisfy { $0 >= 1 })
        // Before reflection the draws z satisfy Var(z) = Var(S); after it |z − 1| + 1 are the
        // draws, so E[(δ* − 1)²] = E[(z − 1)²] = Var(S) + (mean S − 1)² = Var(S) (S is symmetric about 1).
        var sum = 0.0, count = 0
        for b in 0..<200 {
            for x in DEABootstrap.draws(delta, bandwidth: 0.05, mirroredVariance: variance, replicate: b, seed: 3) {
                sum += (x - 1) * (x - 1)
                count += 1
            }
        }
        let second = sum / Double(count)
        #expect(abs(second / variance - 1) < 0.02, "E(δ* − 1)² = \(second), Var(S) = \(variance)")
    }

    /// Synthetic Cobb-Douglas data (n = 120, 2 inputs, 2 outputs).
    static func synthetic() -> DEAData {
        var rng = SeededGenerator(seed: 11)
        let n = 120
        let x1 = (0..<n).map { _ in 10 + 90 * rng.uniform() }, x2 = (0..<n).map { _ in 10 + 90 * rng.uniform() }
        var y1: [Double] = [], y2: [Double] = []
        for j in 0..<n {
            let q = pow(x1[j], 0.4) * pow(x2[j], 0.4) * exp(-abs(0.3 * rng.normal()))
            let w = 0.2 + 0.6 * rng.uniform()
            y1.append(q * w)
            y2.append(q * (1 - w))
        }
        return DEAData(inputs: [x1, x2], outputs: [y1, y2])
    }

    @Test(arguments: [(Orientation.input, ReturnsToScale.vrs), (.output, .crs), (.input, .nirs), (.output, .ndrs)])
    func sameNumbersWhateverTheThreadsAndBlocks(orientation: Orientation, rts: ReturnsToScale) throws {
        let data = Self.synthetic()
        let scores = DEAModel(orientation: orientation, rts: rts).score(data)
        let one = try DEABootstrap(orientation: orientation, rts: rts, replicates: 40, seed: 5, threads: 1).run(data, scores: scores)
        let two = try DEABootstrap(orientation: orientation, rts: rts, replicates: 40, seed: 5, threads: 2).run(data, scores: scores)
        // 40 replicates × 25 units per block: five blocks, each regenerating the pseudo-data.
        var blocked = DEABootstrap(orientation: orientation, rts: rts, replicates: 40, seed: 5, threads: 2)
        blocked.maxStoredValues = 1000
        let blocks = try blocked.run(data, scores: scores)
        func fields(_ u: DEABootstrap.UnitInterval) -> [Double] { [u.biasCorrected, u.lower, u.upper, u.standardError] }
        // Threads: bit for bit (each replicate is scored on one thread, whichever).
        for (u, v) in zip(one.units, two.units) {
            #expect(fields(u).map(\.bitPattern) == fields(v).map(\.bitPattern))
        }
        // Blocks: the same programs, warm-started from other units, so equal to rounding.
        for (u, v) in zip(one.units, blocks.units) {
            #expect(zip(fields(u), fields(v)).allSatisfy { abs($0 - $1) <= 1e-12 }, "\(fields(u)) vs \(fields(v))")
        }
        // The pseudo-technology reduced to its spanning units first (the path above 2,000 units),
        // in one block and in five (frontiers found once and kept): the same optimal values.
        for budget in [1 << 23, 1000] {
            var spanning = DEABootstrap(orientation: orientation, rts: rts, replicates: 40, seed: 5, threads: 2)
            spanning.frontierThreshold = 0
            spanning.maxStoredValues = budget
            for (u, v) in zip(one.units, try spanning.run(data, scores: scores).units) {
                #expect(zip(fields(u), fields(v)).allSatisfy { abs($0 - $1) <= 1e-12 }, "\(fields(u)) vs \(fields(v))")
            }
        }
        let other = try DEABootstrap(orientation: orientation, rts: rts, replicates: 40, seed: 6, threads: 2).run(data, scores: scores)
        #expect(zip(one.units, other.units).contains { $0.biasCorrected != $1.biasCorrected }, "another seed, other numbers")
        // Invariants: the pseudo-technology lies inside the estimated one, so δᵇ ≤ δ.
        for (u, score) in zip(one.units, scores) {
            #expect(u.status == .ok && u.replicates == 40)
            #expect(abs(u.efficiency - score.efficiency(orientation)) <= 1e-12)
            #expect(u.lower > 0 && u.lower <= u.upper && u.upper <= u.efficiency * (1 + 1e-9))
            #expect(u.biasCorrected <= u.efficiency * (1 + 1e-9) && u.bias >= -1e-9 && u.standardError >= 0)
            #expect(abs(u.bias - (u.efficiency - u.biasCorrected)) <= 1e-12)
        }
    }

    @Test func tableSummaryAndNotes() throws {
        let r = try run(["--rts", "vrs", "--bootstrap", "20", "--seed", "9", "--alpha", "0.1", "--threads", "2"])
        let t = try #require(r.table("bootstrap"))
        #expect(t.columns.map(\.name) == ["id", "status", "efficiency", "bias", "efficiency_bc", "std_error", "lower", "upper", "replicates"])
        #expect(r.summaryValue("bootstrap_replicates")?.double == 20)
        let note = try #require(r.notes.first { $0.hasPrefix("Bootstrap:") })
        #expect(note.contains("B = 20") && note.contains("seed 9") && note.contains("90%") && note.contains("bandwidth h = "))
    }

    @Test func refusals() throws {
        for extra in [["--super"], ["--group-by", "program"], ["--rts", "fdh"], ["--model", "sbm"], ["--peer-counts"], ["--frontier-only"]] {
            let e = try #require(throws: UsageError.self) { try run(["--bootstrap", "10"] + extra) }
            #expect(e.message.contains("--bootstrap") && e.message.contains(extra[0]), "\(extra): \(e.message)")
        }
        for extra in [["--seed", "3"], ["--alpha", "0.1"]] {
            let e = try #require(throws: UsageError.self) { try run(extra) }
            #expect(e.message.contains(extra[0]) && e.message.contains("--bootstrap"))
        }
        // Every unit efficient: nothing to resample.
        let allEfficient = "id,x,y\nA,1,1\nB,2,2\nC,3,3\n"
        let e = try #require(throws: UsageError.self) {
            try PluginHarness.run("dea", csvText: allEfficient, id: "id", ["--inputs", "x", "--outputs", "y", "--bootstrap", "10"])
        }
        #expect(e.message.contains("every unit is efficient"))
        // A unit whose score is undefined (all inputs zero) must be left out first.
        let undefined = "id,x,y\nA,1,1\nB,2,1\nZ,0,0\n"
        let u = try #require(throws: UsageError.self) {
            try PluginHarness.run("dea", csvText: undefined, id: "id", ["--inputs", "x", "--outputs", "y", "--rts", "vrs", "--bootstrap", "10"])
        }
        #expect(u.message.contains("unit Z"), "\(u.message)")
    }
}

/// `dea --rts-test`: the Simar & Wilson (2002) test of CRS against VRS.
@Suite struct ReturnsToScaleTestTests {
    /// n units of a Cobb-Douglas technology y = x₁^a x₂^a e^(−u), u half-normal (σ = 0.3):
    /// a = 0.5 has constant returns, a = 0.3 decreasing.
    static func data(n: Int, exponent a: Double, seed: UInt64) -> DEAData {
        var rng = SeededGenerator(seed: seed)
        var x1: [Double] = [], x2: [Double] = [], y: [Double] = []
        for _ in 0..<n {
            let a1 = 10 + 90 * rng.uniform(), a2 = 10 + 90 * rng.uniform()
            x1.append(a1)
            x2.append(a2)
            y.append(pow(a1, a) * pow(a2, a) * exp(-abs(0.3 * rng.normal())))
        }
        return DEAData(inputs: [x1, x2], outputs: [y])
    }

    func test(_ data: DEAData, orientation: Orientation = .input, threads: Int = 2) throws -> ReturnsToScaleTest.Result {
        let crs = DEAModel(orientation: orientation, rts: .crs).score(data)
        let vrs = DEAModel(orientation: orientation, rts: .vrs).score(data)
        return try ReturnsToScaleTest(orientation: orientation, replicates: 100, seed: 4, threads: threads).run(data, crs: crs, vrs: vrs)
    }

    @Test(arguments: [Orientation.input, .output])
    func rejectsCRSOnlyWhenReturnsVary(orientation: Orientation) throws {
        // Decreasing returns (exponents sum to 0.6): W well below 1, no replicate under H0 that low.
        let drs = try test(Self.data(n: 80, exponent: 0.3, seed: 21), orientation: orientation)
        #expect(drs.rejectsConstantReturns && drs.pValue <= 0.01 && drs.statistic < drs.criticalValue, "\(drs)")
        // Constant returns: W is within its bootstrap distribution.
        let crs = try test(Self.data(n: 80, exponent: 0.5, seed: 22), orientation: orientation)
        #expect(!crs.rejectsConstantReturns && crs.pValue > 0.05 && crs.statistic <= 1, "\(crs)")
        #expect(crs.replicates == 100 && drs.replicates == 100)
    }

    @Test func statisticAndThreadIndependence() throws {
        let data = Self.data(n: 50, exponent: 0.4, seed: 5)
        let one = try test(data, threads: 1), two = try test(data, threads: 2)
        #expect(one.pValue == two.pValue && one.criticalValue.bitPattern == two.criticalValue.bitPattern)
        let crs = DEAModel(orientation: .input, rts: .crs).score(data).map(\.radial)
        let vrs = DEAModel(orientation: .input, rts: .vrs).score(data).map(\.radial)
        #expect(abs(one.statistic - crs.reduce(0, +) / vrs.reduce(0, +)) <= 1e-12)
    }

    @Test func pluginTableAndRefusals() throws {
        let r = try PluginHarness.run("dea", data: "pft_1981.csv", id: "dmu",
                                      ["--inputs", BootstrapTests.inputs, "--outputs", BootstrapTests.outputs, "--rts-test", "--bootstrap", "30"])
        let t = try #require(r.table("rts_test"))
        #expect(t.columns.map(\.name) == ["null", "alternative", "statistic", "p_value", "critical_value", "alpha", "replicates", "decision"])
        #expect(t.rowCount == 1 && r.notes.contains { $0.hasPrefix("Returns-to-scale test (Simar & Wilson 2002)") })
        let e = try #require(throws: UsageError.self) {
            try PluginHarness.run("dea", data: "pft_1981.csv", id: "dmu", ["--inputs", BootstrapTests.inputs, "--outputs", BootstrapTests.outputs, "--rts-test", "--super"])
        }
        #expect(e.message.hasPrefix("--rts-test works with the radial model"))
    }
}
