/// Sample quantiles and moments of a finite sample.
public enum SampleQuantile {
    /// The type-9 sample quantile of Hyndman & Fan (1996), approximately median-unbiased under
    /// normality and the definition R's `quantile(x, p, type = 9)` uses (so bootstrap intervals
    /// agree with R Benchmarking's `dea.boot`).
    ///
    /// With the sample sorted, x₍₁₎ ≤ … ≤ x₍ₙ₎, and h = n·p + p/4 + 3/8 (the plotting position
    /// p_k = (k − 3/8)/(n + 1/4) inverted), Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎),
    /// clamped to x₍₁₎ below and x₍ₙ₎ above. `sorted` must be sorted ascending and non-empty;
    /// p ∈ [0, 1].
    public static func type9(sorted x: [Double], _ p: Double) -> Double {
        precondition(!x.isEmpty, "quantile of an empty sample")
        let n = x.count
        let h = Double(n) * p + p / 4 + 3.0 / 8
        let j = Int(h.rounded(.down))
        if j < 1 { return x[0] }
        if j >= n { return x[n - 1] }
        let g = h - Double(j)
        // 1-based x₍ⱼ₎ is x[j − 1].
        return x[j - 1] + g * (x[j] - x[j - 1])
    }

    /// The sample variance with divisor n − 1 (NaN for fewer than two values).
    public static func variance(_ x: [Double]) -> Double {
        guard x.count > 1 else { return .nan }
        let mean = x.reduce(0, +) / Double(x.count)
        return x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)
    }

    /// The interquartile range Q(0.75) − Q(0.25) by R's default (type-7) quantiles, as R's `IQR`:
    /// Q(p) = x₍⌊h⌋₎ + (h − ⌊h⌋)(x₍⌊h⌋+1₎ − x₍⌊h⌋₎) with h = (n − 1)p + 1.
    public static func interquartileRange(sorted x: [Double]) -> Double {
        type7(sorted: x, 0.75) - type7(sorted: x, 0.25)
    }

    /// The type-7 sample quantile (R's default).
    public static func type7(sorted x: [Double], _ p: Double) -> Double {
        precondition(!x.isEmpty, "quantile of an empty sample")
        let h = Double(x.count - 1) * p
        let j = Int(h.rounded(.down))
        if j >= x.count - 1 { return x[x.count - 1] }
        return x[j] + (h - Double(j)) * (x[j + 1] - x[j])
    }
}
