/// The status of one unit's computation: the one vocabulary that every model and plugin uses.
///
/// Models return it directly (a DEA unit whose linear program is infeasible *is* `infeasible`,
/// whichever plugin reports it), so no plugin maps solver states by hand. A unit whose status
/// is not ``ok`` has no score; renderers show its numbers as missing.
public enum UnitStatus: String, Sendable, CaseIterable, Codable {
    /// Computed and optimal / converged.
    case ok
    /// The unit's program has no feasible point (e.g. VRS super-efficiency of a unit outside
    /// the others' hull).
    case infeasible
    /// The unit's program is unbounded (e.g. output orientation with all outputs zero).
    case unbounded
    /// The solver hit its iteration limit.
    case iterationLimit = "iteration_limit"
    /// The solver lost numerical accuracy.
    case numericalFailure = "numerical_failure"
    /// Not computed because the unit lacks data (e.g. missing from a period).
    case missingData = "missing_data"
    /// An iterative estimator did not converge.
    case notConverged = "not_converged"
    /// The unit's score is not defined by its program (0/0): a DEA unit whose inputs are all
    /// zero under input orientation, or whose outputs are all zero under output orientation.
    case undefined

    /// Whether the unit has a valid result.
    public var isOK: Bool { self == .ok }
}
