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
/// and Tomlin 1975, "On scaling linear programming problems") repeated while the spread
/// max|âᵢⱼ| / min|âᵢⱼ| shrinks, then one column equilibration pass (largest magnitude per
/// column in [1, 2)). The passes run on binary exponents ⌊log₂|aᵢⱼ|⌋, so they are integer
/// arithmetic and all factors are powers of two. β makes the largest scaled right-hand side
/// about one and γ the largest scaled cost about one.
struct LPScaling: Sendable {
    var row: [Double]
    var column: [Double]
    var rhs: Double
    var cost: Double

    static func identity(rows m: Int, columns n: Int) -> LPScaling {
        LPScaling(row: Array(repeating: 1, count: m), column: Array(repeating: 1, count: n), rhs: 1, cost: 1)
    }

    /// The nearest power of two to a positive finite value (1 otherwise), clamped to 2^±1000.
    static func powerOfTwo(_ v: Double) -> Double {
        guard v.isFinite, v > 0 else { return 1 }
        var e = Int(v.exponent)
        if v.significand > 2.0.squareRoot() { e += 1 }
        e = min(1000, max(-1000, e))
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
        // Work on binary exponents eᵢⱼ = ⌊log₂|aᵢⱼ|⌋ (exact, cheap), so every pass is integer
        // arithmetic and the factors are powers of two by construction. Rounding each magnitude
        // down to its binade changes the geometric means by less than a factor of two.
        let zero = Int32.min
        var e = [Int32](repeating: zero, count: m * n)
        var rowExp = [Int](repeating: 0, count: m)
        var colExp = [Int](repeating: 0, count: n)
        var rowLo = [Int](repeating: 0, count: m)
        var rowHi = [Int](repeating: 0, count: m)
        lp.constraintMatrix.storage.withUnsafeBufferPointer { a in
            e.withUnsafeMutableBufferPointer { e in
                var lo = Int.max, hi = Int.min
                for k in 0..<(m * n) where a[k] != 0 {
                    // Biased exponent field (subnormals count as 2⁻¹⁰²³; they are scaled anyway).
                    let x = Int((a[k].bitPattern >> 52) & 0x7ff) - 1023
                    e[k] = Int32(x)
                    lo = min(lo, x); hi = max(hi, x)
                }
                guard hi >= lo else { return }   // all-zero matrix
                var previous = hi - lo
                var pass = 0
                while previous > 2 && pass < 20 {
                    pass += 1
                    // Row pass: ρᵢ = −(min + max)/2 of eᵢⱼ + γⱼ.
                    for i in 0..<m { rowLo[i] = Int.max; rowHi[i] = Int.min }
                    for j in 0..<n {
                        let g = colExp[j], col = j * m
                        for i in 0..<m where e[col + i] != zero {
                            let v = Int(e[col + i]) + g
                            if v < rowLo[i] { rowLo[i] = v }
                            if v > rowHi[i] { rowHi[i] = v }
                        }
                    }
                    for i in 0..<m where rowHi[i] >= rowLo[i] { rowExp[i] = -((rowLo[i] + rowHi[i]) >> 1) }
                    // Column pass; the spread afterwards is the largest column range.
                    var spread = 0
                    for j in 0..<n {
                        var lo = Int.max, hi = Int.min
                        let col = j * m
                        for i in 0..<m where e[col + i] != zero {
                            let v = Int(e[col + i]) + rowExp[i]
                            if v < lo { lo = v }
                            if v > hi { hi = v }
                        }
                        if hi >= lo {
                            colExp[j] = -((lo + hi) >> 1)
                            spread = max(spread, hi - lo)
                        }
                    }
                    if spread >= previous { break }
                    previous = spread
                }
                // Column equilibration: the largest |âᵢⱼ| of each column in [1, 2).
                for j in 0..<n {
                    var hi = Int.min
                    let col = j * m
                    for i in 0..<m where e[col + i] != zero { hi = max(hi, Int(e[col + i]) + rowExp[i]) }
                    colExp[j] = hi == Int.min ? 0 : -hi
                }
            }
        }
        func pow2(_ k: Int) -> Double { Double(sign: .plus, exponent: min(500, max(-500, k)), significand: 1) }
        let r = rowExp.map(pow2)
        let c = colExp.map(pow2)
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
