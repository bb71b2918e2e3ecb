import TolokBranchComparison
import TolokCore
import TolokDEA
import TolokFrontier
import TolokInsurance
import TolokTwoStageDEA

/// Plugins compiled into the host (and registered by the test harness). External plugins (like
/// `ratios`) are found at run time.
public enum BuiltinPlugins {
    public static var all: [any AnalysisPlugin] {
        var plugins: [any AnalysisPlugin] = [
            DEAPlugin(),
            SecondStagePlugin(),
            TwoStageDEAPlugin(),
            OLSPlugin(),
            SFAPlugin(),
            BranchComparisonPlugin(),
        ]
        plugins += InsurancePlugins.all
        return plugins
    }
}
