import Foundation
import TolokDomain
import TolokNumerics

/// The second stage of Simar & Wilson (2007): environmental variables z explain DEA efficiency
/// through a truncated regression, with inference by a parametric bootstrap (their Algorithm 1)
/// or a double bootstrap that first bias-corrects the DEA scores (Algorithm 2).
///
/// Scale: the distance δ ≥ 1 — δ = 1/θ (Shephard input distance) under input orientation,
/// δ = φ (Farrell output measure) under output orientation. Model:
///
///     δᵢ = zᵢβ + εᵢ ≥ 1,   εᵢ ~ N(0, σ²) left-truncated at 1 − zᵢβ,   z with a constant.
///
/// Units on the estimated frontier are left out of every fit: a δ̂ within 10⁻⁵ of 1 is set to 1
/// (as R rDEA's `dea.env.robust`), and the fits use the m units with δ̂ > 1 + 10⁻⁵.
///
/// Algorithm 1: (1) DEA distances δ̂ᵢ; (2) ML truncated regression (``TruncatedRegression``) of
/// δ̂ᵢ on zᵢ over the m units → (β̂, σ̂); (3) L times: for those m units draw εᵢ from N(0, σ̂²)
/// left-truncated at 1 − zᵢβ̂ (``LeftTruncatedNormal``), δᵢ** = zᵢβ̂ + εᵢ, and re-fit → (β*, σ*).
///
/// Algorithm 2: (1)–(2) as above; (3) L₁ times: for all n units draw δᵢ* = zᵢβ̂ + εᵢ (εᵢ as
/// above), form pseudo-data moved from each unit's frontier projection by δᵢ* in the oriented
/// direction — output yᵢ* = yᵢ δ̂ᵢ/δᵢ*, xᵢ* = xᵢ (SW2007 step 3.3); input xᵢ* = xᵢ δᵢ*/δ̂ᵢ,
/// yᵢ* = yᵢ (as rDEA) — and score every observed unit against the pseudo-units' technology (same
/// returns to scale): δ̂ᵢ*ᵇ; (4) bias-corrected δ̂̂ᵢ = 2δ̂ᵢ − mean_b δ̂ᵢ*ᵇ; (5) ML truncated
/// regression of δ̂̂ᵢ on zᵢ over the units with δ̂̂ᵢ > 1 + 10⁻⁵ → (β̂̂, σ̂̂); (6) L₂ times: for all n
/// units draw δᵢ** = zᵢβ̂̂ + εᵢ, εᵢ ~ N(0, σ̂̂²) left-truncated at 1 − zᵢβ̂̂, and re-fit → (β*, σ*).
///
/// Intervals (SW2007 step 4 of Algorithm 1 / 7 of Algorithm 2): for each parameter with estimate
/// b̂ (β̂ or β̂̂, σ̂ or σ̂̂) and replicates b*, the (1 − α) interval is
/// [b̂ + q(α/2), b̂ + q(1 − α/2)] with q the quantiles of b̂ − b* — the basic bootstrap interval, as
/// SW2007 construct it from the distribution of b* − b̂ — with R's default (type-7) sample quantile,
/// as rDEA uses. std_error = the standard deviation of the b*.
///
/// Reproducibility: replicate b of each loop draws from its own generator, seeded from (seed, loop, b),
/// and runs on one thread; the numbers do not depend on how replicates are spread over threads.
public struct SecondStage: Sendable {
    public enum Algorithm: Int, Sendable, CaseIterable {
        case one = 1
        case two = 2
    }

    public enum Failure: Error, Equatable, Sendable {
        case unitNotScored(unit: Int, status: UnitStatus)
        case noDistance(unit: Int)
        /// Fewer units off the frontier than the fit needs (m ≤ k + 1 parameters).
        case tooFewUnits(offFrontier: Int, parameters: Int)
        /// Collinear environmental variables among the units of the fit.
        case singularDesign
        /// The truncated-regression MLE was not found (it need not exist).
        case fitNotConverged(stage: Int)
    }

    /// A distance at most this far above 1 is on the frontier.
    public static let frontierTolerance = 1e-5

    public struct Parameter: Sendable {
        /// β̂ₖ (Algorithm 1) or β̂̂ₖ (Algorithm 2); the last parameter is σ.
        public var estimate: Double
        /// From the inverse Hessian of the fit (conventional ML; not valid inference for DEA scores).
        public var mlStandardError: Double?
        public var bootstrapMean: Double
        public var standardError: Double
        public var lower: Double
        public var upper: Double
    }

    public struct Unit: Sendable {
        public var status: UnitStatus
        /// δ̂ (set to 1 within 10⁻⁵ of 1).
        public var distance: Double
        /// In the first fit (δ̂ > 1 + 10⁻⁵).
        public var inFirstFit: Bool
        /// Algorithm 2: δ̂̂ = 2δ̂ − mean δ̂*, NaN when no replicate program was solved.
        public var biasCorrected: Double?
        public var inSecondFit: Bool?
        /// Algorithm 2: L₁ replicate programs solved for this unit.
        public var replicates: Int?
    }

    public struct Result: Sendable {
        public var algorithm: Algorithm
        /// (β₁ … βₖ, σ).
        public var parameters: [Parameter]
        /// The fit of δ̂ (both algorithms).
        public var firstFit: TruncatedRegression.Fit
        /// Algorithm 2: the fit of δ̂̂.
        public var secondFit: TruncatedRegression.Fit?
        public var units: [Unit]
        /// Bootstrap replicates whose fit converged (L or L₂ unless some did not).
        public var replicatesUsed: Int
        /// Algorithm 2: unit-replicate DEA programs that were not solved.
        public var failedSolves: Int
    }

    public var orientation: Orientation
    public var rts: ReturnsToScale
    public var algorithm: Algorithm
    /// L (Algorithm 1) or L₂ (Algorithm 2).
    public var replicates: Int
    /// L₁ (Algorithm 2).
    public var firstReplicates: Int
    public var seed: UInt64
    public var alpha: Double
    public var threads: Int

    public init(orientation: Orientation, rts: ReturnsToScale, algorithm: Algorithm = .two, replicates: Int = 2000,
                firstReplicates: Int = 100, seed: UInt64 = 1, alpha: Double = 0.05,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        precondition(replicates >= 2 && firstReplicates >= 1, "replicates")
        precondition(alpha > 0 && alpha < 1, "alpha in (0, 1)")
        self.orientation = orientation
        self.rts = rts
        self.algorithm = algorithm
        self.replicates = replicates
        self.firstReplicates = firstReplicates
        self.seed = seed
        self.alpha = alpha
        self.threads = max(1, threads)
    }

    /// The generator of replicate b of loop `loop` (1: the L₁ pseudo-data, 2: the parametric bootstrap).
    static func generator(seed: UInt64, loop: UInt64, replicate b: Int) -> SeededGenerator {
        SeededGenerator(seed: seed ^ (UInt64(b + 1) &* 0x9E37_79B9_7F4A_7C15) ^ (loop &* 0xD1B5_4A32_D192_ED03))
    }

    /// The distances δ̂ of radial scores, with values within 10⁻⁵ of 1 set to 1.
    public func distances(_ scores: [DEAUnitScore]) throws -> [Double] {
        try scores.enumerated().map { j, score in
            guard score.status == .ok else { throw Failure.unitNotScored(unit: j, status: score.status) }
            let delta = orientation == .input ? 1 / score.radial : score.radial
            guard delta.isFinite, delta > 0 else { throw Failure.noDistance(unit: j) }
            return delta <= 1 + Self.frontierTolerance ? 1 : delta
        }
    }

    /// Runs the algorithm for `data` with radial scores `scores` (all ok) and environmental
    /// variables `environment[v][i]` (without the constant, which is added first).
    public func run(_ data: DEAData, scores: [DEAUnitScore], environment: [[Double]],
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Result {
        let n = data.unitCount
        let k = environment.count + 1
        var z = [Double](repeating: 1, count: n * k)
        for i in 0..<n { for (v, column) in environment.enumerated() { z[i * k + v + 1] = column[i] } }
        let delta = try distances(scores)
        let previousThreads = BLASThreads.count
        BLASThreads.set(1)
        defer { BLASThreads.set(previousThreads) }

        let first = try Self.fit(delta, z: z, k: k, where: delta.map { $0 > 1 + Self.frontierTolerance }, stage: 1)
        var units = delta.map { Unit(status: .ok, distance: $0, inFirstFit: $0 > 1 + Self.frontierTolerance) }
        let total = algorithm == .one ? replicates : replicates + firstReplicates
        let done = Parallel.Counter()
        var report: (@Sendable (Int) -> Void)?
        if let progress { report = { (count: Int) in progress(done.add(count), total) } }

        var estimate = first.fit
        var drawn = first.rows
        var secondFit: TruncatedRegression.Fit?
        var failedSolves = 0
        if algorithm == .two {
            let (corrected, solved, failed) = biasCorrect(data, scores: scores, delta: delta, z: z, k: k, fit: first.fit, report: report)
            failedSolves = failed
            let usable = corrected.map { $0.isFinite && $0 > 1 + Self.frontierTolerance }
            for i in 0..<n {
                units[i].biasCorrected = corrected[i]
                units[i].inSecondFit = usable[i]
                units[i].replicates = solved[i]
                if solved[i] == 0 { units[i].status = .numericalFailure }
            }
            let second = try Self.fit(corrected, z: z, k: k, where: usable, stage: 2)
            estimate = second.fit
            secondFit = second.fit
            drawn = Array(0..<n)   // SW2007 Algorithm 2 step 6: every unit
        }
        let draws = parametricBootstrap(fit: estimate, z: z, k: k, rows: drawn, report: report)
        let parameters = summarise(estimate, draws: draws)
        return Result(algorithm: algorithm, parameters: parameters, firstFit: first.fit, secondFit: secondFit, units: units,
                      replicatesUsed: draws.count, failedSolves: failedSolves)
    }

    /// The ML fit of y on z over the rows where `use` holds.
    static func fit(_ y: [Double], z: [Double], k: Int, where use: [Bool], stage: Int) throws -> (fit: TruncatedRegression.Fit, rows: [Int]) {
        let rows = use.indices.filter { use[$0] }
        guard rows.count > k + 1 else { throw Failure.tooFewUnits(offFrontier: rows.count, parameters: k + 1) }
        let fit: TruncatedRegression.Fit
        do {
            fit = try TruncatedRegression().fit(response: rows.map { y[$0] }, design: rows.flatMap { i in z[(i * k)..<((i + 1) * k)] }, columns: k)
        } catch TruncatedRegression.Failure.singularDesign {
            throw Failure.singularDesign
        }
        guard fit.converged else { throw Failure.fitNotConverged(stage: stage) }
        return (fit, rows)
    }

    /// Algorithm 2 steps 3–4: δ̂̂ per unit, the replicate programs solved per unit, and the failures.
    func biasCorrect(_ data: DEAData, scores: [DEAUnitScore], delta: [Double], z: [Double], k: Int,
                     fit: TruncatedRegression.Fit, report: (@Sendable (Int) -> Void)?) -> (corrected: [Double], solved: [Int], failed: Int) {
        let n = data.unitCount, m = data.inputCount, s = data.outputCount
        let x = (0..<m).map { i in (0..<n).map { data.input(i, of: $0) } }
        let y = (0..<s).map { r in (0..<n).map { data.output(r, of: $0) } }
        let mean = (0..<n).map { i in (0..<k).reduce(0.0) { $0 + z[i * k + $1] * fit.coefficients[$1] } }
        let order = DEAModel.mixOrder(Array(0..<n), data: data)
        let peers = scores.map { $0.peers.map(\.unit) }
        let orientation = self.orientation, rts = self.rts, seed = self.seed, sigma = fit.sigma
        let L1 = firstReplicates
        let chunks = Parallel.ranges(L1, size: max(1, min(8, L1 / (threads * 4) + 1)))
        let rows: [[[Double]]] = Parallel.map(chunks, workers: threads) { (_: Int, range: Range<Int>) in
            var out: [[Double]] = []
            for b in range {
                var rng = Self.generator(seed: seed, loop: 1, replicate: b)
                let star = (0..<n).map { i in mean[i] + LeftTruncatedNormal.draw(truncation: 1 - mean[i], sigma: sigma, using: &rng) }
                var inputs = x, outputs = y
                switch orientation {
                case .input:
                    for i in 0..<m { inputs[i] += (0..<n).map { x[i][$0] * star[$0] / delta[$0] } }
                    for r in 0..<s { outputs[r] += y[r] }
                case .output:
                    for i in 0..<m { inputs[i] += x[i] }
                    for r in 0..<s { outputs[r] += (0..<n).map { y[r][$0] * delta[$0] / star[$0] } }
                }
                let pseudo = DEAData(inputs: inputs, outputs: outputs)
                let scored = DEABootstrap.score(pseudo, observed: n, units: Array(0..<n), order: order, peers: peers,
                                                orientation: orientation, rts: rts)
                out.append(scored.map { u in
                    guard u.status == .ok, u.radial.isFinite, u.radial > 0 else { return .nan }
                    return orientation == .input ? 1 / u.radial : u.radial
                })
            }
            report?(range.count)
            return out
        }
        let matrix = rows.flatMap { $0 }
        var corrected = [Double](repeating: .nan, count: n), solved = [Int](repeating: 0, count: n)
        var failed = 0
        for i in 0..<n {
            var sum = 0.0, count = 0
            for row in matrix where row[i].isFinite { sum += row[i]; count += 1 }
            solved[i] = count
            failed += L1 - count
            if count > 0 { corrected[i] = 2 * delta[i] - sum / Double(count) }
        }
        return (corrected, solved, failed)
    }

    /// The parametric bootstrap (Algorithm 1 step 3, Algorithm 2 step 6): the converged
    /// replicates' (β*, σ*), in replicate order.
    func parametricBootstrap(fit: TruncatedRegression.Fit, z: [Double], k: Int, rows: [Int],
                             report: (@Sendable (Int) -> Void)?) -> [[Double]] {
        let design = rows.flatMap { i in z[(i * k)..<((i + 1) * k)] }
        let mean = rows.map { i in (0..<k).reduce(0.0) { $0 + z[i * k + $1] * fit.coefficients[$1] } }
        let seed = self.seed, beta = fit.coefficients, sigma = fit.sigma
        let chunks = Parallel.ranges(replicates, size: max(1, min(64, replicates / (threads * 4) + 1)))
        let results: [[[Double]?]] = Parallel.map(chunks, workers: threads) { (_: Int, range: Range<Int>) in
            let regression = TruncatedRegression()
            var out: [[Double]?] = []
            for b in range {
                var rng = Self.generator(seed: seed, loop: 2, replicate: b)
                let y = mean.map { $0 + LeftTruncatedNormal.draw(truncation: 1 - $0, sigma: sigma, using: &rng) }
                // A draw at the truncation point itself (u = 1, probability 2⁻⁵³) is nudged above it.
                let response = y.map { $0 > 1 ? $0 : (1.0).nextUp }
                guard let f = try? regression.fit(response: response, design: design, columns: k, start: (beta, sigma), covariance: false),
                      f.converged else { out.append(nil); continue }
                out.append(f.coefficients + [f.sigma])
            }
            report?(range.count)
            return out
        }
        return results.flatMap { $0 }.compactMap { $0 }
    }

    /// Estimates, bootstrap means, standard errors and basic intervals (type-7 quantiles).
    func summarise(_ fit: TruncatedRegression.Fit, draws: [[Double]]) -> [Parameter] {
        let estimates = fit.coefficients + [fit.sigma]
        let se = fit.standardErrors
        return estimates.indices.map { p in
            let sample = draws.map { $0[p] }
            guard sample.count >= 2 else {
                return Parameter(estimate: estimates[p], mlStandardError: se?[p], bootstrapMean: .nan, standardError: .nan, lower: .nan, upper: .nan)
            }
            let differences = sample.map { estimates[p] - $0 }.sorted()
            return Parameter(estimate: estimates[p], mlStandardError: se?[p],
                             bootstrapMean: sample.reduce(0, +) / Double(sample.count),
                             standardError: SampleQuantile.variance(sample).squareRoot(),
                             lower: estimates[p] + SampleQuantile.type7(sorted: differences, alpha / 2),
                             upper: estimates[p] + SampleQuantile.type7(sorted: differences, 1 - alpha / 2))
        }
    }
}
