import TolokDomain
import TolokDEAModel

/// The two-stage result of one unit.
public struct TwoStageUnitScore: Sendable {
    /// How the unit's programs ended; the scores below are `nil` unless ``UnitStatus/ok``.
    public var status: UnitStatus
    /// Overall efficiency: E = E₁·E₂ (relational), θ = ω₁θ₁ + ω₂θ₂ (additive), stage 1 × stage 2
    /// (independent; compare ``blackBox``).
    public var overall: Double?
    /// The split under the requested priority.
    public var split: StageSplit
    /// The split under the other priority (linked models only).
    public var otherSplit: StageSplit?
    /// Both priorities give the same split within ``TolokDEA/DEATolerance/classification`` (always
    /// true for the independent model, whose stage scores are optimal values of separate programs).
    public var isSplitUnique: Bool
    /// The one-stage score X → Y (independent model only).
    public var blackBox: Double?
    /// The weights behind ``split``.
    public var weights: StageWeights?

    public init(status: UnitStatus, overall: Double?, split: StageSplit, otherSplit: StageSplit? = nil,
                isSplitUnique: Bool, blackBox: Double? = nil, weights: StageWeights? = nil) {
        self.status = status
        self.overall = overall
        self.split = split
        self.otherSplit = otherSplit
        self.isSplitUnique = isSplitUnique
        self.blackBox = blackBox
        self.weights = weights
    }

    /// The lower-scoring stage, or `nil` when a stage score is undefined.
    public var bindingStage: BindingStage? { BindingStage(stage1: split.stage1, stage2: split.stage2) }

    public static func failed(_ status: UnitStatus) -> TwoStageUnitScore {
        TwoStageUnitScore(status: status, overall: nil, split: StageSplit(stage1: nil, stage2: nil), isSplitUnique: false)
    }
}
