import TolokCore
import TolokInsuranceModel

/// The insurance-domain plugins (docs/INSURANCE.md), for the host to register.
///
/// Each plugin is in three parts: its typed options (`…Options`, every option declared once),
/// the plugin (options and columns → model → report) and the report (typed model result →
/// tables, summary and notes).
public enum InsurancePlugins {
    public static var all: [any AnalysisPlugin] {
        [UnderwritingPlugin(), RiskPlacementPlugin(), RecoveriesPlugin(), ContributionsPlugin(), CoveragePlugin(), LoanCollectibilityPlugin()]
    }
}

/// The key columns of a file for some roles, as (role key, column name), in role order.
func keyColumns(_ roles: [ColumnRole], _ resolver: ColumnResolver, in data: Dataset) throws -> [(role: String, column: String)] {
    try roles.compactMap { role in try resolver.find(role, in: data).map { (role.key, $0) } }
}

/// `--group-by` names: a column of the file, or the key of one of `roles` found in it; anything
/// else is the located "no such column" error.
func groupColumns(_ names: [String], roles: [ColumnRole], _ resolver: ColumnResolver, in data: Dataset) throws -> [String] {
    try names.map { name -> String in
        if data.hasColumn(name) { return name }
        if let role = roles.first(where: { $0.key == name }), let found = try resolver.find(role, in: data) { return found }
        _ = try data.column(name)  // throws the located "no such column" error
        return name
    }
}
