/// Reading ``CivilDate``s (TolokDomain) from cell text and from options.
///
/// Accepted forms: ISO `2024-03-31`, and the Indonesian day-first forms `31/03/2024` and
/// `31-03-2024` (day and month may have one digit). The date must exist.
extension CivilDate {
    /// The forms users type, in the order tried.
    static let acceptedForms = "2024-03-31, 31/03/2024 or 31-03-2024"

    /// Parses `yyyy-mm-dd`, `dd/mm/yyyy` or `dd-mm-yyyy`.
    public init?(parsing text: String) {
        let t = text.trimmedCell
        let separator: Character
        if t.contains("/") { separator = "/" } else if t.contains("-") { separator = "-" } else { return nil }
        let parts = t.split(separator: separator, omittingEmptySubsequences: false)
        // At most 4 digits a part (a year has 4; day and month 1–2): longer parts are not dates,
        // and a part of 20 digits would not even fit an Int.
        guard parts.count == 3, parts.allSatisfy({ (1...4).contains($0.count) && $0.allSatisfy(\.isASCIIDigitCharacter) }) else { return nil }
        let numbers = parts.compactMap { Int($0) }
        guard numbers.count == 3 else { return nil }
        if separator == "-" && parts[0].count == 4 {
            guard parts[1].count <= 2, parts[2].count <= 2 else { return nil }
            self.init(year: numbers[0], month: numbers[1], day: numbers[2])
        } else {
            guard parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 else { return nil }
            self.init(year: numbers[2], month: numbers[1], day: numbers[0])
        }
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

extension DeclaredOption where Value == String? {
    /// The optional text option read as a date (`nil` when absent); text that is not a date is a
    /// ``UsageError`` naming the option and the accepted forms.
    public func date() -> DeclaredOption<CivilDate?> {
        let name = spec.name
        return map { text in
            try text.map { text in
                guard let d = CivilDate(parsing: text) else {
                    throw UsageError("option --\(name) expects a date (\(CivilDate.acceptedForms)), got \"\(text)\"")
                }
                return d
            }
        }
    }
}
