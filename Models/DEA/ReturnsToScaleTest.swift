import Foundation
import TolokDomain
import TolokNumerics

/// The bootstrap test of constant against variable returns to scale of Simar & Wilson (2002),
/// with their statistic (4.6): W = Σⱼ e_CRS,j / Σⱼ e_VRS,j, the efficiencies (θ under input, 1/φ
/// under output orientation) of the n units. W ≤ 1, and W is 1 when the technology shows
/// constant returns; small values speak against H₀: CRS.
///
/// The distribution of W under H₀ comes from the smoothed bootstrap of ``DEABootstrap`` applied to
/// the CRS estimates: the bandwidth of the CRS distances δ_CRS = 1/e_CRS (step 1 there), the draws
/// δ* (step 2), the pseudo-units moved from their CRS projections (step 3: input orientation
/// xⱼ* = (δ*ⱼ/δ_CRS,j) xⱼ; output yⱼ* = (δ_CRS,j/δ*ⱼ) yⱼ), so that the pseudo-technology has constant
/// returns; then each observed unit is scored against the pseudo-units under CRS and under VRS,
/// giving W*_b. The p-value is #{b : W*_b ≤ W}/B (Simar & Wilson 2002, §4) and H₀ is rejected at
/// level α when p < α; the critical value is the type-9 α-quantile of the W*_b.
///
/// R's rDEA `rts.test` computes the same statistic with a cross-validated bandwidth by default and
/// reports (#{W* < W} + 1)/B; its p-value is therefore close to, not equal to, this one.
public struct ReturnsToScaleTest: Sendable {
    public struct Result: Sendable {
        public let statistic: Double
        public let pValue: Double
        /// The α-quantile of the bootstrap statistics (reject H₀ when W is below it).
        public let criticalValue: Double
        public let rejectsConstantReturns: Bool
        public let bandwidth: DEABootstrap.Bandwidth
        /// Replicates with every unit solved under both technologies (the others are left out).
        public let replicates: Int
    }

    public var orientation: Orientation
    public var replicates: Int
    public var seed: UInt64
    public var alpha: Double
    public var threads: Int

    public init(orientation: Orientation, replicates: Int, seed: UInt64, alpha: Double = 0.05,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        precondition(replicates >= 2 && alpha > 0 && alpha < 1)
        self.orientation = orientation
        self.replicates = replicates
        self.seed = seed
        self.alpha = alpha
        self.threads = max(1, threads)
    }

    /// W of the efficiencies e (the statistic (4.6)).
    public static func statistic(crs: [Double], vrs: [Double]) -> Double {
        crs.reduce(0, +) / vrs.reduce(0, +)
    }

    /// Runs the test for `data` with its CRS and VRS radial scores (all `ok`).
    public func run(_ data: DEAData, crs: [DEAUnitScore], vrs: [DEAUnitScore],
                    progress: (@Sendable (Int, Int) -> Void)? = nil) throws -> Result {
        let shape = DEABootstrap(orientation: orientation, rts: .crs, replicates: replicates, seed: seed, alpha: alpha, threads: threads)
        let delta = try shape.distances(crs)
        let deltaVRS = try shape.distances(vrs)
        let bandwidth = try DEABootstrap.bandwidth(delta)
        let observed = Self.statistic(crs: delta.map { 1 / $0 }, vrs: deltaVRS.map { 1 / $0 })
        let n = data.unitCount
        let mirroredVariance = SampleQuantile.variance(delta + delta.map { 2 - $0 })
        let x = (0..<data.inputCount).map { i in (0..<n).map { data.input(i, of: $0) } }
        let y = (0..<data.outputCount).map { r in (0..<n).map { data.output(r, of: $0) } }
        let order = DEAModel.mixOrder(Array(0..<n), data: data)
        let peersCRS = crs.map { $0.peers.map(\.unit) }, peersVRS = vrs.map { $0.peers.map(\.unit) }
        let orientation = self.orientation, seed = self.seed, h = bandwidth.h
        let previousThreads = BLASThreads.count
        BLASThreads.set(1)
        defer { BLASThreads.set(previousThreads) }
        let done = Parallel.Counter()
        let B = replicates
        let chunks = Parallel.ranges(B, size: max(1, min(16, B / (threads * 4) + 1)))
        let values: [[Double]] = Parallel.map(chunks, workers: threads) { (_: Int, range: Range<Int>) in
            var out: [Double] = []
            for b in range {
                let star = DEABootstrap.draws(delta, bandwidth: h, mirroredVariance: mirroredVariance, replicate: b, seed: seed)
                let pseudo = DEABootstrap.pseudoData(x: x, y: y, delta: delta, star: star, orientation: orientation)
                let units = Array(0..<n)
                let underCRS = DEABootstrap.score(pseudo, observed: n, units: units, order: order, peers: peersCRS, orientation: orientation, rts: .crs)
                let underVRS = DEABootstrap.score(pseudo, observed: n, units: units, order: order, peers: peersVRS, orientation: orientation, rts: .vrs)
                func efficiencies(_ scores: [DEAUnitScore]) -> [Double]? {
                    guard scores.allSatisfy({ $0.status == .ok && $0.radial.isFinite && $0.radial > 0 }) else { return nil }
                    return scores.map { $0.efficiency(orientation) }
                }
                if let c = efficiencies(underCRS), let v = efficiencies(underVRS) {
                    out.append(Self.statistic(crs: c, vrs: v))
                } else {
                    out.append(.nan)
                }
            }
            if let progress { progress(done.add(range.count), B) }
            return out
        }
        let sample = values.flatMap { $0 }.filter { $0.isFinite }.sorted()
        guard sample.count >= 2 else { throw DEABootstrap.Failure.tooFewSolvedReplicates(sample.count) }
        let p = Double(sample.filter { $0 <= observed }.count) / Double(sample.count)
        return Result(statistic: observed, pValue: p, criticalValue: SampleQuantile.type9(sorted: sample, alpha),
                      rejectsConstantReturns: p < alpha, bandwidth: bandwidth, replicates: sample.count)
    }
}
