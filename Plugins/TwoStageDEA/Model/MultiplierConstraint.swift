/// One constraint of a multiplier program over the weights π: `coefficients·π ≤ rhs` or `= rhs`.
struct MultiplierConstraint: Sendable {
    enum Relation: Sendable {
        /// `a·π ≤ b` (its dual variable is ≥ 0).
        case atMost
        /// `a·π = b` (its dual variable is free).
        case equal
    }

    var coefficients: [Double]
    var relation: Relation
    var rhs: Double

    static func atMost(_ coefficients: [Double], _ rhs: Double) -> MultiplierConstraint {
        MultiplierConstraint(coefficients: coefficients, relation: .atMost, rhs: rhs)
    }

    static func equal(_ coefficients: [Double], _ rhs: Double) -> MultiplierConstraint {
        MultiplierConstraint(coefficients: coefficients, relation: .equal, rhs: rhs)
    }
}
