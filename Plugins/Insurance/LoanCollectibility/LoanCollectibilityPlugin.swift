import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run loan-collectibility`: each loan's class Kol 1–5 from its days past due, the
/// outstanding per class, and the NPL ratio overall and per group (see ``Collectibility`` and
/// docs/INSURANCE.md §8).
public struct LoanCollectibilityPlugin: AnalysisPlugin {
    public init() {}

    static let options = LoanCollectibilityOptions()
    static let roles: [ColumnRole] = [.outstanding, .daysPastDue]

    public let descriptor = PluginDescriptor(
        id: "loan-collectibility",
        version: "1.0.0",
        summary: "Loan collectibility Kol 1–5 from days past due (0 / 1–90 / 91–120 / 121–180 / > 180) and the NPL ratio",
        options: LoanCollectibilityPlugin.options,
        references: [
            "Peraturan Bank Indonesia No. 14/15/PBI/2012 and POJK No. 40/POJK.03/2019, Penilaian Kualitas Aset Bank Umum: collectibility by days past due.",
            "docs/INSURANCE.md §8: Kol 1 (0), Kol 2 (1–90), Kol 3 (91–120), Kol 4 (121–180), Kol 5 (> 180); NPL = outstanding in Kol 3–5 / total.",
        ],
        tables: ["units", "classes", "groups"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        let data = request.dataset
        let resolver = try ColumnResolver(roles: Self.roles, mapEntries: try request.option(o.map))
        let outstanding = try data.requiredAmounts(try resolver.require(.outstanding, in: data), .nonNegative)
        let dpdColumn = try resolver.require(.daysPastDue, in: data)
        // A count of days, never money: `Rp 5`, `5.0` or `(5)` are refused, not read as 5 days.
        let days = try data.counts(dpdColumn, expected: "a whole, non-negative number of days past due")
        let book = LoanBook(outstanding: outstanding, daysPastDue: days)
        let ids = try data.ids(column: request.idColumn)

        let columns = try request.option(o.groupBy)
        let groupKeys = try data.keys(columns)
        let report = LoanCollectibilityReport(ids: ids, days: days, book: book, groupColumns: columns, groupKeys: groupKeys)
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: report.tables, summary: report.summary, notes: report.notes)
    }
}
