/// One constraint of a multiplier program over the weights π: `coefficients·π ≤ rhs` or `= rhs`.
public struct MultiplierConstraint: Sendable {
    public enum Relation: Sendable {
        /// `a·π ≤ b` (its dual variable is ≥ 0).
        case atMost
        /// `a·π = b` (its dual variable is free).
        case equal
    }

    public var coefficients: [Double]
    public var relation: Relation
    public var rhs: Double

    public static func atMost(_ coefficients: [Double], _ rhs: Double) -> MultiplierConstraint {
        MultiplierConstraint(coefficients: coefficients, relation: .atMost, rhs: rhs)
    }

    public static func equal(_ coefficients: [Double], _ rhs: Double) -> MultiplierConstraint {
        MultiplierConstraint(coefficients: coefficients, relation: .equal, rhs: rhs)
    }
}
