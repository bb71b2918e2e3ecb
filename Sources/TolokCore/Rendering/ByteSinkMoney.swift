import Foundation

extension ByteSink {
    /// ``ValueFormatting/money(_:grouping:)`` of `d` (no grouping), byte for byte: for an amount
    /// with at most two decimals (``ValueFormatting/exactCents(_:)``) the digits of its cents are
    /// written here, with no String per cell; any other amount (NaN, more decimals, too large)
    /// goes through `money`.
    mutating func append(money d: Decimal) {
        guard !d.isNaN, let cents = ValueFormatting.exactCents(d) else { append(ValueFormatting.money(d)); return }
        append(cents: cents)
    }

    /// `cents` / 100 with two decimals (`-1234.50`), as ``ValueFormatting/money(_:grouping:)``
    /// writes an amount with these exact cents.
    mutating func append(cents: Int64) {
        if cents < 0 { append(UInt8(ascii: "-")) }
        let m = cents.magnitude
        append(integer: Int64(m / 100))
        append(UInt8(ascii: "."))
        let c = UInt8(m % 100)
        append(0x30 + c / 10)
        append(0x30 + c % 10)
    }
}
