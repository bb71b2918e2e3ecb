import TolokCore
import TolokDEAModel

/// The options of `tolok run dea`, each declared once.
struct DEAOptions: PluginOptions {
    let inputs = PluginOption.columns("inputs", values: .positive, help: "input columns (strictly positive)")
    let outputs = PluginOption.columns("outputs", values: .nonNegative, help: "output columns (non-negative)")
    let rts = PluginOption.choice("rts", default: DEATechnology.crs, aliases: ["drs": .nirs, "irs": .ndrs],
                                  help: "returns to scale: crs (CCR), vrs (BCC; the default of --model additive), nirs (= drs), ndrs (= irs), fdh (free disposal hull)")
    let orientation = PluginOption.choice("orientation", default: Orientation.input,
                                          aliases: ["in": .input, "io": .input, "out": .output, "oo": .output],
                                          help: "input (contract inputs, θ) or output (expand outputs, φ; efficiency = 1/φ); in/io, out/oo accepted")
    let superEfficiency = PluginOption.flag("super", help: "super-efficiency (Andersen-Petersen): the unit is left out of its own reference set")
    let scale = PluginOption.flag("scale", help: "also θ under CRS, VRS and NIRS, scale efficiency and the returns-to-scale class")
    let groupBy = PluginOption.optionalColumn("group-by", help: "evaluate each group against its own frontier (e.g. a program column)")
    let period = PluginOption.optionalColumn("period", help: "Malmquist index between consecutive periods (units matched by --id)")
    // Part A of issue #13 (models beyond radial): docs/DEA.md.
    let model = PluginOption.optionalChoice("model", as: DEAModelKind.self, help: "radial (θ or φ; the default) or additive (weighted slacks, --weights)")
    let weights = PluginOption.list("weights", help: "additive model weights: ones (default), ram, mip, or one column per input and output (per-unit weights)")
    let peerCounts = PluginOption.flag("peer-counts", help: "also a table peers: how often each unit is a peer of another unit, and the sum of its λ")
    let reference = PluginOption.file("reference", help: "score the --data units against the technology of this CSV's units (same input/output columns)")
}
