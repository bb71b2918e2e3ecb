import TolokDomain
import TolokDEAModel

/// A program of a unit that ended without an optimum for a reason other than the degeneracies
/// the models handle (carried as an `Error` so it can travel in a `Result`).
public struct StatusFailure: Error {
    public let status: UnitStatus
}
