import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run loan-collectibility`: each loan's class Kol 1–5 from its days past due, the
/// outstanding per class, and the NPL ratio overall and per group (see ``Collectibility``).
public struct LoanCollectibilityPlugin: AnalysisPlugin {
    public init() {}

    static let roles = [
        ColumnRole("outstanding", "outstanding balance", aliases: ["baki debet", "outstanding balance", "os", "saldo pinjaman", "sisa pinjaman", "plafon outstanding"]),
        ColumnRole("days_past_due", "days past due", aliases: ["dpd", "hari tunggakan", "jumlah hari tunggakan", "tunggakan hari", "days overdue", "days in arrears"]),
    ]

    public let descriptor = PluginDescriptor(
        id: "loan-collectibility",
        version: "1.0.0",
        summary: "Loan collectibility Kol 1–5 from days past due (0 / 1–90 / 91–120 / 121–180 / > 180) and the NPL ratio",
        parameters: [
            ParameterSpec("map", .list, summary: "role=COLUMN for headers not recognised; roles: outstanding, days_past_due"),
            ParameterSpec("group-by", .list, summary: "columns for per-group NPL ratios, e.g. branch"),
        ],
        references: [
            "Peraturan Bank Indonesia No. 14/15/PBI/2012 and POJK No. 40/POJK.03/2019, Penilaian Kualitas Aset Bank Umum: collectibility by days past due.",
            "MODELS.md §5: Kol 1 (0), Kol 2 (1–90), Kol 3 (91–120), Kol 4 (121–180), Kol 5 (> 180); NPL = outstanding in Kol 3–5 / total.",
        ],
        tables: ["units", "classes", "groups"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let data = request.dataset
        let resolver = try ColumnResolver(roles: Self.roles, mapEntries: request.parameters.list("map"))
        let outstanding = try data.requiredAmounts(try resolver.require("outstanding", in: data), .nonNegative)
        let dpdColumn = try resolver.require("days_past_due", in: data)
        let dpdCells = try data.texts(dpdColumn)
        let days = try dpdCells.enumerated().map { r, cell -> Int in
            guard let d = MoneyText.parse(cell, format: data.numberFormat), d >= 0, d == d.rounded(scale: 0),
                  let n = Int(NSDecimalNumber(decimal: d).stringValue) else {
                throw data.cellError(row: r, column: dpdColumn, expected: "a whole, non-negative number of days past due", got: cell)
            }
            return n
        }
        let classes = days.map(Collectibility.init(daysPastDue:))
        let ids = try data.ids(column: request.idColumn)

        let groupColumns = request.parameters.list("group-by")
        let groupKeys = try data.keys(groupColumns)
        var units = ResultTable(name: "units", columns: [ResultColumn("id", .text)] + groupColumns.map { ResultColumn($0, .text) } + [
            ResultColumn("status", .text), ResultColumn("outstanding", .money), ResultColumn("days_past_due", .integer),
            ResultColumn("kol", .integer), ResultColumn("kol_name", .text), ResultColumn("non_performing", .bool),
        ])
        for r in 0..<data.rowCount {
            units.append([.text(ids[r])] + groupKeys[r].map(Value.text) + [
                UnitStatus.ok.value, .money(outstanding[r]), .integer(days[r]),
                .integer(classes[r].rawValue), .text(classes[r].name), .bool(classes[r].isNonPerforming),
            ])
        }

        let total = outstanding.reduce(Decimal(0), +)
        var classTable = ResultTable(name: "classes", columns: [
            ResultColumn("id", .text), ResultColumn("kol", .integer), ResultColumn("kol_name", .text), ResultColumn("days_past_due", .text),
            ResultColumn("loans", .integer), ResultColumn("outstanding", .money), ResultColumn("share_of_outstanding", .fraction),
        ])
        let ranges = ["0", "1–90", "91–120", "121–180", "> 180"]
        for c in Collectibility.allCases {
            let members = data.rowCount == 0 ? [] : (0..<data.rowCount).filter { classes[$0] == c }
            let amount = members.reduce(Decimal(0)) { $0 + outstanding[$1] }
            classTable.append([.text("kol_\(c.rawValue)"), .integer(c.rawValue), .text(c.name), .text(ranges[c.rawValue - 1]),
                               .integer(members.count), .money(amount), ratio(amount, total)])
        }

        var tables = [units, classTable]
        if !groupColumns.isEmpty {
            let groups = OrderedGroups(rows: 0..<data.rowCount) { groupKeys[$0] }
            var groupTable = ResultTable(name: "groups", columns: [ResultColumn("id", .text)] + groupColumns.map { ResultColumn($0, .text) } + [
                ResultColumn("loans", .integer), ResultColumn("outstanding", .money), ResultColumn("npl_outstanding", .money), ResultColumn("npl_ratio", .fraction),
            ])
            for (key, rows) in zip(groups.keys, groups.members) {
                let o = rows.map { outstanding[$0] }, c = rows.map { classes[$0] }
                let npl = zip(o, c).filter { $0.1.isNonPerforming }.reduce(Decimal(0)) { $0 + $1.0 }
                groupTable.append([.text(groupID(key))] + key.map(Value.text) + [
                    .integer(rows.count), .money(o.reduce(0, +)), .money(npl), nplRatio(outstanding: o, classes: c),
                ])
            }
            tables.append(groupTable)
        }
        let npl = zip(outstanding, classes).filter { $0.1.isNonPerforming }.reduce(Decimal(0)) { $0 + $1.0 }
        let summary: [(name: String, value: Value)] = [
            ("loans", .integer(data.rowCount)),
            ("outstanding", .money(total)),
            ("npl_outstanding", .money(npl)),
            ("npl_ratio", nplRatio(outstanding: outstanding, classes: classes)),
        ]
        let notes = ["Classes use days past due only; the regulations also weigh business prospects and financial performance."]
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: tables, summary: summary, notes: notes)
    }
}
