/// Small dense-vector helpers for building multiplier programs.
public enum VectorArithmetic {
    /// a·b.
    public static func dot(_ a: [Double], _ b: [Double]) -> Double {
        var s = 0.0
        for k in a.indices { s += a[k] * b[k] }
        return s
    }

    /// a − t·b, e.g. a held-score row "numerator − score × denominator".
    public static func subtract(_ a: [Double], _ t: Double, times b: [Double]) -> [Double] {
        a.indices.map { a[$0] - t * b[$0] }
    }

    /// a / t.
    public static func divide(_ a: [Double], by t: Double) -> [Double] { a.map { $0 / t } }
}
