import CLapack

/// Unchecked BLAS kernels on raw pointers, for hot loops that call BLAS many times on
/// operands they own and have validated once (a log-likelihood evaluated a few hundred times
/// on the same n × k design, say). ``BLAS/gemv(_:_:transpose:alpha:beta:into:)`` checks the
/// shapes and scans every operand for NaN and ±∞ on each call, which would cost as much as
/// the product itself there.
///
/// These wrappers check nothing. Their preconditions are the caller's responsibility, and
/// breaking one is undefined behaviour (out-of-bounds reads or writes), not an error:
///
/// * every matrix is column-major with leading dimension `lda ≥ max(1, rows)` and holds
///   `lda · columns` readable elements at `a`;
/// * vectors are contiguous (stride 1) with the element counts stated per function;
/// * the output does not overlap the matrix or the input vector;
/// * `rows`, `columns` and `lda` are non-negative and fit in `Int32` (a conversion that does
///   not fit traps);
/// * when `beta == 0` the incoming output is not read (BLAS semantics), so it may hold
///   anything, NaN included.
///
/// Non-finite values propagate as IEEE arithmetic makes them; nothing is thrown. Only
/// TolokNumerics imports CLapack: code elsewhere calls these kernels instead of CBLAS.
public enum BLASKernels {
    /// y ← α·A·x + β·y (BLAS `dgemv`, no transpose) for an m × n matrix A:
    /// `x` has n elements, `y` has m.
    @inlinable
    public static func gemv(rows m: Int, columns n: Int, alpha: Double,
                            _ a: UnsafePointer<Double>, leadingDimension lda: Int,
                            _ x: UnsafePointer<Double>, beta: Double, _ y: UnsafeMutablePointer<Double>) {
        cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }

    /// y ← α·Aᵀ·x + β·y (BLAS `dgemv`, transpose) for an m × n matrix A:
    /// `x` has m elements, `y` has n.
    @inlinable
    public static func gemvTransposed(rows m: Int, columns n: Int, alpha: Double,
                                      _ a: UnsafePointer<Double>, leadingDimension lda: Int,
                                      _ x: UnsafePointer<Double>, beta: Double, _ y: UnsafeMutablePointer<Double>) {
        cblas_dgemv(CblasColMajor, CblasTrans, Int32(m), Int32(n), alpha, a, Int32(lda), x, 1, beta, y, 1)
    }
}
