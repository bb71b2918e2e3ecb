import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run recoveries`: reconciles the insurer's SHS ledger (`--data`) with the banks'
/// account statements (`--statements`) under seed 004's rules (see ``RecoveryReconciliation``),
/// splits each debtor's recoveries with the bank by the agreed share (`--splits`), and reports
/// per debtor, per bank and unit/KCP, the exceptions, and the monitoring worksheet.
public struct RecoveriesPlugin: AnalysisPlugin {
    public init() {}

    static let ledgerRoles = [
        ColumnRole("bank", "bank", aliases: ["nama bank", "bank penyalur", "bank penerima jaminan", "mitra"]),
        ColumnRole("unit", "unit/KCP", aliases: ["kcp", "unit kcp", "unit/kcp", "kantor cabang pembantu", "branch", "cabang", "kantor cabang", "kantor"]),
        ColumnRole("debtor", "debtor name", aliases: ["debtor name", "nama", "nama debitur", "debitur", "name"]),
        ColumnRole("account", "account number", aliases: ["account number", "no rekening", "nomor rekening", "rekening", "norek", "no rek"]),
        ColumnRole("claim_paid", "claim paid", aliases: ["claims paid", "klaim", "klaim dibayar", "nilai klaim", "klaim yang dibayar"]),
        ColumnRole("stgr_date", "STGR date", aliases: ["stgr", "tanggal stgr", "tgl stgr"]),
        ColumnRole("shs", "SHS balance", aliases: ["saldo shs", "saldo hak subrogasi", "shs balance", "hak subrogasi"]),
    ]
    static let statementRoles = [
        ColumnRole("bank", "bank", aliases: ["nama bank", "bank penyalur"]),
        ColumnRole("debtor", "debtor name", aliases: ["debtor name", "nama", "nama debitur", "debitur", "name"]),
        ColumnRole("account", "account number", aliases: ["account number", "no rekening", "nomor rekening", "rekening", "norek", "no rek"]),
        ColumnRole("date", "transaction date", aliases: ["tanggal", "tgl", "tanggal transaksi", "tgl transaksi", "transaction date"]),
        ColumnRole("description", "description", aliases: ["keterangan", "uraian", "deskripsi"]),
        ColumnRole("debit", "debit", aliases: ["debet", "mutasi debet"]),
        ColumnRole("credit", "credit", aliases: ["kredit", "mutasi kredit"]),
        ColumnRole("balance", "outstanding balance (baki debet)", aliases: ["baki debet", "saldo", "outstanding"]),
        ColumnRole("user_id", "user id", aliases: ["user id", "userid", "user", "id user"]),
    ]
    static let splitRoles = [
        ColumnRole("bank", "bank", aliases: ["nama bank"]),
        ColumnRole("insurer_share", "insurer's share", aliases: ["insurer share", "share", "porsi", "porsi penjamin", "porsi asuransi", "bagian penjamin"]),
    ]

    public let descriptor = PluginDescriptor(
        id: "recoveries",
        version: "1.0.0",
        summary: "Subrogation recoveries: reconcile the SHS ledger with banks' account statements (seed 004 rules), insurer's share per bank, recap, exceptions, monitoring",
        parameters: [
            ParameterSpec("statements", .file, required: true, summary: "the banks' account statements (R/C): debtor, [account], [bank], date, [description], [debit], credit, [balance], user_id"),
            ParameterSpec("splits", .file, required: true, summary: "the agreed split per bank (PKS): bank, insurer_share (0.7 or 70%)"),
            ParameterSpec("map", .list, summary: "role=COLUMN for headers not recognised: ledger roles bank, unit, debtor, account, claim_paid, stgr_date, shs; statements.ROLE (debtor, account, bank, date, description, debit, credit, balance, user_id); splits.ROLE (bank, insurer_share)"),
        ],
        references: [
            "Seed 004, Pedoman Kegiatan Rekonsiliasi Data SHS Penjaminan Kredit: steps 3–7 (STGR date, exact name and account, credits with a user id after the STGR date, paid-off balances, recap of debtors with recoveries), the monitoring worksheet.",
            "MODELS.md §5: reconciliation outputs and recovery rates.",
        ],
        tables: ["units", "groups", "rates", "exceptions", "monitoring"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let ledgerData = request.dataset
        let statementData = try request.file("statements")
        let splitData = try request.file("splits")
        let mapEntries = request.parameters.list("map").map { $0.hasPrefix("ledger.") ? String($0.dropFirst(7)) : $0 }
        let prefixes = ["statements.", "splits."]
        let ledgerColumns = try ColumnResolver(roles: Self.ledgerRoles, mapEntries: mapEntries, knownPrefixes: prefixes)
        let statementColumns = try ColumnResolver(roles: Self.statementRoles, mapEntries: mapEntries, prefix: "statements.", knownPrefixes: prefixes)
        let splitColumns = try ColumnResolver(roles: Self.splitRoles, mapEntries: mapEntries, prefix: "splits.", knownPrefixes: prefixes)

        let debtors = try Self.loadLedger(ledgerData, ledgerColumns)
        let entries = try Self.loadStatements(statementData, statementColumns)
        let shares = try Self.loadSplits(splitData, splitColumns)

        // Every ledger bank must have an agreed split.
        let bankColumn = try ledgerColumns.require("bank", in: ledgerData)
        for d in debtors where shares[d.bank] == nil {
            throw ledgerData.cellError(row: d.row, column: bankColumn,
                                       expected: "a bank listed in the split table \(splitData.source) (it lists: \(shares.keys.sorted().joined(separator: ", ")))",
                                       got: d.bank)
        }

        var rec = RecoveryReconciliation(debtors: debtors, entries: entries)
        let gross = debtors.indices.map { rec.grossRecoveries($0) }
        let share = debtors.indices.map { insurerShare(gross: gross[$0], share: shares[debtors[$0].bank]!) }
        rec.flagOverRecoveries { share[$0] }

        let ids = try Self.debtorIDs(request, debtors)
        var units = ResultTable(name: "units", columns: [
            ResultColumn("id", .text), ResultColumn("status", .text), ResultColumn("bank", .text), ResultColumn("unit", .text),
            ResultColumn("debtor", .text), ResultColumn("account", .text), ResultColumn("claim_paid", .money),
            ResultColumn("stgr_date", .text), ResultColumn("shs", .money), ResultColumn("statement_rows", .integer),
            ResultColumn("recoveries", .integer), ResultColumn("gross_recoveries", .money),
            ResultColumn("insurer_share_rate", .fraction), ResultColumn("insurer_share", .money), ResultColumn("remaining_shs", .money),
            ResultColumn("recovery_rate", .fraction), ResultColumn("gross_recovery_rate", .fraction),
            ResultColumn("paid_off", .bool), ResultColumn("recoveries_after_paid_off", .integer),
        ])
        for (k, d) in debtors.enumerated() {
            units.append([
                .text(ids[k]), UnitStatus.ok.value, .text(d.bank), .text(d.unit), .text(d.name), .text(d.account),
                .money(d.claimPaid), .text(d.stgrDate.description), .money(d.shs), .integer(rec.matched[k].count),
                .integer(rec.recoveries[k].count), .money(gross[k]), .number(shares[d.bank]!.doubleValue), .money(share[k]),
                .money(d.shs - share[k]), ratio(share[k], d.claimPaid), ratio(gross[k], d.claimPaid),
                rec.paidOff(k).map(Value.bool) ?? .missing, .integer(rec.recoveriesAfterPaidOff(k)),
            ])
        }

        let all = Array(debtors.indices)
        let recovering = all.filter { gross[$0] > 0 }
        let recap = Self.hierarchy(name: "groups", debtors: debtors, members: recovering, gross: gross, share: share)
        let rates = Self.hierarchy(name: "rates", debtors: debtors, members: all, gross: gross, share: share)
        let exceptions = Self.exceptionTable(rec, ledger: ledgerData.source, statements: statementData.source)
        let monitoring = Self.monitoringTable(debtors: debtors, members: recovering, gross: gross, share: share)

        let totalClaims = debtors.reduce(Decimal(0)) { $0 + $1.claimPaid }
        let totalSHS = debtors.reduce(Decimal(0)) { $0 + $1.shs }
        let totalGross = gross.reduce(0, +)
        let totalShare = share.reduce(0, +)
        let excluded = rec.exceptions.filter(\.kind.excludesRow).count
        var notes = [
            "Recap (groups) and monitoring list only debtors with recoveries, as seed 004 step 7 says; the rates table covers every ledger debtor.",
            "Insurer's shares are rounded to the cent per debtor; bank, unit and total figures are sums of those shares.",
        ]
        if excluded > 0 { notes.append("\(excluded) of \(entries.count) statement rows are not recoveries: see the exceptions table for the rule behind each.") }
        let unsplit = Set(shares.keys).subtracting(debtors.map(\.bank))
        if !unsplit.isEmpty { notes.append("The split table lists banks not in the ledger: \(unsplit.sorted().joined(separator: ", ")).") }
        let negative = debtors.indices.filter { share[$0] > debtors[$0].shs }.count
        if negative > 0 { notes.append("\(negative) debtors have an insurer's share above their SHS balance (negative remaining SHS): see exceptions kind exceeds_shs.") }

        let summary: [(name: String, value: Value)] = [
            ("debtors", .integer(debtors.count)),
            ("debtors_with_recoveries", .integer(recovering.count)),
            ("statement_rows", .integer(entries.count)),
            ("recoveries", .integer(rec.recoveries.reduce(0) { $0 + $1.count })),
            ("exceptions", .integer(rec.exceptions.count)),
            ("claims_paid", .money(totalClaims)),
            ("shs", .money(totalSHS)),
            ("gross_recoveries", .money(totalGross)),
            ("insurer_share", .money(totalShare)),
            ("remaining_shs", .money(totalSHS - totalShare)),
            ("recovery_rate", ratio(totalShare, totalClaims)),
            ("gross_recovery_rate", ratio(totalGross, totalClaims)),
        ]
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version,
                              tables: [units, recap, rates, exceptions, monitoring], summary: summary, notes: notes)
    }

    // MARK: Loading

    static func loadLedger(_ data: Dataset, _ columns: ColumnResolver) throws -> [LedgerDebtor] {
        let bankColumn = try columns.require("bank", in: data)
        let nameColumn = try columns.require("debtor", in: data)
        let banks = try data.texts(bankColumn).map(\.trimmedCell)
        let units = try data.texts(try columns.require("unit", in: data)).map(\.trimmedCell)
        let names = try data.texts(nameColumn).map(\.trimmedCell)
        let accountColumn = try columns.find("account", in: data)
        let accounts = try accountColumn.map { try data.texts($0, allowMissing: true).map(\.trimmedCell) } ?? Array(repeating: "", count: data.rowCount)
        let claims = try data.requiredAmounts(try columns.require("claim_paid", in: data), .nonNegative)
        let stgr = try data.dates(try columns.require("stgr_date", in: data))
        let shs = try data.requiredAmounts(try columns.require("shs", in: data), .nonNegative)
        // One ledger line per debtor; same-named debtors at one bank need account numbers.
        var seen: [[String]: Int] = [:]
        var byBankName: [[String]: [Int]] = [:]
        for r in 0..<data.rowCount {
            let key = [banks[r], names[r], accounts[r]]
            if let first = seen[key] {
                throw data.cellError(row: r, column: nameColumn, expected: "one ledger line per debtor (the same bank, name and account number are on line \(data.rowLines[first]); different debtors of one name need their account numbers)", got: names[r])
            }
            seen[key] = r
            byBankName[[banks[r], names[r]], default: []].append(r)
        }
        for r in 0..<data.rowCount {
            let same = byBankName[[banks[r], names[r]]]!
            if same.count > 1, r == same[1], same.contains(where: { accounts[$0].isEmpty }) {
                throw data.cellError(row: r, column: accountColumn ?? nameColumn,
                                     expected: "an account number on every line: debtor \"\(names[r])\" appears twice at \(banks[r]) (also line \(data.rowLines[same[0]])), and only accounts tell them apart",
                                     got: accountColumn == nil ? names[r] : accounts[r])
            }
        }
        return (0..<data.rowCount).map { r in
            LedgerDebtor(row: r, line: data.rowLines[r], bank: banks[r], unit: units[r], name: names[r], account: accounts[r],
                         claimPaid: claims[r], stgrDate: stgr[r]!, shs: shs[r])
        }
    }

    static func loadStatements(_ data: Dataset, _ columns: ColumnResolver) throws -> [StatementEntry] {
        let n = data.rowCount
        let none = Array(repeating: "", count: n)
        let banks = try columns.find("bank", in: data).map { try data.texts($0).map(\.trimmedCell) }
        let names = try data.texts(try columns.require("debtor", in: data)).map(\.trimmedCell)
        let accounts = try columns.find("account", in: data).map { try data.texts($0, allowMissing: true).map(\.trimmedCell) } ?? none
        let dates = try data.dates(try columns.require("date", in: data))
        let descriptions = try columns.find("description", in: data).map { try data.texts($0, allowMissing: true) } ?? none
        let debits = try columns.find("debit", in: data).map { try data.amounts($0, .nonNegative, allowMissing: true) } ?? Array(repeating: nil, count: n)
        let credits = try data.amounts(try columns.require("credit", in: data), .nonNegative, allowMissing: true)
        let balances = try columns.find("balance", in: data).map { try data.amounts($0, .any, allowMissing: true) } ?? Array(repeating: nil, count: n)
        let users = try data.texts(try columns.require("user_id", in: data), allowMissing: true).map(\.trimmedCell)
        return (0..<n).map { r in
            StatementEntry(row: r, line: data.rowLines[r], bank: banks?[r], name: names[r], account: accounts[r], date: dates[r]!,
                           description: descriptions[r], debit: debits[r] ?? 0, credit: credits[r] ?? 0, balance: balances[r], userID: users[r])
        }
    }

    /// bank → insurer's share, a fraction in [0, 1] (`0.7`, `0,7` or `70%`).
    static func loadSplits(_ data: Dataset, _ columns: ColumnResolver) throws -> [String: Decimal] {
        let bankColumn = try columns.require("bank", in: data)
        let shareColumn = try columns.require("insurer_share", in: data)
        let banks = try data.texts(bankColumn).map(\.trimmedCell)
        let cells = try data.texts(shareColumn)
        var shares: [String: Decimal] = [:]
        var lines: [String: Int] = [:]
        for r in 0..<data.rowCount {
            if let first = lines[banks[r]] {
                throw data.cellError(row: r, column: bankColumn, expected: "one split per bank (also on line \(first))", got: banks[r])
            }
            guard let s = parseRate(cells[r], format: data.numberFormat), s >= 0, s <= 1 else {
                throw data.cellError(row: r, column: shareColumn, expected: "the insurer's share as a fraction between 0 and 1 (0.7) or a percentage (70%)", got: cells[r])
            }
            shares[banks[r]] = s
            lines[banks[r]] = data.rowLines[r]
        }
        return shares
    }

    /// `--id` when given, else the debtor's name; repeated names get their bank, then account.
    static func debtorIDs(_ request: AnalysisRequest, _ debtors: [LedgerDebtor]) throws -> [String] {
        if let idColumn = request.idColumn { return try request.dataset.ids(column: idColumn) }
        var ids = debtors.map(\.name)
        if Set(ids).count < ids.count { ids = debtors.map { "\($0.bank) / \($0.name)" } }
        if Set(ids).count < ids.count { ids = debtors.map { "\($0.bank) / \($0.name) / \($0.account)" } }
        return ids
    }

    // MARK: Tables

    /// Unit/KCP rows, a subtotal per bank after its units, and a total, over `members`.
    static func hierarchy(name: String, debtors: [LedgerDebtor], members: [Int], gross: [Decimal], share: [Decimal]) -> ResultTable {
        var table = ResultTable(name: name, columns: [
            ResultColumn("id", .text), ResultColumn("level", .text), ResultColumn("bank", .text), ResultColumn("unit", .text),
            ResultColumn("debtors", .integer), ResultColumn("claim_paid", .money), ResultColumn("shs", .money),
            ResultColumn("gross_recoveries", .money), ResultColumn("insurer_share", .money), ResultColumn("remaining_shs", .money),
            ResultColumn("recovery_rate", .fraction), ResultColumn("gross_recovery_rate", .fraction),
        ])
        func row(_ id: String, _ level: String, _ bank: String, _ unit: String, _ rows: [Int]) {
            let claims = rows.reduce(Decimal(0)) { $0 + debtors[$1].claimPaid }
            let shs = rows.reduce(Decimal(0)) { $0 + debtors[$1].shs }
            let g = rows.reduce(Decimal(0)) { $0 + gross[$1] }
            let s = rows.reduce(Decimal(0)) { $0 + share[$1] }
            table.append([.text(id), .text(level), .text(bank), .text(unit), .integer(rows.count), .money(claims), .money(shs),
                          .money(g), .money(s), .money(shs - s), ratio(s, claims), ratio(g, claims)])
        }
        for (bank, units) in bankUnits(debtors: debtors, members: members) {
            for (unit, rows) in units { row("\(bank) / \(unit)", "unit", bank, unit, rows) }
            row(bank, "bank", bank, "", units.flatMap(\.rows))
        }
        row("total", "total", "", "", members)
        return table
    }

    /// `members` grouped by bank (in ledger order) and, within a bank, by unit/KCP (in ledger order).
    static func bankUnits(debtors: [LedgerDebtor], members: [Int]) -> [(bank: String, units: [(unit: String, rows: [Int])])] {
        var byBank = OrderedGroups()
        for k in members { byBank.add(row: k, key: [debtors[k].bank]) }
        return zip(byBank.keys, byBank.members).map { bankKey, bankRows in
            let byUnit = OrderedGroups(rows: 0..<bankRows.count) { [debtors[bankRows[$0]].unit] }
            return (bankKey[0], zip(byUnit.keys, byUnit.members).map { ($0[0], $1.map { bankRows[$0] }) })
        }
    }

    static func exceptionTable(_ rec: RecoveryReconciliation, ledger: String, statements: String) -> ResultTable {
        var table = ResultTable(name: "exceptions", columns: [
            ResultColumn("no", .integer), ResultColumn("kind", .text), ResultColumn("file", .text), ResultColumn("line", .integer),
            ResultColumn("bank", .text), ResultColumn("debtor", .text), ResultColumn("account", .text), ResultColumn("date", .text),
            ResultColumn("debit", .money), ResultColumn("credit", .money), ResultColumn("detail", .text),
        ])
        // Statement rows first in file order, then ledger-level exceptions in ledger order.
        let ordered = rec.exceptions.enumerated().sorted { a, b in
            switch (a.element.entry, b.element.entry) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return (a.element.debtor ?? 0, a.offset) < (b.element.debtor ?? 0, b.offset)
            }
        }.map(\.element)
        for (n, x) in ordered.enumerated() {
            if let e = x.entry.map({ rec.entries[$0] }) {
                table.append([.integer(n + 1), .text(x.kind.rawValue), .text(statements), .integer(e.line),
                              .text(e.bank ?? x.debtor.map { rec.debtors[$0].bank } ?? ""), .text(e.name), .text(e.account),
                              .text(e.date.description), .money(e.debit), .money(e.credit), .text(x.detail)])
            } else if let d = x.debtor.map({ rec.debtors[$0] }) {
                table.append([.integer(n + 1), .text(x.kind.rawValue), .text(ledger), .integer(d.line),
                              .text(d.bank), .text(d.name), .text(d.account), .text(""), .missing, .missing, .text(x.detail)])
            }
        }
        return table
    }

    /// Seed 004's monitoring worksheet ("lembar kerja bantu sistem monitoring dan evaluasi"): No,
    /// Bank, Unit/KCP, SHS, debtor recoveries, actions in weeks 1–4, contact person, response and
    /// follow-up (TLR) — one row per bank and unit with recoveries, action columns left empty for
    /// the collectors. The insurer's share (what is to be collected) is added after the recoveries.
    static func monitoringTable(debtors: [LedgerDebtor], members: [Int], gross: [Decimal], share: [Decimal]) -> ResultTable {
        var table = ResultTable(name: "monitoring", columns: [
            ResultColumn("no", .integer), ResultColumn("bank", .text), ResultColumn("unit", .text), ResultColumn("shs", .money),
            ResultColumn("debtor_recoveries", .money), ResultColumn("insurer_share", .money),
            ResultColumn("action_week_1", .text), ResultColumn("action_week_2", .text), ResultColumn("action_week_3", .text),
            ResultColumn("action_week_4", .text), ResultColumn("contact", .text), ResultColumn("response", .text), ResultColumn("follow_up", .text),
        ])
        let units = bankUnits(debtors: debtors, members: members).flatMap { b in b.units.map { (b.bank, $0.unit, $0.rows) } }
        for (n, (bank, unit, rows)) in units.enumerated() {
            table.append([.integer(n + 1), .text(bank), .text(unit),
                          .money(rows.reduce(Decimal(0)) { $0 + debtors[$1].shs }),
                          .money(rows.reduce(Decimal(0)) { $0 + gross[$1] }),
                          .money(rows.reduce(Decimal(0)) { $0 + share[$1] })]
                         + Array(repeating: Value.text(""), count: 7))
        }
        return table
    }
}
