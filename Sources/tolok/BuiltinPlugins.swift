import TolokBranchComparison
import TolokCore
import TolokDEA
import TolokInsurance
import TolokTwoStageDEA

/// Plugins compiled into the host. External plugins (like `ratios`) are found at run time.
enum BuiltinPlugins {
    static var all: [any AnalysisPlugin] {
        var plugins: [any AnalysisPlugin] = [
            DEAPlugin(),
            TwoStageDEAPlugin(),
            BranchComparisonPlugin(),
        ]
        plugins += InsurancePlugins.all
        return plugins
    }
}
