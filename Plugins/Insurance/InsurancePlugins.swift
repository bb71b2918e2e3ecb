import TolokCore
import TolokInsuranceModel

/// The insurance-domain plugins (MODELS.md §4–§5), for the host to register.
public enum InsurancePlugins {
    public static var all: [any AnalysisPlugin] {
        [UnderwritingPlugin(), RiskPlacementPlugin(), RecoveriesPlugin(), ContributionsPlugin(), CoveragePlugin(), LoanCollectibilityPlugin()]
    }
}
