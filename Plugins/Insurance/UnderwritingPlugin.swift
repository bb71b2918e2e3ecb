import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run underwriting`: the underwriting result of each branch × class of business ×
/// period, its decomposition into NEP, net commission and net claims incurred, the usual
/// ratios, group sums and the company total, and the KMK 481/1999 premium-reserve check.
///
/// Implements seed 003 §2.4.2 ("Mendapatkan Hasil Underwriting", worked example "Contoh
/// perhitungan surplus underwriting") as restated in MODELS.md §4; see ``UnderwritingAccount``.
public struct UnderwritingPlugin: AnalysisPlugin {
    public init() {}

    /// The grouping columns a file may have, found by English or Indonesian name.
    static let keyRoles = [
        ColumnRole("branch", "branch", aliases: ["cabang", "kantor cabang", "kantor", "office"]),
        ColumnRole("class", "class of business", aliases: ["class of business", "line of business", "lob", "kelas", "kelas bisnis", "jenis asuransi", "produk"]),
        ColumnRole("period", "period", aliases: ["periode", "tahun", "year", "bulan", "month"]),
    ]

    public let descriptor = PluginDescriptor(
        id: "underwriting",
        version: "1.0.0",
        summary: "Underwriting result per branch × class × period: retained premium, NEP, NC, NCI, loss/commission/combined/retention ratios, KMK 481/1999 reserve check",
        parameters: [
            ParameterSpec("map", .list, summary: "component=COLUMN for headers not recognised, e.g. gross_premium=PremiBruto,commission=Komisi; components: "
                          + UnderwritingComponent.allCases.map(\.rawValue).joined(separator: ", ") + "; also branch, class, period"),
            ParameterSpec("group-by", .list, summary: "columns (or branch, class, period) to sum into the groups table, e.g. branch,class"),
            ParameterSpec("components", .flag, summary: "also list the ten input components in every table"),
            ParameterSpec("reserve-floor", .number, default: "0.4", summary: "minimum closing premium reserve as a fraction of retained premium (KMK 481/KMK.017/1999 art. 15: 40%)"),
        ],
        references: [
            "Seed 003 §2.4.2, Proses Pengelolaan Premi Resiko (Underwriting): the nine steps and the underwriting result formula, with the worked example (surplus 75.295.920,31 as printed; 75.295.920,29 from its components).",
            "Keputusan Menteri Keuangan No. 481/KMK.017/1999, Kesehatan Keuangan Perusahaan Asuransi dan Perusahaan Reasuransi, art. 15: unearned-premium reserve at least 40% of retained premium.",
            "MODELS.md §4: NEP, NC, NCI and the loss, commission, combined and retention ratios.",
        ],
        tables: ["units", "groups", "total"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let data = request.dataset
        let mapEntries = request.parameters.list("map")
        let resolver = try ColumnResolver(roles: UnderwritingComponent.allCases.map(\.role) + Self.keyRoles, mapEntries: mapEntries)
        let floorValue = request.parameters.number("reserve-floor") ?? 0.4
        guard floorValue >= 0 && floorValue <= 1 else {
            throw UsageError("option --reserve-floor expects a fraction between 0 and 1, got \(floorValue)")
        }
        let floor = Decimal(option: floorValue)

        // Components: every one is required, non-negative (the formula gives each its sign).
        var columnOf: [UnderwritingComponent: String] = [:]
        for c in UnderwritingComponent.allCases { columnOf[c] = try resolver.require(c.rawValue, in: data) }
        var values: [UnderwritingComponent: [Decimal]] = [:]
        for c in UnderwritingComponent.allCases { values[c] = try data.requiredAmounts(columnOf[c]!, .nonNegative) }
        let accounts = (0..<data.rowCount).map { r in
            UnderwritingAccount(Dictionary(uniqueKeysWithValues: UnderwritingComponent.allCases.map { ($0, values[$0]![r]) }))
        }

        // Keys: branch, class, period as present; ids from --id or the keys.
        let keyColumns = try Self.keyRoles.compactMap { role in try resolver.find(role.key, in: data).map { (role.key, $0) } }
        let keys = try data.keys(keyColumns.map(\.1))
        let ids: [String]
        if let idColumn = request.idColumn {
            ids = try data.ids(column: idColumn)
        } else if !keyColumns.isEmpty {
            try data.requireUniqueKeys(keys, columns: keyColumns.map(\.1), what: keyColumns.map(\.0).joined(separator: " × "))
            ids = keys.map(groupID)
        } else {
            ids = try data.ids(column: nil)
        }

        let showComponents = request.parameters.flag("components")
        let measureColumns = Self.measureColumns(components: showComponents)
        let measures = { (a: UnderwritingAccount) in Self.measures(a, floor: floor, components: showComponents) }
        var units = ResultTable(name: "units", columns: [ResultColumn("id", .text)]
                                + keyColumns.map { ResultColumn($0.0, .text) } + [ResultColumn("status", .text)] + measureColumns)
        for r in 0..<data.rowCount {
            units.append([.text(ids[r])] + keys[r].map(Value.text) + [UnitStatus.ok.value] + measures(accounts[r]))
        }

        var tables = [units]
        var notes: [String] = []
        let groupNames = request.parameters.list("group-by")
        if !groupNames.isEmpty {
            let groupColumns = try groupNames.map { name -> String in
                if data.hasColumn(name) { return name }
                if let role = Self.keyRoles.first(where: { $0.key == name }), let found = try resolver.find(role.key, in: data) { return found }
                _ = try data.column(name)  // throws the located "no such column" error
                return name
            }
            let groupKeys = try data.keys(groupColumns)
            let groups = OrderedGroups(rows: 0..<data.rowCount) { groupKeys[$0] }
            var table = ResultTable(name: "groups", columns: [ResultColumn("id", .text)] + groupColumns.map { ResultColumn($0, .text) }
                                    + [ResultColumn("rows", .integer)] + measureColumns)
            for (key, rows) in zip(groups.keys, groups.members) {
                let sum = rows.reduce(UnderwritingAccount()) { $0 + accounts[$1] }
                table.append([.text(groupID(key))] + key.map(Value.text) + [.integer(rows.count)] + measures(sum))
            }
            tables.append(table)
        }

        let total = accounts.reduce(UnderwritingAccount(), +)
        var totalTable = ResultTable(name: "total", columns: [ResultColumn("id", .text), ResultColumn("rows", .integer)] + measureColumns)
        totalTable.append([.text("total"), .integer(data.rowCount)] + measures(total))
        tables.append(totalTable)

        let flagged = accounts.filter { $0.premiumReserveBelowMinimum(floor: floor) }.count
        if flagged > 0 {
            notes.append("\(flagged) of \(accounts.count) rows hold a closing premium reserve below \(floor * 100)% of retained premium (KMK 481/KMK.017/1999 art. 15): see premium_reserve_below_minimum.")
        }
        let zeroNEP = accounts.filter { $0.netEarnedPremium == 0 }.count
        if zeroNEP > 0 { notes.append("\(zeroNEP) rows have zero net earned premium: their loss, commission and combined ratios are empty.") }
        notes.append("Money is summed exactly in decimal; group rows and the total are sums of the unit rows, and their ratios are computed from those sums.")

        let summary: [(name: String, value: Value)] = [
            ("rows", .integer(data.rowCount)),
            ("underwriting_result", .money(total.underwritingResult)),
            ("retained_premium", .money(total.retainedPremium)),
            ("net_earned_premium", .money(total.netEarnedPremium)),
            ("loss_ratio", total.lossRatio),
            ("commission_ratio", total.commissionRatio),
            ("combined_ratio", total.combinedRatio),
            ("retention_ratio", total.retentionRatio),
            ("reserve_below_minimum_rows", .integer(flagged)),
        ]
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: tables, summary: summary, notes: notes)
    }

    static func measureColumns(components: Bool) -> [ResultColumn] {
        (components ? UnderwritingComponent.allCases.map { ResultColumn($0.rawValue, .money) } : []) + [
            ResultColumn("retained_premium", .money),
            ResultColumn("premium_reserve_change", .money),
            ResultColumn("claims_reserve_change", .money),
            ResultColumn("underwriting_result", .money),
            ResultColumn("net_earned_premium", .money),
            ResultColumn("net_commission", .money),
            ResultColumn("net_claims_incurred", .money),
            ResultColumn("loss_ratio", .fraction),
            ResultColumn("commission_ratio", .fraction),
            ResultColumn("combined_ratio", .fraction),
            ResultColumn("retention_ratio", .fraction),
            ResultColumn("minimum_premium_reserve", .money),
            ResultColumn("premium_reserve_below_minimum", .bool),
        ]
    }

    static func measures(_ a: UnderwritingAccount, floor: Decimal, components: Bool) -> [Value] {
        (components ? UnderwritingComponent.allCases.map { Value.money(a[$0]) } : []) + [
            .money(a.retainedPremium),
            .money(a.premiumReserveChange),
            .money(a.claimsReserveChange),
            .money(a.underwritingResult),
            .money(a.netEarnedPremium),
            .money(a.netCommission),
            .money(a.netClaimsIncurred),
            a.lossRatio,
            a.commissionRatio,
            a.combinedRatio,
            a.retentionRatio,
            .money(a.minimumPremiumReserve(floor: floor)),
            .bool(a.premiumReserveBelowMinimum(floor: floor)),
        ]
    }
}
