import Foundation
import TolokNumerics

/// A radial DEA model: envelopment form with phase-II slacks, multiplier weights from the duals,
/// optional super-efficiency (Andersen & Petersen 1993: the evaluated unit is removed from its own
/// reference set, so θ may exceed 1 and VRS programs may be infeasible).
///
/// Scoring strategy: with few units every unit is solved against all units (`direct`); with many,
/// the generating frontier is found first (``FrontierFinder``) and each unit is solved against it
/// alone (`frontierFirst`) — exact either way, and both are tested against each other. Units are
/// solved in parallel in contiguous chunks of a Z-order of their mixes (``mixOrder(_:data:)``);
/// each worker keeps one small simplex (``EnvelopmentSimplex``) whose basis and working set carry
/// over from one unit to the next, so a unit usually needs two or three pricing rounds. OpenBLAS
/// is pinned to one thread meanwhile (only the rare fallback solves use LAPACK).
public struct DEAModel: Sendable {
    public enum Strategy: Sendable, Equatable {
        case direct
        case frontierFirst
        /// `frontierFirst` above this many reference units, else `direct`.
        case automatic(threshold: Int)
    }

    public var orientation: Orientation
    public var rts: ReturnsToScale
    public var superEfficiency: Bool
    public var strategy: Strategy
    public var threads: Int
    /// Run phase II (slacks, targets, peers). Without it only the radial score and the
    /// multiplier weights are computed (what R Benchmarking's `dea()` does by default).
    public var slacks: Bool

    public init(orientation: Orientation = .input, rts: ReturnsToScale = .crs, superEfficiency: Bool = false,
                strategy: Strategy = .automatic(threshold: 400), threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                slacks: Bool = true) {
        self.orientation = orientation
        self.rts = rts
        self.superEfficiency = superEfficiency
        self.strategy = strategy
        self.threads = max(1, threads)
        self.slacks = slacks
    }

    /// Scores the `units` (default: all) against the technology spanned by `reference` (default:
    /// all). An evaluated unit need not belong to the reference set (Malmquist cross-period scores).
    public func score(_ data: DEAData, units: [Int]? = nil, reference: [Int]? = nil,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) -> [DEAUnitScore] {
        let reference = reference ?? Array(0..<data.unitCount)
        let evaluated = units ?? reference
        guard !evaluated.isEmpty else { return [] }
        let useFrontier: Bool
        switch strategy {
        case .direct: useFrontier = false
        case .frontierFirst: useFrontier = true
        case .automatic(let threshold): useFrontier = reference.count > threshold
        }
        let previousThreads = BLASThreads.count
        BLASThreads.set(1)
        defer { BLASThreads.set(previousThreads) }
        let t0 = Date()
        let frontier = useFrontier ? FrontierFinder(data: data, rts: rts, threads: threads).frontier(of: reference) : reference
        DEATrace.log("frontier: \(frontier.count) units in \(Date().timeIntervalSince(t0)) s")
        let frontierSet = Set(frontier)
        let referenceSet = Set(reference)
        let model = self

        // Score units in an order where neighbours have similar mixes (so similar peers), which
        // makes each unit's warm start — the previous unit's basis — nearly optimal; the scores
        // are put back in the caller's order.
        let order = Self.mixOrder(evaluated, data: data)
        let scored = parallelMap(order.map { evaluated[$0] }, progress: progress) { chunk in
            let data = data.privateCopy()
            let pool = ReferencePool(data: data, units: frontier, rts: model.rts)
            let evaluator = UnitEvaluator(data: data, orientation: model.orientation, rts: model.rts)
            var out: [DEAUnitScore] = []
            out.reserveCapacity(chunk.count)
            var seed: [Int] = []
            for o in chunk {
                let isMember = referenceSet.contains(o)
                let score: DEAUnitScore
                if model.superEfficiency && isMember && frontierSet.contains(o) {
                    // o shapes the frontier: leave it out and price every other reference unit
                    // (the frontier without o need not generate the technology without o).
                    let others = useFrontier ? ReferencePool(data: data, units: reference.filter { $0 != o }, rts: model.rts) : pool
                    score = evaluator.evaluate(point: data.profile(o), pool: others, seed: seed, own: nil, excluded: o, slacks: model.slacks)
                } else {
                    // Not on the frontier: leaving it out changes nothing, so super = standard.
                    score = evaluator.evaluate(point: data.profile(o), pool: pool, seed: seed, own: isMember ? o : nil, slacks: model.slacks)
                }
                // Seed the next unit with this unit's working set (the most recent columns): with
                // units in mix order its peers are mostly among them, so few pricing rounds remain.
                seed = evaluator.carryOver()
                out.append(score)
            }
            DEATrace.log("chunk: \(chunk.count) units, \(evaluator.rounds) LP solves, \(evaluator.fallbacks) by the general solver")
            return out
        }
        var result = scored
        for (k, position) in order.enumerated() { result[position] = scored[k] }
        ScoreCertificate.verify(&result, units: evaluated, members: referenceSet, data: data, orientation: orientation, rts: rts,
                                superEfficiency: superEfficiency)
        return result
    }

    /// Positions of `units` sorted along a Z-order (Morton 1966) curve through the space of
    /// input mixes xᵢ/Σx, output mixes yᵣ/Σy and the rank of Σy/Σx, each coordinate quantised to
    /// 3 bits: units close on the curve have close mixes, so they tend to share peers.
    public static func mixOrder(_ units: [Int], data: DEAData) -> [Int] {
        let m = data.inputCount, s = data.outputCount, d = data.dimension
        guard units.count > 2 else { return Array(units.indices) }
        let bits = 3, levels = Double(1 << bits)
        var coordinates = [[Double]](repeating: [], count: units.count)
        var ratio = [Double](repeating: 0, count: units.count)
        data.profiles.withUnsafeBufferPointer { p in
            for (k, j) in units.enumerated() {
                var xs = 0.0, ys = 0.0
                for i in 0..<m { xs += p[j * d + i] }
                for r in 0..<s { ys += p[j * d + m + r] }
                var c: [Double] = []
                c.reserveCapacity(d + 1)
                for i in 0..<m { c.append(xs > 0 ? p[j * d + i] / xs : 0) }
                for r in 0..<s { c.append(ys > 0 ? p[j * d + m + r] / ys : 0) }
                coordinates[k] = c
                ratio[k] = xs > 0 ? ys / xs : 0
            }
        }
        // The ratio by rank (uniform in [0, 1)), the mixes as they are (in [0, 1]).
        let byRatio = units.indices.sorted { ratio[$0] < ratio[$1] }
        for (rank, k) in byRatio.enumerated() { coordinates[k].append(Double(rank) / Double(units.count)) }
        let dims = d + 1
        var keys = [UInt64](repeating: 0, count: units.count)
        for k in units.indices {
            var key: UInt64 = 0
            let q = coordinates[k].map { UInt64(min(levels - 1, max(0, ($0 * levels).rounded(.down)))) }
            for b in stride(from: bits - 1, through: 0, by: -1) {
                for t in 0..<dims where (dims * bits) <= 64 {
                    key = (key << 1) | ((q[t] >> UInt64(b)) & 1)
                }
            }
            keys[k] = key
        }
        return units.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }
    }

    /// Applies `body` to contiguous chunks of `items` on up to `threads` workers, in order.
    private func parallelMap(_ items: [Int], progress: (@Sendable (Int, Int) -> Void)?,
                             _ body: @Sendable ([Int]) -> [DEAUnitScore]) -> [DEAUnitScore] {
        let workers = min(threads, max(1, items.count / 64))
        if workers == 1 && progress == nil { return body(items) }
        // Chunks small enough for progress reports, large enough to keep warm starts useful.
        let chunkSize = max(64, min(4096, items.count / (workers * 8) + 1))
        let chunks = Parallel.ranges(items.count, size: chunkSize).map { Array(items[$0]) }
        let done = Parallel.Counter()
        let total = items.count
        var completed: (@Sendable (Int) -> Void)?
        if let progress {
            completed = { (k: Int) in progress(done.add(chunks[k].count), total) }
        }
        let results: [[DEAUnitScore]] = Parallel.map(chunks, workers: workers, completed: completed) { (_: Int, chunk: [Int]) in body(chunk) }
        return results.flatMap { $0 }
    }
}
