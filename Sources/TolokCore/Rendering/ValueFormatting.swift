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
        if let cents = exactCents(d) {
            // At most two decimals already: nothing to round; the digits of the integer cents.
            var integer = String(cents.magnitude / 100)
            let c = cents.magnitude % 100
            if grouping { integer = group(integer) }
            return (cents < 0 ? "-" : "") + integer + (c < 10 ? ".0" : ".") + String(c)
        }
        return roundedMoney(d, grouping: grouping)
    }

    /// `d` × 100 as an integer when `d` has at most two decimals (exponent ≥ −2) and the cents
    /// fit in 63 bits; nil otherwise. The significand's integer is checked by converting it
    /// back (`Decimal(u) == significand`), so the value is exact or not used.
    static func exactCents(_ d: Decimal) -> Int64? {
        let e = d.exponent
        guard e >= -2, e <= 16 else { return nil }
        let significand = d.significand
        let u = NSDecimalNumber(decimal: significand).uint64Value
        guard Decimal(u) == significand else { return nil }
        var scale: UInt64 = 1
        for _ in 0..<(e + 2) { scale *= 10 }
        let (cents, overflow) = u.multipliedReportingOverflow(by: scale)
        guard !overflow, cents <= UInt64(Int64.max) else { return nil }
        return d.sign == .minus ? -Int64(cents) : Int64(cents)
    }

    /// ``money(_:grouping:)`` by Decimal rounding (any exponent).
    static func roundedMoney(_ d: Decimal, grouping: Bool = false) -> String {
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
