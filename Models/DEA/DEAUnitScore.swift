import TolokDomain

/// The DEA result of one unit, in the original units of the data.
public struct DEAUnitScore: Sendable {
    public var status: UnitStatus
    /// θ (input orientation) or φ (output orientation); NaN unless optimal.
    public var radial: Double
    /// Input slacks s⁻ and output slacks s⁺ from phase II (original units).
    public var inputSlacks: [Double]
    public var outputSlacks: [Double]
    /// Projected targets: input x̂ = θx − s⁻ (output orientation: x − s⁻); ŷ = y + s⁺ (φy + s⁺).
    public var inputTargets: [Double]
    public var outputTargets: [Double]
    /// Units with λ > ``DEATolerance/classification`` in the phase-II solution, with their λ.
    public var peers: [(unit: Int, lambda: Double)]
    /// Multiplier weights (original units) from the phase-I duals: v for inputs, u for outputs.
    public var inputWeights: [Double]
    public var outputWeights: [Double]
    /// The multiplier-form constant: u₀ (input orientation) or v₀ (output), 0 under CRS.
    public var constant: Double
    /// LP iterations used (phase I + phase II).
    public var iterations: Int

    /// The efficiency score: θ (input) or the Shephard distance 1/φ (output).
    public func efficiency(_ orientation: Orientation) -> Double {
        guard status == .ok else { return .nan }
        return orientation == .input ? radial : 1 / radial
    }

    /// Pareto-Koopmans efficient: radial score 1 and no slack (tolerance ``DEATolerance``).
    public var isEfficient: Bool {
        status == .ok && abs(radial - 1) <= DEATolerance.classification && !hasSlack
    }

    /// Some slack exceeds the tolerance relative to the unit's own value.
    public var hasSlack: Bool { relativeSlackMax > DEATolerance.classification }

    /// Phase II was unbounded (a zero-input unit with positive outputs in a CRS/NDRS reference
    /// set): the slacks and targets are NaN, the class counts the slack as positive.
    public var slacksUnbounded = false

    /// The largest slack relative to the unit's own value (set by the solver).
    public var relativeSlackMax: Double = 0

    public static func failed(_ status: UnitStatus, m: Int, s: Int, iterations: Int = 0) -> DEAUnitScore {
        let nan = Double.nan
        return DEAUnitScore(status: status, radial: nan, inputSlacks: Array(repeating: nan, count: m),
                            outputSlacks: Array(repeating: nan, count: s), inputTargets: Array(repeating: nan, count: m),
                            outputTargets: Array(repeating: nan, count: s), peers: [],
                            inputWeights: Array(repeating: nan, count: m), outputWeights: Array(repeating: nan, count: s),
                            constant: nan, iterations: iterations)
    }
}
