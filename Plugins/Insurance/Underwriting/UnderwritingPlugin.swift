import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run underwriting`: the underwriting result of each branch × class of business ×
/// period, its decomposition into NEP, net commission and net claims incurred, the usual
/// ratios, group sums and the company total, and the KMK 481/1999 premium-reserve check.
///
/// The rules are those of docs/INSURANCE.md §4 (working document 003 §2.4.2, "Mendapatkan
/// Hasil Underwriting", and its worked example); see ``UnderwritingAccount``.
public struct UnderwritingPlugin: AnalysisPlugin {
    public init() {}

    static let options = UnderwritingOptions()
    /// The grouping columns a file may have.
    static let keyRoles: [ColumnRole] = [.branch, .classOfBusiness, .period]

    public let descriptor = PluginDescriptor(
        id: "underwriting",
        version: "1.0.0",
        summary: "Underwriting result per branch × class × period: retained premium, NEP, NC, NCI, loss/commission/combined/retention ratios, KMK 481/1999 reserve check",
        options: UnderwritingPlugin.options,
        references: [
            "Working document 003 (thesis chapter on performance measurement and the general-insurance business process), §2.4.2 Proses Pengelolaan Premi Resiko (Underwriting): the nine steps and the underwriting result formula, with the worked example (surplus 75.295.920,31 as printed; 75.295.920,29 from its components).",
            "Keputusan Menteri Keuangan No. 481/KMK.017/1999, Kesehatan Keuangan Perusahaan Asuransi dan Perusahaan Reasuransi, art. 15: unearned-premium reserve at least 40% of retained premium.",
            "docs/INSURANCE.md §4: NEP, NC, NCI and the loss, commission, combined and retention ratios.",
        ],
        tables: ["units", "groups", "total"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        let data = request.dataset
        let resolver = try ColumnResolver(roles: ColumnRole.underwritingComponents + Self.keyRoles, mapEntries: try request.option(o.map))
        let floor = try request.option(o.reserveFloor)
        let accounts = try Self.accounts(data, resolver)

        // Keys: branch, class, period as present; ids from --id or the keys.
        let keys = try keyColumns(Self.keyRoles, resolver, in: data)
        let keyValues = try data.keys(keys.map(\.column))
        let ids: [String]
        if let idColumn = request.idColumn {
            ids = try data.ids(column: idColumn)
        } else if !keys.isEmpty {
            try data.requireUniqueKeys(keyValues, columns: keys.map(\.column), what: keys.map(\.role).joined(separator: " × "))
            ids = keyValues.map(groupID)
        } else {
            ids = try data.ids(column: nil)
        }

        var groups: UnderwritingReport.Groups?
        let groupNames = try request.option(o.groupBy)
        if !groupNames.isEmpty {
            let columns = try groupColumns(groupNames, roles: Self.keyRoles, resolver, in: data)
            let groupKeys = try data.keys(columns)
            groups = .init(columns: columns, groups: OrderedGroups(rows: 0..<data.rowCount) { groupKeys[$0] })
        }

        let report = UnderwritingReport(ids: ids, keyRoles: keys.map(\.role), keys: keyValues, accounts: accounts, groups: groups,
                                        floor: floor, components: try request.option(o.components))
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: report.tables, summary: report.summary, notes: report.notes)
    }

    /// One account per row. Every component is required and non-negative (the formula gives
    /// each its sign).
    static func accounts(_ data: Dataset, _ resolver: ColumnResolver) throws -> [UnderwritingAccount] {
        var columnOf: [UnderwritingComponent: String] = [:]
        for c in UnderwritingComponent.allCases { columnOf[c] = try resolver.require(c.rawValue, in: data) }
        var values: [UnderwritingComponent: [Decimal]] = [:]
        for c in UnderwritingComponent.allCases { values[c] = try data.requiredAmounts(columnOf[c]!, .nonNegative) }
        return (0..<data.rowCount).map { r in
            UnderwritingAccount(Dictionary(uniqueKeysWithValues: UnderwritingComponent.allCases.map { ($0, values[$0]![r]) }))
        }
    }
}
