/// How decimal numbers are written in a file.
///
/// - `decimalPoint`: `1234.5`, `-0.25`, `1e-3` (the default).
/// - `decimalComma`: Indonesian/European style, `303.218.002,35` = 303218002.35, with dots as
///   optional thousands separators in groups of three, and `12,5` = 12.5.
public enum NumberFormat: String, Sendable, Equatable {
    case decimalPoint
    case decimalComma

    /// Parses one cell. Returns `nil` when the text is not a number in this format.
    /// `NaN`, `Inf` and `-Inf` are parsed (as non-finite values) so that validation can say
    /// precisely that a finite number was expected.
    public func parse(_ text: String) -> Double? {
        let t = text.trimmingSpaces()
        guard let first = t.utf8.first else { return nil }
        // Only a cell starting with n, i or a sign can be NaN or infinity: skip the lowercased
        // copy for every other cell (the loader parses every cell of the file).
        if first == UInt8(ascii: "n") || first == UInt8(ascii: "N") || first == UInt8(ascii: "i") || first == UInt8(ascii: "I")
            || first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
            switch t.lowercased() {
            case "nan": return .nan
            case "inf", "+inf", "infinity", "+infinity": return .infinity
            case "-inf", "-infinity": return -.infinity
            default: break
            }
        }
        switch self {
        case .decimalPoint:
            guard t.utf8.allSatisfy({ NumberFormat.plainNumberBytes.contains($0) }) else {
                // English thousands separators: `1,250,000.00`, `1,250`.
                return NumberFormat.normaliseEnglishThousands(t).flatMap { Double($0) }
            }
            // Several groups of thousands dots and no comma (`11.988.130`) can only be an integer.
            if let integer = NumberFormat.thousandsDotsInteger(t) { return Double(integer) }
            return Double(t)
        case .decimalComma:
            guard let normalised = NumberFormat.normaliseDecimalComma(t) else { return nil }
            return Double(normalised)
        }
    }

    /// What one cell says about the number format of its column.
    enum Evidence: Equatable {
        /// Not a number in either format, or missing.
        case none
        /// The same number in both formats (`850`, `-3`, `NaN`).
        case neutral
        /// Only a decimal-point number (`2.25`, `1e-3`).
        case decimalPoint
        /// Only a decimal-comma number (`12,5`, `303.218.002,35`).
        case decimalComma
        /// A different number in each format (`15.131`, `1.020`).
        case ambiguous
    }

    /// Classifies a cell by one scan of its bytes, with its decimal-point value when it has one
    /// (so the loader parses each cell once). `commaDelimited`: in a comma-separated file a
    /// comma without thousands dots (`"1,500"`) is not taken as a decimal comma (it may be an
    /// English thousands separator).
    static func read(_ cell: String, commaDelimited: Bool) -> (evidence: Evidence, point: Double?) {
        var dots = 0, commas = 0, other = 0, exponent = false
        for b in cell.utf8 {
            switch b {
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: ","): commas += 1
            case UInt8(ascii: "e"), UInt8(ascii: "E"): exponent = true
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: " "), UInt8(ascii: "\t"): break
            default: other += 1
            }
        }
        if commas > 0 {
            if other > 0 || exponent { return (.none, nil) }
            // Comma groups then a point (`1,250,000.00`), or several comma groups (`1,250,000`):
            // English thousands separators, which only a decimal-point file writes.
            if dots <= 1, commas >= 2 || dots == 1, let english = normaliseEnglishThousands(cell.trimmingSpaces()) {
                return (.decimalPoint, Double(english))
            }
            if commaDelimited && dots == 0 { return (.none, nil) }
            return (normaliseDecimalComma(cell.trimmingSpaces()) != nil ? .decimalComma : .none, nil)
        }
        if dots >= 2, other == 0, !exponent, let integer = thousandsDotsInteger(cell.trimmingSpaces()) {
            // `11.988.130`: an integer with thousands dots (a decimal-comma file's convention).
            return (.decimalComma, Double(integer))
        }
        let point = NumberFormat.decimalPoint.parse(cell)
        if other > 0 || dots == 0 {
            // Integers, exponents, NaN/Inf or text: the same reading (or none) in both formats,
            // except that an exponent is only written with a decimal point.
            guard let point else { return (.none, nil) }
            return (exponent && other == 0 ? .decimalPoint : .neutral, point)
        }
        let comma = !exponent && normaliseDecimalComma(cell.trimmingSpaces()) != nil
        switch (point != nil, comma) {
        case (true, true): return (.ambiguous, point)
        case (true, false): return (.decimalPoint, point)
        case (false, true): return (.decimalComma, nil)   // 1.234.567: thousands dots only
        case (false, false): return (.none, nil)
        }
    }

    private static let plainNumberBytes = Set("0123456789+-.eE".utf8)

    /// `303.218.002,35` → `303218002.35`; `12,5` → `12.5`; `1.234` → `1234`.
    /// Thousands groups must be exactly three digits; anything else is not a number.
    static func normaliseDecimalComma(_ t: String) -> String? {
        var s = Substring(t)
        var sign = ""
        if let f = s.first, f == "-" || f == "+" { sign = f == "-" ? "-" : ""; s = s.dropFirst() }
        let parts = s.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count <= 2, let integerPart = parts.first, !integerPart.isEmpty else { return nil }
        let groups = integerPart.split(separator: ".", omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }) else { return nil }
        if groups.count > 1 {
            // A thousands group never follows a leading zero (`0.125` is not 125).
            guard groups[0].count <= 3, groups[0].first != "0", groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        var out = sign + groups.joined()
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            out += "." + fraction
        }
        return out
    }

    /// `1,250,000.00` → `1250000.00`; `-1,250` → `-1250`: comma thousands groups of exactly three
    /// digits (the first one to three, not starting with 0), then an optional `.` fraction.
    static func normaliseEnglishThousands(_ t: String) -> String? {
        var s = Substring(t)
        var sign = ""
        if let f = s.first, f == "-" || f == "+" { sign = f == "-" ? "-" : ""; s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let integerPart = parts.first else { return nil }
        let groups = integerPart.split(separator: ",", omittingEmptySubsequences: false)
        guard groups.count >= 2, groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
              groups[0].count <= 3, groups[0].first != "0", groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        var out = sign + groups.joined()
        if parts.count == 2 {
            guard !parts[1].isEmpty, parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
            out += "." + parts[1]
        }
        return out
    }

    /// `11.988.130` → `11988130`: two or more thousands dots, no comma, groups of three digits.
    static func thousandsDotsInteger(_ t: String) -> String? {
        guard t.utf8.filter({ $0 == UInt8(ascii: ".") }).count >= 2, !t.contains(",") else { return nil }
        return normaliseDecimalComma(t)
    }

    /// The number inside an amount's or a ratio's marks: `Rp 1.250.000` → `1.250.000`,
    /// `Rp.450.000,00` → `450.000,00`, `(24.418,95)` → `-24.418,95`, `12,5%` → `12,5` (and the scale
    /// 100; `‰` 1000). `nil` when the cell has no such mark.
    static func strippingAmountMarks(_ cell: String) -> (number: String, scale: Double)? {
        var s = Substring(cell.trimmingSpaces())
        var marked = false, scale = 1.0, negative = false
        if s.hasSuffix("%") { s = s.dropLast(); scale = 100; marked = true } else if s.hasSuffix("‰") { s = s.dropLast(); scale = 1000; marked = true }
        s = Substring(String(s).trimmingSpaces())
        if s.hasPrefix("("), s.hasSuffix(")"), s.count > 2 { s = s.dropFirst().dropLast(); negative = true; marked = true }
        s = Substring(String(s).trimmingSpaces())
        if s.lowercased().hasPrefix("rp") {
            s = s.dropFirst(2)
            if s.first == "." { s = s.dropFirst() }
            marked = true
        }
        guard marked else { return nil }
        let inner = String(s).trimmingSpaces()
        guard !inner.isEmpty else { return nil }
        return ((negative ? "-" : "") + inner, scale)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
