import TolokBranchComparison
import TolokCore
import TolokDEA
import TolokFrontier
import TolokInsurance
import TolokTwoStageDEA

/// Plugins compiled into the host. External plugins (like `ratios`) are found at run time.
enum BuiltinPlugins {
    static var all: [any AnalysisPlugin] {
        var plugins: [any AnalysisPlugin] = [
            DEAPlugin(),
            TwoStageDEAPlugin(),
            OLSPlugin(),
            SFAPlugin(),
            BranchComparisonPlugin(),
        ]
        plugins += InsurancePlugins.all
        return plugins
    }
}
