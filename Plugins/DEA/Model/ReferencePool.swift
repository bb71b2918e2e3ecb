/// The units a DEA technology may draw its reference columns from, with their scaled profiles
/// gathered contiguously for fast pricing.
///
/// Pricing: after an envelopment LP over a small working set with row duals y, a unit j outside
/// the set would improve the objective iff its λ column has a favourable reduced cost, i.e. iff
/// g_j = y·(x̃ⱼ, ỹⱼ, 1) is > 0 (minimisation) or < 0 (maximisation); the "1" is the RTS row when
/// there is one. ``gains(duals:sense:into:)`` computes the improvement for every pool unit in one
/// pass of n·(m+s) multiply-adds.
struct ReferencePool {
    let units: [Int]
    /// (m + s) × count, column-major.
    private let profiles: [Double]
    private let dimension: Int
    private let hasRTSRow: Bool

    init(data: DEAData, units: [Int], rts: ReturnsToScale) {
        self.units = units
        dimension = data.dimension
        hasRTSRow = rts != .crs
        var p = [Double](repeating: 0, count: units.count * data.dimension)
        for (c, j) in units.enumerated() {
            let src = data.profile(j)
            for t in 0..<data.dimension { p[c * data.dimension + t] = src[src.startIndex + t] }
        }
        profiles = p
    }

    var count: Int { units.count }

    /// gains[c] = improvement direction of pool unit c (positive = would enter).
    func gains(duals y: [Double], sense: OptimizationSense, into gains: inout [Double]) {
        let d = dimension
        let offset = hasRTSRow ? y[d] : 0
        let sign: Double = sense == .minimize ? 1 : -1
        if gains.count != units.count { gains = [Double](repeating: 0, count: units.count) }
        profiles.withUnsafeBufferPointer { p in
            y.withUnsafeBufferPointer { yy in
                gains.withUnsafeMutableBufferPointer { g in
                    for c in 0..<units.count {
                        var dot = offset
                        let base = c * d
                        for t in 0..<d { dot += yy[t] * p[base + t] }
                        g[c] = sign * dot
                    }
                }
            }
        }
    }
}

import TolokNumerics
