import Foundation
import TolokDomain
import TolokNumerics

/// The smoothed homogeneous bootstrap of radial DEA scores (Simar & Wilson 1998): bias,
/// bias-corrected scores, standard errors and percentile intervals for every unit.
///
/// Work on the distance scale δ ≥ 1: δ = 1/θ (the Shephard input distance) under input
/// orientation, δ = φ (the Farrell output measure) under output orientation; the efficiency
/// reported is e = 1/δ in both (θ, and 1/φ as in `tolok run dea`).
///
/// 1. Bandwidth (Silverman 1986, §3.4.2, with the reflection and variance corrections of Simar &
///    Wilson 1998 as implemented in FEAR and R Benchmarking): z = the m distances with
///    δ > 1 + 10⁻⁶ (units on the frontier would dominate the rule), mirrored about 1:
///    Z = {z, 2 − z} (2m values); spread = min(sd(Z), IQR(Z)/1.349) (the IQR only when it
///    exceeds 10⁻⁶); h₀ = 0.9 · spread · (2m)^(−1/5); and
///    h = h₀ · sd(δ)/sd(Z) · (2m/n)^(1/5), which rescales h₀ to the n distances.
/// 2. Each replicate b: draw β₁ … βₙ with replacement from the n distances and their mirror
///    images S = {δ, 2 − δ} (2n values); δ̃ⱼ = βⱼ + h εⱼ with εⱼ ~ N(0, 1); correct the variance,
///    δ*ⱼ = β̄ + (δ̃ⱼ − β̄)/√(1 + h²/σ²_S) (β̄ the mean of the β's, σ²_S the variance of S); and
///    reflect, δ*ⱼ ← 2 − δ*ⱼ when δ*ⱼ < 1.
/// 3. Pseudo-data: each unit is moved from its frontier projection by its drawn distance, only
///    in the oriented direction — input orientation xⱼ* = (δ*ⱼ/δⱼ) xⱼ, yⱼ* = yⱼ; output
///    orientation yⱼ* = (δⱼ/δ*ⱼ) yⱼ, xⱼ* = xⱼ. Every observed unit is scored against the
///    technology the pseudo-units span (same returns to scale): δᵇₒ.
/// 4. Per unit, over the B replicates: bias_δ = mean(δᵇ) − δ, δ_bc = δ − bias_δ; the (1 − α)
///    interval δ + [q(α/2), q(1 − α/2)] with q the type-9 quantiles of δ − δᵇ (Hyndman & Fan
///    1996, as R's `quantile(type = 9)`); then back to the efficiency scale: e_bc = 1/δ_bc,
///    bounds 1/(upper δ), 1/(lower δ), bias = e − e_bc, standard error = sd(1/δᵇ).
///
/// Reproducibility: replicate b draws from its own generator, seeded from (seed, b), and is
/// scored on one thread; replicates are spread over the workers but their numbers do not depend
/// on which worker ran them, so the same seed gives the same numbers whatever `threads` is.
///
/// Memory: the B values of a unit are needed for its quantiles, but never all B × n at once:
/// units are taken in blocks of at most ``maxStoredValues``/B, and each block regenerates every
/// replicate's pseudo-data from its seed (the draws are cheap; the frontier is found again).
///
/// R Benchmarking's `dea.boot` (0.33) differs in one respect under input orientation: it
/// computes the bandwidth from the mirrored Farrell θ (θ and 2 − θ) while it samples on the
/// 1/θ scale; here both are on the δ scale (as FEAR's `boot.sw98`). Under output orientation
/// the two procedures are the same.
public struct DEABootstrap: Sendable {
    public enum Failure: Error, Equatable, Sendable {
        /// A unit without an optimal radial score (the bootstrap needs every unit's score).
        case unitNotScored(unit: Int, status: UnitStatus)
        /// A zero θ or an infinite φ: the unit has no distance on the δ scale.
        case noDistance(unit: Int)
        /// Every unit is on the frontier (δ = 1): the distribution of δ is degenerate.
        case noInefficientUnit
        /// Fewer than two replicates had every program solved (a test statistic needs them all).
        case tooFewSolvedReplicates(Int)
    }

    /// The kernel bandwidth and the numbers it came from.
    public struct Bandwidth: Sendable, Equatable {
        public let h: Double
        /// min(sd, IQR/1.349) of the mirrored inefficient distances.
        public let spread: Double
        /// Whether the spread is the IQR-based one.
        public let usesIQR: Bool
        /// The number m of distances above 1 + 10⁻⁶.
        public let inefficientUnits: Int
        public let units: Int
    }

    /// One unit's bootstrap summary, on the efficiency scale e = 1/δ.
    public struct UnitInterval: Sendable {
        public var status: UnitStatus
        public var efficiency: Double
        /// e − e_bc.
        public var bias: Double
        public var biasCorrected: Double
        public var standardError: Double
        public var lower: Double
        public var upper: Double
        /// Replicates whose program was solved for this unit (B unless a solve failed).
        public var replicates: Int
    }

    public struct Result: Sendable {
        public let bandwidth: Bandwidth
        public let units: [UnitInterval]
        /// Unit-replicate programs that were not solved (left out of those units' summaries).
        public let failedSolves: Int
    }

    public var orientation: Orientation
    public var rts: ReturnsToScale
    public var replicates: Int
    public var seed: UInt64
    /// The intervals are at level 1 − α.
    public var alpha: Double
    public var threads: Int
    /// At most this many bootstrap values are held at once (units per block × B).
    public var maxStoredValues: Int
    /// Above this many units the pseudo-technology is reduced to its spanning units first
    /// (at n = 1,000 (2, 2) pricing all pseudo-units directly was 25 % faster).
    public var frontierThreshold = 2000

    public init(orientation: Orientation, rts: ReturnsToScale, replicates: Int, seed: UInt64, alpha: Double = 0.05,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, maxStoredValues: Int = 1 << 23) {
        precondition(replicates >= 2, "a bootstrap needs at least two replicates")
        precondition(alpha > 0 && alpha < 1, "alpha in (0, 1)")
        self.orientation = orientation
        self.rts = rts
        self.replicates = replicates
        self.seed = seed
        self.alpha = alpha
        self.threads = max(1, threads)
        self.maxStoredValues = max(1, maxStoredValues)
    }

    /// The distances δ of radial scores (θ under input, φ under output orientation).
    public func distances(_ scores: [DEAUnitScore]) throws -> [Double] {
        try scores.enumerated().map { j, score in
            guard score.status == .ok else { throw Failure.unitNotScored(unit: j, status: score.status) }
            let delta = orientation == .input ? 1 / score.radial : score.radial
            guard delta.isFinite, delta > 0 else { throw Failure.noDistance(unit: j) }
            // The optimum is ≥ 1 on this scale; the solver's last-ulp noise below 1 is 1.
            return max(1, delta)
        }
    }

    /// The bandwidth of step 1 for the distances δ.
    public static func bandwidth(_ delta: [Double]) throws -> Bandwidth {
        let z = delta.filter { $0 > 1 + 1e-6 }
        guard !z.isEmpty else { throw Failure.noInefficientUnit }
        let mirrored = z + z.map { 2 - $0 }
        let sdMirrored = SampleQuantile.variance(mirrored).squareRoot()
        let iqr = SampleQuantile.interquartileRange(sorted: mirrored.sorted()) / 1.349
        let usesIQR = iqr > 1e-6 && iqr < sdMirrored
        let spread = usesIQR ? iqr : sdMirrored
        let m2 = Double(mirrored.count), n = Double(delta.count)
        let h0 = 0.9 * spread * pow(m2, -0.2)
        let sdDelta = delta.count > 1 ? SampleQuantile.variance(delta).squareRoot() : 0
        let h = h0 * sdDelta / sdMirrored * pow(m2 / n, 0.2)
        return Bandwidth(h: h, spread: spread, usesIQR: usesIQR, inefficientUnits: z.count, units: delta.count)
    }

    /// The generator of replicate b: its own stream, a function of (seed, b) only.
    static func generator(seed: UInt64, replicate b: Int) -> SeededGenerator {
        SeededGenerator(seed: seed ^ (UInt64(b + 1) &* 0x9E37_79B9_7F4A_7C15))
    }

    /// Step 2: the drawn distances δ* of replicate b.
    static func draws(_ delta: [Double], bandwidth h: Double, mirroredVariance: Double, replicate b: Int, seed: UInt64) -> [Double] {
        let n = delta.count
        var rng = generator(seed: seed, replicate: b)
        var beta = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let k = min(2 * n - 1, Int(rng.uniform() * Double(2 * n)))
            beta[j] = k < n ? delta[k] : 2 - delta[k - n]
        }
        let mean = beta.reduce(0, +) / Double(n)
        let shrink = 1 / (1 + h * h / mirroredVariance).squareRoot()
        for j in 0..<n {
            let smoothed = beta[j] + h * rng.normal()
            let star = mean + (smoothed - mean) * shrink
            beta[j] = star < 1 ? 2 - star : star
        }
        return beta
    }

    /// Runs the bootstrap for `data` whose radial scores (all `ok`) are `scores`.
    public func run(_ data: DEAData, scores: [DEAUnitScore],
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Result {
        let delta = try distances(scores)
        let bandwidth = try Self.bandwidth(delta)
        let n = data.unitCount, m = data.inputCount, s = data.outputCount
        let mirroredVariance = SampleQuantile.variance(delta + delta.map { 2 - $0 })
        let x = (0..<m).map { i in (0..<n).map { data.input(i, of: $0) } }
        let y = (0..<s).map { r in (0..<n).map { data.output(r, of: $0) } }
        let B = replicates
        let blockSize = max(1, min(n, maxStoredValues / B))
        let blocks = Parallel.ranges(n, size: blockSize)
        let rts = self.rts
        // Units in an order where neighbours have similar mixes (as DEAModel does), and each
        // unit's working set seeded with its own pseudo-copy (λ = 1 on it is feasible) and its
        // original peers: its peers in a replicate are mostly among them.
        let order = DEAModel.mixOrder(Array(0..<n), data: data)
        let peers = scores.map { $0.peers.map(\.unit) }
        let orientation = self.orientation, seed = self.seed, h = bandwidth.h
        // Replicates run concurrently, each on one thread: BLAS stays on one thread meanwhile
        // (set once here, so that the models' own set-and-restore cannot race).
        let previousThreads = BLASThreads.count
        BLASThreads.set(1)
        defer { BLASThreads.set(previousThreads) }

        // With many units, each replicate's pseudo-units are first reduced to those spanning the
        // pseudo-technology (FrontierFinder, as DEAModel does above 400 reference units; here above
        // ``frontierThreshold``, where it starts to pay against pricing every pseudo-unit). With
        // several blocks these frontiers are found once, in a first pass, and kept as indices
        // (B × |frontier| 32-bit integers), not once per block.
        let useFrontier = n > frontierThreshold
        let chunks = Parallel.ranges(B, size: max(1, min(16, B / (threads * 4) + 1)))
        @Sendable func frontier(_ pseudo: DEAData) -> [Int] {
            FrontierFinder(data: pseudo, rts: rts, threads: 1).frontier(of: Array(n..<(2 * n)))
        }
        var stored: [[Int32]] = []
        if useFrontier && blocks.count > 1 {
            stored = Parallel.map(chunks, workers: threads) { (_: Int, range: Range<Int>) in
                range.map { b in
                    let star = Self.draws(delta, bandwidth: h, mirroredVariance: mirroredVariance, replicate: b, seed: seed)
                    return frontier(Self.pseudoData(x: x, y: y, delta: delta, star: star, orientation: orientation)).map { Int32($0) }
                }
            }.flatMap { $0 }
        }
        let frontiers = stored

        var out: [UnitInterval] = []
        out.reserveCapacity(n)
        var failed = 0
        let done = Parallel.Counter()
        let total = B * blocks.count
        for block in blocks {
            let units = Array(block)
            let values: [[[Double]]] = Parallel.map(chunks, workers: threads) { (_: Int, range: Range<Int>) in
                var rows: [[Double]] = []
                rows.reserveCapacity(range.count)
                for b in range {
                    let star = Self.draws(delta, bandwidth: h, mirroredVariance: mirroredVariance, replicate: b, seed: seed)
                    let pseudo = Self.pseudoData(x: x, y: y, delta: delta, star: star, orientation: orientation)
                    let reference: [Int]? = !useFrontier ? nil : frontiers.isEmpty ? frontier(pseudo) : frontiers[b].map { Int($0) }
                    let scored = Self.score(pseudo, observed: n, units: units, order: order, peers: peers,
                                            orientation: orientation, rts: rts, reference: reference)
                    rows.append(scored.map { u in
                        guard u.status == .ok, u.radial.isFinite, u.radial > 0 else { return .nan }
                        return orientation == .input ? 1 / u.radial : u.radial
                    })
                }
                if let progress { progress(done.add(range.count), total) }
                return rows
            }
            let matrix = values.flatMap { $0 }
            for (k, o) in units.enumerated() {
                let sample = matrix.map { $0[k] }.filter { $0.isFinite }
                failed += B - sample.count
                out.append(summarise(delta: delta[o], sample: sample))
            }
        }
        return Result(bandwidth: bandwidth, units: out, failedSolves: failed)
    }

    /// Step 3's data: the n observed units (x, y in original units, by column), then the n
    /// pseudo-units of the drawn distances `star`. All observed units are kept whichever are
    /// scored, so the data's scaling, hence every program, is the same for every block of units.
    static func pseudoData(x: [[Double]], y: [[Double]], delta: [Double], star: [Double], orientation: Orientation) -> DEAData {
        let n = delta.count
        var inputs = x, outputs = y
        switch orientation {
        case .input:
            for i in inputs.indices { inputs[i] += (0..<n).map { x[i][$0] * star[$0] / delta[$0] } }
            for r in outputs.indices { outputs[r] += y[r] }
        case .output:
            for i in inputs.indices { inputs[i] += x[i] }
            for r in outputs.indices { outputs[r] += (0..<n).map { y[r][$0] * delta[$0] / star[$0] } }
        }
        return DEAData(inputs: inputs, outputs: outputs)
    }

    /// Step 3: the observed `units` (of the first `observed` units of `pseudo`) scored against
    /// the pseudo-units that follow them, radial factor only; in the order of `units`.
    /// `reference`: the pseudo-units that span the pseudo-technology, if known (default: all).
    static func score(_ pseudo: DEAData, observed n: Int, units: [Int], order: [Int], peers: [[Int]],
                      orientation: Orientation, rts: ReturnsToScale, reference spanning: [Int]? = nil) -> [DEAUnitScore] {
        let reference = Array(n..<pseudo.unitCount)
        let pool = ReferencePool(data: pseudo, units: spanning ?? reference, rts: rts)
        let evaluator = UnitEvaluator(data: pseudo, orientation: orientation, rts: rts)
        var position = [Int](repeating: -1, count: n)
        for (k, o) in units.enumerated() { position[o] = k }
        var out = [DEAUnitScore](repeating: .failed(.numericalFailure, m: pseudo.inputCount, s: pseudo.outputCount), count: units.count)
        var carry: [Int] = []
        for o in order where position[o] >= 0 {
            out[position[o]] = evaluator.evaluate(point: pseudo.profile(o), pool: pool, seed: carry + peers[o].map { n + $0 }, own: n + o, slacks: false)
            carry = evaluator.carryOver()
        }
        ScoreCertificate.verify(&out, units: units, members: Set(reference), data: pseudo, orientation: orientation,
                                rts: rts, superEfficiency: false)
        return out
    }

    /// Step 4 for one unit with distance δ and its solved replicates' distances δᵇ.
    func summarise(delta: Double, sample: [Double]) -> UnitInterval {
        let e = 1 / delta
        guard sample.count >= 2 else {
            return UnitInterval(status: .numericalFailure, efficiency: e, bias: .nan, biasCorrected: .nan, standardError: .nan,
                                lower: .nan, upper: .nan, replicates: sample.count)
        }
        let mean = sample.reduce(0, +) / Double(sample.count)
        let corrected = 2 * delta - mean
        let differences = sample.map { delta - $0 }.sorted()
        let low = delta + SampleQuantile.type9(sorted: differences, alpha / 2)
        let high = delta + SampleQuantile.type9(sorted: differences, 1 - alpha / 2)
        // δᵇ ≤ δ for verified optima, so δ_bc ≥ δ ≥ 1; anything else is not a valid summary.
        guard corrected.isFinite, corrected > 0, low > 0 else {
            return UnitInterval(status: .numericalFailure, efficiency: e, bias: .nan, biasCorrected: .nan, standardError: .nan,
                                lower: .nan, upper: .nan, replicates: sample.count)
        }
        let eBC = 1 / corrected
        return UnitInterval(status: .ok, efficiency: e, bias: e - eBC, biasCorrected: eBC,
                            standardError: SampleQuantile.variance(sample.map { 1 / $0 }).squareRoot(),
                            lower: 1 / high, upper: 1 / low, replicates: sample.count)
    }
}
