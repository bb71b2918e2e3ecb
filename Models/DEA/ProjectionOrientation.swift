/// The orientation of a DEA model that may also be non-oriented: the radial models take `input`
/// or `output` (``Orientation``); the slacks-based measure and the directional distance function
/// also take `non` (both inputs and outputs adjust; "graph" in the DDF literature).
public enum ProjectionOrientation: String, Sendable, CaseIterable {
    /// Adjust inputs only.
    case input
    /// Adjust outputs only.
    case output
    /// Adjust inputs and outputs together (Tone's non-oriented SBM; the DDF's graph direction).
    case non

    /// The radial orientation, or nil for `non` (radial models have none).
    public var radial: Orientation? {
        switch self {
        case .input: return .input
        case .output: return .output
        case .non: return nil
        }
    }
}
