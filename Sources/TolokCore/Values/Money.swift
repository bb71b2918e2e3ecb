import Foundation

/// Exact money: amounts are read from the cell *text* into `Decimal` and never pass through
/// `Double`, so sums of premiums, claims and recoveries are exact to the cent (docs/INSURANCE.md,
/// "Common conventions").
///
/// Accepted cell forms, in the dataset's ``NumberFormat``:
/// - decimal point: `303218002.35`, `-52679080.71`, `450000`;
/// - decimal comma (Indonesian): `303.218.002,35`, `1.522.500,00`, `12,5`, with dots as
///   optional thousands separators in groups of exactly three digits;
/// - either format: an optional `Rp` / `Rp.` prefix (`Rp. 450.000,00`, as working document 004
///   writes amounts) and accounting parentheses for negatives, `(24.418.392,95)` (as working
///   document 003 §2.4.2 prints reserve changes).
/// Exponents (`3.03E+08`) are refused: a spreadsheet that wrote them has already lost cents.
public enum MoneyText {
    /// Parses one cell; `nil` when the text is not an amount in `format`.
    public static func parse(_ text: String, format: NumberFormat) -> Decimal? {
        if let d = plainAmount(text, format: format) { return d }
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

    /// The common cell `[-+]digits[.dd]` (`,dd` with a decimal comma; one or two digits after the
    /// mark, at most 19 digits in all, no thousands separators) as `significand × 10^-k` built from an
    /// integer: the same value as `Decimal(string:)` of the normalised text below, without the
    /// string round trip. nil for anything else (and for a negative zero), which takes the full rules.
    static func plainAmount(_ text: String, format: NumberFormat) -> Decimal? {
        plainAmount(bytes: text.utf8, format: format)
    }

    /// ``plainAmount(_:format:)`` of the cell whose UTF-8 bytes are `bytes`.
    @inline(__always)
    static func plainAmount<Bytes: Sequence>(bytes text: Bytes, format: NumberFormat) -> Decimal? where Bytes.Element == UInt8 {
        let mark = format == .decimalComma ? UInt8(ascii: ",") : UInt8(ascii: ".")
        var units: UInt64 = 0
        var integerDigits = 0, fractionDigits = 0
        var negative = false, seenMark = false, first = true
        for b in text {
            defer { first = false }
            if b &- 0x30 <= 9 {
                if seenMark { fractionDigits += 1; if fractionDigits > 2 { return nil } } else { integerDigits += 1 }
                if integerDigits + fractionDigits > 19 { return nil }  // 10^19 − 1 < 2^64: no overflow
                units = units &* 10 &+ UInt64(b &- 0x30)
            } else if b == mark, !seenMark, integerDigits > 0 {
                seenMark = true
            } else if first, b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
                negative = b == UInt8(ascii: "-")
            } else {
                return nil
            }
        }
        guard integerDigits > 0, !seenMark || fractionDigits > 0, !(negative && units == 0) else { return nil }
        return Decimal(sign: negative ? .minus : .plus, exponent: -fractionDigits, significand: Decimal(units))
    }

    /// A rate or share cell: a fraction (`0.01`), a percentage (`1%`) or per mille (`10‰`), in
    /// the file's number format; `nil` when it is none of these.
    public static func parseRate(_ text: String, format: NumberFormat) -> Decimal? {
        var t = text.trimmedCell
        var scale: Decimal = 1
        if t.hasSuffix("%") { scale = 100; t.removeLast() } else if t.hasSuffix("‰") { scale = 1000; t.removeLast() }
        guard let d = parse(t, format: format) else { return nil }
        return d / scale
    }

    /// `303.218.002,35` → `303218002.35` (decimal comma); `303218002.35` stays (decimal point).
    /// Returns digits with at most one `.`, or `nil`.
    static func normalise(_ s: Substring, format: NumberFormat) -> String? {
        // `Rp 1.250.000` in a decimal-point file: two or more thousands dots are an integer.
        if format == .decimalPoint, let plain = NumberFormat.thousandsDotsInteger(String(s)) { return plain }
        let decimalMark: Character = format == .decimalComma ? "," : "."
        let parts = s.split(separator: decimalMark, omittingEmptySubsequences: false)
        guard parts.count <= 2, let integer = parts.first, !integer.isEmpty else { return nil }
        var digits: String
        if format == .decimalComma {
            let groups = integer.split(separator: ".", omittingEmptySubsequences: false)
            guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) else { return nil }
            if groups.count > 1 {
                guard groups[0].count <= 3, groups[0].first != "0", groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            }
            digits = groups.joined()
        } else if integer.contains(",") {
            // English thousands separators: `1,250,000.00`.
            guard let plain = NumberFormat.normaliseEnglishThousands(String(integer)) else { return nil }
            digits = plain
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
    static func looksLikeDecimalComma(_ text: String) -> Bool {
        parse(text, format: .decimalComma) != nil
    }
}

/// What an amount column must hold.
public enum AmountRequirement: Sendable {
    case any
    case nonNegative
    case positive

    var phrase: String {
        switch self {
        case .any: return "an amount"
        case .nonNegative: return "a non-negative amount"
        case .positive: return "a positive amount"
        }
    }

    func accepts(_ d: Decimal) -> Bool {
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
        let raw = try column(name).raw
        let numberFormat = try numberFormat(of: name)
        var out: [Decimal?] = []
        out.reserveCapacity(raw.count)
        if raw.isFromFile {
            // Cells cut from the file: the common `[-+]digits[.dd]` straight from the bytes; any
            // other cell takes the text path below (the same text ``texts(_:allowMissing:)`` gives).
            try raw.forEachCellBytes { r, bytes in
                if let bytes, let d = MoneyText.plainAmount(bytes: bytes, format: numberFormat), requirement.accepts(d) {
                    out.append(d)
                    return
                }
                let text = raw[r]
                try out.append(amount(Column.isMissing(text) ? "" : text, row: r, name, requirement, allowMissing: allowMissing,
                                      format: numberFormat, raw: raw))
            }
            return out
        }
        let cells = try texts(name, allowMissing: true)
        for (r, cell) in cells.enumerated() {
            try out.append(amount(cell, row: r, name, requirement, allowMissing: allowMissing, format: numberFormat, raw: raw))
        }
        return out
    }

    /// One amount cell (its text as ``texts(_:allowMissing:)`` gives it) of ``amounts(_:_:allowMissing:)``.
    private func amount(_ cell: String, row r: Int, _ name: String, _ requirement: AmountRequirement, allowMissing: Bool,
                        format numberFormat: NumberFormat, raw: RawCells) throws -> Decimal? {
        if cell.trimmedCell.isEmpty {
            guard allowMissing else { throw cellError(row: r, column: name, expected: requirement.phrase, got: raw[r]) }
            return nil
        }
        guard let d = MoneyText.parse(cell, format: numberFormat) else {
            var expected = requirement.phrase
            if numberFormat == .decimalPoint && MoneyText.looksLikeDecimalComma(cell) {
                expected += " (this file was read with a decimal point; for 1.522.500,00 style amounts pass --decimal-comma)"
            }
            throw cellError(row: r, column: name, expected: expected, got: cell)
        }
        guard requirement.accepts(d) else { throw cellError(row: r, column: name, expected: requirement.phrase, got: cell) }
        return d
    }

    /// Amounts of a column with no missing cells.
    public func requiredAmounts(_ name: String, _ requirement: AmountRequirement = .any) throws -> [Decimal] {
        try amounts(name, requirement).map { $0! }
    }

    /// Whole counts of a column (people, days) as `Decimal`s; see ``counts(_:positive:expected:)``.
    public func wholeNumbers(_ name: String, _ requirement: AmountRequirement = .any, expected: String) throws -> [Decimal] {
        try counts(name, positive: requirement == .positive, expected: expected).map { Decimal($0) }
    }

    /// Whole counts of a column (people, days): digits only, e.g. `262769113`, or `262.769.113`
    /// with thousands separators in a decimal-comma file; at most ``CountText/maximumDigits``
    /// digits. Currency marks (`Rp 5`), signs, parentheses, fractions (`4.5`, `5.0`) and
    /// exponents are not counts. A cell that is not one (or is 0 when `positive`, "… (positive)") is a located
    /// ``DataError`` saying `expected`.
    public func counts(_ name: String, positive: Bool = false, expected: String) throws -> [Int] {
        let what = positive ? expected + " (positive)" : expected
        let raw = try column(name).raw
        let format = try numberFormat(of: name)
        if raw.isFromFile {
            // Cells cut from the file: plain digits straight from the bytes; any other cell takes
            // ``CountText/parse(_:format:)`` on the text ``texts(_:allowMissing:)`` gives.
            var out: [Int] = []
            out.reserveCapacity(raw.count)
            try raw.forEachCellBytes { r, bytes in
                if let bytes, let n = CountText.plainDigits(bytes), !positive || n > 0 {
                    out.append(n)
                    return
                }
                let text = raw[r]
                let cell = Column.isMissing(text) ? "" : text
                guard let n = CountText.parse(cell, format: format), !positive || n > 0 else {
                    throw cellError(row: r, column: name, expected: what, got: cell)
                }
                out.append(n)
            }
            return out
        }
        let cells = try texts(name, allowMissing: true)
        return try cells.enumerated().map { r, cell in
            guard let n = CountText.parse(cell, format: format), !positive || n > 0 else {
                throw cellError(row: r, column: name, expected: what, got: cell)
            }
            return n
        }
    }
}

/// A whole count written in a cell: digits, optionally grouped by thousands separators (dots, in
/// a decimal-comma file). Never money: no `Rp`, sign, parentheses, fraction or exponent.
public enum CountText {
    /// Counts have at most 15 digits (below 10¹⁵: every such count is exact as a `Double` too,
    /// and far above any population or day count).
    public static let maximumDigits = 15

    /// The count written as 1 to ``maximumDigits`` ASCII digits and nothing else (what
    /// ``parse(_:format:)`` gives for such a cell in either format); `nil` for any other bytes.
    @inline(__always)
    static func plainDigits(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= maximumDigits else { return nil }
        var n = 0
        for b in bytes {
            let d = b &- 0x30
            guard d <= 9 else { return nil }
            n = n &* 10 &+ Int(d)
        }
        return n
    }

    /// The count in `text`, or `nil` when it is not one.
    public static func parse(_ text: String, format: NumberFormat) -> Int? {
        let t = text.trimmedCell
        var digits = t
        // Thousands dots: in a decimal-comma file, or two or more of them (`11.988.130`) in either.
        if t.contains("."), format == .decimalComma || t.filter({ $0 == "." }).count >= 2 {
            let groups = t.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
            digits = groups.joined()
        }
        guard !digits.isEmpty, digits.count <= maximumDigits, digits.allSatisfy(\.isASCIIDigitCharacter) else { return nil }
        return Int(digits)
    }
}

extension Decimal {
    /// Two-decimal text for messages, e.g. `1750000.00`, `-0.50`; `—` for NaN.
    public var moneyText: String {
        guard !isNaN else { return "—" }
        let r = rounded()
        let negative = r < 0
        var cents = NSDecimalNumber(decimal: (negative ? -r : r) * 100).stringValue
        while cents.count < 3 { cents = "0" + cents }
        return (negative ? "-" : "") + cents.dropLast(2) + "." + cents.suffix(2)
    }

    /// The value as an `Int` when it is whole and fits, else `nil`.
    public var wholeValue: Int? {
        guard self == rounded(scale: 0) else { return nil }
        return Int(NSDecimalNumber(decimal: self).stringValue)
    }
}

extension Double {
    /// The `Double` nearest to a `Decimal`, correctly rounded through the decimal text.
    /// (`NSDecimalNumber.doubleValue` is not correctly rounded: 0.07 → 0.06999999999999999.)
    /// For ratios and rates only; sums of money stay `Decimal`.
    public init(nearest decimal: Decimal) {
        self = Double(decimal.description) ?? .nan
    }
}

extension Value {
    /// A `Decimal` quotient, rate or share as a number cell (correctly rounded to `Double`), or
    /// ``Value/missing`` when there is none (a ratio over a zero denominator).
    public static func fraction(_ q: Decimal?) -> Value {
        guard let q, !q.isNaN else { return .missing }
        return .number(Double(nearest: q))
    }

    /// A whole count held as a `Decimal` (head counts) as an integer cell; money when it does not
    /// fit an `Int`.
    public static func count(_ d: Decimal) -> Value {
        d.wholeValue.map(Value.integer) ?? .money(d)
    }
}

extension DeclaredOption where Value == Double {
    /// The option as an exact `Decimal`, read through the number's shortest text (0.4 → exactly
    /// 0.4), for fractions that multiply money. A value with more than `places` decimal places
    /// (1e-300, which `Decimal` cannot even hold) is a ``UsageError`` (exit status 2).
    public func decimal(places: Int = 10) -> DeclaredOption<Decimal> {
        let name = spec.name
        return map { try exactDecimal($0, option: name, places: places) }
    }
}

extension DeclaredOption where Value == Double? {
    /// The optional option as an exact `Decimal`; see ``PluginOption/decimal(places:)``.
    public func decimal(places: Int = 10) -> DeclaredOption<Decimal?> {
        let name = spec.name
        return map { try $0.map { try exactDecimal($0, option: name, places: places) } }
    }
}

/// `x` as the `Decimal` of its shortest text, or a ``UsageError`` when that has more than `places`
/// decimal places or is not representable.
func exactDecimal(_ x: Double, option: String, places: Int) throws -> Decimal {
    let text = "\(x)"
    guard let d = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")), !d.isNaN, d.isZero || d.exponent >= -places else {
        throw UsageError("option --\(option) expects a number with at most \(places) decimal places, got \(text)")
    }
    return d
}

extension Character {
    var isASCIIDigitCharacter: Bool { isASCII && isNumber }
}

extension String {
    /// The cell without surrounding spaces, tabs, carriage returns or no-break spaces.
    var trimmedCell: String {
        // Most cells have nothing to trim: no Foundation call then (the loader's hot path).
        // Conservative by bytes: a first byte that is not a space, tab, CR or the lead byte of
        // U+00A0 (0xC2), and a last byte that is not a space, tab, CR or 0xA0.
        if let first = utf8.first, let last = utf8.last,
           first != 0x20, first != 0x09, first != 0x0D, first != 0xC2,
           last != 0x20, last != 0x09, last != 0x0D, last != 0xA0 {
            return self
        }
        return trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\u{00A0}"))
    }
}
