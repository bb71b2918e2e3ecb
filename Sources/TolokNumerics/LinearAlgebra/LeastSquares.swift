import CLapack

/// High-accuracy linear least squares, min‖b − A·x‖₂ for an m × n matrix A of full
/// column rank n ≤ m: Householder QR in double precision, then iterative refinement of
/// the solution *and* the residual together, with the residuals of the refinement
/// accumulated in double-double (``DoubleDouble``).
///
/// ## Method
/// x and r = b − A·x jointly solve the augmented system (Björck 1967)
///
///     ⎡ I   A ⎤ ⎡ r ⎤   ⎡ b ⎤
///     ⎣ Aᵀ  0 ⎦ ⎣ x ⎦ = ⎣ c ⎦ ,        (c = 0 for least squares)
///
/// which, with A = Q·[R; 0], is solved for any right-hand side [f; g] by
///
///     (d₁; d₂) = Qᵀf,  h = R⁻ᵀg,  δx = R⁻¹(d₁ − h),  δr = Q·(h; d₂).
///
/// Starting from r = 0, x = 0, each step computes the residual of the augmented system
/// f = b − r − A·x, g = c − Aᵀ·r in double-double (every product A·x formed exactly by
/// TwoProduct), rounds it to double, solves for the correction with the QR factors above
/// and updates r ← r + δr, x ← x + δx. Because the residuals are computed to about 2⁻¹⁰⁶,
/// the error contracts by a factor ≈ c·κ(A)·ε per step *regardless of the size of the
/// residual* (the κ² term of plain QR disappears), until x and r are accurate to working
/// precision. Refinement stops when the relative correction falls below ε, stagnates, or
/// a step limit is reached. References: Å. Björck, "Iterative refinement of linear least
/// squares solutions I", BIT 7 (1967) 257–278; Björck, *Numerical Methods for Least Squares
/// Problems* (SIAM 1996), §2.9; Higham, *Accuracy and Stability of Numerical Algorithms*
/// (2nd ed.), §20.5.
///
/// Before factoring, each column of A is multiplied by a power of two that brings its
/// Euclidean norm into [1, 2) (exact: no rounding), which lowers κ for badly scaled
/// designs (polynomials in x, Longley); solutions are scaled back exactly.
///
/// The same machinery gives (AᵀA)⁻¹ accurately (``inverseGram()``): its column j is the
/// x-part of the augmented solution with b = 0, c = −eⱼ, i.e. R⁻¹R⁻ᵀeⱼ refined.
///
/// A must have full column rank; rank-deficient problems belong to ``SVDLeastSquares``
/// (``OrdinaryLeastSquares`` chooses automatically).
public struct LeastSquares: Sendable {
    /// The outcome of a refined solve.
    public struct Solution: Sendable, Equatable {
        /// The solution x (n elements).
        public let solution: [Double]
        /// The residual r = b − A·x (m elements), refined as an unknown of the augmented
        /// system, i.e. accurate even where it is much smaller than b.
        public let residuals: [Double]
        /// Refinement steps taken after the initial QR solve (0 = plain QR).
        public let refinementSteps: Int
        /// Whether the last accepted correction was below 64ε relative
        /// (max(‖δx‖∞/‖x‖∞, ‖δr‖∞/max(‖r‖∞, ε‖b‖∞))).
        public let converged: Bool
        /// That relative size of the last accepted correction.
        public let lastCorrection: Double
    }

    /// m, the number of rows of A.
    public let rows: Int
    /// n, the number of columns of A.
    public let columns: Int
    /// The powers of two dⱼ applied to the columns (the factored matrix is A·diag(d)).
    public let columnScale: [Double]
    /// The QR factorisation of the column-scaled matrix A·diag(d).
    public let qr: QRFactorization
    /// `dtrcon`'s estimate of 1/κ₁ of the column-scaled matrix. Refinement converges
    /// when this is well above ε (roughly > 1e-14); below that the problem is rank
    /// deficient for practical purposes.
    public let reciprocalCondition: Double
    /// The maximum number of refinement steps (0 gives plain Householder QR).
    public let maxRefinementSteps: Int

    /// A·diag(d), kept for the extended-precision residuals.
    let scaled: Matrix
    /// The trailing part of a double-double design, scaled like `scaled` (nil if none).
    let scaledTrailing: Matrix?

    /// Factors A for repeated solves.
    ///
    /// The design may be given to more than double precision as the unevaluated sum
    /// A = `a` + `trailing` (elementwise double-double: e.g. powers xᵏ formed in
    /// ``DoubleDouble`` and split into `hi` and `lo`). Only `a` is factored; the residuals of
    /// the refinement use the sum, so the refined solution is that of the more accurate design
    /// (refinement still converges as the two differ by about ε relative). This matters for
    /// ill-conditioned designs whose entries are themselves computed: rounding xᵏ to double
    /// alone limits NIST's Filip problem to about 8 correct digits.
    ///
    /// - Parameters:
    ///   - a: the m × n design (its leading part), m ≥ n ≥ 1, all entries finite.
    ///   - trailing: optional m × n trailing part of the design (see above).
    ///   - maxRefinementSteps: refinement step limit (default 30; 0 = no refinement).
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` if m < n or n = 0,
    ///   ``LinearAlgebraError/nonFinite`` on NaN/∞, ``LinearAlgebraError/invalidArgument(_:)``
    ///   for a negative step limit, ``LinearAlgebraError/singular(pivot:)`` when R has an
    ///   exactly zero diagonal element (e.g. a zero column). Near dependence is not an error
    ///   here: it shows in ``reciprocalCondition`` and in ``Solution/converged``.
    public init(_ a: Matrix, trailing: Matrix? = nil, maxRefinementSteps: Int = 30) throws {
        guard maxRefinementSteps >= 0 else {
            throw LinearAlgebraError.invalidArgument("maxRefinementSteps must be ≥ 0, got \(maxRefinementSteps)")
        }
        guard a.columns >= 1, a.rows >= a.columns else {
            throw LinearAlgebraError.dimensionMismatch("least squares needs rows ≥ columns ≥ 1, got \(a.rows)×\(a.columns)")
        }
        try LAPACKSupport.requireFinite(a)
        let m = a.rows, n = a.columns
        let (s, scale) = try LeastSquares.powerOfTwoColumnScaling(a)
        var lo: Matrix? = nil
        if let t = trailing {
            guard t.rows == m, t.columns == n else {
                throw LinearAlgebraError.dimensionMismatch("least squares: design is \(m)×\(n), trailing part is \(t.rows)×\(t.columns)")
            }
            try LAPACKSupport.requireFinite(t)
            var ts = t
            for j in 0..<n { for i in 0..<m { ts[i, j] *= scale[j] } }
            lo = ts
        }
        let qr = try QRFactorization(s)
        for j in 0..<n where qr.factors[j, j] == 0 {
            throw LinearAlgebraError.singular(pivot: j + 1)
        }
        self.rows = m
        self.columns = n
        self.columnScale = scale
        self.qr = qr
        self.scaled = s
        self.scaledTrailing = lo
        self.reciprocalCondition = qr.reciprocalConditionOfR
        self.maxRefinementSteps = maxRefinementSteps
    }

    /// Solves min‖b − A·x‖₂ with refinement; also returns the refined residual b − A·x.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` or ``LinearAlgebraError/nonFinite``.
    public func solve(_ b: [Double]) throws -> Solution {
        try solveAugmented(b: b, c: [Double](repeating: 0, count: columns))
    }

    /// Solves the general augmented system r + A·x = b, Aᵀ·r = c with refinement.
    /// For c = 0 this is least squares; for b = 0 it gives x = −(AᵀA)⁻¹c.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` or ``LinearAlgebraError/nonFinite``.
    public func solveAugmented(b: [Double], c: [Double]) throws -> Solution {
        guard b.count == rows, c.count == columns else {
            throw LinearAlgebraError.dimensionMismatch(
                "least squares: A is \(rows)×\(columns), b has \(b.count) elements, c has \(c.count)")
        }
        try LAPACKSupport.requireFinite(b)
        try LAPACKSupport.requireFinite(c)
        // Aᵀr = c  ⇔  (A·D)ᵀr = D·c;  x = D·x̂.
        var cs = c
        for j in 0..<columns { cs[j] *= columnScale[j] }
        let s = try refine(b: b, c: cs)
        var x = s.solution
        for j in 0..<columns { x[j] *= columnScale[j] }
        return Solution(solution: x, residuals: s.residuals, refinementSteps: s.refinementSteps,
                        converged: s.converged, lastCorrection: s.lastCorrection)
    }

    /// (AᵀA)⁻¹, column by column from refined augmented solves (b = 0, c = −eⱼ), so its
    /// elements are accurate to about working precision when refinement converges (plain
    /// R⁻¹R⁻ᵀ loses a factor κ(A)). Returned symmetric.
    ///
    /// - Throws: as ``solveAugmented(b:c:)``.
    public func inverseGram() throws -> Matrix {
        try inverseGramWithDiagnostics().inverse
    }

    /// ``inverseGram()`` together with whether every column's refinement converged.
    public func inverseGramWithDiagnostics() throws -> (inverse: Matrix, converged: Bool) {
        let n = columns
        var g = Matrix(rows: n, columns: n)
        var allConverged = true
        let zero = [Double](repeating: 0, count: rows)
        for j in 0..<n {
            var c = [Double](repeating: 0, count: n)
            c[j] = -1
            let s = try refine(b: zero, c: c)
            allConverged = allConverged && s.converged
            for i in 0..<n { g[i, j] = s.solution[i] }
        }
        // G = D·Ĝ·D with Ĝ = ((AD)ᵀ(AD))⁻¹; symmetrise.
        var out = Matrix(rows: n, columns: n)
        for j in 0..<n {
            for i in 0..<n {
                out[i, j] = 0.5 * (g[i, j] + g[j, i]) * columnScale[i] * columnScale[j]
            }
        }
        return (out, allConverged)
    }

    /// Multiplies each column of `a` by the power of two dⱼ = 2^(−⌊log₂‖aⱼ‖₂⌋), which puts
    /// its Euclidean norm in [1, 2) without rounding error (barring underflow of tiny
    /// entries). Zero columns keep dⱼ = 1. Returns A·diag(d) and d.
    static func powerOfTwoColumnScaling(_ a: Matrix) throws -> (scaled: Matrix, scale: [Double]) {
        let m = a.rows, n = a.columns
        let m32 = try LAPACKSupport.int32(m, "rows")
        var scale = [Double](repeating: 1, count: n)
        var s = a
        if m == 0 { return (s, scale) }
        for j in 0..<n {
            let norm = a.storage.withUnsafeBufferPointer { p in
                cblas_dnrm2(m32, p.baseAddress! + j * m, 1)
            }
            if norm > 0, norm.isFinite {
                let d = Double(sign: .plus, exponent: -norm.exponent, significand: 1)
                scale[j] = d
                for i in 0..<m { s[i, j] *= d }
            }
        }
        return (s, scale)
    }

    // MARK: Refinement (all in the column-scaled coordinates)

    /// One solve of the augmented system with the QR factors (Björck's formulas above).
    private func correction(f: [Double], g: [Double]) throws -> (dr: [Double], dx: [Double]) {
        let n = columns
        let d = try qr.multiplyByQTransposed(f)
        let h = try qr.solveR(g, transposed: true)
        var rhs = [Double](repeating: 0, count: n)
        for j in 0..<n { rhs[j] = d[j] - h[j] }
        let dx = try qr.solveR(rhs)
        var v = d
        for j in 0..<n { v[j] = h[j] }
        let dr = try qr.multiplyByQ(v)
        return (dr, dx)
    }

    /// f = b − r − Â·x and g = c − Âᵀ·r, accumulated in double-double, rounded to double
    /// (Â = the scaled design, including its trailing part if any).
    private func augmentedResidual(b: [Double], c: [Double], r: [Double], x: [Double]) -> (f: [Double], g: [Double]) {
        let m = rows, n = columns
        var f = [DoubleDouble](repeating: .zero, count: m)
        for i in 0..<m { f[i] = DoubleDouble(b[i]) - r[i] }
        var g = c.map { DoubleDouble($0) }
        func accumulate(_ part: Matrix) {
            part.storage.withUnsafeBufferPointer { a in
                for j in 0..<n {
                    let xj = x[j]
                    let col = j * m
                    var gj = g[j]
                    for i in 0..<m {
                        let aij = a[col + i]
                        f[i].addProduct(-aij, xj)
                        gj.addProduct(-aij, r[i])
                    }
                    g[j] = gj
                }
            }
        }
        accumulate(scaled)
        if let t = scaledTrailing { accumulate(t) }
        return (f.map(\.doubleValue), g.map(\.doubleValue))
    }

    private func refine(b: [Double], c: [Double]) throws -> Solution {
        let m = rows, n = columns
        let eps = LAPACKSupport.epsilon
        let tiny = Double.leastNormalMagnitude
        var bNorm = 0.0
        for v in b { bNorm = max(bNorm, abs(v)) }
        var x = [Double](repeating: 0, count: n)
        var r = [Double](repeating: 0, count: m)
        var f = b, g = c
        var previous = Double.infinity      // size of the last accepted correction
        var beforePrevious = Double.infinity
        var steps = 0
        var step = 0
        while true {
            let (dr, dx) = try correction(f: f, g: g)
            var xNew = x, rNew = r
            var dxMax = 0.0, xMax = 0.0, drMax = 0.0, rMax = 0.0
            for j in 0..<n {
                xNew[j] += dx[j]
                dxMax = max(dxMax, abs(dx[j]))
                xMax = max(xMax, abs(xNew[j]))
            }
            for i in 0..<m {
                rNew[i] += dr[i]
                drMax = max(drMax, abs(dr[i]))
                rMax = max(rMax, abs(rNew[i]))
            }
            guard dxMax.isFinite, drMax.isFinite else {
                // The initial solve overflowed: there is no iterate to fall back on.
                if step == 0 { throw LinearAlgebraError.nonFinite }
                break
            }
            let eta = max(dxMax / max(xMax, tiny), drMax / max(rMax, eps * bNorm, tiny))
            // A correction larger than the previous one means refinement no longer
            // contracts (noise level reached, or κ(A)·ε ≳ 1): keep the previous iterate.
            if step > 0 && eta > previous { break }
            x = xNew
            r = rNew
            beforePrevious = previous
            previous = eta
            if step > 0 { steps = step }
            if eta <= eps || step >= maxRefinementSteps { break }
            // Stagnation: contraction slower than ½ per step.
            if step >= 2 && eta > 0.5 * beforePrevious { break }
            step += 1
            (f, g) = augmentedResidual(b: b, c: c, r: r, x: x)
        }
        // Consistent systems: when the solution reproduces b exactly (b − A·x = 0 to
        // double-double accuracy) it is the exact least-squares solution and the residual is
        // exactly zero; refinement alone would only shrink r geometrically towards it.
        if c.allSatisfy({ $0 == 0 }) {
            let zero = [Double](repeating: 0, count: m)
            let (fx, _) = augmentedResidual(b: b, c: c, r: zero, x: x)
            if fx.allSatisfy({ $0 == 0 }) { r = zero }
        }
        return Solution(solution: x, residuals: r, refinementSteps: steps,
                        converged: previous <= 64 * eps, lastCorrection: previous)
    }
}
