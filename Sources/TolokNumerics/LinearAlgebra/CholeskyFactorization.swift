import CLapack
import Foundation

/// Cholesky factorisation of a symmetric positive definite matrix (LAPACK `dpotrf`),
///
///     A = L·Lᵀ,   L lower triangular with positive diagonal,
///
/// with solves A·x = b (`dpotrs`) and the inverse A⁻¹ = L⁻ᵀL⁻¹ (`dpotri`).
///
/// Only the lower triangle of the input is read; the strict upper triangle is assumed
/// to mirror it. Reference: Golub & Van Loan, *Matrix Computations* (4th ed.), §4.2.
public struct CholeskyFactorization: Sendable {
    /// The order n of A.
    public let order: Int
    /// The Cholesky factor L (lower triangular; the strict upper triangle is zero).
    public let factor: Matrix

    /// Factors the symmetric positive definite matrix `a`.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` if `a` is not square,
    ///   ``LinearAlgebraError/nonFinite`` on NaN/∞ in the lower triangle,
    ///   ``LinearAlgebraError/notPositiveDefinite(order:)`` when the leading minor of that
    ///   order is not positive (`dpotrf` INFO > 0).
    public init(_ a: Matrix) throws {
        try LAPACKSupport.requireSquare(a, "Cholesky")
        let n = a.rows
        for j in 0..<n { for i in j..<n where !a[i, j].isFinite { throw LinearAlgebraError.nonFinite } }
        let n32 = try LAPACKSupport.int32(n, "order")
        var l = a
        if n > 0 {
            let info = l.storage.withUnsafeMutableBufferPointer { p in
                LAPACKE_dpotrf(LAPACKSupport.columnMajor, LAPACKSupport.char("L"), n32, p.baseAddress, n32)
            }
            try LAPACKSupport.checkArguments(info, "dpotrf")
            if info > 0 { throw LinearAlgebraError.notPositiveDefinite(order: Int(info)) }
        }
        for j in 0..<n { for i in 0..<j { l[i, j] = 0 } }
        self.order = n
        self.factor = l
    }

    /// Solves A·X = B (`dpotrs`: L·Y = B, then Lᵀ·X = Y).
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` or ``LinearAlgebraError/nonFinite``.
    public func solve(_ b: Matrix) throws -> Matrix {
        guard b.rows == order else {
            throw LinearAlgebraError.dimensionMismatch("Cholesky solve: A is \(order)×\(order), B has \(b.rows) rows")
        }
        try LAPACKSupport.requireFinite(b)
        if order == 0 || b.columns == 0 { return b }
        let n32 = try LAPACKSupport.int32(order, "order")
        let nrhs = try LAPACKSupport.int32(b.columns, "nrhs")
        var x = b
        let info = factor.storage.withUnsafeBufferPointer { pa in
            x.storage.withUnsafeMutableBufferPointer { pb in
                LAPACKE_dpotrs(LAPACKSupport.columnMajor, LAPACKSupport.char("L"), n32, nrhs,
                               pa.baseAddress, n32, pb.baseAddress, n32)
            }
        }
        try LAPACKSupport.checkArguments(info, "dpotrs")
        return x
    }

    /// Solves A·x = b for one right-hand side.
    public func solve(_ b: [Double]) throws -> [Double] {
        guard b.count == order else {
            throw LinearAlgebraError.dimensionMismatch("Cholesky solve: A is \(order)×\(order), b has \(b.count) elements")
        }
        return try solve(Matrix(rows: order, columns: 1, columnMajor: b)!).storage
    }

    /// The inverse A⁻¹ = (L·Lᵀ)⁻¹ = L⁻ᵀ·L⁻¹ (`dpotri`), returned as a full symmetric matrix.
    ///
    /// - Throws: ``LinearAlgebraError/singular(pivot:)`` if a diagonal element of L is
    ///   zero (cannot happen for a successful factorisation, but INFO is checked).
    public func inverse() throws -> Matrix {
        var inv = factor
        let n = order
        if n == 0 { return inv }
        let n32 = try LAPACKSupport.int32(n, "order")
        let info = inv.storage.withUnsafeMutableBufferPointer { p in
            LAPACKE_dpotri(LAPACKSupport.columnMajor, LAPACKSupport.char("L"), n32, p.baseAddress, n32)
        }
        try LAPACKSupport.checkArguments(info, "dpotri")
        if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info)) }
        for j in 0..<n { for i in 0..<j { inv[i, j] = inv[j, i] } }
        return inv
    }

    /// ln det(A) = 2 Σᵢ ln Lᵢᵢ (does not overflow where det(A) would).
    public var logDeterminant: Double {
        var s = 0.0
        for i in 0..<order { s += log(factor[i, i]) }
        return 2 * s
    }
}
