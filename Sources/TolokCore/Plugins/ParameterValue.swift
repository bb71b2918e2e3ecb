/// A parsed parameter value.
public enum ParameterValue: Sendable, Equatable, Codable {
    case text(String)
    case list([String])
    case number(Double)
    case integer(Int)
    case flag(Bool)

    /// The value as command-line text (for echoing parameters in results).
    public var commandLineText: String {
        switch self {
        case .text(let s): return s
        case .list(let l): return l.joined(separator: ",")
        case .number(let x): return String(x)
        case .integer(let i): return String(i)
        case .flag(let b): return b ? "true" : "false"
        }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) { self = .flag(b) }
        else if let i = try? c.decode(Int.self) { self = .integer(i) }
        else if let x = try? c.decode(Double.self) { self = .number(x) }
        else if let s = try? c.decode(String.self) { self = .text(s) }
        else { self = .list(try c.decode([String].self)) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .text(let s): try c.encode(s)
        case .list(let l): try c.encode(l)
        case .number(let x): try c.encode(x)
        case .integer(let i): try c.encode(i)
        case .flag(let b): try c.encode(b)
        }
    }
}
