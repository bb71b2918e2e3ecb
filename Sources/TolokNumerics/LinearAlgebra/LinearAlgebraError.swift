/// Why a dense linear-algebra routine could not produce a result.
///
/// Wrappers throw these instead of trapping, so that a singular design matrix or a
/// NaN in user data becomes a reportable status rather than a crash.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Operand shapes do not conform (e.g. A is 3×2 and b has 4 elements).
    case dimensionMismatch(String)
    /// The matrix is exactly singular to working precision; `pivot` is LAPACK's 1-based INFO.
    case singular(pivot: Int)
    /// A Cholesky factorisation met a non-positive leading minor of order `order`.
    case notPositiveDefinite(order: Int)
    /// An input contained NaN or ±∞.
    case nonFinite
    /// LAPACK reported an illegal argument or a failure to converge.
    case lapack(routine: String, info: Int)
    /// A parameter (not the data) is out of its allowed range, e.g. a negative tolerance.
    case invalidArgument(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .singular(let p): return "matrix is singular (zero pivot at \(p))"
        case .notPositiveDefinite(let k): return "matrix is not positive definite (leading minor \(k))"
        case .nonFinite: return "input contains NaN or infinity"
        case .lapack(let r, let info): return "LAPACK \(r) failed with INFO = \(info)"
        case .invalidArgument(let s): return "invalid argument: \(s)"
        }
    }
}
