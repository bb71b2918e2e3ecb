import Foundation
import TolokCore
import TolokInsuranceModel

/// The tables of `tolok run recoveries`: `units` (every ledger debtor), `groups` (the recap per
/// bank and unit/KCP over debtors with recoveries), `rates` (the same over every debtor),
/// `exceptions` (each with the rule behind it) and `monitoring` (the collectors' worksheet);
/// the summary and the notes. Exception details cite working document 004 as "seed 004"
/// (docs/INSURANCE.md §1).
struct RecoveriesReport {
    let ids: [String]
    let recoveries: SubrogationRecoveries
    /// The banks the split table lists.
    let splitBanks: Set<String>
    let ledgerSource: String
    let statementSource: String

    var rec: RecoveryReconciliation { recoveries.reconciliation }
    var debtors: [LedgerDebtor] { recoveries.debtors }

    var tables: [ResultTable] {
        let all = Array(debtors.indices), recovering = recoveries.debtorsWithRecoveries
        return [units, hierarchy(name: "groups", members: recovering), hierarchy(name: "rates", members: all), exceptions, monitoring(recovering)]
    }

    var units: ResultTable {
        let d = debtors, r = recoveries
        let totals = d.indices.map { r.totals([$0]) }
        var t = TableBuilder(ids: ids, statuses: Array(repeating: .ok, count: d.count))
        t.add("bank", .text) { .text(d[$0].bank) }
        t.add("unit", .text) { .text(d[$0].unit) }
        t.add("debtor", .text) { .text(d[$0].name) }
        t.add("account", .text) { .text(d[$0].account) }
        t.add("claim_paid", .money) { .money(d[$0].claimPaid) }
        t.add("stgr_date", .text) { .text(d[$0].stgrDate.description) }
        t.add("shs", .money) { .money(d[$0].shs) }
        t.add("statement_rows", .integer) { .integer(rec.matched[$0].count) }
        t.add("recoveries", .integer) { .integer(rec.recoveries[$0].count) }
        t.add("gross_recoveries", .money) { .money(r.gross[$0]) }
        t.add("insurer_share_rate", .fraction) { .fraction(r.shareRates[$0]) }
        t.add("insurer_share", .money) { .money(r.insurerShares[$0]) }
        t.add("remaining_shs", .money) { .money(r.remainingSHS($0)) }
        t.add("recovery_rate", .fraction) { .fraction(totals[$0].recoveryRate) }
        t.add("gross_recovery_rate", .fraction) { .fraction(totals[$0].grossRecoveryRate) }
        t.add("paid_off", .bool) { rec.paidOff($0).map(Value.bool) ?? .missing }
        t.add("recoveries_after_paid_off", .integer) { .integer(rec.recoveriesAfterPaidOff($0)) }
        return t.table
    }

    /// Unit/KCP rows, a subtotal per bank after its units, and a total, over `members`.
    func hierarchy(name: String, members: [Int]) -> ResultTable {
        var rows: [(id: String, level: String, bank: String, unit: String, totals: RecoveryTotals)] = []
        for (bank, units) in bankUnits(members) {
            for (unit, members) in units { rows.append(("\(bank) / \(unit)", "unit", bank, unit, recoveries.totals(members))) }
            rows.append((bank, "bank", bank, "", recoveries.totals(units.flatMap(\.rows))))
        }
        rows.append(("total", "total", "", "", recoveries.totals(members)))
        var t = TableBuilder(name: name, rows: rows.count)
        t.add("id", .text) { .text(rows[$0].id) }
        t.add("level", .text) { .text(rows[$0].level) }
        t.add("bank", .text) { .text(rows[$0].bank) }
        t.add("unit", .text) { .text(rows[$0].unit) }
        t.add("debtors", .integer) { .integer(rows[$0].totals.debtors) }
        t.add("claim_paid", .money) { .money(rows[$0].totals.claimsPaid) }
        t.add("shs", .money) { .money(rows[$0].totals.shs) }
        t.add("gross_recoveries", .money) { .money(rows[$0].totals.gross) }
        t.add("insurer_share", .money) { .money(rows[$0].totals.insurerShare) }
        t.add("remaining_shs", .money) { .money(rows[$0].totals.remainingSHS) }
        t.add("recovery_rate", .fraction) { .fraction(rows[$0].totals.recoveryRate) }
        t.add("gross_recovery_rate", .fraction) { .fraction(rows[$0].totals.grossRecoveryRate) }
        return t.table
    }

    /// `members` grouped by bank (in ledger order) and, within a bank, by unit/KCP (in ledger order).
    func bankUnits(_ members: [Int]) -> [(bank: String, units: [(unit: String, rows: [Int])])] {
        var byBank = OrderedGroups()
        for k in members { byBank.add(row: k, key: [debtors[k].bank]) }
        return zip(byBank.keys, byBank.members).map { bankKey, bankRows in
            let byUnit = OrderedGroups(rows: 0..<bankRows.count) { [debtors[bankRows[$0]].unit] }
            return (bankKey[0], zip(byUnit.keys, byUnit.members).map { ($0[0], $1.map { bankRows[$0] }) })
        }
    }

    /// Statement rows first in file order, then ledger-level exceptions in ledger order.
    var orderedExceptions: [RecoveryExceptionRecord] {
        rec.exceptions.enumerated().sorted { a, b in
            switch (a.element.entry, b.element.entry) {
            case let (x?, y?): return x < y
            case (.some, nil): return true
            case (nil, .some): return false
            case (nil, nil): return (a.element.debtor ?? 0, a.offset) < (b.element.debtor ?? 0, b.offset)
            }
        }.map(\.element)
    }

    var exceptions: ResultTable {
        let x = orderedExceptions.filter { $0.entry != nil || $0.debtor != nil }
        let entry = x.map { $0.entry.map { rec.entries[$0] } }
        let debtor = x.map { $0.debtor.map { debtors[$0] } }
        var t = TableBuilder(name: "exceptions", rows: x.count)
        t.add("no", .integer) { .integer($0 + 1) }
        t.add("kind", .text) { .text(x[$0].kind.rawValue) }
        t.add("file", .text) { .text(entry[$0] == nil ? ledgerSource : statementSource) }
        t.add("line", .integer) { .integer(entry[$0]?.line ?? debtor[$0]!.line) }
        t.add("bank", .text) { r in .text(entry[r].map { $0.bank ?? debtor[r]?.bank ?? "" } ?? debtor[r]!.bank) }
        t.add("debtor", .text) { .text(entry[$0]?.name ?? debtor[$0]!.name) }
        t.add("account", .text) { .text(entry[$0]?.account ?? debtor[$0]!.account) }
        t.add("date", .text) { .text(entry[$0]?.date.description ?? "") }
        t.add("debit", .money) { entry[$0].map { .money($0.debit) } ?? .missing }
        t.add("credit", .money) { entry[$0].map { .money($0.credit) } ?? .missing }
        t.add("detail", .text) { .text(detail(x[$0])) }
        return t.table
    }

    /// The exception in words, with the rule of working document 004 ("seed 004") it applies.
    func detail(_ x: RecoveryExceptionRecord) -> String {
        let entry = x.entry.map { rec.entries[$0] }
        switch x.kind {
        case .nameMismatch:
            let near = debtors[x.debtor!]
            return "name differs from ledger debtor \"\(near.name)\" (\(near.bank)) in case or spacing; names must be identical (seed 004 step 4)"
        case .noLedgerEntry:
            let at = entry!.bank.map { " at bank \"\($0)\"" } ?? ""
            return "no debtor of this name\(at) in the SHS ledger"
        case .accountMismatch:
            let got = entry!.account.isEmpty ? "no account number" : "account \(entry!.account)"
            return "\(got), but the ledger has account \(debtors[x.debtor!].account) for this debtor (seed 004 step 4)"
        case .ambiguousDebtor:
            let banks = x.candidates.map { debtors[$0].bank }.joined(separator: ", ")
            return "the name matches \(x.candidates.count) ledger debtors (banks: \(banks)); add a bank or account column to the statements"
        case .notACredit:
            return "not a credit; recoveries are taken from the credit column (seed 004 step 6)"
        case .onOrBeforeSTGR:
            return "dated on or before the STGR date \(debtors[x.debtor!].stgrDate); recoveries are transactions after it (seed 004 steps 3 and 5)"
        case .noUserID:
            return "credit without a user id; only credits carrying a user id count (seed 004 step 6)"
        case .noStatement:
            return "no statement row for this ledger debtor (ask the bank for the R/C)"
        case .exceedsSHS:
            let k = x.debtor!
            return "insurer's share \(recoveries.insurerShares[k].moneyText) exceeds the SHS balance \(debtors[k].shs.moneyText): the remaining SHS is negative"
        }
    }

    /// The monitoring worksheet of working document 004 ("lembar kerja bantu sistem monitoring
    /// dan evaluasi"): No, Bank, Unit/KCP, SHS, debtor recoveries, actions in weeks 1–4, contact
    /// person, response and follow-up (TLR) — one row per bank and unit with recoveries, action
    /// columns left empty for the collectors. The insurer's share (what is to be collected) is
    /// added after the recoveries.
    func monitoring(_ members: [Int]) -> ResultTable {
        let units = bankUnits(members).flatMap { b in b.units.map { (bank: b.bank, unit: $0.unit, totals: recoveries.totals($0.rows)) } }
        var t = TableBuilder(name: "monitoring", rows: units.count)
        t.add("no", .integer) { .integer($0 + 1) }
        t.add("bank", .text) { .text(units[$0].bank) }
        t.add("unit", .text) { .text(units[$0].unit) }
        t.add("shs", .money) { .money(units[$0].totals.shs) }
        t.add("debtor_recoveries", .money) { .money(units[$0].totals.gross) }
        t.add("insurer_share", .money) { .money(units[$0].totals.insurerShare) }
        for name in ["action_week_1", "action_week_2", "action_week_3", "action_week_4", "contact", "response", "follow_up"] {
            t.add(name, .text) { _ in .text("") }
        }
        return t.table
    }

    var summary: [(name: String, value: Value)] {
        let total = recoveries.totals(Array(debtors.indices))
        return [
            ("debtors", .integer(debtors.count)),
            ("debtors_with_recoveries", .integer(recoveries.debtorsWithRecoveries.count)),
            ("statement_rows", .integer(rec.entries.count)),
            ("recoveries", .integer(rec.recoveries.reduce(0) { $0 + $1.count })),
            ("exceptions", .integer(rec.exceptions.count)),
            ("claims_paid", .money(total.claimsPaid)),
            ("shs", .money(total.shs)),
            ("gross_recoveries", .money(total.gross)),
            ("insurer_share", .money(total.insurerShare)),
            ("remaining_shs", .money(total.remainingSHS)),
            ("recovery_rate", .fraction(total.recoveryRate)),
            ("gross_recovery_rate", .fraction(total.grossRecoveryRate)),
        ]
    }

    var notes: [String] {
        var notes = [
            "Recap (groups) and monitoring list only debtors with recoveries, as seed 004 step 7 says; the rates table covers every ledger debtor.",
            "Insurer's shares are rounded to the cent per debtor; bank, unit and total figures are sums of those shares.",
        ]
        let excluded = rec.exceptions.filter(\.kind.excludesRow).count
        if excluded > 0 { notes.append("\(excluded) of \(rec.entries.count) statement rows are not recoveries: see the exceptions table for the rule behind each.") }
        let unsplit = splitBanks.subtracting(debtors.map(\.bank))
        if !unsplit.isEmpty { notes.append("The split table lists banks not in the ledger: \(unsplit.sorted().joined(separator: ", ")).") }
        let negative = debtors.indices.filter { recoveries.insurerShares[$0] > debtors[$0].shs }.count
        if negative > 0 { notes.append("\(negative) debtors have an insurer's share above their SHS balance (negative remaining SHS): see exceptions kind exceeds_shs.") }
        return notes
    }
}
