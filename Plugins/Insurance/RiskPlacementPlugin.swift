import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run risk-placement`: one row per risk — sum insured, rate, treaty capacity,
/// facultative placement and equity — split into treaty, facultative and own-retention layers
/// with their premiums, flagging a retention above 10% of equity (Kep.1297/LK/2000). See
/// ``RiskPlacement`` (seed 003 §2.4.2).
public struct RiskPlacementPlugin: AnalysisPlugin {
    public init() {}

    static let roles = [
        ColumnRole("sum_insured", "sum insured", aliases: ["nilai pertanggungan", "uang pertanggungan", "tsi", "total sum insured"]),
        ColumnRole("rate", "premium rate", aliases: ["tarif", "rate premi", "premium rate", "suku premi"]),
        ColumnRole("treaty_capacity", "automatic treaty capacity", aliases: ["treaty", "kapasitas treaty", "kapasitas otomatis", "treaty capacity"]),
        ColumnRole("facultative", "facultative placement", aliases: ["fakultatif", "facultative placement", "penempatan fakultatif"]),
        ColumnRole("equity", "equity", aliases: ["modal sendiri", "ekuitas", "modal", "own funds"]),
    ]

    public let descriptor = PluginDescriptor(
        id: "risk-placement",
        version: "1.0.0",
        summary: "Risk placement: treaty, facultative and own-retention layers with their premiums; flags retention above 10% of equity",
        parameters: [
            ParameterSpec("map", .list, summary: "role=COLUMN for headers not recognised; roles: sum_insured, rate, treaty_capacity, facultative, equity"),
            ParameterSpec("max-retention", .number, default: "0.1", summary: "maximum own retention as a fraction of equity (Kep.1297/LK/2000: 10%)"),
        ],
        references: [
            "Seed 003 §2.4.2 and Gambar 2.6/2.7: treaty, facultative and own retention; worked example 100 bn at 1% → 400 m / 500 m / 100 m.",
            "Keputusan Direktur Jenderal Lembaga Keuangan No. Kep.1297/LK/2000, Retensi Sendiri Perusahaan Asuransi dan Perusahaan Reasuransi: net retention at most 10% of equity.",
            "Keputusan Menteri Keuangan No. 422/KMK.06/2003 art. 21 (quoted in seed 003): automatic reinsurance support for every product, facultative beyond it.",
        ])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let data = request.dataset
        let resolver = try ColumnResolver(roles: Self.roles, mapEntries: request.parameters.list("map"))
        let maxShareValue = request.parameters.number("max-retention") ?? 0.1
        guard maxShareValue >= 0 && maxShareValue <= 1 else {
            throw UsageError("option --max-retention expects a fraction between 0 and 1, got \(maxShareValue)")
        }
        let maxShare = Decimal(option: maxShareValue)
        let sumColumn = try resolver.require("sum_insured", in: data)
        let rateColumn = try resolver.require("rate", in: data)
        let treatyColumn = try resolver.require("treaty_capacity", in: data)
        let facultativeColumn = try resolver.find("facultative", in: data)
        let equityColumn = try resolver.require("equity", in: data)

        let sums = try data.requiredAmounts(sumColumn, .nonNegative)
        let treaties = try data.requiredAmounts(treatyColumn, .nonNegative)
        let facultatives = try facultativeColumn.map { try data.requiredAmounts($0, .nonNegative) } ?? Array(repeating: 0, count: data.rowCount)
        let equities = try data.requiredAmounts(equityColumn, .nonNegative)
        let rateCells = try data.texts(rateColumn)
        let ids = try data.ids(column: request.idColumn)

        var placements: [RiskPlacement] = []
        for r in 0..<data.rowCount {
            guard let rate = parseRate(rateCells[r], format: data.numberFormat), rate >= 0, rate < 1 else {
                throw data.cellError(row: r, column: rateColumn, expected: "a rate below 1 as a fraction (0.01), a percentage (1%) or per mille (10‰)", got: rateCells[r])
            }
            do {
                placements.append(try RiskPlacement(sumInsured: sums[r], rate: rate, treatyCapacity: treaties[r], facultative: facultatives[r],
                                                    equity: equities[r], maximumRetentionShare: maxShare))
            } catch RiskPlacement.Problem.facultativeExceedsRemainder(let remainder) {
                throw data.cellError(row: r, column: facultativeColumn, expected: "a facultative placement no larger than the sum insured less the treaty share (\(remainder.moneyText))", got: (try? data.texts(facultativeColumn!))?[r])
            }
        }

        var units = ResultTable(name: "units", columns: [
            ResultColumn("id", .text), ResultColumn("status", .text),
            ResultColumn("sum_insured", .money), ResultColumn("rate", .fraction), ResultColumn("gross_premium", .money),
            ResultColumn("treaty_sum", .money), ResultColumn("treaty_premium", .money),
            ResultColumn("facultative_sum", .money), ResultColumn("facultative_premium", .money),
            ResultColumn("retention_sum", .money), ResultColumn("retention_premium", .money),
            ResultColumn("retention_share", .fraction),
            ResultColumn("equity", .money), ResultColumn("retention_limit", .money), ResultColumn("retention_breach", .bool),
        ])
        for (r, p) in placements.enumerated() {
            units.append([.text(ids[r]), UnitStatus.ok.value,
                          .money(p.sumInsured), .number(p.rate.doubleValue), .money(p.grossPremium),
                          .money(p.treatySum), .money(p.treatyPremium),
                          .money(p.facultativeSum), .money(p.facultativePremium),
                          .money(p.retentionSum), .money(p.retentionPremium),
                          ratio(p.retentionSum, p.sumInsured),
                          .money(p.equity), .money(p.retentionLimit), .bool(p.retentionBreach)])
        }
        let breaches = placements.filter(\.retentionBreach).count
        var notes: [String] = []
        if breaches > 0 {
            notes.append("\(breaches) of \(placements.count) risks retain more than \(maxShare * 100)% of equity (Kep.1297/LK/2000): place more facultatively or reduce the line.")
        }
        if facultativeColumn == nil { notes.append("No facultative column: everything above the treaty is retained.") }
        let summary: [(name: String, value: Value)] = [
            ("risks", .integer(placements.count)),
            ("gross_premium", .money(placements.reduce(0) { $0 + $1.grossPremium })),
            ("treaty_premium", .money(placements.reduce(0) { $0 + $1.treatyPremium })),
            ("facultative_premium", .money(placements.reduce(0) { $0 + $1.facultativePremium })),
            ("retention_premium", .money(placements.reduce(0) { $0 + $1.retentionPremium })),
            ("retention_breaches", .integer(breaches)),
        ]
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [units], summary: summary, notes: notes)
    }
}
