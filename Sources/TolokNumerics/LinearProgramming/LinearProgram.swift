/// Whether a linear program's objective is minimised or maximised.
public enum OptimizationSense: String, Sendable, Hashable, Codable {
    case minimize
    case maximize
}

/// The relation of one constraint row, `aᵢ·x ⋈ bᵢ`.
public enum ConstraintKind: String, Sendable, Hashable, Codable {
    /// `aᵢ·x ≤ bᵢ`
    case lessOrEqual
    /// `aᵢ·x = bᵢ`
    case equal
    /// `aᵢ·x ≥ bᵢ`
    case greaterOrEqual
}

/// A dense linear program
///
///     minimise or maximise  c·x
///     subject to            aᵢ·x  (≤ | = | ≥)  bᵢ      i = 0 ..< m
///                           lⱼ ≤ xⱼ ≤ uⱼ               j = 0 ..< n
///
/// with `A` (`constraintMatrix`) an m × n column-major ``Matrix``. A lower bound of `-.infinity`
/// and an upper bound of `+.infinity` make a variable free; `lⱼ = uⱼ` fixes it. All other data
/// must be finite: ``validate()`` reports NaN, ±∞ and shape mismatches, and
/// ``SimplexSolver/solve(_:warmStart:)`` turns them into ``LPStatus/invalidInput`` instead of
/// trapping. Bounds with `lⱼ > uⱼ` are not an input error: the program is then infeasible.
///
/// The type is a plain value: DEA code that solves many programs of one shape may keep one
/// instance and overwrite a column of `constraintMatrix` and the `rhs` between solves.
public struct LinearProgram: Sendable, Equatable {
    public var sense: OptimizationSense
    /// The cost vector c (n entries).
    public var objective: [Double]
    /// A, m × n, column-major.
    public var constraintMatrix: Matrix
    /// The relation of each row (m entries).
    public var rowKinds: [ConstraintKind]
    /// The right-hand sides b (m entries).
    public var rhs: [Double]
    /// Lower bounds l (n entries; `-.infinity` allowed).
    public var lowerBounds: [Double]
    /// Upper bounds u (n entries; `+.infinity` allowed).
    public var upperBounds: [Double]

    /// Creates a program. Bounds default to `0 ≤ x < ∞`.
    public init(
        sense: OptimizationSense = .minimize,
        objective: [Double],
        constraintMatrix: Matrix,
        rowKinds: [ConstraintKind],
        rhs: [Double],
        lowerBounds: [Double]? = nil,
        upperBounds: [Double]? = nil
    ) {
        self.sense = sense
        self.objective = objective
        self.constraintMatrix = constraintMatrix
        self.rowKinds = rowKinds
        self.rhs = rhs
        self.lowerBounds = lowerBounds ?? Array(repeating: 0, count: objective.count)
        self.upperBounds = upperBounds ?? Array(repeating: .infinity, count: objective.count)
    }

    /// Number of structural variables n.
    public var variableCount: Int { objective.count }
    /// Number of constraint rows m.
    public var constraintCount: Int { rowKinds.count }

    /// Checks shapes and data: every array has the length implied by `constraintMatrix`,
    /// `c`, `A` and `b` are finite, no bound is NaN, no lower bound is +∞ and no upper bound −∞.
    public func validate() throws(LinearProgramError) {
        let m = constraintMatrix.rows, n = constraintMatrix.columns
        guard objective.count == n else {
            throw .dimensionMismatch("objective has \(objective.count) entries, matrix has \(n) columns")
        }
        guard rowKinds.count == m else {
            throw .dimensionMismatch("rowKinds has \(rowKinds.count) entries, matrix has \(m) rows")
        }
        guard rhs.count == m else {
            throw .dimensionMismatch("rhs has \(rhs.count) entries, matrix has \(m) rows")
        }
        guard lowerBounds.count == n, upperBounds.count == n else {
            throw .dimensionMismatch(
                "bounds have \(lowerBounds.count)/\(upperBounds.count) entries, matrix has \(n) columns")
        }
        guard constraintMatrix.storage.count == m * n else {
            throw .dimensionMismatch("matrix storage has \(constraintMatrix.storage.count) elements, expected \(m * n)")
        }
        if let j = objective.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("objective[\(j)]") }
        if let i = rhs.firstIndex(where: { !$0.isFinite }) { throw .nonFinite("rhs[\(i)]") }
        if let k = constraintMatrix.storage.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite("constraintMatrix[\(k % max(m, 1)), \(k / max(m, 1))]")
        }
        for j in 0..<n {
            let l = lowerBounds[j], u = upperBounds[j]
            if l.isNaN || l == .infinity { throw .invalidBound("lowerBounds[\(j)] = \(l)") }
            if u.isNaN || u == -.infinity { throw .invalidBound("upperBounds[\(j)] = \(u)") }
        }
    }
}

/// Why a ``LinearProgram`` cannot be solved as given.
public enum LinearProgramError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Array lengths do not match the constraint matrix.
    case dimensionMismatch(String)
    /// NaN or ±∞ in the objective, the matrix or the right-hand side (the location is named).
    case nonFinite(String)
    /// A NaN bound, a lower bound of +∞ or an upper bound of −∞.
    case invalidBound(String)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .nonFinite(let s): return "non-finite value in \(s)"
        case .invalidBound(let s): return "invalid bound \(s)"
        }
    }
}
