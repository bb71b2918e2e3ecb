import TolokDomain
import TolokDEAModel

/// The outcome of a multiplier program: how it ended, its optimal value and the weights π
/// (scaled data, in ``WeightLayout`` order). `value` and `weights` are meaningful only when
/// `status` is ``UnitStatus/ok``.
public struct MultiplierSolution: Sendable {
    public var status: UnitStatus
    public var value: Double
    public var weights: [Double]

    public var isOptimal: Bool { status == .ok }
}
