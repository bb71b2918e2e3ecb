/// How a simplex solve ended.
public enum LPStatus: String, Sendable, Hashable, Codable {
    /// An optimal basic solution was found (within the tolerances of ``SimplexOptions``).
    case optimal
    /// Phase I ended with a positive sum of infeasibilities: no x satisfies the constraints.
    case infeasible
    /// A feasible ray along which the objective improves without limit was found.
    case unbounded
    /// ``SimplexOptions/maxIterations`` was reached; the returned point is the last iterate.
    case iterationLimit
    /// The basis could not be factorised or the iteration could not make numerically safe
    /// progress even after refactorisation and repair.
    case numericalFailure
    /// The program failed ``LinearProgram/validate()`` (NaN, ±∞ or a shape mismatch);
    /// ``LPSolution/message`` says where.
    case invalidInput
}
