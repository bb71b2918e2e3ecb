import CLapack

/// Minimum-norm least squares by the singular value decomposition (LAPACK `dgelsd`),
/// for problems that may be rank deficient or underdetermined.
///
/// With A = U·Σ·Vᵀ (singular values σ₁ ≥ σ₂ ≥ … ≥ 0), singular values σᵢ ≤ rcond·σ₁ are
/// treated as zero; the effective rank is the number kept, and the solution is
///
///     x = Σ_{i ≤ rank} (uᵢᵀb / σᵢ) vᵢ,
///
/// the shortest vector among the minimisers of ‖b − A·x‖₂ with A replaced by its rank-`rank`
/// truncation. Reference: Golub & Van Loan, *Matrix Computations* (4th ed.), §5.5.4;
/// LAPACK Users' Guide §2.4.2 (`xGELSD`, divide and conquer).
public enum SVDLeastSquares {
    /// The outcome of ``solve(_:_:rcond:)``.
    public struct Solution: Sendable, Equatable {
        /// The minimum-norm solution x (n elements).
        public let solution: [Double]
        /// The effective rank: the number of singular values above rcond·σ₁.
        public let rank: Int
        /// All min(m, n) singular values of A, in decreasing order.
        public let singularValues: [Double]
        /// The threshold ratio that was used.
        public let rcond: Double
    }

    /// The default rank threshold, max(m, n)·ε (as NumPy's `lstsq` and MATLAB's `rank`).
    public static func defaultRcond(rows: Int, columns: Int) -> Double {
        Double(max(rows, columns, 1)) * Double.ulpOfOne
    }

    /// Solves min‖b − A·x‖₂ with minimum ‖x‖₂, treating singular values σᵢ ≤ rcond·σ₁ as zero.
    ///
    /// - Parameters:
    ///   - a: the m × n matrix A (any shape; m < n gives the minimum-norm solution of an
    ///     underdetermined system).
    ///   - b: the m-vector b.
    ///   - rcond: relative singular value threshold, in [0, 1); `nil` means
    ///     ``defaultRcond(rows:columns:)``.
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` for non-conforming operands,
    ///   ``LinearAlgebraError/invalidArgument(_:)`` for an rcond outside [0, 1),
    ///   ``LinearAlgebraError/nonFinite`` on NaN/∞ input,
    ///   ``LinearAlgebraError/lapack(routine:info:)`` if the SVD fails to converge.
    public static func solve(_ a: Matrix, _ b: [Double], rcond: Double? = nil) throws -> Solution {
        let m = a.rows, n = a.columns
        guard b.count == m else {
            throw LinearAlgebraError.dimensionMismatch("SVD least squares: A is \(m)×\(n), b has \(b.count) elements")
        }
        let threshold = rcond ?? defaultRcond(rows: m, columns: n)
        guard threshold >= 0, threshold < 1 else {
            throw LinearAlgebraError.invalidArgument("SVD least squares: rcond must lie in [0, 1), got \(threshold)")
        }
        try LAPACKSupport.requireFinite(a)
        try LAPACKSupport.requireFinite(b)
        if m == 0 || n == 0 {
            return Solution(solution: [Double](repeating: 0, count: n), rank: 0, singularValues: [], rcond: threshold)
        }
        let m32 = try LAPACKSupport.int32(m, "rows")
        let n32 = try LAPACKSupport.int32(n, "columns")
        let ldb = max(m, n)
        let ldb32 = try LAPACKSupport.int32(ldb, "ldb")
        var work = a
        var rhs = [Double](repeating: 0, count: ldb)
        for i in 0..<m { rhs[i] = b[i] }
        var s = [Double](repeating: 0, count: min(m, n))
        var rank: Int32 = 0
        // dgelsd treats a negative rcond as "use machine epsilon"; pass the smallest
        // positive value instead of 0 so that exactly zero singular values are dropped.
        let rc = threshold > 0 ? threshold : Double.leastNonzeroMagnitude
        let info = work.storage.withUnsafeMutableBufferPointer { pa in
            LAPACKE_dgelsd(LAPACKSupport.columnMajor, m32, n32, 1, pa.baseAddress, m32,
                           &rhs, ldb32, &s, rc, &rank)
        }
        try LAPACKSupport.checkArguments(info, "dgelsd")
        if info > 0 { throw LinearAlgebraError.lapack(routine: "dgelsd", info: Int(info)) }
        return Solution(solution: Array(rhs[0..<n]), rank: Int(rank), singularValues: s, rcond: threshold)
    }
}
