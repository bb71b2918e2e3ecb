/// The direction in which a DEA model projects a unit onto the frontier.
public enum Orientation: String, Sendable, CaseIterable {
    /// Contract inputs radially at fixed outputs: min θ (Farrell input measure, θ ≤ 1).
    case input
    /// Expand outputs radially at fixed inputs: max φ (Farrell output measure, φ ≥ 1);
    /// the reported efficiency is the Shephard distance 1/φ ≤ 1.
    case output
}
