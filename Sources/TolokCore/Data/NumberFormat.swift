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
        guard !t.isEmpty else { return nil }
        switch t.lowercased() {
        case "nan": return .nan
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        default: break
        }
        switch self {
        case .decimalPoint:
            guard t.utf8.allSatisfy({ NumberFormat.plainNumberBytes.contains($0) }) else { return nil }
            return Double(t)
        case .decimalComma:
            guard let normalised = NumberFormat.normaliseDecimalComma(t) else { return nil }
            return Double(normalised)
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
            guard groups[0].count <= 3, groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        var out = sign + groups.joined()
        if parts.count == 2 {
            let fraction = parts[1]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            out += "." + fraction
        }
        return out
    }

    /// Decides the format of a file from its cells: decimal comma only when that reading is
    /// unambiguous — a cell like `303.218.002,35` (thousands dots and a decimal comma), or a
    /// cell like `12,5` in a file whose fields are not separated by commas. Otherwise decimal
    /// point, so `15.131` stays fifteen point one three one.
    static func detect<S: Sequence>(cells: S, delimiter: Delimiter) -> NumberFormat where S.Element == String {
        for cell in cells {
            let t = cell.trimmingSpaces()
            guard t.contains(",") else { continue }
            guard normaliseDecimalComma(t) != nil else { continue }
            if t.contains(".") { return .decimalComma }  // both separators: only one reading
            if delimiter != .comma { return .decimalComma }
        }
        return .decimalPoint
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
