import CLapack

/// Internal glue shared by the BLAS/LAPACK wrappers: argument conversion, input
/// validation and interpretation of LAPACK's INFO code.
///
/// Every public wrapper validates its operands here *before* calling into C, so that
/// user data can never make OpenBLAS/LAPACKE trap or read out of bounds.
enum LAPACKSupport {
    /// `LAPACK_COL_MAJOR`: every wrapper passes column-major storage (see ``Matrix``).
    static let columnMajor: Int32 = LAPACK_COL_MAJOR

    /// A LAPACK character argument (`'N'`, `'T'`, `'U'`, `'L'`, ...).
    @inline(__always)
    static func char(_ c: Unicode.Scalar) -> CChar { CChar(truncatingIfNeeded: c.value) }

    /// Converts a dimension to LAPACK's 32-bit `lapack_int`, throwing rather than
    /// overflowing on absurd sizes.
    static func int32(_ n: Int, _ what: @autoclosure () -> String) throws -> Int32 {
        guard n >= 0, n <= Int(Int32.max) else {
            throw LinearAlgebraError.dimensionMismatch("\(what()) = \(n) exceeds the 32-bit LAPACK index range")
        }
        return Int32(n)
    }

    /// Throws ``LinearAlgebraError/nonFinite`` unless every element is finite.
    static func requireFinite(_ values: [Double]) throws {
        for v in values where !v.isFinite { throw LinearAlgebraError.nonFinite }
    }

    /// Throws ``LinearAlgebraError/nonFinite`` unless every element of `a` is finite.
    static func requireFinite(_ a: Matrix) throws {
        try requireFinite(a.storage)
    }

    /// Throws ``LinearAlgebraError/dimensionMismatch(_:)`` unless `a` is square.
    static func requireSquare(_ a: Matrix, _ routine: String) throws {
        guard a.rows == a.columns else {
            throw LinearAlgebraError.dimensionMismatch("\(routine) needs a square matrix, got \(a.rows)×\(a.columns)")
        }
    }

    /// Interprets a negative INFO (illegal argument, or LAPACKE's -1010 out-of-memory) as an
    /// error. Positive INFO values are routine-specific and are handled by the caller.
    static func checkArguments(_ info: Int32, _ routine: String) throws {
        if info < 0 { throw LinearAlgebraError.lapack(routine: routine, info: Int(info)) }
    }

    /// Machine epsilon, 2⁻⁵² (the spacing of doubles at 1).
    static let epsilon = Double.ulpOfOne
}
