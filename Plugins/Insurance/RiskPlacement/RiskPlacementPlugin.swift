import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run risk-placement`: one row per risk — sum insured, rate, treaty capacity,
/// facultative placement and equity — split into treaty, facultative and own-retention layers
/// with their premiums, flagging a retention above 10% of equity (Kep.1297/LK/2000). See
/// ``RiskPlacement`` and docs/INSURANCE.md §5.
public struct RiskPlacementPlugin: AnalysisPlugin {
    public init() {}

    static let options = RiskPlacementOptions()
    static let roles: [ColumnRole] = [.sumInsured, .rate, .treatyCapacity, .facultative, .equity]

    public let descriptor = PluginDescriptor(
        id: "risk-placement",
        version: "1.0.0",
        summary: "Risk placement: treaty, facultative and own-retention layers with their premiums; flags retention above 10% of equity",
        options: RiskPlacementPlugin.options,
        references: [
            "Working document 003 §2.4.2 and Gambar 2.6/2.7 (docs/INSURANCE.md §5): treaty, facultative and own retention; worked example 100 bn at 1% → 400 m / 500 m / 100 m.",
            "Keputusan Direktur Jenderal Lembaga Keuangan No. Kep.1297/LK/2000, Retensi Sendiri Perusahaan Asuransi dan Perusahaan Reasuransi: net retention at most 10% of equity.",
            "Keputusan Menteri Keuangan No. 422/KMK.06/2003 art. 21 (quoted in working document 003): automatic reinsurance support for every product, facultative beyond it.",
        ])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        let data = request.dataset
        let resolver = try ColumnResolver(roles: Self.roles, mapEntries: try request.option(o.map))
        let maxShare = try request.option(o.maxRetention)
        let sumColumn = try resolver.require(.sumInsured, in: data)
        let rateColumn = try resolver.require(.rate, in: data)
        let treatyColumn = try resolver.require(.treatyCapacity, in: data)
        let facultativeColumn = try resolver.find(.facultative, in: data)
        let equityColumn = try resolver.require(.equity, in: data)

        let sums = try data.requiredAmounts(sumColumn, .nonNegative)
        let treaties = try data.requiredAmounts(treatyColumn, .nonNegative)
        let facultatives = try facultativeColumn.map { try data.requiredAmounts($0, .nonNegative) } ?? Array(repeating: 0, count: data.rowCount)
        let equities = try data.requiredAmounts(equityColumn, .nonNegative)
        let rateCells = try data.texts(rateColumn)
        let rateFormat = try data.numberFormat(of: rateColumn)
        let ids = try data.ids(column: request.idColumn)

        var placements: [RiskPlacement] = []
        for r in 0..<data.rowCount {
            guard let rate = MoneyText.parseRate(rateCells[r], format: rateFormat), rate >= 0, rate < 1 else {
                throw data.cellError(row: r, column: rateColumn, expected: "a rate below 1 as a fraction (0.01), a percentage (1%) or per mille (10‰)", got: rateCells[r])
            }
            do {
                placements.append(try RiskPlacement(sumInsured: sums[r], rate: rate, treatyCapacity: treaties[r], facultative: facultatives[r],
                                                    equity: equities[r], maximumRetentionShare: maxShare))
            } catch RiskPlacement.Problem.facultativeExceedsRemainder(let remainder) {
                throw data.cellError(row: r, column: facultativeColumn, expected: "a facultative placement no larger than the sum insured less the treaty share (\(remainder.moneyText))", got: (try? data.texts(facultativeColumn!))?[r])
            }
        }

        let report = RiskPlacementReport(ids: ids, placements: placements, maxShare: maxShare, hasFacultative: facultativeColumn != nil)
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [report.units], summary: report.summary, notes: report.notes)
    }
}
