import TolokDEA

/// The outcome of a multiplier program: how it ended, its optimal value and the weights π
/// (scaled data, in ``WeightLayout`` order). `value` and `weights` are meaningful only when
/// `status` is ``TolokDEA/DEAStatus/optimal``.
struct MultiplierSolution: Sendable {
    var status: DEAStatus
    var value: Double
    var weights: [Double]

    var isOptimal: Bool { status == .optimal }
}
