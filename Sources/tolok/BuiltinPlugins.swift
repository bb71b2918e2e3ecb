import TolokCore
import TolokDEA
import TolokFrontier
import TolokInsurance

/// Plugins compiled into the host. External plugins (like `ratios`) are found at run time.
enum BuiltinPlugins {
    static var all: [any AnalysisPlugin] { [DEAPlugin(), OLSPlugin(), SFAPlugin()] + InsurancePlugins.all }
}
