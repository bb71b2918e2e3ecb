import CLapack

/// LU factorisation with partial pivoting of a square matrix (LAPACK `dgetrf`),
///
///     P·A = L·U,
///
/// with L unit lower triangular, U upper triangular and P a row permutation; and solves
/// of A·x = b through it (`dgetrs`: forward substitution with L, back substitution with U).
///
/// The factorisation refuses matrices that are singular *to working precision*: an exact
/// zero pivot (`dgetrf` INFO > 0), or a reciprocal condition number estimate
/// 1/(‖A‖₁‖A⁻¹‖₁) from `dgecon` below machine epsilon. Both are reported as
/// ``LinearAlgebraError/singular(pivot:)``; in the second case `pivot` is the (1-based)
/// index of the smallest |Uᵢᵢ|. Reference: Golub & Van Loan, *Matrix Computations*
/// (4th ed.), §3.2–3.4; LAPACK Users' Guide §2.4.
public struct LUFactorization: Sendable {
    /// The order n of A.
    public let order: Int
    /// L (strictly below the diagonal, unit diagonal implied) and U packed as `dgetrf` returns them.
    public let factors: Matrix
    /// LAPACK's 1-based pivot indices: row i was interchanged with row `pivots[i]`.
    public let pivots: [Int32]
    /// Estimate of the reciprocal 1-norm condition number 1/κ₁(A) (`dgecon`).
    public let reciprocalCondition: Double

    /// Factors the square matrix `a`.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` if `a` is not square,
    ///   ``LinearAlgebraError/nonFinite`` on NaN/∞ entries,
    ///   ``LinearAlgebraError/singular(pivot:)`` if `a` is singular to working precision.
    public init(_ a: Matrix) throws {
        try LAPACKSupport.requireSquare(a, "LU")
        try LAPACKSupport.requireFinite(a)
        let n = a.rows
        let n32 = try LAPACKSupport.int32(n, "order")
        var lu = a
        var ipiv = [Int32](repeating: 0, count: n)
        var rcond = 1.0
        if n > 0 {
            // ‖A‖₁ = max column sum, needed by dgecon.
            var anorm = 0.0
            for j in 0..<n {
                var s = 0.0
                for i in 0..<n { s += abs(a[i, j]) }
                anorm = max(anorm, s)
            }
            let info = lu.storage.withUnsafeMutableBufferPointer { p in
                LAPACKE_dgetrf(LAPACKSupport.columnMajor, n32, n32, p.baseAddress, n32, &ipiv)
            }
            try LAPACKSupport.checkArguments(info, "dgetrf")
            if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info)) }
            let cinfo = lu.storage.withUnsafeBufferPointer { p in
                LAPACKE_dgecon(LAPACKSupport.columnMajor, LAPACKSupport.char("1"), n32,
                               p.baseAddress, n32, anorm, &rcond)
            }
            try LAPACKSupport.checkArguments(cinfo, "dgecon")
            if !(rcond >= LAPACKSupport.epsilon) {
                var k = 0
                for i in 1..<n where abs(lu[i, i]) < abs(lu[k, k]) { k = i }
                throw LinearAlgebraError.singular(pivot: k + 1)
            }
        }
        self.order = n
        self.factors = lu
        self.pivots = ipiv
        self.reciprocalCondition = rcond
    }

    /// Solves A·X = B for a matrix of right-hand sides (`dgetrs`).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` when B has the wrong number
    ///   of rows, ``LinearAlgebraError/nonFinite`` when B has NaN/∞.
    public func solve(_ b: Matrix) throws -> Matrix {
        guard b.rows == order else {
            throw LinearAlgebraError.dimensionMismatch("LU solve: A is \(order)×\(order), B has \(b.rows) rows")
        }
        try LAPACKSupport.requireFinite(b)
        if order == 0 || b.columns == 0 { return b }
        let n32 = try LAPACKSupport.int32(order, "order")
        let nrhs = try LAPACKSupport.int32(b.columns, "nrhs")
        var x = b
        let info = factors.storage.withUnsafeBufferPointer { pa in
            x.storage.withUnsafeMutableBufferPointer { pb in
                LAPACKE_dgetrs(LAPACKSupport.columnMajor, LAPACKSupport.char("N"), n32, nrhs,
                               pa.baseAddress, n32, pivots, pb.baseAddress, n32)
            }
        }
        try LAPACKSupport.checkArguments(info, "dgetrs")
        return x
    }

    /// Solves A·x = b for one right-hand side.
    ///
    /// - Throws: as ``solve(_:)-(Matrix)``.
    public func solve(_ b: [Double]) throws -> [Double] {
        guard b.count == order else {
            throw LinearAlgebraError.dimensionMismatch("LU solve: A is \(order)×\(order), b has \(b.count) elements")
        }
        return try solve(Matrix(rows: order, columns: 1, columnMajor: b)!).storage
    }

    /// det(A) = (−1)^(number of interchanges) · Πᵢ Uᵢᵢ. May overflow to ±∞ for large n.
    public var determinant: Double {
        var d = 1.0
        for i in 0..<order {
            d *= factors[i, i]
            if pivots[i] != Int32(i + 1) { d = -d }
        }
        return d
    }

    /// A⁻¹, computed by solving A·X = I.
    public func inverse() throws -> Matrix {
        try solve(Matrix.identity(order))
    }
}
