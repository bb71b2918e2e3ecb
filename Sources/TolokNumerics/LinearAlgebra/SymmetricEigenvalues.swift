import CLapack
import Foundation

/// The eigenvalues of a real symmetric matrix (LAPACK `dsyev`, values only), in ascending order:
///
///     A = Q·Λ·Qᵀ,   Λ = diag(λ₁ ≤ … ≤ λₙ).
///
/// Only the lower triangle is read. Each computed λ is within a small multiple of ε·‖A‖₂ of
/// an exact eigenvalue (Golub & Van Loan, *Matrix Computations* (4th ed.), §8.1 and §8.3), so
/// a sign test of λ against zero must allow that much (see `isNegativeSemidefinite`).
public enum SymmetricEigenvalues {
    /// The eigenvalues of `a`, ascending.
    ///
    /// - Throws: ``LinearAlgebraError/dimensionMismatch(_:)`` if `a` is not square,
    ///   ``LinearAlgebraError/nonFinite`` on NaN/∞ in the lower triangle, and
    ///   ``LinearAlgebraError/lapack(routine:info:)`` when the QR iteration fails to converge.
    public static func of(_ a: Matrix) throws -> [Double] {
        try LAPACKSupport.requireSquare(a, "dsyev")
        let n = a.rows
        for j in 0..<n { for i in j..<n where !a[i, j].isFinite { throw LinearAlgebraError.nonFinite } }
        guard n > 0 else { return [] }
        let n32 = try LAPACKSupport.int32(n, "order")
        var work = a
        var w = [Double](repeating: 0, count: n)
        let info = work.storage.withUnsafeMutableBufferPointer { p in
            w.withUnsafeMutableBufferPointer { pw in
                LAPACKE_dsyev(LAPACKSupport.columnMajor, LAPACKSupport.char("N"), LAPACKSupport.char("L"),
                              n32, p.baseAddress, n32, pw.baseAddress)
            }
        }
        try LAPACKSupport.checkArguments(info, "dsyev")
        if info > 0 { throw LinearAlgebraError.lapack(routine: "dsyev", info: Int(info)) }
        return w
    }

    /// Whether `a` is negative semidefinite: λₘₐₓ ≤ n·ε·max(1, max|λ|) (a rounding allowance
    /// relative to the matrix's scale, so an exactly singular NSD matrix is not rejected).
    public static func isNegativeSemidefinite(_ a: Matrix) throws -> Bool {
        let w = try of(a)
        guard let largest = w.last else { return true }
        let scale = max(1, w.map(abs).max() ?? 0)
        return largest <= Double(a.rows) * LAPACKSupport.epsilon * 16 * scale
    }
}
