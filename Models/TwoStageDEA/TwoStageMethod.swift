/// How a two-stage process X → Z → Y is evaluated.
public enum TwoStageMethod: String, Sendable, CaseIterable {
    /// Each stage (X → Z, Z → Y) and the black box (X → Y) scored by its own radial DEA model,
    /// with its own weights (Seiford & Zhu 1999, *Management Science* 45, 1270–1288).
    case independent
    /// One set of weights for both stages, overall = stage 1 × stage 2 (Kao & Hwang 2008,
    /// *EJOR* 185, 418–429). Constant returns to scale only.
    case relational
    /// One set of weights, overall = ω₁·stage 1 + ω₂·stage 2 (Chen, Cook, Li & Zhu 2009,
    /// *EJOR* 196, 1170–1176). Constant or variable returns to scale.
    case additive
}
