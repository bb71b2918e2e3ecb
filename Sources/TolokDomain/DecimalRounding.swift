import Foundation

extension Decimal {
    /// Rounded to `scale` decimals, half away from zero: the commercial rounding of money
    /// (an insurer's share of a recovery, a layer's premium, each to the cent).
    public func rounded(scale: Int = 2) -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, scale, .plain)
        return result
    }
}
