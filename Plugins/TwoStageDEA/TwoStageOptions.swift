import TolokCore
import TolokDEAModel
import TolokTwoStageDEAModel

/// The returns to scale a two-stage model can be run with.
enum TwoStageReturnsToScale: String, CaseIterable, Sendable {
    case crs, vrs

    var model: ReturnsToScale { self == .crs ? .crs : .vrs }
}

/// The options of `tolok run two-stage-dea`, each declared once.
struct TwoStageOptions: PluginOptions {
    let inputs = PluginOption.columns("inputs", values: .nonNegative,
                                      help: "stage-1 inputs X, non-negative (a unit with every input zero is undefined; docs/DEA.md) (e.g. operation expenses, insurance expenses)")
    let intermediates = PluginOption.columns("intermediates", values: .nonNegative,
                                             help: "intermediate measures Z, non-negative: stage-1 outputs and stage-2 inputs (e.g. direct and reinsurance premiums)")
    let outputs = PluginOption.columns("outputs", values: .nonNegative, help: "stage-2 outputs Y, non-negative (e.g. underwriting and investment profit)")
    let method = PluginOption.choice("method", as: TwoStageMethod.self,
                                     help: "independent (separate CCR/BCC per stage + black box), relational (Kao-Hwang, E = E1*E2, CRS only), additive (Chen-Cook-Li-Zhu, theta = w1*theta1 + w2*theta2)")
    let rts = PluginOption.choice("rts", default: TwoStageReturnsToScale.crs,
                                  help: "returns to scale: crs or vrs (vrs: independent and additive only)").map(\.model)
    let priority = PluginOption.choice("priority", default: StagePriority.stage1,
                                       help: "which stage score is maximised first when the split is not unique (relational, additive)")
}
