import TolokCore
import TolokDEAModel

/// The options of `tolok run dea`, each declared once.
struct DEAOptions: PluginOptions {
    let inputs = PluginOption.columns("inputs", values: .nonNegative, help: "input columns (non-negative; zeros where the program is defined, docs/DEA.md)")
    let outputs = PluginOption.columns("outputs", values: .nonNegative, help: "output columns (non-negative)")
    let rts = PluginOption.choice("rts", default: DEATechnology.crs, aliases: ["drs": .nirs, "irs": .ndrs],
                                  help: "returns to scale: crs (CCR), vrs (BCC; the default of --model additive), nirs (= drs), ndrs (= irs), fdh (free disposal hull; radial and additive models)")
    let orientation = PluginOption.choice("orientation", default: ProjectionOrientation.input,
                                          aliases: ["in": .input, "io": .input, "out": .output, "oo": .output, "no": .non, "graph": .non],
                                          help: "input (contract inputs, θ) or output (expand outputs, φ; efficiency = 1/φ); non (both sides, --model sbm|ddf only); in/io, out/oo, no/graph accepted")
    let superEfficiency = PluginOption.flag("super", help: "super-efficiency (Andersen-Petersen; with --model sbm, Tone's super-SBM): the unit is left out of its own reference set")
    let scale = PluginOption.flag("scale", help: "also θ under CRS, VRS and NIRS, scale efficiency and the returns-to-scale class")
    let groupBy = PluginOption.optionalColumn("group-by", help: "evaluate each group against its own frontier (e.g. a program column)")
    let period = PluginOption.optionalColumn("period", help: "Malmquist index between consecutive periods (units matched by --id); under --rts crs with the VRS decomposition pech × sech")
    let malmquistReference = PluginOption.choice("malmquist-reference", default: MalmquistReference.adjacent,
                                                 help: "--period: the technologies compared: adjacent (each period's own units), sequential (the units of every period up to it), global (one technology of all periods; Pastor & Lovell 2005)")
    // Issue #13 (models beyond radial): docs/DEA.md.
    let model = PluginOption.optionalChoice("model", as: DEAModelKind.self,
                                            help: "radial (θ or φ; the default), additive (weighted slacks, --weights), sbm (Tone's slacks-based measure), ddf (directional distance β), cost, revenue, profit (from prices)")
    let weights = PluginOption.list("weights", help: "additive model weights: ones (default), ram, mip, or one column per input and output (per-unit weights)")
    let peerCounts = PluginOption.flag("peer-counts", help: "also a table peers: how often each unit is a peer of another unit, and the sum of its λ")
    let reference = PluginOption.file("reference", help: "score the --data units against the technology of this CSV's units (same input/output columns)")
    // Issue #18 (distributed DEA, docs/DISTRIBUTED.md): Plugins/DEA/DEAPlugin+Frontier.swift.
    let frontierOnly = PluginOption.flag("frontier-only", help: "write only the units spanning the technology (table frontier: row, id, inputs, outputs; as CSV a --reference file)")
    let rowOffset = PluginOption.integer("row-offset", default: 0, bounds: .atLeast(0), help: "added to the row numbers of the frontier table (the block's first row - 1 when --data is one block of a larger file)")
    let direction = PluginOption.list("direction", help: "--model ddf, and the normalisation of --model profit: observed (g = x, y; default), unit (g = 1), mean (column means), or m + s columns: the gx columns then the gy columns")
    let inputPrices = PluginOption.optionalColumns("input-prices", values: .nonNegative, help: "--model cost|profit: one price column per input, in --inputs order")
    let outputPrices = PluginOption.optionalColumns("output-prices", values: .nonNegative, help: "--model revenue|profit: one price column per output, in --outputs order")
    // Issue #20 (inference): Plugins/DEA/DEAPlugin+Bootstrap.swift, docs/DEA.md "Bootstrap".
    let bootstrap = PluginOption.optionalInteger("bootstrap", bounds: .closed(2, 1_000_000),
                                                 help: "B replicates of the Simar-Wilson (1998) smoothed bootstrap: bias, bias-corrected scores, standard errors and (1 - alpha) intervals (table bootstrap; radial model, convex technology)")
    let rtsTest = PluginOption.flag("rts-test", help: "bootstrap test of CRS against VRS (Simar-Wilson 2002, statistic sum CRS / sum VRS efficiencies): table rts_test; --bootstrap B replicates (default 2000)")
    let seed = PluginOption.integer("seed", default: 1, bounds: .closed(0, 9_007_199_254_740_991),
                                    help: "seed of --bootstrap and --rts-test: the same seed gives the same numbers whatever --threads is")
    // Issue #14: Plugins/DEA/DEAPlugin+CrossEfficiency.swift, docs/DEA.md "Cross-efficiency".
    let crossEfficiency = PluginOption.choice("cross-efficiency", default: CrossEfficiencyMethod.none,
                                              help: "cross-efficiency matrix (table cross_efficiency) and mean_cross_efficiency per unit: simple (the solver's multipliers; not unique), benevolent or aggressive (Doyle & Green 1994 method II); radial, input orientation, crs or vrs")
    let threads = PluginOption.integer("threads", default: 0, bounds: .closed(0, 1024),
                                       help: "worker threads for the radial scores and --bootstrap (0: one per core)")
    let alpha = PluginOption.number("alpha", default: 0.05, bounds: .openUnit, help: "--bootstrap intervals at level 1 - alpha; the level of --rts-test")
}
