import Foundation

/// Text forms of values shared by the renderers.
enum ValueFormatting {
    /// Shortest text that reads back as the same `Double` (CSV and JSON).
    static func exact(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// `x` with `digits` decimals (`--digits`), rounded half to even as printf does; no `-0.00`.
    static func fixed(_ x: Double, digits: Int) -> String {
        let s = String(format: "%.\(digits)f", x)
        if s.hasPrefix("-"), !s.contains(where: { $0 != "-" && $0 != "0" && $0 != "." }) { return String(s.dropFirst()) }
        return s
    }

    /// Money rounded half away from zero to two decimals, e.g. `-1234.50`; empty for NaN (a
    /// missing value: money never prints as `-N.aN`).
    static func money(_ d: Decimal, grouping: Bool = false) -> String {
        guard !d.isNaN else { return "" }
        var value = d
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, 2, .plain)
        let negative = rounded < 0
        var cents = (negative ? -rounded : rounded) * 100
        var whole = Decimal()
        NSDecimalRound(&whole, &cents, 0, .plain)
        var digits = NSDecimalNumber(decimal: whole).stringValue
        while digits.count < 3 { digits = "0" + digits }
        var integer = String(digits.dropLast(2))
        let fraction = String(digits.suffix(2))
        if grouping { integer = group(integer) }
        return (negative ? "-" : "") + integer + "." + fraction
    }

    /// Inserts thousands separators (commas) into a string of digits.
    static func group(_ digits: String) -> String {
        var out: [Character] = []
        for (k, ch) in digits.reversed().enumerated() {
            if k > 0 && k % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return String(out.reversed())
    }

    /// A number for people: 6 decimals for moderate magnitudes, 2 with separators for large
    /// ones, scientific for tiny ones.
    static func human(_ x: Double) -> String {
        guard x.isFinite else { return x.isNaN ? "—" : (x > 0 ? "∞" : "-∞") }
        let a = abs(x)
        if a == 0 { return "0" }
        if a < 1e-4 { return String(format: "%.4e", x) }
        if a < 1e5 { return String(format: "%.6f", x) }
        let s = String(format: "%.2f", a)
        let parts = s.split(separator: ".")
        return (x < 0 ? "-" : "") + group(String(parts[0])) + "." + parts[1]
    }
}
