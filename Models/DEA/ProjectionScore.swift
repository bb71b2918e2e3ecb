import TolokDomain

/// The result of one unit under a non-radial DEA model (slacks-based measure, directional
/// distance function), in the original units of the data.
public struct ProjectionScore: Sendable {
    public var status: UnitStatus
    /// The model's score: ρ (SBM; super-SBM δ ≥ 1) or β (DDF inefficiency); NaN unless `ok`.
    public var score: Double
    /// Input slacks s⁻ and output slacks s⁺ (original units).
    public var inputSlacks: [Double]
    public var outputSlacks: [Double]
    /// The projection on the frontier (original units).
    public var inputTargets: [Double]
    public var outputTargets: [Double]
    /// Reference units with λ > ``DEATolerance/classification``.
    public var peers: [(unit: Int, lambda: Double)]
    /// Whether the super-efficiency program (unit left out of its own reference set) gave `score`.
    public var isSuper: Bool = false

    public static func failed(_ status: UnitStatus, m: Int, s: Int) -> ProjectionScore {
        let nan = Double.nan
        return ProjectionScore(status: status, score: nan, inputSlacks: Array(repeating: nan, count: m),
                               outputSlacks: Array(repeating: nan, count: s), inputTargets: Array(repeating: nan, count: m),
                               outputTargets: Array(repeating: nan, count: s), peers: [])
    }
}
