import Foundation

/// One cell of a result table.
public enum Value: Sendable, Equatable {
    /// A real number; NaN or ±∞ render as empty (CSV), `null` (JSON) and `—` (table).
    case number(Double)
    case integer(Int)
    case text(String)
    /// Money, summed exactly in `Decimal`; rendered with two decimals (JSON: a decimal string).
    case money(Decimal)
    case bool(Bool)
    /// No value (e.g. the score of a unit whose LP was infeasible).
    case missing

    /// The number, when the value is numeric and finite-or-not.
    public var double: Double? {
        switch self {
        case .number(let x): return x
        case .integer(let i): return Double(i)
        case .money(let d): return Double(nearest: d)
        default: return nil
        }
    }

    /// The text, when the value is text.
    public var string: String? {
        if case .text(let s) = self { return s }
        return nil
    }

    /// `.number(x)` for finite x, `.missing` otherwise — for optional results.
    public static func optional(_ x: Double?) -> Value {
        guard let x, x.isFinite else { return .missing }
        return .number(x)
    }
}
