import CLapack

extension Matrix {
    /// The inverse of a symmetric, nonsingular, possibly indefinite matrix (e.g. the
    /// Hessian of a log-likelihood away from its maximum).
    ///
    /// Uses the Bunch–Kaufman factorisation A = L·D·Lᵀ, with L unit lower triangular (up to
    /// a symmetric permutation) and D block diagonal (1×1 and 2×2 blocks) and symmetric pivoting (`dsytrf`), followed by
    /// `dsytri`. Only the lower triangle of `self` is read; the result is returned as a full
    /// symmetric matrix. For a matrix known to be positive definite,
    /// `CholeskyFactorization(a).inverse()` is cheaper and also checks definiteness.
    /// Reference: Bunch & Kaufman (1977), Math. Comp. 31, 163–179; Golub & Van Loan §4.4.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` if not square,
    ///   ``LinearAlgebraError/nonFinite`` on NaN/∞ in the lower triangle,
    ///   ``LinearAlgebraError/singular(pivot:)`` if D has an exactly zero block
    ///   (`dsytrf` INFO > 0) or the reciprocal condition estimate (`dsycon`) is below
    ///   machine epsilon (then `pivot` is 0).
    public func symmetricInverse() throws -> Matrix {
        try LAPACKSupport.requireSquare(self, "symmetric inverse")
        let n = rows
        for j in 0..<n { for i in j..<n where !self[i, j].isFinite { throw LinearAlgebraError.nonFinite } }
        if n == 0 { return self }
        let n32 = try LAPACKSupport.int32(n, "order")
        let lower = LAPACKSupport.char("L")
        // ‖A‖₁ of the symmetric matrix defined by the lower triangle.
        var anorm = 0.0
        for j in 0..<n {
            var s = 0.0
            for i in 0..<n { s += abs(i >= j ? self[i, j] : self[j, i]) }
            anorm = max(anorm, s)
        }
        var a = self
        var ipiv = [Int32](repeating: 0, count: n)
        let info = a.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dsytrf(LAPACKSupport.columnMajor, lower, n32, p.baseAddress, n32, &ipiv)
        }
        try LAPACKSupport.checkArguments(info, "dsytrf")
        if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info)) }
        var rcond = 0.0
        let cinfo = a.storage.withUnsafeBufferPointer { p in
            LAPACKE_dsycon(LAPACKSupport.columnMajor, lower, n32, p.baseAddress, n32, ipiv, anorm, &rcond)
        }
        try LAPACKSupport.checkArguments(cinfo, "dsycon")
        if !(rcond >= LAPACKSupport.epsilon) { throw LinearAlgebraError.singular(pivot: 0) }
        let iinfo = a.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dsytri(LAPACKSupport.columnMajor, lower, n32, p.baseAddress, n32, ipiv)
        }
        try LAPACKSupport.checkArguments(iinfo, "dsytri")
        if iinfo > 0 { throw LinearAlgebraError.singular(pivot: Int(iinfo)) }
        for j in 0..<n { for i in 0..<j { a[i, j] = a[j, i] } }
        return a
    }
}
