import CLapack

extension BLAS {
    /// General matrix–vector product (BLAS `dgemv`):
    ///
    ///     y ← α·op(A)·x + β·y,   op(A) = A or Aᵀ.
    ///
    /// For an m × n matrix A, `x` has n elements and `y` has m when `transpose == .none`;
    /// the other way round for `.transpose`. When `beta == 0` the incoming `y` is not read
    /// (BLAS semantics), so it may hold anything, including NaN.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` for non-conforming operands,
    ///   ``LinearAlgebraError/nonFinite`` when A, x, α, β or (if β ≠ 0) y has a NaN or ±∞.
    public static func gemv(
        _ a: Matrix, _ x: [Double], transpose: Transpose = .none,
        alpha: Double = 1, beta: Double = 0, into y: inout [Double]
    ) throws {
        let (m, n) = transpose.shape(of: a)
        guard x.count == n, y.count == m else {
            throw LinearAlgebraError.dimensionMismatch(
                "gemv: op(A) is \(m)×\(n), x has \(x.count) elements, y has \(y.count)")
        }
        guard alpha.isFinite, beta.isFinite else { throw LinearAlgebraError.nonFinite }
        try LAPACKSupport.requireFinite(a)
        try LAPACKSupport.requireFinite(x)
        if beta != 0 { try LAPACKSupport.requireFinite(y) }
        if m == 0 { return }
        if n == 0 || a.rows == 0 || a.columns == 0 {
            // Empty inner dimension: op(A)x = 0, so y ← βy.
            for i in 0..<m { y[i] = beta == 0 ? 0 : beta * y[i] }
            return
        }
        let rows = try LAPACKSupport.int32(a.rows, "rows")
        let cols = try LAPACKSupport.int32(a.columns, "columns")
        a.storage.withUnsafeBufferPointer { pa in
            x.withUnsafeBufferPointer { px in
                y.withUnsafeMutableBufferPointer { py in
                    cblas_dgemv(CblasColMajor, transpose.cblas, rows, cols, alpha,
                                pa.baseAddress, rows, px.baseAddress, 1, beta, py.baseAddress, 1)
                }
            }
        }
    }

    /// General matrix–vector product returning a new vector: α·op(A)·x.
    ///
    /// - Throws: as ``gemv(_:_:transpose:alpha:beta:into:)``.
    public static func gemv(
        _ a: Matrix, _ x: [Double], transpose: Transpose = .none, alpha: Double = 1
    ) throws -> [Double] {
        var y = [Double](repeating: 0, count: transpose.shape(of: a).rows)
        try gemv(a, x, transpose: transpose, alpha: alpha, beta: 0, into: &y)
        return y
    }
}
