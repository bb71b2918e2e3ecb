/// A unit's overall two-stage efficiency split into its stages.
///
/// A stage score is `nil` when it is undefined: under VRS the additive model can put zero
/// weight ω on a stage at every optimum, and then nothing determines that stage's score.
public struct StageSplit: Sendable, Equatable {
    /// Stage 1 (marketability, X → Z).
    public var stage1: Double?
    /// Stage 2 (profitability, Z → Y).
    public var stage2: Double?
    /// ω₁ = v·x / (v·x + w·z), the additive model's weight of stage 1 (`nil` for the other methods).
    public var stage1Weight: Double?

    public init(stage1: Double?, stage2: Double?, stage1Weight: Double? = nil) {
        self.stage1 = stage1
        self.stage2 = stage2
        self.stage1Weight = stage1Weight
    }

    /// ω₂ = 1 − ω₁.
    public var stage2Weight: Double? { stage1Weight.map { 1 - $0 } }

    /// Both scores defined and each within `tolerance` of the other split's.
    public func agrees(with other: StageSplit, tolerance: Double) -> Bool {
        guard let a1 = stage1, let a2 = stage2, let b1 = other.stage1, let b2 = other.stage2 else { return false }
        return abs(a1 - b1) <= tolerance && abs(a2 - b2) <= tolerance
    }
}
