/// The numerical guard for "this score is 1": within the LP solver's feasibility tolerance
/// (``TolokNumerics/SimplexOptions/primalFeasibilityTolerance``, 1e-9, on the scaled programs).
///
/// It is not a classification tolerance (that is ``TolokDEA/DEATolerance/classification``): it
/// decides how a program is *posed*. A score held at its optimum enters later programs as the row
/// "numerator − score × denominator = 0". When the score is 1, that row makes the unit's own
/// stage constraint tight, and written with a score of 1 − 2e-16 it is a hair away from a parallel
/// row, which can make the simplex fail. Scores this close to 1 are therefore held as exactly 1
/// (the stage row of the unit at equality) and reported as 1.
public enum EfficiencyGuard {
    public static let tolerance = 1e-9

    /// The score to hold and report: exactly 1 when within ``tolerance`` of it.
    public static func snapped(_ score: Double) -> Double { score >= 1 - tolerance ? 1 : score }
}
