import Foundation
import TolokCore

/// How close a computed value must be to its reference. A value holds when it is within any
/// of the bounds given (|x − ref| ≤ max(absolute, relative·|ref|, printed half-unit)).
public struct Tolerance: Sendable, Equatable {
    public var absolute: Double?
    public var relative: Double?
    /// "printed digits": the reference as printed with k decimals stands for the interval
    /// ref ± 0.5·10^−k; k is read off the reference's own text.
    public var printed: Bool

    public init(absolute: Double? = nil, relative: Double? = nil, printed: Bool = false) {
        self.absolute = absolute
        self.relative = relative
        self.printed = printed
    }

    /// Exact equality (the default when a suite gives no tolerance).
    public static let exact = Tolerance(absolute: 0)

    /// The largest admissible |x − ref| for a reference with this value and text.
    public func bound(reference: Double, text: String) -> Double {
        var b = 0.0
        if let absolute { b = max(b, absolute) }
        if let relative { b = max(b, relative * abs(reference)) }
        if printed, let k = Self.printedDecimals(text) {
            let half = 0.5 * pow(10, -Double(k))
            // A tiny epsilon so that a value exactly at the rounding boundary, or one ulp past
            // it after decimal-to-binary conversion, still holds.
            b = max(b, half + half * 1e-9 + 4 * abs(reference).ulp)
        }
        return b
    }

    /// Decimals of a number as printed: `0.882708` → 6, `2` → 0, `1.5e-05` → 6, `1e3` → −3.
    public static func printedDecimals(_ text: String) -> Int? {
        var s = Substring(text.trimmingCharacters(in: .whitespaces))
        guard Double(s) != nil else { return nil }
        if s.first == "-" || s.first == "+" { s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(s[s.index(after: e)...]) ?? 0
            s = s[..<e]
        }
        let decimals = s.firstIndex(of: ".").map { s.distance(from: s.index(after: $0), to: s.endIndex) } ?? 0
        return decimals - exponent
    }

    public var description: String {
        var parts: [String] = []
        if let absolute { parts.append("abs \(Self.short(absolute))") }
        if let relative { parts.append("rel \(Self.short(relative))") }
        if printed { parts.append("printed") }
        return parts.isEmpty ? "exact" : parts.joined(separator: " | ")
    }

    static func short(_ x: Double) -> String {
        x == 0 ? "0" : String(format: "%g", x)
    }
}

/// Where reference values come from.
public enum ReferenceSource: Sendable {
    /// A CSV file; rows are joined with the result by `key` (a column name or a
    /// `{column}`-template), the first column by default.
    case csv(path: String, key: String?)
    /// A JSON file; `at` is the path to the record (keys, indices, or `{field: value}`
    /// selectors on a list of objects).
    case json(path: String, at: [PathStep])
}

/// One step of a path into a JSON reference.
public enum PathStep: Sendable, CustomStringConvertible {
    case key(String)
    case index(Int)
    /// The element of a list of objects whose fields equal these (a value ending in `*`
    /// matches by prefix).
    case select([(String, String)])

    public var description: String {
        switch self {
        case .key(let k): return k
        case .index(let i): return "[\(i)]"
        case .select(let pairs): return "[" + pairs.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "]"
        }
    }
}

/// Where the expected values of one comparison come from.
public enum ExpectedValues: Sendable {
    /// A column of a CSV reference, or a path below the JSON record.
    case reference(String, path: [PathStep])
    /// Values written in the suite: by key, or in row order.
    case inline(keyed: [(String, ExpectedText)]?, ordered: [ExpectedText]?)
    /// One value written in the suite (summary checks).
    case value(ExpectedText)
}

/// A reference value as text (nil: expected missing).
public typealias ExpectedText = String?

/// One column (of the case's table) compared with expected values.
public struct ColumnCheck: Sendable {
    public var column: String
    public var expected: ExpectedValues
    public var tolerance: Tolerance
    public var line: Int
}

/// One summary value compared with an expected value.
public struct SummaryCheck: Sendable {
    public var name: String
    public var expected: ExpectedValues
    /// For a CSV reference: the row (by reference key) holding the value.
    public var row: String?
    public var tolerance: Tolerance
    public var line: Int
}

/// One case of a suite: a run and what its result must show.
public struct CheckCase: Sendable {
    public var name: String
    public var line: Int
    public var plugin: String
    public var data: String
    public var id: String?
    public var arguments: [String]
    public var decimalComma: Bool
    /// The result table the column checks and statuses refer to (default: the first).
    public var table: String?
    /// How result rows are keyed: a column or `{column}` template (default: the table's first
    /// column), or `order` to join by position.
    public var key: String?
    public var reference: ReferenceSource?
    /// Renames reference keys to result keys.
    public var rename: [String: String]
    /// Compare only these reference rows (reference keys); all when nil.
    public var rows: [String]?
    public var columns: [ColumnCheck]
    public var summary: [SummaryCheck]
    /// Expected status per result key; `*` for every other row.
    public var statuses: [(String, String)]
}

public struct CheckSuite: Sendable {
    public var name: String
    public var path: String
    public var cases: [CheckCase]
}
