/// Where each multiplier weight sits in the vector π of a two-stage program:
///
///     π = (v₁ … vₘ, w₁ … w_q, u₁ … uₛ [, c₁, c₂])
///
/// v weighs the inputs X, w the intermediate measures Z (the same w in both stages: the stages
/// are linked, Kao & Hwang 2008), u the outputs Y; under VRS the free constants c₁, c₂ of stage 1
/// and stage 2 (Chen, Cook, Li & Zhu 2009 write them u¹ and u²). Sign convention: a stage score is
/// (weighted outputs of the stage + its constant) / weighted inputs of the stage.
public struct WeightLayout: Sendable {
    public let inputCount: Int
    public let intermediateCount: Int
    public let outputCount: Int
    /// Whether π carries the free stage constants c₁, c₂ (VRS).
    public let hasConstants: Bool

    public init(_ data: TwoStageData, constants: Bool) {
        inputCount = data.inputCount
        intermediateCount = data.intermediateCount
        outputCount = data.outputCount
        hasConstants = constants
    }

    public var size: Int { inputCount + intermediateCount + outputCount + (hasConstants ? 2 : 0) }
    public var intermediateOffset: Int { inputCount }
    public var outputOffset: Int { inputCount + intermediateCount }
    public var constantOffset: Int { inputCount + intermediateCount + outputCount }

    /// Which weights are free: the stage constants; v, w, u are ≥ 0.
    public var freeWeights: [Bool] { (0..<size).map { hasConstants && $0 >= constantOffset } }

    /// A coefficient vector over π. Constants are ignored without VRS.
    public func vector(v: [Double]? = nil, w: [Double]? = nil, u: [Double]? = nil, c1: Double = 0, c2: Double = 0) -> [Double] {
        var p = [Double](repeating: 0, count: size)
        if let v { for i in 0..<inputCount { p[i] = v[i] } }
        if let w { for d in 0..<intermediateCount { p[intermediateOffset + d] = w[d] } }
        if let u { for r in 0..<outputCount { p[outputOffset + r] = u[r] } }
        if hasConstants {
            p[constantOffset] = c1
            p[constantOffset + 1] = c2
        }
        return p
    }

    /// The stage constraints of every unit j (Kao & Hwang 2008; Chen, Cook, Li & Zhu 2009):
    ///
    ///     stage 1:  w·z̃ⱼ + c₁ − v·x̃ⱼ ≤ 0        stage 2:  u·ỹⱼ + c₂ − w·z̃ⱼ ≤ 0
    ///
    /// so that no unit scores above 1 in either stage under these weights.
    public func stageConstraints(_ data: TwoStageData) -> [MultiplierConstraint] {
        let n = data.unitCount
        let first = (0..<n).map { j in
            MultiplierConstraint.atMost(vector(v: data.input(of: j).map { -$0 }, w: data.intermediate(of: j), c1: 1), 0)
        }
        let second = (0..<n).map { j in
            MultiplierConstraint.atMost(vector(w: data.intermediate(of: j).map { -$0 }, u: data.output(of: j), c2: 1), 0)
        }
        return first + second
    }

    /// The weights of π in the data's own units (scaled weight ÷ column scale), and the constants.
    /// Round-off below zero in v, w, u (duals of the order of 1e-20) is reported as 0.
    public func unscaled(_ pi: [Double], _ data: TwoStageData) -> (v: [Double], w: [Double], u: [Double], c1: Double?, c2: Double?) {
        let v = (0..<inputCount).map { max(0, pi[$0]) / data.inputScale[$0] }
        let w = (0..<intermediateCount).map { max(0, pi[intermediateOffset + $0]) / data.intermediateScale[$0] }
        let u = (0..<outputCount).map { max(0, pi[outputOffset + $0]) / data.outputScale[$0] }
        return (v, w, u, hasConstants ? pi[constantOffset] : nil, hasConstants ? pi[constantOffset + 1] : nil)
    }
}
