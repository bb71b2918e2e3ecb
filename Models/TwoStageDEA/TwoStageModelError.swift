import TolokDEAModel

/// A two-stage model that cannot be set up as asked.
public enum TwoStageModelError: Error, Equatable, CustomStringConvertible {
    /// Kao & Hwang's multiplicative decomposition E = E₁·E₂ holds under CRS only.
    case relationalNeedsConstantReturns
    /// Only CRS and VRS are defined for two-stage models.
    case unsupportedReturnsToScale(ReturnsToScale)

    public var description: String {
        switch self {
        case .relationalNeedsConstantReturns:
            return "the relational model (Kao & Hwang 2008) is defined under constant returns to scale only: "
                + "for --rts vrs use --method additive (Chen, Cook, Li & Zhu 2009), or --method independent"
        case .unsupportedReturnsToScale(let rts):
            return "returns to scale \(rts.rawValue) is not available for two-stage DEA: use crs or vrs"
        }
    }
}
