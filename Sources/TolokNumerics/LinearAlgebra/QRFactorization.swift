import CLapack

/// Householder QR factorisation of a tall matrix (LAPACK `dgeqrf`),
///
///     A = Q·[R; 0],   A m × n with m ≥ n,
///
/// Q = H₁H₂⋯Hₙ an m × m orthogonal product of Householder reflectors Hᵢ = I − τᵢvᵢvᵢᵀ and
/// R n × n upper triangular. Q is never formed: products with Q and Qᵀ use `dormqr`,
/// triangular solves with R and Rᵀ use `dtrtrs`.
///
/// ``leastSquares(_:)`` solves min‖b − A·x‖₂ as R·x = (Qᵀb)₁:ₙ — the textbook method
/// (Golub 1965; Golub & Van Loan, *Matrix Computations* (4th ed.), §5.3.3). It is backward
/// stable but its forward error grows like ε·(κ(A) + κ(A)²·‖r‖/(‖A‖‖x‖)); for the
/// high-accuracy solver with iterative refinement see ``LeastSquares``.
public struct QRFactorization: Sendable {
    /// Number of rows m of A.
    public let rows: Int
    /// Number of columns n of A.
    public let columns: Int
    /// `dgeqrf`'s output: R on and above the diagonal, the Householder vectors below it.
    public let factors: Matrix
    /// The Householder scalars τᵢ.
    public let tau: [Double]

    /// Factors `a` (m × n, m ≥ n ≥ 1).
    ///
    /// Rank deficiency is *not* an error here (R then has a tiny or zero diagonal
    /// element); the solves below throw ``LinearAlgebraError/singular(pivot:)`` on an
    /// exactly zero Rᵢᵢ, and ``reciprocalConditionOfR`` estimates how close R is to singular.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` if m < n or n = 0,
    ///   ``LinearAlgebraError/nonFinite`` on NaN/∞ entries.
    public init(_ a: Matrix) throws {
        guard a.columns >= 1, a.rows >= a.columns else {
            throw LinearAlgebraError.dimensionMismatch("QR needs rows ≥ columns ≥ 1, got \(a.rows)×\(a.columns)")
        }
        try LAPACKSupport.requireFinite(a)
        let m32 = try LAPACKSupport.int32(a.rows, "rows")
        let n32 = try LAPACKSupport.int32(a.columns, "columns")
        var f = a
        var tau = [Double](repeating: 0, count: a.columns)
        let info = f.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dgeqrf(LAPACKSupport.columnMajor, m32, n32, p.baseAddress, m32, &tau)
        }
        try LAPACKSupport.checkArguments(info, "dgeqrf")
        self.rows = a.rows
        self.columns = a.columns
        self.factors = f
        self.tau = tau
    }

    /// The n × n upper-triangular factor R.
    public var r: Matrix {
        var r = Matrix(rows: columns, columns: columns)
        for j in 0..<columns { for i in 0...j { r[i, j] = factors[i, j] } }
        return r
    }

    /// Qᵀ·v for an m-vector v (`dormqr`, trans = 'T').
    public func multiplyByQTransposed(_ v: [Double]) throws -> [Double] {
        try applyQ(v, transposed: true)
    }

    /// Q·v for an m-vector v (`dormqr`, trans = 'N').
    public func multiplyByQ(_ v: [Double]) throws -> [Double] {
        try applyQ(v, transposed: false)
    }

    private func applyQ(_ v: [Double], transposed: Bool) throws -> [Double] {
        guard v.count == rows else {
            throw LinearAlgebraError.dimensionMismatch("QR: Q is \(rows)×\(rows), vector has \(v.count) elements")
        }
        try LAPACKSupport.requireFinite(v)
        let m32 = try LAPACKSupport.int32(rows, "rows")
        let k32 = try LAPACKSupport.int32(columns, "columns")
        var c = v
        let info = factors.storage.withUnsafeBufferPointer { pa in
            c.withUnsafeMutableBufferPointer { pc in
                LAPACKE_dormqr(LAPACKSupport.columnMajor, LAPACKSupport.char("L"),
                               LAPACKSupport.char(transposed ? "T" : "N"), m32, 1, k32,
                               pa.baseAddress, m32, tau, pc.baseAddress, m32)
            }
        }
        try LAPACKSupport.checkArguments(info, "dormqr")
        return c
    }

    /// Solves R·x = v (or Rᵀ·x = v when `transposed`) for an n-vector v (`dtrtrs`).
    ///
    /// - Throws: ``LinearAlgebraError/singular(pivot:)`` when Rᵢᵢ = 0 exactly.
    public func solveR(_ v: [Double], transposed: Bool = false) throws -> [Double] {
        guard v.count == columns else {
            throw LinearAlgebraError.dimensionMismatch("QR: R is \(columns)×\(columns), vector has \(v.count) elements")
        }
        try LAPACKSupport.requireFinite(v)
        let m32 = try LAPACKSupport.int32(rows, "rows")
        let n32 = try LAPACKSupport.int32(columns, "columns")
        var x = v
        let info = factors.storage.withUnsafeBufferPointer { pa in
            x.withUnsafeMutableBufferPointer { px in
                LAPACKE_dtrtrs(LAPACKSupport.columnMajor, LAPACKSupport.char("U"),
                               LAPACKSupport.char(transposed ? "T" : "N"), LAPACKSupport.char("N"),
                               n32, 1, pa.baseAddress, m32, px.baseAddress, n32)
            }
        }
        try LAPACKSupport.checkArguments(info, "dtrtrs")
        if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info)) }
        return x
    }

    /// The least-squares solution x = argmin‖b − A·x‖₂ = R⁻¹·(Qᵀb)₁:ₙ, in plain double
    /// precision (no refinement).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)``, ``LinearAlgebraError/nonFinite``,
    ///   or ``LinearAlgebraError/singular(pivot:)`` if R has an exactly zero diagonal element.
    public func leastSquares(_ b: [Double]) throws -> [Double] {
        let qtb = try multiplyByQTransposed(b)
        return try solveR(Array(qtb[0..<columns]))
    }

    /// Estimate of the reciprocal 1-norm condition number 1/κ₁(R) (`dtrcon`).
    /// Since κ₂(A) = κ₂(R), values near machine epsilon mean A is numerically rank deficient.
    public var reciprocalConditionOfR: Double {
        guard let n32 = try? LAPACKSupport.int32(columns, "columns"),
              let m32 = try? LAPACKSupport.int32(rows, "rows") else { return 0 }
        var rcond = 0.0
        let info = factors.storage.withUnsafeBufferPointer { pa in
            LAPACKE_dtrcon(LAPACKSupport.columnMajor, LAPACKSupport.char("1"), LAPACKSupport.char("U"),
                           LAPACKSupport.char("N"), n32, pa.baseAddress, m32, &rcond)
        }
        return info == 0 ? rcond : 0
    }
}
