/// Scale factors that turn a ``LinearProgram`` into a well-scaled internal program.
///
/// With row factors R = diag(rᵢ), column factors C = diag(cⱼ), a right-hand-side factor β and
/// an objective factor γ (all powers of two, so scaling itself is exact in floating point):
///
///     Â = R A C,   x = β C x̂,   r̂ = R r / β   (row activities r = A x),
///     ĉ = γ β C c, l̂ⱼ = lⱼ / (β cⱼ), row bounds b̂ᵢ = rᵢ bᵢ / β.
///
/// Back-transformation: xⱼ = β cⱼ x̂ⱼ, yᵢ = rᵢ ŷᵢ / (γ β), dⱼ = d̂ⱼ / (γ β cⱼ).
///
/// Method: geometric-mean passes (each row, then each column, divided by √(min·max) of its
/// nonzero magnitudes; Fourer 1982, "Solving staircase linear programs by the simplex method",
/// and Tomlin 1975, "On scaling linear programming problems") repeated while the ratio
/// max|âᵢⱼ| / min|âᵢⱼ| shrinks by at least 10 %, then one column equilibration pass
/// (largest magnitude per column = 1), then rounding to powers of two. β makes the largest
/// scaled right-hand side about one and γ the largest scaled cost about one.
struct LPScaling: Sendable {
    var row: [Double]
    var column: [Double]
    var rhs: Double
    var cost: Double

    static func identity(rows m: Int, columns n: Int) -> LPScaling {
        LPScaling(row: Array(repeating: 1, count: m), column: Array(repeating: 1, count: n), rhs: 1, cost: 1)
    }

    /// The nearest power of two to a positive finite value (1 otherwise), clamped to 2^±60.
    static func powerOfTwo(_ v: Double) -> Double {
        guard v.isFinite, v > 0 else { return 1 }
        var e = Int(v.exponent)
        if v.significand > 2.0.squareRoot() { e += 1 }
        e = min(60, max(-60, e))
        return Double(sign: .plus, exponent: e, significand: 1)
    }

    init(row: [Double], column: [Double], rhs: Double, cost: Double) {
        self.row = row
        self.column = column
        self.rhs = rhs
        self.cost = cost
    }

    /// Computes factors for `lp` (which must have passed validation).
    init(lp: LinearProgram, mode: LPScalingMode) {
        let m = lp.constraintCount, n = lp.variableCount
        self = .identity(rows: m, columns: n)
        guard mode == .geometricEquilibration, m > 0, n > 0 else { return }
        let a = lp.constraintMatrix.storage
        var r = [Double](repeating: 1, count: m)
        var c = [Double](repeating: 1, count: n)

        func spread() -> Double {
            var lo = Double.infinity, hi = 0.0
            for j in 0..<n {
                for i in 0..<m {
                    let v = abs(a[i + j * m]) * r[i] * c[j]
                    if v > 0 { lo = min(lo, v); hi = max(hi, v) }
                }
            }
            return hi > 0 ? hi / lo : 1
        }

        var previous = spread()
        var rowMin = [Double](repeating: 0, count: m), rowMax = [Double](repeating: 0, count: m)
        for _ in 0..<20 {
            if previous <= 4 { break }
            // Row pass.
            for i in 0..<m { rowMin[i] = .infinity; rowMax[i] = 0 }
            for j in 0..<n {
                for i in 0..<m {
                    let v = abs(a[i + j * m]) * c[j]
                    if v > 0 { rowMin[i] = min(rowMin[i], v); rowMax[i] = max(rowMax[i], v) }
                }
            }
            for i in 0..<m where rowMax[i] > 0 { r[i] = 1 / (rowMin[i] * rowMax[i]).squareRoot() }
            // Column pass.
            for j in 0..<n {
                var lo = Double.infinity, hi = 0.0
                for i in 0..<m {
                    let v = abs(a[i + j * m]) * r[i]
                    if v > 0 { lo = min(lo, v); hi = max(hi, v) }
                }
                if hi > 0 { c[j] = 1 / (lo * hi).squareRoot() }
            }
            let now = spread()
            if now > 0.9 * previous { previous = now; break }
            previous = now
        }
        // Column equilibration and rounding to powers of two.
        for i in 0..<m { r[i] = LPScaling.powerOfTwo(r[i]) }
        for j in 0..<n {
            var hi = 0.0
            for i in 0..<m { hi = max(hi, abs(a[i + j * m]) * r[i]) }
            c[j] = hi > 0 ? LPScaling.powerOfTwo(1 / hi) : 1
        }
        // Right-hand side: largest finite scaled |bᵢ| (else largest finite scaled bound) ≈ 1.
        var bmax = 0.0
        for i in 0..<m { bmax = max(bmax, abs(lp.rhs[i]) * r[i]) }
        if bmax == 0 {
            for j in 0..<n {
                for v in [lp.lowerBounds[j], lp.upperBounds[j]] where v.isFinite {
                    bmax = max(bmax, abs(v) / c[j])
                }
            }
        }
        let beta = LPScaling.powerOfTwo(bmax)
        // Objective: largest scaled |cⱼ| ≈ 1.
        var cmax = 0.0
        for j in 0..<n { cmax = max(cmax, abs(lp.objective[j]) * c[j] * beta) }
        let gamma = cmax > 0 ? 1 / LPScaling.powerOfTwo(cmax) : 1
        self = LPScaling(row: r, column: c, rhs: beta, cost: gamma)
    }
}
