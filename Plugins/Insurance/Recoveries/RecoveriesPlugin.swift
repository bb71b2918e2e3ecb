import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run recoveries`: reconciles the insurer's SHS ledger (`--data`) with the banks'
/// account statements (`--statements`) under the rules of docs/INSURANCE.md §6 (working
/// document 004; see ``RecoveryReconciliation``), splits each debtor's recoveries with the bank
/// by the agreed share (`--splits`), and reports per debtor, per bank and unit/KCP, the
/// exceptions, and the monitoring worksheet.
public struct RecoveriesPlugin: AnalysisPlugin {
    public init() {}

    static let options = RecoveriesOptions()
    static let ledgerRoles: [ColumnRole] = [.bank, .unit, .debtor, .account, .claimPaid, .stgrDate, .shs]
    static let statementRoles: [ColumnRole] = [.bank, .debtor, .account, .transactionDate, .transactionDescription, .debit, .credit, .statementBalance, .userID]
    static let splitRoles: [ColumnRole] = [.bank, .insurerShare]

    public let descriptor = PluginDescriptor(
        id: "recoveries",
        version: "1.0.0",
        summary: "Subrogation recoveries: reconcile the SHS ledger with banks' account statements (working document 004 rules), insurer's share per bank, recap, exceptions, monitoring",
        options: RecoveriesPlugin.options,
        references: [
            "Working document 004, Pedoman Kegiatan Rekonsiliasi Data SHS Penjaminan Kredit: steps 3–7 (STGR date, exact name and account, credits with a user id after the STGR date, paid-off balances, recap of debtors with recoveries), the monitoring worksheet.",
            "docs/INSURANCE.md §6: reconciliation outputs and recovery rates.",
        ],
        tables: ["units", "groups", "rates", "exceptions", "monitoring"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        let ledgerData = request.dataset
        let statementData = try request.requiredFile(o.statements)
        let splitData = try request.requiredFile(o.splits)
        let mapEntries = try request.option(o.map).map { $0.hasPrefix("ledger.") ? String($0.dropFirst(7)) : $0 }
        let prefixes = ["statements.", "splits."]
        let ledgerColumns = try ColumnResolver(roles: Self.ledgerRoles, mapEntries: mapEntries, knownPrefixes: prefixes)
        let statementColumns = try ColumnResolver(roles: Self.statementRoles, mapEntries: mapEntries, prefix: "statements.", knownPrefixes: prefixes)
        let splitColumns = try ColumnResolver(roles: Self.splitRoles, mapEntries: mapEntries, prefix: "splits.", knownPrefixes: prefixes)

        let debtors = try Self.loadLedger(ledgerData, ledgerColumns)
        let entries = try Self.loadStatements(statementData, statementColumns)
        let shares = try Self.loadSplits(splitData, splitColumns)

        let recoveries: SubrogationRecoveries
        do {
            recoveries = try SubrogationRecoveries(debtors: debtors, entries: entries, shares: shares)
        } catch SubrogationRecoveries.Problem.noSplitForBank(let k) {
            // Every ledger bank must have an agreed split.
            throw ledgerData.cellError(row: debtors[k].row, column: try ledgerColumns.require(.bank, in: ledgerData),
                                       expected: "a bank listed in the split table \(splitData.source) (it lists: \(shares.keys.sorted().joined(separator: ", ")))",
                                       got: debtors[k].bank)
        }

        let report = RecoveriesReport(ids: try Self.debtorIDs(request, debtors), recoveries: recoveries, splitBanks: Set(shares.keys),
                                      ledgerSource: ledgerData.source, statementSource: statementData.source)
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: report.tables, summary: report.summary, notes: report.notes)
    }

    // MARK: Loading

    static func loadLedger(_ data: Dataset, _ columns: ColumnResolver) throws -> [LedgerDebtor] {
        let bankColumn = try columns.require(.bank, in: data)
        let nameColumn = try columns.require(.debtor, in: data)
        let banks = try data.labels(bankColumn)
        let units = try data.labels(try columns.require(.unit, in: data))
        let names = try data.labels(nameColumn)
        let accountColumn = try columns.find(.account, in: data)
        let accounts = try accountColumn.map { try data.labels($0, allowMissing: true) } ?? Array(repeating: "", count: data.rowCount)
        let claims = try data.requiredAmounts(try columns.require(.claimPaid, in: data), .nonNegative)
        let stgr = try data.dates(try columns.require(.stgrDate, in: data))
        let shs = try data.requiredAmounts(try columns.require(.shs, in: data), .nonNegative)
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
        let banks = try columns.find(.bank, in: data).map { try data.labels($0) }
        let names = try data.labels(try columns.require(.debtor, in: data))
        let accounts = try columns.find(.account, in: data).map { try data.labels($0, allowMissing: true) } ?? none
        let dates = try data.dates(try columns.require(.transactionDate, in: data))
        let descriptions = try columns.find(.transactionDescription, in: data).map { try data.texts($0, allowMissing: true) } ?? none
        let debits = try columns.find(.debit, in: data).map { try data.amounts($0, .nonNegative, allowMissing: true) } ?? Array(repeating: nil, count: n)
        let credits = try data.amounts(try columns.require(.credit, in: data), .nonNegative, allowMissing: true)
        let balances = try columns.find(.statementBalance, in: data).map { try data.amounts($0, .any, allowMissing: true) } ?? Array(repeating: nil, count: n)
        let users = try data.labels(try columns.require(.userID, in: data), allowMissing: true)
        return (0..<n).map { r in
            StatementEntry(row: r, line: data.rowLines[r], bank: banks?[r], name: names[r], account: accounts[r], date: dates[r]!,
                           description: descriptions[r], debit: debits[r] ?? 0, credit: credits[r] ?? 0, balance: balances[r], userID: users[r])
        }
    }

    /// bank → insurer's share, a fraction in [0, 1] (`0.7`, `0,7` or `70%`).
    static func loadSplits(_ data: Dataset, _ columns: ColumnResolver) throws -> [String: Decimal] {
        let bankColumn = try columns.require(.bank, in: data)
        let shareColumn = try columns.require(.insurerShare, in: data)
        let banks = try data.labels(bankColumn)
        let cells = try data.texts(shareColumn)
        let shareFormat = try data.numberFormat(of: shareColumn)
        var shares: [String: Decimal] = [:]
        var lines: [String: Int] = [:]
        for r in 0..<data.rowCount {
            if let first = lines[banks[r]] {
                throw data.cellError(row: r, column: bankColumn, expected: "one split per bank (also on line \(first))", got: banks[r])
            }
            guard let s = MoneyText.parseRate(cells[r], format: shareFormat), s >= 0, s <= 1 else {
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
}
