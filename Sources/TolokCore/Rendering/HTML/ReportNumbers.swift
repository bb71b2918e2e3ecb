import Foundation

/// Numbers for people in a report page, in the page's language: Indonesian separators
/// (1.234.567,89) or English ones (1,234,567.89). Scores three decimals, percentages one,
/// money two (Rupiah), counts whole.
public struct ReportNumbers: Sendable {
    public let language: ReportLanguage
    public init(_ language: ReportLanguage) { self.language = language }

    var groupSeparator: Character { language == .id ? "." : "," }
    var decimalSeparator: Character { language == .id ? "," : "." }

    /// `x` with `places` decimals, half away from zero, grouped.
    public func fixed(_ x: Double, places: Int) -> String {
        guard x.isFinite else { return "—" }
        let s = String(format: "%.\(places)f", abs(x))
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        var out = ""
        for (k, ch) in parts[0].reversed().enumerated() {
            if k > 0 && k % 3 == 0 { out.append(groupSeparator) }
            out.append(ch)
        }
        var text = String(out.reversed())
        if parts.count > 1 { text += String(decimalSeparator) + parts[1] }
        let isZero = !text.contains { $0 != "0" && $0 != groupSeparator && $0 != decimalSeparator }
        return (x < 0 && !isZero ? "-" : "") + text
    }

    public func score(_ x: Double) -> String { fixed(x, places: 3) }
    public func percent(_ fraction: Double) -> String { fraction.isFinite ? fixed(fraction * 100, places: 1) + " %" : "—" }
    public func scientific(_ x: Double) -> String {
        guard x.isFinite else { return "—" }
        let s = String(format: "%.3e", x)
        return language == .id ? s.replacingOccurrences(of: ".", with: ",") : s
    }

    /// Money with two decimals, from the exact decimal (rounded half away from zero).
    public func money(_ d: Decimal) -> String {
        guard !d.isNaN else { return "—" }
        let plain = ValueFormatting.money(d) // -1234.50
        let negative = plain.hasPrefix("-")
        let digits = negative ? String(plain.dropFirst()) : plain
        let parts = digits.split(separator: ".")
        var out = ""
        for (k, ch) in parts[0].reversed().enumerated() {
            if k > 0 && k % 3 == 0 { out.append(groupSeparator) }
            out.append(ch)
        }
        return (negative ? "-" : "") + String(out.reversed()) + String(decimalSeparator) + parts[1]
    }

    /// A number on a chart in the chart's format.
    public func chart(_ x: Double, _ format: ChartNumberFormat) -> String {
        switch format {
        case .score: return score(x)
        case .percent: return percent(x)
        case .money: return fixed(x, places: abs(x) >= 100 || x == 0 ? 0 : 2)
        case .count: return fixed(x, places: 0)
        }
    }
}
