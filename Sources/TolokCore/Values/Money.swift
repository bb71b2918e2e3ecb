import Foundation

/// Exact money: amounts are read from the cell *text* into `Decimal` and never pass through
/// `Double`, so sums of premiums, claims and recoveries are exact to the cent (MODELS.md §4:
/// "use exact decimal arithmetic for money").
///
/// Accepted cell forms, in the dataset's ``NumberFormat``:
/// - decimal point: `303218002.35`, `-52679080.71`, `450000`;
/// - decimal comma (Indonesian): `303.218.002,35`, `1.522.500,00`, `12,5`, with dots as
///   optional thousands separators in groups of exactly three digits;
/// - either format: an optional `Rp` / `Rp.` prefix (seed 004 writes `Rp. 450.000,00`) and
///   accounting parentheses for negatives, `(24.418.392,95)` (as seed 003 §2.4.2 prints reserve
///   changes).
/// Exponents (`3.03E+08`) are refused: a spreadsheet that wrote them has already lost cents.
public enum MoneyText {
    /// Parses one cell; `nil` when the text is not an amount in `format`.
    public static func parse(_ text: String, format: NumberFormat) -> Decimal? {
        var s = Substring(text.trimmedCell)
        var negative = false
        if s.hasPrefix("("), s.hasSuffix(")"), s.count > 2 {
            negative = true
            s = s.dropFirst().dropLast()
            s = Substring(String(s).trimmedCell)
        }
        if s.lowercased().hasPrefix("rp") {
            s = s.dropFirst(2)
            if s.first == "." { s = s.dropFirst() }
            s = Substring(String(s).trimmedCell)
        }
        if let f = s.first, f == "-" || f == "+" {
            if negative { return nil }  // "(-5)" is not an amount
            negative = f == "-"
            s = s.dropFirst()
        }
        guard let plain = normalise(s, format: format), plain.count <= 34 else { return nil }
        guard let value = Decimal(string: plain, locale: Locale(identifier: "en_US_POSIX")) else { return nil }
        return negative ? -value : value
    }

    /// `303.218.002,35` → `303218002.35` (decimal comma); `303218002.35` stays (decimal point).
    /// Returns digits with at most one `.`, or `nil`.
    public static func normalise(_ s: Substring, format: NumberFormat) -> String? {
        let decimalMark: Character = format == .decimalComma ? "," : "."
        let parts = s.split(separator: decimalMark, omittingEmptySubsequences: false)
        guard parts.count <= 2, let integer = parts.first, !integer.isEmpty else { return nil }
        var digits: String
        if format == .decimalComma {
            let groups = integer.split(separator: ".", omittingEmptySubsequences: false)
            guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) else { return nil }
            if groups.count > 1 {
                guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            }
            digits = groups.joined()
        } else {
            guard integer.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
            digits = String(integer)
        }
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
            digits += "." + fraction
        }
        return digits
    }

    /// Whether text that failed to parse looks like the *other* number format (to suggest
    /// `--decimal-comma`).
    public static func looksLikeDecimalComma(_ text: String) -> Bool {
        parse(text, format: .decimalComma) != nil
    }
}

/// What an amount column must hold.
public enum AmountRequirement: Sendable {
    case any
    case nonNegative
    case positive

    public var phrase: String {
        switch self {
        case .any: return "an amount"
        case .nonNegative: return "a non-negative amount"
        case .positive: return "a positive amount"
        }
    }

    public func accepts(_ d: Decimal) -> Bool {
        switch self {
        case .any: return true
        case .nonNegative: return d >= 0
        case .positive: return d > 0
        }
    }
}

extension Dataset {
    /// The amounts of a column, parsed exactly from the cell text in the dataset's number
    /// format. A cell that is not an amount, or fails `requirement`, is a located ``DataError``.
    /// Missing cells are an error unless `allowMissing`, when they are `nil`.
    public func amounts(_ name: String, _ requirement: AmountRequirement = .any, allowMissing: Bool = false) throws -> [Decimal?] {
        let cells = try texts(name, allowMissing: true)
        let raw = try column(name).raw
        var out: [Decimal?] = []
        out.reserveCapacity(cells.count)
        for (r, cell) in cells.enumerated() {
            if cell.trimmedCell.isEmpty {
                guard allowMissing else { throw cellError(row: r, column: name, expected: requirement.phrase, got: raw[r]) }
                out.append(nil)
                continue
            }
            guard let d = MoneyText.parse(cell, format: numberFormat) else {
                var expected = requirement.phrase
                if numberFormat == .decimalPoint && MoneyText.looksLikeDecimalComma(cell) {
                    expected += " (this file was read with a decimal point; for 1.522.500,00 style amounts pass --decimal-comma)"
                }
                throw cellError(row: r, column: name, expected: expected, got: cell)
            }
            guard requirement.accepts(d) else { throw cellError(row: r, column: name, expected: requirement.phrase, got: cell) }
            out.append(d)
        }
        return out
    }

    /// Amounts of a column with no missing cells.
    public func requiredAmounts(_ name: String, _ requirement: AmountRequirement = .any) throws -> [Decimal] {
        try amounts(name, requirement).map { $0! }
    }
}

extension Decimal {
    /// Rounded to `scale` decimals, half away from zero (the commercial rounding of money).
    public func rounded(scale: Int = 2) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }

    /// The value as a `Double` (for ratios only; never for sums of money), correctly rounded
    /// through the decimal text (NSDecimalNumber.doubleValue is not: 0.07 → 0.06999999999999999).
    public var doubleValue: Double { Double(description) ?? NSDecimalNumber(decimal: self).doubleValue }

    /// Two-decimal text for messages, e.g. `1750000.00`, `-0.50`.
    public var moneyText: String {
        let r = rounded()
        let negative = r < 0
        var cents = NSDecimalNumber(decimal: (negative ? -r : r) * 100).stringValue
        while cents.count < 3 { cents = "0" + cents }
        return (negative ? "-" : "") + cents.dropLast(2) + "." + cents.suffix(2)
    }

    /// `Decimal` from a `Double` option value through its shortest text (0.4 → exactly 0.4).
    public init(option x: Double) {
        self = Decimal(string: "\(x)", locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(x)
    }
}

/// numerator / denominator as a fraction, `.missing` when the denominator is zero. The division
/// is done in `Decimal` (38 significant digits) and only the quotient becomes a `Double`.
public func ratio(_ numerator: Decimal, _ denominator: Decimal) -> Value {
    guard denominator != 0 else { return .missing }
    return .number((numerator / denominator).doubleValue)
}

extension Character {
    public var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension String {
    /// The cell without surrounding spaces, tabs, carriage returns or no-break spaces.
    public var trimmedCell: String {
        trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\u{00A0}"))
    }
}
