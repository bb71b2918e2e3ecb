/// How the weights of each rater are chosen for cross-efficiency (`--cross-efficiency`).
///
/// Sexton, Silkman & Hogan (1986); the secondary goals are Doyle & Green (1994)'s method II.
public enum CrossEfficiencyMethod: String, Sendable, CaseIterable {
    /// No cross-efficiency.
    case none
    /// The multipliers the simplex solver found for the unit's own (CCR/BCC) program. They are not
    /// unique in general, so neither is the matrix (deaR calls this "arbitrary").
    case simple
    /// Among the unit's optimal multipliers, those that maximise Σ_{j≠d} (u·y_j − v·x_j [− u₀]).
    case benevolent
    /// Among the unit's optimal multipliers, those that minimise Σ_{j≠d} (u·y_j − v·x_j [− u₀]).
    case aggressive
}
