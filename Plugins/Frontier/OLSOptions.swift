import TolokCore
import TolokFrontierModel

/// The options of `tolok run ols`, one declaration each (`tolok describe ols` shows them in
/// this order).
struct OLSOptions: PluginOptions {
    let y: DeclaredOption<String> = PluginOption.column("y", values: .finite, help: "dependent variable (log output or log cost for COLS/MOLS)")
    let x: DeclaredOption<[String]> = PluginOption.columns("x", values: .finite, help: "regressors (a constant is added unless --no-intercept)")
    let log: DeclaredOption<Bool> = PluginOption.flag("log", help: "take natural logs of y and every x (all values must be positive)")
    let degree: DeclaredOption<Int?> = PluginOption.optionalInteger("degree", bounds: .atLeast(1),
                                        help: "polynomial x, x^2, ..., x^N in the single --x column (powers formed in double-double)")
    let noIntercept: DeclaredOption<Bool> = PluginOption.flag("no-intercept", help: "regression through the origin (uncentred R²)")
    let robust: DeclaredOption<Bool> = PluginOption.flag("robust", help: "HC1 heteroscedasticity-robust standard errors, t and p (White 1980; MacKinnon & White 1985)")
    let frontier: DeclaredOption<FrontierType> = PluginOption.choice("frontier", default: .production,
                                                       help: "COLS/MOLS direction: production (frontier above the data) or cost (below)")
}
