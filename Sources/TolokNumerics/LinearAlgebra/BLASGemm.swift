import CLapack

extension BLAS {
    /// General matrix–matrix product (BLAS `dgemm`):
    ///
    ///     C ← α·op(A)·op(B) + β·C,   op(X) = X or Xᵀ.
    ///
    /// op(A) must be m × k, op(B) k × n and C m × n. When `beta == 0` the incoming C is
    /// not read (BLAS semantics).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` for non-conforming operands,
    ///   ``LinearAlgebraError/nonFinite`` when A, B, α, β or (if β ≠ 0) C has a NaN or ±∞.
    public static func gemm(
        _ a: Matrix, _ b: Matrix,
        transposeA: Transpose = .none, transposeB: Transpose = .none,
        alpha: Double = 1, beta: Double = 0, into c: inout Matrix
    ) throws {
        let (m, k) = transposeA.shape(of: a)
        let (kb, n) = transposeB.shape(of: b)
        guard k == kb, c.rows == m, c.columns == n else {
            throw LinearAlgebraError.dimensionMismatch(
                "gemm: op(A) is \(m)×\(k), op(B) is \(kb)×\(n), C is \(c.rows)×\(c.columns)")
        }
        guard alpha.isFinite, beta.isFinite else { throw LinearAlgebraError.nonFinite }
        try LAPACKSupport.requireFinite(a)
        try LAPACKSupport.requireFinite(b)
        if beta != 0 { try LAPACKSupport.requireFinite(c) }
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in c.storage.indices { c.storage[i] = beta == 0 ? 0 : beta * c.storage[i] }
            return
        }
        let m32 = try LAPACKSupport.int32(m, "m"), n32 = try LAPACKSupport.int32(n, "n")
        let k32 = try LAPACKSupport.int32(k, "k")
        let lda = try LAPACKSupport.int32(max(1, a.rows), "lda")
        let ldb = try LAPACKSupport.int32(max(1, b.rows), "ldb")
        let ldc = try LAPACKSupport.int32(max(1, c.rows), "ldc")
        a.storage.withUnsafeBufferPointer { pa in
            b.storage.withUnsafeBufferPointer { pb in
                c.storage.withUnsafeMutableBufferPointer { pc in
                    cblas_dgemm(CblasColMajor, transposeA.cblas, transposeB.cblas, m32, n32, k32,
                                alpha, pa.baseAddress, lda, pb.baseAddress, ldb,
                                beta, pc.baseAddress, ldc)
                }
            }
        }
    }

    /// General matrix–matrix product returning a new matrix: α·op(A)·op(B).
    ///
    /// - Throws: as ``gemm(_:_:transposeA:transposeB:alpha:beta:into:)``.
    public static func gemm(
        _ a: Matrix, _ b: Matrix,
        transposeA: Transpose = .none, transposeB: Transpose = .none, alpha: Double = 1
    ) throws -> Matrix {
        var c = Matrix(rows: transposeA.shape(of: a).rows, columns: transposeB.shape(of: b).columns)
        try gemm(a, b, transposeA: transposeA, transposeB: transposeB, alpha: alpha, beta: 0, into: &c)
        return c
    }
}
