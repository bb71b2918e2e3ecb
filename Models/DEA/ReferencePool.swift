/// The units a DEA technology may draw its reference columns from, with their scaled profiles
/// stored variable by variable (structure of arrays) for fast pricing.
///
/// Pricing: after an envelopment LP over a small working set with row duals y, a unit j outside
/// the set would improve the objective iff its λ column has a favourable reduced cost, i.e. iff
/// g_j = y·(x̃ⱼ, ỹⱼ, 1) is > 0 (minimisation) or < 0 (maximisation); the "1" is the RTS row when
/// there is one. ``mostAttractive(duals:sense:limit:skip:)`` computes g for every pool unit in
/// blocks (each variable's row is contiguous, so the inner loop vectorises) and keeps the best.
public struct ReferencePool: Sendable {
    public let units: [Int]
    /// Variable t of pool unit c at `rows[t * count + c]`.
    private let rows: [Double]
    private let dimension: Int
    private let hasRTSRow: Bool

    public init(data: DEAData, units: [Int], rts: ReturnsToScale) {
        self.units = units
        dimension = data.dimension
        hasRTSRow = rts != .crs
        let n = units.count
        var p = [Double](repeating: 0, count: n * data.dimension)
        data.profiles.withUnsafeBufferPointer { src in
            for (c, j) in units.enumerated() {
                for t in 0..<data.dimension { p[t * n + c] = src[j * data.dimension + t] }
            }
        }
        rows = p
    }

    public var count: Int { units.count }

    /// Up to `limit` pool units with gain > `threshold`, best first, skipping units for which
    /// `skip` is true. Also returns the largest gain seen (≤ threshold: the LP is optimal over
    /// the pool).
    public func mostAttractive(duals y: [Double], sense: OptimizationSense, limit: Int, threshold: Double = 1e-9,
                        skip: (Int) -> Bool) -> [Int] {
        let n = units.count, d = dimension
        guard n > 0 else { return [] }
        let sign: Double = sense == .minimize ? 1 : -1
        let offset = sign * (hasRTSRow ? y[d] : 0)
        // The best `limit` so far, sorted by decreasing gain (insertion into a short list).
        var bestUnit = [Int](repeating: 0, count: limit)
        var bestGain = [Double](repeating: 0, count: limit)
        var kept = 0
        var worstKept = threshold
        let blockSize = 512
        withUnsafeTemporaryAllocation(of: Double.self, capacity: blockSize) { g in
            rows.withUnsafeBufferPointer { p in
                units.withUnsafeBufferPointer { units in
                    var start = 0
                    while start < n {
                        let len = min(blockSize, n - start)
                        // g = offset + Σₜ wₜ rowₜ, four rows per pass over g.
                        var t = 0
                        var first = true
                        while t < d {
                            let k = min(4, d - t)
                            let base = p.baseAddress! + start
                            let r0 = base + t * n
                            let w0 = sign * y[t]
                            let start0: Double = first ? offset : 0
                            if k == 4 {
                                let r1 = r0 + n, r2 = r1 + n, r3 = r2 + n
                                let w1 = sign * y[t + 1], w2 = sign * y[t + 2], w3 = sign * y[t + 3]
                                if first {
                                    for c in 0..<len { let a: Double = start0 + w0 * r0[c] + w1 * r1[c]; g[c] = a + (w2 * r2[c] + w3 * r3[c]) }
                                } else {
                                    for c in 0..<len { let a: Double = w0 * r0[c] + w1 * r1[c]; g[c] += a + (w2 * r2[c] + w3 * r3[c]) }
                                }
                            } else if k == 3 {
                                let r1 = r0 + n, r2 = r1 + n
                                let w1 = sign * y[t + 1], w2 = sign * y[t + 2]
                                if first {
                                    for c in 0..<len { let a: Double = start0 + w0 * r0[c]; g[c] = a + (w1 * r1[c] + w2 * r2[c]) }
                                } else {
                                    for c in 0..<len { let a: Double = w0 * r0[c]; g[c] += a + (w1 * r1[c] + w2 * r2[c]) }
                                }
                            } else if k == 2 {
                                let r1 = r0 + n
                                let w1 = sign * y[t + 1]
                                if first {
                                    for c in 0..<len { g[c] = start0 + (w0 * r0[c] + w1 * r1[c]) }
                                } else {
                                    for c in 0..<len { g[c] += w0 * r0[c] + w1 * r1[c] }
                                }
                            } else {
                                if first {
                                    for c in 0..<len { g[c] = start0 + w0 * r0[c] }
                                } else {
                                    for c in 0..<len { g[c] += w0 * r0[c] }
                                }
                            }
                            first = false
                            t += k
                        }
                        if first { for c in 0..<len { g[c] = offset } }
                        for c in 0..<len where g[c] > worstKept {
                            let j = units[start + c]
                            if skip(j) { continue }
                            let gain = g[c]
                            var i = min(kept, limit - 1)
                            while i > 0 && bestGain[i - 1] < gain {
                                if i < limit { bestGain[i] = bestGain[i - 1]; bestUnit[i] = bestUnit[i - 1] }
                                i -= 1
                            }
                            bestGain[i] = gain
                            bestUnit[i] = j
                            if kept < limit { kept += 1 }
                            if kept == limit { worstKept = bestGain[limit - 1] }
                        }
                        start += len
                    }
                }
            }
        }
        return Array(bestUnit.prefix(kept))
    }
}

import TolokNumerics
