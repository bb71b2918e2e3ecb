/// Returns to scale of a unit (Färe, Grosskopf & Lovell 1985).
public enum ScaleClass: String, Sendable {
    case constant
    case increasing
    case decreasing
}

/// Scale efficiency SE = E_CRS / E_VRS, and the returns-to-scale class: SE = 1 → constant;
/// otherwise E_NIRS = E_CRS → increasing, else decreasing (all within ``DEATolerance``). E is the
/// efficiency score of the chosen orientation (θ, or 1/φ).
public struct ScaleEfficiency: Sendable {
    public var crs: Double
    public var vrs: Double
    public var nirs: Double

    public init(crs: Double, vrs: Double, nirs: Double) {
        self.crs = crs
        self.vrs = vrs
        self.nirs = nirs
    }

    public var efficiency: Double { crs / vrs }

    public var returnsToScale: ScaleClass? {
        guard crs.isFinite, vrs.isFinite, nirs.isFinite else { return nil }
        let tol = DEATolerance.classification
        if abs(efficiency - 1) <= tol { return .constant }
        return abs(nirs - crs) <= tol ? .increasing : .decreasing
    }
}
