import TolokCore
import TolokFrontierModel

/// `tolok run sfa`: stochastic frontier analysis by maximum likelihood — cross-sectional
/// normal–half-normal, normal–truncated-normal and normal–exponential production or cost
/// frontiers, heteroscedastic inefficiency and noise, the Battese & Coelli (1992) time-decay
/// panel model and the Battese & Coelli (1995) inefficiency-effects model, with JLMS and
/// Battese–Coelli unit efficiencies and the one-sided LR test of no inefficiency.
///
/// Models (ε = v − S·u, S = +1 production, −1 cost; v ~ N(0, σ_v²)):
/// * u ~ N⁺(μ, σ_u²): per unit ℓ = −½ ln 2π − ½ ln σ² − ½ r² + ln Φ(a) − ln Φ(μ/σ_u) with
///   σ² = σ_u² + σ_v², r = (Sε + μ)/σ, a = (μσ_v² − Sεσ_u²)/(σσ_uσ_v) (Stevenson 1980;
///   μ = 0 is the half-normal model of Aigner, Lovell & Schmidt 1977) — `CrossSectionLikelihood`;
/// * u ~ Exponential(mean σ_u) (Meeusen & van den Broeck 1977);
/// * heteroscedastic: ln σ_u,i² = z_i δ_u, ln σ_v,i² = z_i δ_v, μ_i = z_i δ_μ (Caudill, Ford &
///   Gropper 1995); BC95 is μ_it = δ₀ + z_it δ (Battese & Coelli 1995, eq. (2));
/// * BC92: u_it = exp(−η(t − T)) u_i (Battese & Coelli 1992, eq. (2)) — `BatteseCoelli92Likelihood`.
/// Predictions with u|ε ~ N⁺(μ*, σ*²): E[u|ε] = μ* + σ*φ(μ*/σ*)/Φ(μ*/σ*) (Jondrow, Lovell,
/// Materov & Schmidt 1982) and E[exp(−u)|ε] = Φ(μ*/σ* − σ*)/Φ(μ*/σ*)·exp(−μ* + σ*²/2)
/// (Battese & Coelli 1988) — `FrontierEfficiencies`. The LR test of no inefficiency uses the
/// Kodde & Palm (1986) mixed χ² critical values — `KoddePalm`. With covariates of u, the marginal
/// effects of each on E(u) and V(u) (Wang 2002) — `InefficiencyMarginalEffects`. docs/FRONTIER.md states these
/// formulations and describes every output column and the accuracy reached against FRONTIER 4.1,
/// R frontier and sfaR.
public struct SFAPlugin: AnalysisPlugin {
    public init() {}

    static let options = SFAOptions()

    public let descriptor = PluginDescriptor(
        id: "sfa",
        version: "1.0.0",
        summary: "Stochastic frontier analysis (ML): half-normal, truncated-normal, exponential; heteroscedasticity; Battese-Coelli 1992/1995 panels",
        options: SFAPlugin.options,
        references: [
            "Aigner, D., Lovell, C.A.K. & Schmidt, P. (1977). Formulation and estimation of stochastic frontier production function models. Journal of Econometrics 6(1), 21-37.",
            "Meeusen, W. & van den Broeck, J. (1977). Efficiency estimation from Cobb-Douglas production functions with composed error. International Economic Review 18(2), 435-444.",
            "Stevenson, R.E. (1980). Likelihood functions for generalized stochastic frontier estimation. Journal of Econometrics 13(1), 57-66.",
            "Battese, G.E. & Corra, G.S. (1977). Estimation of a production frontier model. Australian Journal of Agricultural Economics 21(3), 169-179 (gamma parameterisation).",
            "Jondrow, J., Lovell, C.A.K., Materov, I.S. & Schmidt, P. (1982). On the estimation of technical inefficiency in the stochastic frontier production function model. Journal of Econometrics 19(2-3), 233-238.",
            "Battese, G.E. & Coelli, T.J. (1988). Prediction of firm-level technical efficiencies with a generalized frontier production function and panel data. Journal of Econometrics 38(3), 387-399.",
            "Battese, G.E. & Coelli, T.J. (1992). Frontier production functions, technical efficiency and panel data. Journal of Productivity Analysis 3, 153-169.",
            "Battese, G.E. & Coelli, T.J. (1995). A model for technical inefficiency effects in a stochastic frontier production function for panel data. Empirical Economics 20, 325-332.",
            "Caudill, S.B., Ford, J.M. & Gropper, D.M. (1995). Frontier estimation and firm-specific inefficiency measures in the presence of heteroscedasticity. JBES 13(1), 105-111.",
            "Wang, H.-J. (2002). Heteroscedasticity and non-monotonic efficiency effects of a stochastic frontier model. Journal of Productivity Analysis 18, 241-253 (marginal effects).",
            "Kodde, D.A. & Palm, F.C. (1986). Wald criteria for jointly testing equality and inequality restrictions. Econometrica 54(5), 1243-1248.",
            "Coelli, T.J. (1996). A Guide to FRONTIER Version 4.1. CEPA Working Paper 96/07, University of New England (accuracy reference).",
        ],
        tables: ["units", "coefficients", "firms", "covariance", "elasticities", "marginal_effects"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let setup = try SFASetup(request, options: Self.options)
        let fit = try setup.estimate()
        var result = try SFAReport(setup: setup, fit: fit, level: try request.option(Self.options.level)).result(descriptor: descriptor)
        // The effective distribution (half-normal, or truncated-normal for bc95) in place of null.
        if try request.option(Self.options.distribution) == nil { result.parameters.append(("distribution", .text(setup.distribution.rawValue))) }
        return result
    }
}
