import TolokCore
import TolokDEAModel

/// The options of `tolok run dea`, each declared once.
struct DEAOptions: PluginOptions {
    let inputs = PluginOption.columns("inputs", values: .positive, help: "input columns (strictly positive)")
    let outputs = PluginOption.columns("outputs", values: .nonNegative, help: "output columns (non-negative)")
    let rts = PluginOption.choice("rts", default: ReturnsToScale.crs, help: "returns to scale: crs (CCR), vrs (BCC), nirs, ndrs")
    let orientation = PluginOption.choice("orientation", default: ProjectionOrientation.input, aliases: ["no": .non, "graph": .non],
                                          help: "input (contract inputs, θ) or output (expand outputs, φ; efficiency = 1/φ); non (alias no, graph: both sides, --model sbm|ddf only)")
    let superEfficiency = PluginOption.flag("super", help: "super-efficiency (Andersen-Petersen; with --model sbm, Tone's super-SBM): the unit is left out of its own reference set")
    let scale = PluginOption.flag("scale", help: "also θ under CRS, VRS and NIRS, scale efficiency and the returns-to-scale class")
    let groupBy = PluginOption.optionalColumn("group-by", help: "evaluate each group against its own frontier (e.g. a program column)")
    let period = PluginOption.optionalColumn("period", help: "Malmquist index between consecutive periods (units matched by --id)")
    // Part B (issue #13): non-radial and economic models.
    let model = PluginOption.choice("model", default: DEAModelKind.radial,
                                    help: "radial (θ/φ), additive, sbm (Tone's slacks-based measure), ddf (directional distance β), cost, revenue, profit (from prices)")
    let direction = PluginOption.list("direction", help: "--model ddf: observed (g = x, y; default), unit (g = 1), mean (column means), or m + s columns: the gx columns then the gy columns")
    let inputPrices = PluginOption.optionalColumns("input-prices", values: .nonNegative, help: "--model cost|profit: one price column per input, in --inputs order")
    let outputPrices = PluginOption.optionalColumns("output-prices", values: .nonNegative, help: "--model revenue|profit: one price column per output, in --outputs order")
}
