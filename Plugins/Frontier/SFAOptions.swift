import TolokCore
import TolokFrontierModel

/// The panel model named by `--model` (the default with `--period` is bc92).
enum SFAPanelModelName: String, CaseIterable, Sendable {
    /// Battese & Coelli (1992), time decay.
    case bc92
    /// Battese & Coelli (1995), inefficiency effects.
    case bc95
}

/// The options of `tolok run sfa`, one declaration each (`tolok describe sfa` shows them in
/// this order). `--distribution` and `--model` have no fixed default: the distribution
/// defaults to half-normal, but to truncated-normal for bc95, and the model to bc92 when
/// `--period` is given (`SFASetup` applies these rules).
struct SFAOptions: PluginOptions {
    let y: DeclaredOption<String> = PluginOption.column("y", values: .finite, help: "dependent variable (log output, or log cost for --frontier cost)")
    let x: DeclaredOption<[String]> = PluginOption.columns("x", values: .finite, help: "frontier regressors (a constant is added)")
    let log: DeclaredOption<Bool> = PluginOption.flag("log", help: "take natural logs of y and every x (all values must be positive)")
    let translog: DeclaredOption<Bool> = PluginOption.flag("translog", help: "add 0.5*x_j^2 and x_j*x_k (j < k) of the (logged) x: translog instead of Cobb-Douglas")
    let distribution: DeclaredOption<InefficiencyDistribution?> = PluginOption.optionalChoice(
        "distribution", as: InefficiencyDistribution.self,
        help: "distribution of u: half-normal (default), truncated-normal (default for bc95), exponential")
    let frontier: DeclaredOption<FrontierType> = PluginOption.choice("frontier", default: .production,
                                                       help: "production: y = xb + v - u; cost: y = xb + v + u")
    let uHet: DeclaredOption<[String]> = PluginOption.optionalColumns("u-het", values: .finite, help: "covariates of ln sigma_u^2 (heteroscedastic inefficiency)")
    let vHet: DeclaredOption<[String]> = PluginOption.optionalColumns("v-het", values: .finite, help: "covariates of ln sigma_v^2 (heteroscedastic noise)")
    let muHet: DeclaredOption<[String]> = PluginOption.optionalColumns("mu-het", values: .finite, help: "covariates of mu, the pre-truncation mean (truncated-normal only)")
    let period: DeclaredOption<String?> = PluginOption.optionalColumn("period", help: "period column (integers, e.g. years): panel data, needs --id; ids unique per period")
    let model: DeclaredOption<SFAPanelModelName?> = PluginOption.optionalChoice(
        "model", as: SFAPanelModelName.self,
        help: "panel model: bc92 (time-decay, default with --period) or bc95 (inefficiency effects, needs --z)")
    let timeInvariant: DeclaredOption<Bool> = PluginOption.flag("time-invariant", help: "bc92 with eta = 0 (time-invariant inefficiency; Pitt & Lee 1981, Battese & Coelli 1988)")
    let level: DeclaredOption<Double> = PluginOption.number("level", default: 0.95, bounds: .openUnit,
                                                            help: "confidence level of the units' u and efficiency intervals (Horrace & Schmidt 1996)")
    let z: DeclaredOption<[String]> = PluginOption.optionalColumns("z", values: .finite, help: "bc95 inefficiency-effect variables: u_it ~ N+(delta0 + z_it delta, sigma_u^2)")
}
