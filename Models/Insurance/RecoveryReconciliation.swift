import Foundation
import TolokCore

/// A debtor in the insurer's subrogation-right ledger (*laporan mutasi data SHS*, seed 004
/// step 1): the bank and unit/KCP that received the claim, the debtor's name and (when the
/// ledger has one) account number, the claim paid, the date of the claim demand letter (STGR,
/// *Surat Tagih Ganti Rugi*) and the SHS balance (*saldo hak subrogasi*).
public struct LedgerDebtor: Sendable, Equatable {
    /// 0-based data row and physical line in the ledger file.
    public var row: Int
    public var line: Int
    public var bank: String
    public var unit: String
    public var name: String
    /// The account number, "" when the ledger has none for this debtor.
    public var account: String
    public var claimPaid: Decimal
    public var stgrDate: CivilDate
    public var shs: Decimal

    public init(row: Int, line: Int, bank: String, unit: String, name: String, account: String,
                claimPaid: Decimal, stgrDate: CivilDate, shs: Decimal) {
        self.row = row; self.line = line; self.bank = bank; self.unit = unit; self.name = name
        self.account = account; self.claimPaid = claimPaid; self.stgrDate = stgrDate; self.shs = shs
    }
}

/// One transaction of a bank's account statement (*daftar R/C, rekening koran*) for a debtor
/// (seed 004 steps 4–6): date, description, debit, credit, outstanding balance (*baki debet*)
/// and the user id of the teller who booked it.
public struct StatementEntry: Sendable, Equatable {
    public var row: Int
    public var line: Int
    /// The bank, when the statements file says; `nil` otherwise.
    public var bank: String?
    public var name: String
    /// "" when the statement row carries no account number.
    public var account: String
    public var date: CivilDate
    public var description: String
    public var debit: Decimal
    public var credit: Decimal
    /// The outstanding loan balance after the transaction, when given.
    public var balance: Decimal?
    /// "" when the row carries no user id.
    public var userID: String

    public init(row: Int, line: Int, bank: String?, name: String, account: String, date: CivilDate, description: String = "",
                debit: Decimal = 0, credit: Decimal, balance: Decimal? = nil, userID: String) {
        self.row = row; self.line = line; self.bank = bank; self.name = name; self.account = account; self.date = date
        self.description = description; self.debit = debit; self.credit = credit; self.balance = balance; self.userID = userID
    }
}

/// Why a statement row or a ledger debtor appears in the exceptions table. Nothing is dropped
/// silently: every statement row is either counted as a recovery or listed with one of these.
public enum RecoveryException: String, Sendable, CaseIterable {
    /// The row's name equals a ledger debtor's only after ignoring case and spacing (seed 004
    /// step 4: the names must be the same, "Ade Putra Agung" = "Ade Putra Agung").
    case nameMismatch = "name_mismatch"
    /// The name matches but the ledger has an account number that the row does not carry
    /// (seed 004 step 4: where the ledger has an account number it must be the same).
    case accountMismatch = "account_mismatch"
    /// No ledger debtor of this name (at this bank, when the statements name the bank).
    case noLedgerEntry = "no_ledger_entry"
    /// The name matches debtors at several banks and neither bank nor account tells them apart.
    case ambiguousDebtor = "ambiguous_debtor"
    /// Matched, but not a credit (seed 004 step 6: the recovery is taken from the credit column).
    case notACredit = "not_a_credit"
    /// Matched credit dated on or before the STGR date (seed 004 steps 3 and 5: transactions
    /// *after* the STGR date).
    case onOrBeforeSTGR = "on_or_before_stgr"
    /// Matched credit after the STGR date without a user id (seed 004 step 6: credits that carry
    /// a user id).
    case noUserID = "no_user_id"
    /// A ledger debtor with no statement row at all (ask the bank for the R/C).
    case noStatement = "no_statement"
    /// The insurer's share exceeds the SHS balance: the remaining SHS is negative (indemnity,
    /// seed 004 "Konsep dan Definisi" b: no more than the claim paid).
    case exceedsSHS = "exceeds_shs"

    /// Whether the exception excludes a statement row from the recoveries.
    public var excludesRow: Bool {
        switch self {
        case .noStatement, .exceedsSHS: return false
        default: return true
        }
    }
}

/// One line of the exceptions table.
public struct RecoveryExceptionRecord: Sendable, Equatable {
    public var kind: RecoveryException
    /// The statement row concerned, if any (index into the entries).
    public var entry: Int?
    /// The ledger debtor concerned, if any (index into the debtors).
    public var debtor: Int?
    public var detail: String
}

/// The reconciliation of an SHS ledger against banks' account statements (seed 004, *Pedoman
/// Rekonsiliasi Data SHS*, "Tahapan Kegiatan Rekonsiliasi Data SHS" steps 3–7; MODELS.md §5).
///
/// A statement row is a recovery for a ledger debtor when, in this order:
/// 1. its debtor name is *exactly* the ledger's (outer spaces ignored; case and inner spacing
///    count), at the same bank when the statements name banks (step 4);
/// 2. where the ledger has an account number, the row carries the same one (step 4);
/// 3. it is a credit (step 6);
/// 4. it is dated strictly after the debtor's STGR date (steps 3 and 5);
/// 5. it carries a user id (step 6).
/// Credits after the outstanding balance reached .00 (loan paid off) still count (step 6).
/// The first rule a row fails is recorded as its exception.
public struct RecoveryReconciliation: Sendable {
    public let debtors: [LedgerDebtor]
    public let entries: [StatementEntry]
    /// For each debtor, the indices of the entries counted as its recoveries.
    public private(set) var recoveries: [[Int]]
    /// For each debtor, the indices of all entries matched to it (counted or excluded).
    public private(set) var matched: [[Int]]
    public private(set) var exceptions: [RecoveryExceptionRecord] = []

    public init(debtors: [LedgerDebtor], entries: [StatementEntry]) {
        self.debtors = debtors
        self.entries = entries
        recoveries = Array(repeating: [], count: debtors.count)
        matched = Array(repeating: [], count: debtors.count)
        var byName: [String: [Int]] = [:]
        var byLooseName: [String: [Int]] = [:]
        for (k, d) in debtors.enumerated() {
            byName[d.name, default: []].append(k)
            byLooseName[Self.loose(d.name), default: []].append(k)
        }
        for (e, entry) in entries.enumerated() {
            let sameBank: (Int) -> Bool = { entry.bank == nil || debtors[$0].bank == entry.bank }
            let named = (byName[entry.name] ?? []).filter(sameBank)
            guard !named.isEmpty else {
                if let near = (byLooseName[Self.loose(entry.name)] ?? []).first(where: sameBank) {
                    exceptions.append(.init(kind: .nameMismatch, entry: e, debtor: near,
                                            detail: "name differs from ledger debtor \"\(debtors[near].name)\" (\(debtors[near].bank)) in case or spacing; names must be identical (seed 004 step 4)"))
                } else {
                    let at = entry.bank.map { " at bank \"\($0)\"" } ?? ""
                    exceptions.append(.init(kind: .noLedgerEntry, entry: e, debtor: nil, detail: "no debtor of this name\(at) in the SHS ledger"))
                }
                continue
            }
            let accepted = named.filter { debtors[$0].account.isEmpty || debtors[$0].account == entry.account }
            guard !accepted.isEmpty else {
                let k = named[0]
                let got = entry.account.isEmpty ? "no account number" : "account \(entry.account)"
                exceptions.append(.init(kind: .accountMismatch, entry: e, debtor: k,
                                        detail: "\(got), but the ledger has account \(debtors[k].account) for this debtor (seed 004 step 4)"))
                continue
            }
            // Prefer a debtor whose account number matches over one without an account number.
            let exact = accepted.filter { !debtors[$0].account.isEmpty }
            let candidates = exact.isEmpty ? accepted : exact
            guard candidates.count == 1 else {
                let banks = candidates.map { debtors[$0].bank }.joined(separator: ", ")
                exceptions.append(.init(kind: .ambiguousDebtor, entry: e, debtor: nil,
                                        detail: "the name matches \(candidates.count) ledger debtors (banks: \(banks)); add a bank or account column to the statements"))
                continue
            }
            let k = candidates[0]
            matched[k].append(e)
            if let rule = Self.exclusion(entry, for: debtors[k]) {
                exceptions.append(.init(kind: rule, entry: e, debtor: k, detail: Self.explain(rule, debtors[k])))
            } else {
                recoveries[k].append(e)
            }
        }
        for k in debtors.indices where matched[k].isEmpty {
            exceptions.append(.init(kind: .noStatement, entry: nil, debtor: k,
                                    detail: "no statement row for this ledger debtor (ask the bank for the R/C)"))
        }
    }

    /// The first of seed 004's transaction rules (steps 3, 5, 6) that an entry of a matched
    /// debtor fails, or `nil` when it is a recovery.
    public static func exclusion(_ entry: StatementEntry, for debtor: LedgerDebtor) -> RecoveryException? {
        guard entry.credit > 0 else { return .notACredit }
        guard entry.date > debtor.stgrDate else { return .onOrBeforeSTGR }
        guard !entry.userID.isEmpty else { return .noUserID }
        return nil
    }

    public static func explain(_ rule: RecoveryException, _ debtor: LedgerDebtor) -> String {
        switch rule {
        case .notACredit: return "not a credit; recoveries are taken from the credit column (seed 004 step 6)"
        case .onOrBeforeSTGR: return "dated on or before the STGR date \(debtor.stgrDate); recoveries are transactions after it (seed 004 steps 3 and 5)"
        case .noUserID: return "credit without a user id; only credits carrying a user id count (seed 004 step 6)"
        default: return rule.rawValue
        }
    }

    /// Case-folded name with runs of white space collapsed (for the name-mismatch hint only).
    public static func loose(_ name: String) -> String {
        name.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    /// Sum of a debtor's recoveries (credits counted under the rules).
    public func grossRecoveries(_ k: Int) -> Decimal {
        recoveries[k].reduce(Decimal(0)) { $0 + entries[$1].credit }
    }

    /// The debtor's matched entries in time order (file order within a day).
    public func timeline(_ k: Int) -> [Int] {
        matched[k].sorted { (entries[$0].date, entries[$0].row) < (entries[$1].date, entries[$1].row) }
    }

    /// Whether the last outstanding balance on the debtor's statement is .00 (loan paid off),
    /// `nil` when the statement shows no balance.
    public func paidOff(_ k: Int) -> Bool? {
        timeline(k).last { entries[$0].balance != nil }.map { entries[$0].balance! == 0 }
    }

    /// Recoveries booked after the balance first showed .00 — they still count (seed 004 step 6).
    public func recoveriesAfterPaidOff(_ k: Int) -> Int {
        let order = timeline(k)
        guard let zero = order.firstIndex(where: { entries[$0].balance == 0 }) else { return 0 }
        let after = Set(order[(zero + 1)...])
        return recoveries[k].filter { after.contains($0) }.count
    }

    /// Records debtors whose insurer's share exceeds their SHS balance.
    public mutating func flagOverRecoveries(share: (Int) -> Decimal) {
        for k in debtors.indices where share(k) > debtors[k].shs {
            exceptions.append(.init(kind: .exceedsSHS, entry: nil, debtor: k,
                                    detail: "insurer's share \(share(k).moneyText) exceeds the SHS balance \(debtors[k].shs.moneyText): the remaining SHS is negative"))
        }
    }
}

/// The insurer's share of a debtor's recoveries under the bank's cooperation agreement (PKS,
/// seed 004 Tujuan item 2: "sesuai komposisi pembagian recoveries yang diatur dalam PKS"),
/// rounded to the cent half away from zero; bank and unit totals are sums of these rounded
/// shares, so every table adds up to the cent.
public func insurerShare(gross: Decimal, share: Decimal) -> Decimal { (gross * share).rounded() }
