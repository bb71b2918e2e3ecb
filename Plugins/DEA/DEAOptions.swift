import TolokCore
import TolokDEAModel

/// The options of `tolok run dea`, each declared once.
struct DEAOptions: PluginOptions {
    let inputs = PluginOption.columns("inputs", values: .positive, help: "input columns (strictly positive)")
    let outputs = PluginOption.columns("outputs", values: .nonNegative, help: "output columns (non-negative)")
    let rts = PluginOption.choice("rts", default: ReturnsToScale.crs, help: "returns to scale: crs (CCR), vrs (BCC), nirs, ndrs")
    let orientation = PluginOption.choice("orientation", default: Orientation.input,
                                          help: "input (contract inputs, θ) or output (expand outputs, φ; efficiency = 1/φ)")
    let superEfficiency = PluginOption.flag("super", help: "super-efficiency (Andersen-Petersen): the unit is left out of its own reference set")
    let scale = PluginOption.flag("scale", help: "also θ under CRS, VRS and NIRS, scale efficiency and the returns-to-scale class")
    let groupBy = PluginOption.optionalColumn("group-by", help: "evaluate each group against its own frontier (e.g. a program column)")
    let period = PluginOption.optionalColumn("period", help: "Malmquist index between consecutive periods (units matched by --id)")
}
