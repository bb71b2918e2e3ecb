/// A simplex basis: which variables are basic and at which bound each nonbasic one sits.
///
/// There is one status per structural variable `xⱼ` and one per *row activity* `rᵢ = aᵢ·x`
/// (the logical variable of row i; its bounds are `(−∞, bᵢ]` for ≤ rows, `[bᵢ, ∞)` for ≥ rows and
/// `[bᵢ, bᵢ]` for = rows). Exactly m of the n + m statuses are ``VariableStatus/basic``.
/// A row whose activity is nonbasic is active (binding): `atUpper` for ≤ rows, `atLower` for ≥
/// rows, either for = rows.
///
/// Returned in ``LPSolution/basis`` and accepted as a warm start by
/// ``SimplexSolver/solve(_:warmStart:)`` for any program with the same m and n. Statuses that do
/// not fit the new program's bounds (e.g. `atUpper` for an infinite upper bound) are moved to a
/// valid bound, a singular basis matrix is repaired by swapping in logicals, and a basis of the
/// wrong shape or with more than m basic variables is ignored (the solve then starts cold).
public struct Basis: Sendable, Hashable, Codable {
    /// Status of one variable in a basis.
    public enum VariableStatus: UInt8, Sendable, Hashable, Codable {
        case basic
        /// Nonbasic at its lower bound.
        case atLower
        /// Nonbasic at its upper bound.
        case atUpper
        /// Nonbasic free variable held at zero.
        case free
    }

    /// Statuses of the structural variables x₀ … xₙ₋₁.
    public var structural: [VariableStatus]
    /// Statuses of the row activities r₀ … rₘ₋₁.
    public var rows: [VariableStatus]

    public init(structural: [VariableStatus], rows: [VariableStatus]) {
        self.structural = structural
        self.rows = rows
    }

    /// The all-logical ("slack") basis: every row activity basic, every structural variable
    /// nonbasic at a finite bound (lower preferred) or free at zero.
    public static func slack(for lp: LinearProgram) -> Basis {
        let n = lp.variableCount
        var s = [VariableStatus](repeating: .atLower, count: n)
        for j in 0..<n {
            if lp.lowerBounds[j] > -.infinity { s[j] = .atLower }
            else if lp.upperBounds[j] < .infinity { s[j] = .atUpper }
            else { s[j] = .free }
        }
        return Basis(structural: s, rows: Array(repeating: .basic, count: lp.constraintCount))
    }

    /// Number of basic variables (equals the row count for a valid basis).
    public var basicCount: Int {
        structural.reduce(0) { $0 + ($1 == .basic ? 1 : 0) } + rows.reduce(0) { $0 + ($1 == .basic ? 1 : 0) }
    }
}
