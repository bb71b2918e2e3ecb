/// Which DEA model `tolok run dea` solves (`--model`).
public enum DEAModelKind: String, Sendable, CaseIterable {
    /// Radial (Farrell) efficiency: CCR/BCC θ or φ with phase-II slacks (``DEAModel``).
    case radial
    /// The additive model: the largest sum of slacks (Charnes et al. 1985).
    case additive
    /// Tone's slacks-based measure ρ, with super-SBM under `--super` (``SlacksBasedMeasure``).
    case sbm
    /// The directional distance function β (Chambers, Chung & Färe 1996; ``DirectionalDistance``).
    case ddf
    /// Cost efficiency with its technical and allocative parts, from input prices (``EconomicEfficiency``).
    case cost
    /// Revenue efficiency with its technical and allocative parts, from output prices.
    case revenue
    /// Nerlovian profit inefficiency with its technical and allocative parts, from input and output prices.
    case profit
}
