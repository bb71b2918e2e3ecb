/// The technology named by `--rts`: one of the convex ``ReturnsToScale`` (an LP per unit) or
/// the free disposal hull (Deprins, Simar & Tulkens 1984), scored by enumeration (``FDHModel``).
public enum DEATechnology: String, Sendable, CaseIterable {
    case crs, vrs, nirs, ndrs, fdh

    /// The convex returns to scale, `nil` for the free disposal hull.
    public var returnsToScale: ReturnsToScale? {
        switch self {
        case .crs: .crs
        case .vrs: .vrs
        case .nirs: .nirs
        case .ndrs: .ndrs
        case .fdh: nil
        }
    }
}
