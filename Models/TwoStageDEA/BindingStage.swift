import TolokDEAModel

/// The stage that limits a unit's overall efficiency: the one with the lower score (docs/MODELS.md §2).
public enum BindingStage: String, Sendable, CaseIterable {
    /// Stage 1 (marketability: X → Z) scores lower.
    case stage1
    /// Stage 2 (profitability: Z → Y) scores lower.
    case stage2
    /// Both scores are equal within ``DEATolerance/classification``.
    case tie

    /// The binding stage of a split, or `nil` when either score is undefined.
    public init?(stage1: Double?, stage2: Double?) {
        guard let a = stage1, let b = stage2, a.isFinite, b.isFinite else { return nil }
        if abs(a - b) <= DEATolerance.classification { self = .tie } else { self = a < b ? .stage1 : .stage2 }
    }
}
