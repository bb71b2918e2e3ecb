import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run contributions`: contribution (*iuran*) collection per period, office and
/// participant segment — collection ratio = received / billed — and payment compliance grouped
/// as on time, late, not yet due and arrears buckets (1–30 / 31–60 / 61–90 / > 90 days by
/// default). With `--coverage FILE`, also the coverage ratio (see ``Coverage``). Seed 002 (SKKNI
/// social-security field professionals 2024: "Memproses Pembayaran Iuran Peserta", "Melakukan
/// pembinaan kepada peserta" 1.1–1.3); MODELS.md §5.
public struct ContributionsPlugin: AnalysisPlugin {
    public init() {}

    static let keyRoles = [
        ColumnRole("period", "period", aliases: ["periode", "bulan", "month", "tahun", "year"]),
        ColumnRole("office", "office", aliases: ["kantor", "kantor cabang", "cabang", "branch"]),
        ColumnRole("segment", "participant segment", aliases: ["segmen", "segmen peserta", "kategori", "kategori peserta", "jenis peserta", "participant segment"]),
    ]
    static let amountRoles = [
        ColumnRole("billed", "contributions billed", aliases: ["tagihan", "iuran ditagih", "iuran tagihan", "iuran terutang", "billed amount", "contribution billed", "contributions billed"]),
        ColumnRole("received", "contributions received", aliases: ["diterima", "iuran diterima", "iuran dibayar", "pembayaran", "received amount", "paid amount", "contribution received", "contributions received"]),
        ColumnRole("due_date", "due date", aliases: ["jatuh tempo", "tanggal jatuh tempo", "tgl jatuh tempo"]),
        ColumnRole("paid_date", "payment date", aliases: ["payment date", "tanggal bayar", "tgl bayar", "tanggal pembayaran"]),
    ]

    public let descriptor = PluginDescriptor(
        id: "contributions",
        version: "1.0.0",
        summary: "Contribution collection: collection ratio per period/office/segment, payment-compliance groups (on time, late, arrears buckets), coverage ratio",
        parameters: [
            ParameterSpec("as-of", .text, summary: "the date arrears are counted to (2024-03-31 or 31/03/2024); required when any bill is not paid in full"),
            ParameterSpec("buckets", .list, default: "30,60,90", summary: "upper bounds in days of the arrears buckets (30,60,90 → 1–30, 31–60, 61–90, > 90)"),
            ParameterSpec("group-by", .list, summary: "columns (or period, office, segment) for the groups table; default: those of period, office, segment the file has"),
            ParameterSpec("coverage", .file, summary: "a file of participants and target population (columns participants, population, [region]) for the coverage ratio"),
            ParameterSpec("target", .number, summary: "target coverage as a fraction for --coverage, e.g. 0.98"),
            ParameterSpec("map", .list, summary: "role=COLUMN for headers not recognised; roles: billed, received, due_date, paid_date, period, office, segment; coverage.ROLE (region, participants, population)"),
        ],
        references: [
            "Seed 002, SKKNI Profesional Bidang Jaminan Sosial 2024: unit 'Memproses Pembayaran Iuran Peserta'; 'Melakukan pembinaan kepada peserta' 1.1–1.3 (payment-compliance data grouped and analysed); Pendahuluan (coverage 262.769.113 of 271.066.356 = 96,94%).",
            "MODELS.md §5: collection ratio = received / billed; compliance on time, late, arrears 1–30, 31–60, 61–90, > 90 days; coverage = participants / target population.",
        ],
        tables: ["units", "groups", "compliance", "total", "coverage", "coverage_total"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let data = request.dataset
        let p = request.parameters
        let mapEntries = p.list("map")
        let resolver = try ColumnResolver(roles: Self.amountRoles + Self.keyRoles, mapEntries: mapEntries, knownPrefixes: ["coverage."])
        let bounds = try p.list("buckets").map { item -> Int in
            guard let n = Int(item) else { throw UsageError("--buckets expects whole day counts, e.g. 30,60,90, got \"\(item)\"") }
            return n
        }
        let buckets = try ArrearsBuckets(bounds: bounds.isEmpty ? [30, 60, 90] : bounds)
        let asOf = try p.text("as-of").map { try parseDateOption($0, option: "as-of") }

        let billed = try data.requiredAmounts(try resolver.require("billed", in: data), .nonNegative)
        let received = try data.requiredAmounts(try resolver.require("received", in: data), .nonNegative)
        let dueColumn = try resolver.find("due_date", in: data)
        let paidColumn = try resolver.find("paid_date", in: data)
        let dues = try dueColumn.map { try data.dates($0) } ?? Array(repeating: nil, count: data.rowCount)
        let paids = try paidColumn.map { try data.dates($0, allowMissing: true) } ?? Array(repeating: nil, count: data.rowCount)
        let bills = (0..<data.rowCount).map { ContributionBill(billed: billed[$0], received: received[$0], dueDate: dues[$0], paidDate: paids[$0]) }
        let withCompliance = dueColumn != nil

        var classes: [(ComplianceClass, days: Int)?] = []
        for (r, bill) in bills.enumerated() {
            guard withCompliance else { classes.append(nil); continue }
            do {
                classes.append(try bill.classify(asOf: asOf, buckets: buckets))
            } catch ContributionBill.Problem.paidInFullWithoutDate {
                throw data.cellError(row: r, column: paidColumn ?? "paid_date",
                                     expected: "a payment date for a bill paid in full (to tell on time from late)", got: paidColumn == nil ? nil : "")
            } catch ContributionBill.Problem.outstandingWithoutAsOf {
                throw UsageError("line \(data.rowLines[r]) of \(data.source) has contributions outstanding: give --as-of DATE, the date arrears are counted to")
            }
        }

        let keyColumns = try Self.keyRoles.compactMap { role in try resolver.find(role.key, in: data).map { (role.key, $0) } }
        let keys = try data.keys(keyColumns.map(\.1))
        let ids = try data.ids(column: request.idColumn)
        let all = ComplianceClass.all(buckets)

        var units = ResultTable(name: "units", columns: [ResultColumn("id", .text)] + keyColumns.map { ResultColumn($0.0, .text) } + [
            ResultColumn("status", .text), ResultColumn("billed", .money), ResultColumn("received", .money), ResultColumn("outstanding", .money),
            ResultColumn("collection_ratio", .fraction), ResultColumn("compliance", .text), ResultColumn("days_past_due", .integer),
        ])
        for r in 0..<data.rowCount {
            units.append([.text(ids[r])] + keys[r].map(Value.text) + [
                UnitStatus.ok.value, .money(bills[r].billed), .money(bills[r].received), .money(bills[r].outstanding),
                ratio(bills[r].received, bills[r].billed),
                classes[r].map { .text($0.0.label(buckets)) } ?? .missing, classes[r].map { .integer($0.days) } ?? .missing,
            ])
        }

        // Groups: default is every key column the file has.
        var groupNames = p.list("group-by")
        if groupNames.isEmpty { groupNames = keyColumns.map(\.1) }
        let groupColumns = try groupNames.map { name -> String in
            if data.hasColumn(name) { return name }
            if let role = Self.keyRoles.first(where: { $0.key == name }), let found = try resolver.find(role.key, in: data) { return found }
            _ = try data.column(name)
            return name
        }
        let groupKeys = try data.keys(groupColumns)
        let groups = OrderedGroups(rows: 0..<data.rowCount) { groupKeys[$0] }

        let summaryColumns = [ResultColumn("bills", .integer), ResultColumn("billed", .money), ResultColumn("received", .money),
                              ResultColumn("outstanding", .money), ResultColumn("collection_ratio", .fraction)]
            + (withCompliance ? all.map { ResultColumn($0.label(buckets), .integer) } : [])
        func summaryValues(_ rows: [Int]) -> [Value] {
            let b = rows.reduce(Decimal(0)) { $0 + bills[$1].billed }
            let rc = rows.reduce(Decimal(0)) { $0 + bills[$1].received }
            let o = rows.reduce(Decimal(0)) { $0 + bills[$1].outstanding }
            var values: [Value] = [.integer(rows.count), .money(b), .money(rc), .money(o), ratio(rc, b)]
            if withCompliance { values += all.map { c in .integer(rows.filter { classes[$0]?.0 == c }.count) } }
            return values
        }
        var groupTable = ResultTable(name: "groups", columns: [ResultColumn("id", .text)] + groupColumns.map { ResultColumn($0, .text) } + summaryColumns)
        for (key, rows) in zip(groups.keys, groups.members) {
            groupTable.append([.text(groups.count == 1 && key.isEmpty ? "all" : groupID(key))] + key.map(Value.text) + summaryValues(rows))
        }
        var totalTable = ResultTable(name: "total", columns: [ResultColumn("id", .text)] + summaryColumns)
        totalTable.append([.text("total")] + summaryValues(Array(0..<data.rowCount)))

        var tables = [units, groupTable]
        var notes: [String] = []
        if withCompliance {
            var compliance = ResultTable(name: "compliance", columns: [ResultColumn("id", .text)] + groupColumns.map { ResultColumn($0, .text) } + [
                ResultColumn("compliance", .text), ResultColumn("bills", .integer), ResultColumn("share_of_bills", .fraction),
                ResultColumn("billed", .money), ResultColumn("received", .money), ResultColumn("outstanding", .money),
            ])
            func add(_ id: String, _ key: [String], _ rows: [Int]) {
                for c in all {
                    let members = rows.filter { classes[$0]?.0 == c }
                    compliance.append([.text(id + " / " + c.label(buckets))] + key.map(Value.text) + [
                        .text(c.label(buckets)), .integer(members.count), rows.isEmpty ? .missing : .number(Double(members.count) / Double(rows.count)),
                        .money(members.reduce(Decimal(0)) { $0 + bills[$1].billed }),
                        .money(members.reduce(Decimal(0)) { $0 + bills[$1].received }),
                        .money(members.reduce(Decimal(0)) { $0 + bills[$1].outstanding }),
                    ])
                }
            }
            for (key, rows) in zip(groups.keys, groups.members) { add(key.isEmpty ? "all" : groupID(key), key, rows) }
            add("total", groupColumns.map { _ in "" }, Array(0..<data.rowCount))
            tables.append(compliance)
        } else {
            notes.append("No due-date column: payment compliance is not classified (name one with --map due_date=COLUMN).")
        }
        tables.append(totalTable)

        if let coverageData = request.files["coverage"] {
            let target = try CoveragePlugin.target(p.number("target"))
            let (rows, total, coverageNotes) = try CoveragePlugin.tables(coverageData, idColumn: nil, mapEntries: mapEntries,
                                                                         prefix: "coverage.", target: target, name: "coverage")
            tables += [rows, total]
            notes += coverageNotes
        } else if p.number("target") != nil {
            throw UsageError("--target applies to the coverage ratio: give --coverage FILE too")
        }
        if asOf != nil { notes.append("Arrears are counted in days from the due date to \(asOf!) (the --as-of date).") }

        let totalRow = totalTable.rows[0]
        var summary: [(name: String, value: Value)] = [
            ("bills", .integer(data.rowCount)),
            ("billed", totalRow[2]), ("received", totalRow[3]), ("outstanding", totalRow[4]), ("collection_ratio", totalRow[5]),
        ]
        if let coverageTotal = tables.first(where: { $0.name == "coverage_total" }) {
            summary.append(("coverage_ratio", coverageTotal.rows[0][coverageTotal.columnIndex("coverage_ratio")!]))
        }
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: tables, summary: summary, notes: notes)
    }
}
