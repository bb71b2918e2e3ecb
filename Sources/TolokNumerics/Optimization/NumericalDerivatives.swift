/// Finite-difference derivatives for checking analytic gradients and for Hessians of
/// objectives that only have an analytic gradient.
///
/// Step sizes follow the usual error balance (Nocedal & Wright 2006, §8.1; Dennis &
/// Schnabel 1983, §5.6): central differences of an analytic gradient have truncation error
/// O(h²) and rounding error O(ε/h), minimised at h ≈ ε^{1/3} ≈ 6e-6 relative to the scale of
/// each coordinate. Each step is rounded so that x + h is exactly representable.
public enum NumericalDerivatives {
    /// ε^{1/3} for IEEE double.
    public static let defaultRelativeStep = 6.055_454_452_393_339_6e-6

    /// The step for coordinate value `x`: `relativeStep · max(|x|, 1)`, adjusted so that
    /// (x + h) − x == h exactly.
    @inlinable
    public static func step(for x: Double, relativeStep: Double) -> Double {
        let h = relativeStep * max(abs(x), 1)
        let t = x + h
        return t - x
    }

    /// The Hessian by central differences of an analytic gradient,
    /// H[:, j] = (∇f(x + h_j e_j) − ∇f(x − h_j e_j)) / (2 h_j), then symmetrised as
    /// (H + Hᵀ)/2. Costs 2n gradient evaluations. Entries are NaN where a perturbed
    /// gradient was not finite.
    public static func hessian(at x: [Double],
                               relativeStep: Double = defaultRelativeStep,
                               gradient: ObjectiveWithGradient) -> Matrix {
        let n = x.count
        var h = Matrix(rows: n, columns: n)
        var xp = x
        var gPlus = [Double](repeating: 0, count: n)
        var gMinus = gPlus
        for j in 0..<n {
            let hj = step(for: x[j], relativeStep: relativeStep)
            xp[j] = x[j] + hj
            let fp = gradient(xp, &gPlus)
            xp[j] = x[j] - hj
            let fm = gradient(xp, &gMinus)
            xp[j] = x[j]
            for i in 0..<n {
                let v = (gPlus[i] - gMinus[i]) / (2 * hj)
                h[i, j] = (fp.isFinite && fm.isFinite) ? v : .nan
            }
        }
        for j in 0..<n {
            for i in 0..<j {
                let m = 0.5 * (h[i, j] + h[j, i])
                h[i, j] = m
                h[j, i] = m
            }
        }
        return h
    }

    /// The gradient of `f` by central differences (for testing analytic gradients).
    public static func gradient(at x: [Double],
                                relativeStep: Double = defaultRelativeStep,
                                function f: ([Double]) -> Double) -> [Double] {
        var xp = x
        var g = [Double](repeating: 0, count: x.count)
        for j in 0..<x.count {
            let hj = step(for: x[j], relativeStep: relativeStep)
            xp[j] = x[j] + hj
            let fp = f(xp)
            xp[j] = x[j] - hj
            let fm = f(xp)
            xp[j] = x[j]
            g[j] = (fp - fm) / (2 * hj)
        }
        return g
    }
}
