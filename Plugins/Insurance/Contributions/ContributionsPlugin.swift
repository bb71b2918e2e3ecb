import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run contributions`: contribution (*iuran*) collection per period, office and
/// participant segment — collection ratio = received / billed — and payment compliance grouped
/// as on time, late, not yet due and arrears buckets (1–30 / 31–60 / 61–90 / > 90 days by
/// default). With `--coverage FILE`, also the coverage ratio (see ``Coverage``). The rules are
/// those of docs/INSURANCE.md §7 (working document 002: "Memproses Pembayaran Iuran Peserta",
/// "Melakukan pembinaan kepada peserta" 1.1–1.3).
public struct ContributionsPlugin: AnalysisPlugin {
    public init() {}

    static let options = ContributionsOptions()
    static let keyRoles: [ColumnRole] = [.period, .office, .segment]
    static let amountRoles: [ColumnRole] = [.billed, .received, .dueDate, .paidDate]

    public let descriptor = PluginDescriptor(
        id: "contributions",
        version: "1.0.0",
        summary: "Contribution collection: collection ratio per period/office/segment, payment-compliance groups (on time, late, arrears buckets), coverage ratio",
        options: ContributionsPlugin.options,
        references: [
            "Working document 002, SKKNI Profesional Bidang Jaminan Sosial 2024: unit 'Memproses Pembayaran Iuran Peserta'; 'Melakukan pembinaan kepada peserta' 1.1–1.3 (payment-compliance data grouped and analysed); Pendahuluan (coverage 262.769.113 of 271.066.356 = 96,94%).",
            "docs/INSURANCE.md §7: collection ratio = received / billed; compliance on time, late, arrears 1–30, 31–60, 61–90, > 90 days; coverage = participants / target population.",
        ],
        tables: ["units", "groups", "compliance", "total", "coverage", "coverage_total"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        let data = request.dataset
        let mapEntries = try request.option(o.map)
        let resolver = try ColumnResolver(roles: Self.amountRoles + Self.keyRoles, mapEntries: mapEntries, knownPrefixes: ["coverage."])
        let buckets = try request.option(o.buckets)
        let asOf = try request.option(o.asOf)

        let billed = try data.requiredAmounts(try resolver.require(.billed, in: data), .nonNegative)
        let received = try data.requiredAmounts(try resolver.require(.received, in: data), .nonNegative)
        let dueColumn = try resolver.find(.dueDate, in: data)
        let paidColumn = try resolver.find(.paidDate, in: data)
        let dues = try dueColumn.map { try data.dates($0) } ?? Array(repeating: nil, count: data.rowCount)
        let paids = try paidColumn.map { try data.dates($0, allowMissing: true) } ?? Array(repeating: nil, count: data.rowCount)
        let bills = (0..<data.rowCount).map { ContributionBill(billed: billed[$0], received: received[$0], dueDate: dues[$0], paidDate: paids[$0]) }

        var classes: [(ComplianceClass, days: Int)]?
        if dueColumn != nil {
            classes = []
            for (r, bill) in bills.enumerated() {
                do {
                    classes!.append(try bill.classify(asOf: asOf, buckets: buckets))
                } catch ContributionBill.Problem.paidInFullWithoutDate {
                    throw data.cellError(row: r, column: paidColumn ?? "paid_date",
                                         expected: "a payment date for a bill paid in full (to tell on time from late)", got: paidColumn == nil ? nil : "")
                } catch ContributionBill.Problem.outstandingWithoutAsOf {
                    throw UsageError("line \(data.rowLines[r]) of \(data.source) has contributions outstanding: give --as-of DATE, the date arrears are counted to")
                }
            }
        }

        let keys = try keyColumns(Self.keyRoles, resolver, in: data)
        let keyValues = try data.keys(keys.map(\.column))
        let ids = try data.ids(column: request.idColumn)

        // Groups: default is every key column the file has.
        var groupNames = try request.option(o.groupBy)
        if groupNames.isEmpty { groupNames = keys.map(\.column) }
        let columns = try groupColumns(groupNames, roles: Self.keyRoles, resolver, in: data)
        let groupKeys = try data.keys(columns)
        let groups = OrderedGroups(rows: 0..<data.rowCount) { groupKeys[$0] }

        var coverage: CoverageReport?
        let target = try request.option(o.target)
        if let coverageData = try request.file(o.coverage) {
            let (ids, rows) = try CoveragePlugin.load(coverageData, idColumn: nil, mapEntries: mapEntries, prefix: "coverage.")
            coverage = CoverageReport(ids: ids, rows: rows, target: target, name: "coverage")
        } else if target != nil {
            throw UsageError("--target applies to the coverage ratio: give --coverage FILE too")
        }

        let report = ContributionsReport(ids: ids, keyRoles: keys.map(\.role), keys: keyValues, bills: bills, classes: classes,
                                         buckets: buckets, asOf: asOf, groupColumns: columns, groups: groups, coverage: coverage)
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: report.tables, summary: report.summary, notes: report.notes)
    }
}
