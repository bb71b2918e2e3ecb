import TolokCore
import TolokDEAModel

/// The options of `tolok run dea-second-stage`, each declared once.
struct SecondStageOptions: PluginOptions {
    let inputs = PluginOption.columns("inputs", values: .nonNegative, help: "input columns of the first-stage DEA (non-negative)")
    let outputs = PluginOption.columns("outputs", values: .nonNegative, help: "output columns of the first-stage DEA (non-negative)")
    let environment = PluginOption.columns("environment", values: .finite, help: "environmental variables z (a constant is added): δ = zβ + ε, ε ~ N(0, σ²) left-truncated at 1 − zβ")
    let rts = PluginOption.choice("rts", default: DEATechnology.vrs, aliases: ["drs": .nirs, "irs": .ndrs],
                                  help: "returns to scale of the DEA: vrs (default, as Simar-Wilson 2007 and rDEA), crs, nirs (= drs), ndrs (= irs); not fdh")
    let orientation = PluginOption.choice("orientation", default: Orientation.input,
                                          aliases: ["in": .input, "io": .input, "out": .output, "oo": .output],
                                          help: "input (δ = 1/θ, the Shephard input distance) or output (δ = φ, the Farrell output measure)")
    let algorithm = PluginOption.integer("algorithm", default: 2, bounds: .closed(1, 2),
                                         help: "Simar-Wilson (2007) Algorithm 1 (parametric bootstrap of the truncated regression) or 2 (double bootstrap: bias-corrected scores first; the default)")
    let replicates = PluginOption.integer("replicates", default: 2000, bounds: .closed(2, 1_000_000),
                                          help: "L (Algorithm 1) or L2 (Algorithm 2): bootstrap replicates of the truncated regression")
    let firstReplicates = PluginOption.integer("first-replicates", default: 100, bounds: .closed(1, 100_000),
                                               help: "L1 (Algorithm 2 only): replicates of the DEA on pseudo-data for the bias-corrected scores")
    let seed = PluginOption.integer("seed", default: 1, bounds: .closed(0, 9_007_199_254_740_991),
                                    help: "seed: the same seed gives the same numbers whatever --threads is")
    let alpha = PluginOption.number("alpha", default: 0.05, bounds: .openUnit, help: "intervals at level 1 - alpha")
    let threads = PluginOption.integer("threads", default: 0, bounds: .closed(0, 1024), help: "worker threads (0: one per core)")
}
