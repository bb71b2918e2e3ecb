// ─────────────────────────────────────────────────────────────────────────────────────
// INTERIM — TO BE REPLACED. The BLAS/LAPACK wrappers and `OrdinaryLeastSquares` are being
// written on the `linalg` branch. Until they land on `main`, the Frontier plugin calls
// LAPACKE directly through these three private helpers. Replace each with the
// TolokNumerics equivalent when it exists (least squares by QR with (XᵀX)⁻¹; Cholesky
// inverse and solve of a symmetric positive-definite matrix) and delete this file.
// ─────────────────────────────────────────────────────────────────────────────────────
import CLapack
import TolokNumerics

enum InterimLinearAlgebra {
    /// Least squares by Householder QR (LAPACKE_dgels): β̂ = argmin ‖y − Xβ‖₂ and
    /// (XᵀX)⁻¹ = R⁻¹R⁻ᵀ from the triangular factor (LAPACKE_dtrtri). Throws `.singular`
    /// when a diagonal element of R is below 1e-12 · max |R_ii| (rank deficiency).
    static func leastSquares(_ x: Matrix, _ y: [Double]) throws -> (beta: [Double], xtxInverse: Matrix) {
        let m = x.rows, n = x.columns
        guard y.count == m else { throw LinearAlgebraError.dimensionMismatch("X is \(m)×\(n), y has \(y.count)") }
        guard m >= n, n > 0 else { throw LinearAlgebraError.dimensionMismatch("need rows ≥ columns > 0, got \(m)×\(n)") }
        guard x.isFinite, y.allSatisfy({ $0.isFinite }) else { throw LinearAlgebraError.nonFinite }
        var a = x.storage
        var b = y
        let info = LAPACKE_dgels(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "N")), Int32(m), Int32(n), 1,
                                 &a, Int32(m), &b, Int32(m))
        if info > 0 { throw LinearAlgebraError.singular(pivot: Int(info)) }
        if info < 0 { throw LinearAlgebraError.lapack(routine: "dgels", info: Int(info)) }
        var maxDiag = 0.0
        for i in 0..<n { maxDiag = max(maxDiag, abs(a[i + i * m])) }
        for i in 0..<n where abs(a[i + i * m]) <= 1e-12 * maxDiag {
            throw LinearAlgebraError.singular(pivot: i + 1)
        }
        // R (upper n × n) → R⁻¹ in place.
        var r = [Double](repeating: 0, count: n * n)
        for j in 0..<n { for i in 0...j { r[i + j * n] = a[i + j * m] } }
        let tinfo = LAPACKE_dtrtri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int8(UInt8(ascii: "N")),
                                   Int32(n), &r, Int32(n))
        if tinfo != 0 { throw LinearAlgebraError.lapack(routine: "dtrtri", info: Int(tinfo)) }
        // (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ.
        var inv = Matrix(rows: n, columns: n)
        for i in 0..<n {
            for j in i..<n {
                var t = 0.0
                for k in j..<n { t += r[i + k * n] * r[j + k * n] }
                inv[i, j] = t
                inv[j, i] = t
            }
        }
        return (Array(b[0..<n]), inv)
    }

    /// Cholesky factor (upper, column-major storage) of a symmetric positive-definite matrix
    /// (LAPACKE_dpotrf); throws `.notPositiveDefinite` otherwise.
    static func cholesky(_ a: Matrix) throws -> [Double] {
        let n = a.rows
        guard a.columns == n else { throw LinearAlgebraError.dimensionMismatch("not square") }
        guard a.isFinite else { throw LinearAlgebraError.nonFinite }
        var f = a.storage
        let info = LAPACKE_dpotrf(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), &f, Int32(n))
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(order: Int(info)) }
        if info < 0 { throw LinearAlgebraError.lapack(routine: "dpotrf", info: Int(info)) }
        return f
    }

    /// A⁻¹ b for symmetric positive-definite A (dpotrf + dpotrs).
    static func choleskySolve(_ a: Matrix, _ b: [Double]) throws -> [Double] {
        let n = a.rows
        var f = try cholesky(a)
        var x = b
        let info = LAPACKE_dpotrs(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), 1, &f, Int32(n), &x, Int32(n))
        if info != 0 { throw LinearAlgebraError.lapack(routine: "dpotrs", info: Int(info)) }
        return x
    }

    /// A⁻¹ for symmetric positive-definite A (dpotrf + dpotri), returned full and symmetric.
    static func inverseSPD(_ a: Matrix) throws -> Matrix {
        let n = a.rows
        var f = try cholesky(a)
        let info = LAPACKE_dpotri(LAPACK_COL_MAJOR, Int8(UInt8(ascii: "U")), Int32(n), &f, Int32(n))
        if info != 0 { throw LinearAlgebraError.lapack(routine: "dpotri", info: Int(info)) }
        var inv = Matrix(rows: n, columns: n)
        for j in 0..<n {
            for i in 0...j {
                inv[i, j] = f[i + j * n]
                inv[j, i] = f[i + j * n]
            }
        }
        return inv
    }
}
