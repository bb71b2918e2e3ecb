import Foundation
import TolokDomain

/// A debtor in the insurer's subrogation-right ledger (*laporan mutasi data SHS*; docs/INSURANCE.md
/// §6): the bank and unit/KCP that received the claim, the debtor's name and (when the ledger has
/// one) account number, the claim paid, the date of the claim demand letter (STGR, *Surat Tagih
/// Ganti Rugi*) and the SHS balance (*saldo hak subrogasi*).
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
/// (docs/INSURANCE.md §6): date, description, debit, credit, outstanding balance (*baki debet*)
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
/// (The rules are those of working document 004, restated in docs/INSURANCE.md §6.)
public enum RecoveryException: String, Sendable, CaseIterable {
    /// The row's name equals a ledger debtor's only after ignoring case and spacing (rule 1:
    /// the names must be the same, "Ade Putra Agung" = "Ade Putra Agung").
    case nameMismatch = "name_mismatch"
    /// The name matches but the ledger has an account number that the row does not carry (rule 2).
    case accountMismatch = "account_mismatch"
    /// No ledger debtor of this name (at this bank, when the statements name the bank).
    case noLedgerEntry = "no_ledger_entry"
    /// The name matches debtors at several banks and neither bank nor account tells them apart.
    case ambiguousDebtor = "ambiguous_debtor"
    /// Matched, but not a credit (rule 3: the recovery is taken from the credit column).
    case notACredit = "not_a_credit"
    /// Matched credit dated on or before the STGR date (rule 4: transactions *after* the STGR date).
    case onOrBeforeSTGR = "on_or_before_stgr"
    /// Matched credit after the STGR date without a user id (rule 5: credits that carry a user id).
    case noUserID = "no_user_id"
    /// A ledger debtor with no statement row at all (ask the bank for the R/C).
    case noStatement = "no_statement"
    /// The insurer's share exceeds the SHS balance: the remaining SHS is negative (indemnity:
    /// no more than the claim paid is recovered).
    case exceedsSHS = "exceeds_shs"

    /// Whether the exception excludes a statement row from the recoveries.
    public var excludesRow: Bool {
        switch self {
        case .noStatement, .exceedsSHS: return false
        default: return true
        }
    }
}

/// One line of the exceptions table: the rule, and the statement row and ledger debtor concerned.
public struct RecoveryExceptionRecord: Sendable, Equatable {
    public var kind: RecoveryException
    /// The statement row concerned, if any (index into the entries).
    public var entry: Int?
    /// The ledger debtor concerned, if any (index into the debtors): for ``RecoveryException/nameMismatch``
    /// the debtor whose name is nearly the row's.
    public var debtor: Int?
    /// For ``RecoveryException/ambiguousDebtor``: the debtors the row's name matches.
    public var candidates: [Int]

    public init(kind: RecoveryException, entry: Int?, debtor: Int?, candidates: [Int] = []) {
        self.kind = kind; self.entry = entry; self.debtor = debtor; self.candidates = candidates
    }
}

/// The reconciliation of an SHS ledger against banks' account statements (docs/INSURANCE.md §6,
/// after working document 004, *Pedoman Rekonsiliasi Data SHS*, "Tahapan Kegiatan Rekonsiliasi
/// Data SHS" steps 3–7).
///
/// A statement row is a recovery for a ledger debtor when, in this order:
/// 1. its debtor name is *exactly* the ledger's (outer spaces ignored; case and inner spacing
///    count), at the same bank when the statements name banks;
/// 2. where the ledger has an account number, the row carries the same one;
/// 3. it is a credit;
/// 4. it is dated strictly after the debtor's STGR date;
/// 5. it carries a user id.
/// Credits after the outstanding balance reached .00 (loan paid off) still count.
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
                    exceptions.append(.init(kind: .nameMismatch, entry: e, debtor: near))
                } else {
                    exceptions.append(.init(kind: .noLedgerEntry, entry: e, debtor: nil))
                }
                continue
            }
            let accepted = named.filter { debtors[$0].account.isEmpty || debtors[$0].account == entry.account }
            guard !accepted.isEmpty else {
                exceptions.append(.init(kind: .accountMismatch, entry: e, debtor: named[0]))
                continue
            }
            // Prefer a debtor whose account number matches over one without an account number.
            let exact = accepted.filter { !debtors[$0].account.isEmpty }
            let candidates = exact.isEmpty ? accepted : exact
            guard candidates.count == 1 else {
                exceptions.append(.init(kind: .ambiguousDebtor, entry: e, debtor: nil, candidates: candidates))
                continue
            }
            let k = candidates[0]
            matched[k].append(e)
            if let rule = Self.exclusion(entry, for: debtors[k]) {
                exceptions.append(.init(kind: rule, entry: e, debtor: k))
            } else {
                recoveries[k].append(e)
            }
        }
        for k in debtors.indices where matched[k].isEmpty {
            exceptions.append(.init(kind: .noStatement, entry: nil, debtor: k))
        }
    }

    /// The first of the transaction rules (3–5) that an entry of a matched debtor fails, or
    /// `nil` when it is a recovery.
    public static func exclusion(_ entry: StatementEntry, for debtor: LedgerDebtor) -> RecoveryException? {
        guard entry.credit > 0 else { return .notACredit }
        guard entry.date > debtor.stgrDate else { return .onOrBeforeSTGR }
        guard !entry.userID.isEmpty else { return .noUserID }
        return nil
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

    /// Recoveries booked after the balance first showed .00 — they still count.
    public func recoveriesAfterPaidOff(_ k: Int) -> Int {
        let order = timeline(k)
        guard let zero = order.firstIndex(where: { entries[$0].balance == 0 }) else { return 0 }
        let after = Set(order[(zero + 1)...])
        return recoveries[k].filter { after.contains($0) }.count
    }

    /// Records debtors whose insurer's share exceeds their SHS balance.
    mutating func flagOverRecoveries(share: (Int) -> Decimal) {
        for k in debtors.indices where share(k) > debtors[k].shs {
            exceptions.append(.init(kind: .exceedsSHS, entry: nil, debtor: k))
        }
    }
}

/// The insurer's share of a debtor's recoveries under the bank's cooperation agreement (PKS:
/// "sesuai komposisi pembagian recoveries yang diatur dalam PKS", working document 004, Tujuan
/// item 2), rounded to the cent half away from zero; bank and unit totals are sums of these
/// rounded shares, so every table adds up to the cent.
public func insurerShare(gross: Decimal, share: Decimal) -> Decimal { (gross * share).rounded() }

/// The reconciliation with each debtor's recoveries split between insurer and bank
/// (docs/INSURANCE.md §6): gross recoveries, the insurer's share, the remaining SHS and the
/// recovery rates, per debtor and summed over any set of debtors.
public struct SubrogationRecoveries: Sendable {
    public private(set) var reconciliation: RecoveryReconciliation
    /// Per debtor: the share agreed with its bank, the gross recoveries and the insurer's share.
    public let shareRates: [Decimal]
    public let gross: [Decimal]
    public let insurerShares: [Decimal]

    public enum Problem: Error, Equatable {
        /// The split table has no share for this debtor's bank (index into the debtors).
        case noSplitForBank(debtor: Int)
    }

    /// `shares`: bank → the insurer's share, a fraction in [0, 1]. Every ledger bank must have one.
    public init(debtors: [LedgerDebtor], entries: [StatementEntry], shares: [String: Decimal]) throws {
        var rates: [Decimal] = []
        for (k, d) in debtors.enumerated() {
            guard let s = shares[d.bank] else { throw Problem.noSplitForBank(debtor: k) }
            rates.append(s)
        }
        var rec = RecoveryReconciliation(debtors: debtors, entries: entries)
        let gross = debtors.indices.map { rec.grossRecoveries($0) }
        let share = debtors.indices.map { insurerShare(gross: gross[$0], share: rates[$0]) }
        rec.flagOverRecoveries { share[$0] }
        reconciliation = rec
        shareRates = rates
        self.gross = gross
        insurerShares = share
    }

    public var debtors: [LedgerDebtor] { reconciliation.debtors }

    /// SHS − insurer's share (negative when more was recovered than the balance).
    public func remainingSHS(_ k: Int) -> Decimal { debtors[k].shs - insurerShares[k] }

    /// The debtors with recoveries (gross > 0), in ledger order.
    public var debtorsWithRecoveries: [Int] { debtors.indices.filter { gross[$0] > 0 } }

    /// Sums over `members` (indices into the debtors).
    public func totals(_ members: [Int]) -> RecoveryTotals {
        RecoveryTotals(debtors: members.count,
                       claimsPaid: members.reduce(Decimal(0)) { $0 + debtors[$1].claimPaid },
                       shs: members.reduce(Decimal(0)) { $0 + debtors[$1].shs },
                       gross: members.reduce(Decimal(0)) { $0 + gross[$1] },
                       insurerShare: members.reduce(Decimal(0)) { $0 + insurerShares[$1] })
    }
}

/// Claims paid, SHS, recoveries and rates of one debtor or a group of debtors.
public struct RecoveryTotals: Sendable, Equatable {
    public let debtors: Int
    public let claimsPaid: Decimal
    public let shs: Decimal
    public let gross: Decimal
    public let insurerShare: Decimal

    /// SHS − insurer's share.
    public var remainingSHS: Decimal { shs - insurerShare }
    /// Recovery rate = insurer's share / claims paid; `nil` when no claim was paid.
    public var recoveryRate: Decimal? { quotient(insurerShare, claimsPaid) }
    /// Gross recovery rate = gross recoveries / claims paid.
    public var grossRecoveryRate: Decimal? { quotient(gross, claimsPaid) }
}
