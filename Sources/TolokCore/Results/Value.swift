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
    /// A unit's peers with their weights: JSON writes them structured
    /// (`[{"id": "B", "lambda": 0.25}, …]`, full precision); CSV, table and HTML write `text`,
    /// the plugin's human form (`B:0.25;C:0.75`). ``string`` is that text.
    case peers([PeerWeight], text: String)
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
        switch self {
        case .text(let s), .peers(_, let s): return s
        default: return nil
        }
    }

    /// `.number(x)` for finite x, `.missing` otherwise — for optional results.
    public static func optional(_ x: Double?) -> Value {
        guard let x, x.isFinite else { return .missing }
        return .number(x)
    }
}

/// One peer of a unit in a result: its id and weight (λ).
public struct PeerWeight: Sendable, Equatable {
    public var id: String
    public var lambda: Double

    public init(id: String, lambda: Double) {
        self.id = id
        self.lambda = lambda
    }
}
