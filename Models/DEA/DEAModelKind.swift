/// Which DEA model `tolok run dea` solves (`--model`). Radial: ``DEAModel`` (CCR/BCC, θ or φ);
/// additive: ``AdditiveModel`` (Charnes, Cooper, Golany, Seiford & Stutz 1985, weighted slacks).
public enum DEAModelKind: String, Sendable, CaseIterable {
    case radial
    case additive
}
