
/// A calendar date without time or zone, as written in ledgers and bank statements.
///
/// Accepted forms: ISO `2024-03-31`, and the Indonesian day-first forms `31/03/2024` and
/// `31-03-2024` (day and month may have one digit). The date must exist (no 31 April, 29
/// February only in leap years). Comparison is by day; `dayNumber` counts days since
/// 1970-01-01 in the proleptic Gregorian calendar, so differences are day counts.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The forms users type, in the order tried.
    public static let acceptedForms = "2024-03-31, 31/03/2024 or 31-03-2024"

    /// Parses `yyyy-mm-dd`, `dd/mm/yyyy` or `dd-mm-yyyy`.
    public init?(parsing text: String) {
        let t = text.trimmedCell
        let separator: Character
        if t.contains("/") { separator = "/" } else if t.contains("-") { separator = "-" } else { return nil }
        let parts = t.split(separator: separator, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) else { return nil }
        let numbers = parts.map { Int($0)! }
        if separator == "-" && parts[0].count == 4 {
            guard parts[1].count <= 2, parts[2].count <= 2 else { return nil }
            self.init(year: numbers[0], month: numbers[1], day: numbers[2])
        } else {
            guard parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 else { return nil }
            self.init(year: numbers[2], month: numbers[1], day: numbers[0])
        }
    }

    public static func isLeap(_ y: Int) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 (Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// Whole days from `self` to `other` (positive when `other` is later).
    public func days(to other: CivilDate) -> Int { other.dayNumber - dayNumber }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    /// ISO 8601 form, `2024-03-31`.
    public var description: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var y = String(year)
        while y.count < 4 { y = "0" + y }
        return "\(y)-\(two(month))-\(two(day))"
    }
}

extension Dataset {
    /// The dates of a column; a cell that is not a date is a located ``DataError``. Missing
    /// cells are an error unless `allowMissing`, when they are `nil`.
    public func dates(_ name: String, allowMissing: Bool = false) throws -> [CivilDate?] {
        let cells = try texts(name, allowMissing: true)
        return try cells.enumerated().map { r, cell in
            if cell.trimmedCell.isEmpty {
                guard allowMissing else { throw cellError(row: r, column: name, expected: "a date (\(CivilDate.acceptedForms))", got: "") }
                return nil
            }
            guard let d = CivilDate(parsing: cell) else {
                throw cellError(row: r, column: name, expected: "a date (\(CivilDate.acceptedForms))", got: cell)
            }
            return d
        }
    }
}

/// Parses a date given as a command-line option, or throws a ``UsageError`` naming it.
public func parseDateOption(_ text: String, option: String) throws -> CivilDate {
    guard let d = CivilDate(parsing: text) else {
        throw UsageError("option --\(option) expects a date (\(CivilDate.acceptedForms)), got \"\(text)\"")
    }
    return d
}
