import TolokCore
import TolokFrontierModel

/// The options of `tolok run ols`, one declaration each (`tolok describe ols` shows them in
/// this order).
struct OLSOptions: PluginOptions {
    let y: PluginOption<String> = .column("y", values: .finite, help: "dependent variable (log output or log cost for COLS/MOLS)")
    let x: PluginOption<[String]> = .columns("x", values: .finite, help: "regressors (a constant is added unless --no-intercept)")
    let log: PluginOption<Bool> = .flag("log", help: "take natural logs of y and every x (all values must be positive)")
    let degree: PluginOption<Int?> = .optionalInteger("degree", bounds: .atLeast(1),
                                        help: "polynomial x, x^2, ..., x^N in the single --x column (powers formed in double-double)")
    let noIntercept: PluginOption<Bool> = .flag("no-intercept", help: "regression through the origin (uncentred R²)")
    let robust: PluginOption<Bool> = .flag("robust", help: "HC1 heteroscedasticity-robust standard errors, t and p (White 1980; MacKinnon & White 1985)")
    let frontier: PluginOption<FrontierType> = .choice("frontier", default: .production,
                                                       help: "COLS/MOLS direction: production (frontier above the data) or cost (below)")
}
