import CLapack

/// Typed entry points to the Level 2/3 BLAS (OpenBLAS's CBLAS interface).
///
/// The wrappers check shapes and finiteness and then call CBLAS on the column-major
/// storage of ``Matrix``. They throw ``LinearAlgebraError`` instead of trapping.
/// The operations themselves live in `BLASGemv.swift` and `BLASGemm.swift`.
public enum BLAS {
    /// Whether an operand enters a product as itself (`A`) or transposed (`Aᵀ`).
    public enum Transpose: Sendable, Equatable {
        /// op(A) = A.
        case none
        /// op(A) = Aᵀ.
        case transpose

        var cblas: CBLAS_TRANSPOSE { self == .none ? CblasNoTrans : CblasTrans }

        /// The shape of op(A) for an `rows × columns` matrix A.
        func shape(of a: Matrix) -> (rows: Int, columns: Int) {
            self == .none ? (a.rows, a.columns) : (a.columns, a.rows)
        }
    }
}
