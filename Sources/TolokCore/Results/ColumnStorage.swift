import Foundation

/// The cells of one result column, typed (issue #10): a table of 10^6 rows holds one `Double`,
/// `Int`, `Int64` cents, `String` or small code per cell instead of a `Value` (32 bytes) inside a
/// per-row array. `missing` (nil: no cell missing) marks the cells that are ``Value/missing``;
/// a column whose cells are not all of one kind is kept as ``values(_:)``, cell for cell.
///
/// ``value(at:)`` gives back exactly the ``Value`` that was stored, up to `Decimal` equality:
/// money is kept as exact cents only when the amount has at most two decimals and its cents fit
/// 63 bits (``ValueFormatting/exactCents(_:)``); any other amount keeps its `Decimal`.
public enum ColumnStorage: Sendable {
    case numbers([Double], missing: [Bool]?)
    case integers([Int], missing: [Bool]?)
    /// Money as exact cents (`.money(Decimal(cents) / 100)`).
    case cents([Int64], missing: [Bool]?)
    case texts([String], missing: [Bool]?)
    /// Text as codes into `dictionary` (status, class, branch columns: few distinct strings).
    case coded([UInt32], dictionary: [String], missing: [Bool]?)
    case bools([Bool], missing: [Bool]?)
    /// Any cells (peers, non-exact money, mixed kinds).
    case values([Value])

    /// The number of cells.
    public var count: Int {
        switch self {
        case .numbers(let a, _): return a.count
        case .integers(let a, _): return a.count
        case .cents(let a, _): return a.count
        case .texts(let a, _): return a.count
        case .coded(let a, _, _): return a.count
        case .bools(let a, _): return a.count
        case .values(let a): return a.count
        }
    }

    /// The missing marks of a typed column (nil for ``values(_:)`` and when none is missing).
    public var missing: [Bool]? {
        switch self {
        case .numbers(_, let m), .integers(_, let m), .cents(_, let m), .texts(_, let m), .bools(_, let m): return m
        case .coded(_, _, let m): return m
        case .values: return nil
        }
    }

    /// The cell of row `i`.
    public func value(at i: Int) -> Value {
        switch self {
        case .numbers(let a, let m): return m?[i] == true ? .missing : .number(a[i])
        case .integers(let a, let m): return m?[i] == true ? .missing : .integer(a[i])
        case .cents(let a, let m): return m?[i] == true ? .missing : .money(Self.decimal(cents: a[i]))
        case .texts(let a, let m): return m?[i] == true ? .missing : .text(a[i])
        case .coded(let a, let d, let m): return m?[i] == true ? .missing : .text(d[Int(a[i])])
        case .bools(let a, let m): return m?[i] == true ? .missing : .bool(a[i])
        case .values(let a): return a[i]
        }
    }

    /// Every cell, in order.
    public var values: [Value] { (0..<count).map(value(at:)) }

    /// `cents` / 100 as a `Decimal` (exponent −2).
    public static func decimal(cents: Int64) -> Decimal {
        Decimal(sign: cents < 0 ? .minus : .plus, exponent: -2, significand: Decimal(cents.magnitude))
    }

    /// Exact cents of an amount, as the renderers' money form uses them (nil: keep the Decimal).
    public static func cents(_ d: Decimal) -> Int64? {
        d.isNaN ? nil : ValueFormatting.exactCents(d)
    }

    /// The money text of `cents` / 100 with two decimals (`-1234.50`), appended as UTF-8.
    public static func appendMoneyText(cents: Int64, to bytes: inout [UInt8]) {
        var sink = ByteSink()
        swap(&sink.bytes, &bytes)
        sink.append(cents: cents)
        swap(&sink.bytes, &bytes)
    }

    // MARK: Building

    /// The most compact storage that holds exactly these cells (``values(_:)`` when they are of
    /// more than one kind, or money without exact cents, or peers).
    public init(_ cells: [Value]) {
        self = Self.compact(cells) ?? .values(cells)
    }

    private static func compact(_ cells: [Value]) -> ColumnStorage? {
        guard let first = cells.first(where: { $0 != .missing }) else {
            // All missing (or empty): numbers, every cell marked.
            return .numbers([Double](repeating: .nan, count: cells.count), missing: cells.isEmpty ? nil : [Bool](repeating: true, count: cells.count))
        }
        var missing: [Bool]? = nil
        func mark(_ i: Int) {
            if missing == nil { missing = [Bool](repeating: false, count: cells.count) }
            missing![i] = true
        }
        switch first {
        case .number:
            var a = [Double](repeating: .nan, count: cells.count)
            for (i, v) in cells.enumerated() {
                switch v {
                case .number(let x): a[i] = x
                case .missing: mark(i)
                default: return nil
                }
            }
            return .numbers(a, missing: missing)
        case .integer:
            var a = [Int](repeating: 0, count: cells.count)
            for (i, v) in cells.enumerated() {
                switch v {
                case .integer(let x): a[i] = x
                case .missing: mark(i)
                default: return nil
                }
            }
            return .integers(a, missing: missing)
        case .money:
            var a = [Int64](repeating: 0, count: cells.count)
            for (i, v) in cells.enumerated() {
                switch v {
                case .money(let d): guard let c = cents(d) else { return nil }; a[i] = c
                case .missing: mark(i)
                default: return nil
                }
            }
            return .cents(a, missing: missing)
        case .text:
            var a = [String](repeating: "", count: cells.count)
            for (i, v) in cells.enumerated() {
                switch v {
                case .text(let s): a[i] = s
                case .missing: mark(i)
                default: return nil
                }
            }
            return .texts(a, missing: missing)
        case .bool:
            var a = [Bool](repeating: false, count: cells.count)
            for (i, v) in cells.enumerated() {
                switch v {
                case .bool(let b): a[i] = b
                case .missing: mark(i)
                default: return nil
                }
            }
            return .bools(a, missing: missing)
        case .peers, .missing:
            return nil
        }
    }

    /// Money amounts: exact cents when every amount has them, else the Decimals.
    public static func money(_ amounts: [Decimal]) -> ColumnStorage {
        var a = [Int64](repeating: 0, count: amounts.count)
        for (i, d) in amounts.enumerated() {
            guard let c = cents(d) else { return ColumnStorage(amounts.map(Value.money)) }
            a[i] = c
        }
        return .cents(a, missing: nil)
    }

    /// Text with few distinct strings as codes into a dictionary of the strings in order of first
    /// appearance; plain text when more than `limit` distinct strings occur.
    public static func text(_ strings: [String], dictionaryLimit limit: Int = 1024) -> ColumnStorage {
        var index: [String: UInt32] = [:]
        var dictionary: [String] = []
        var codes = [UInt32](repeating: 0, count: strings.count)
        for (i, s) in strings.enumerated() {
            if let k = index[s] { codes[i] = k; continue }
            guard dictionary.count < limit else { return .texts(strings, missing: nil) }
            let k = UInt32(dictionary.count)
            index[s] = k
            dictionary.append(s)
            codes[i] = k
        }
        return .coded(codes, dictionary: dictionary, missing: nil)
    }

    /// Appends one cell; a cell of another kind turns the column into ``values(_:)`` (or, when
    /// every cell so far is missing, into the new cell's kind).
    public mutating func append(_ v: Value) {
        let n = count
        if n == 0 { self = ColumnStorage([v]); return }
        let isMissing = v == .missing
        func extend(_ m: inout [Bool]?) {
            if isMissing {
                if m == nil { m = [Bool](repeating: false, count: n) }
                m!.append(true)
            } else if m != nil {
                m!.append(false)
            }
        }
        // Each case drops `self`'s reference first (`self = .values([])`) so that the payload
        // array is unique and grows in place.
        switch self {
        case .numbers(var a, var m):
            let x: Double
            if case .number(let y) = v { x = y } else if isMissing { x = .nan } else { break }
            self = .values([]); a.append(x); extend(&m); self = .numbers(a, missing: m); return
        case .integers(var a, var m):
            let x: Int
            if case .integer(let y) = v { x = y } else if isMissing { x = 0 } else { break }
            self = .values([]); a.append(x); extend(&m); self = .integers(a, missing: m); return
        case .cents(var a, var m):
            let x: Int64
            if case .money(let d) = v, let c = Self.cents(d) { x = c } else if isMissing { x = 0 } else { break }
            self = .values([]); a.append(x); extend(&m); self = .cents(a, missing: m); return
        case .texts(var a, var m):
            let x: String
            if case .text(let y) = v { x = y } else if isMissing { x = "" } else { break }
            self = .values([]); a.append(x); extend(&m); self = .texts(a, missing: m); return
        case .coded(var a, var d, var m):
            let x: UInt32
            if case .text(let y) = v {
                if let k = d.firstIndex(of: y) { x = UInt32(k) } else { x = UInt32(d.count); d.append(y) }
            } else if isMissing { x = 0 } else { break }
            self = .values([]); a.append(x); extend(&m); self = .coded(a, dictionary: d, missing: m); return
        case .bools(var a, var m):
            let x: Bool
            if case .bool(let y) = v { x = y } else if isMissing { x = false } else { break }
            self = .values([]); a.append(x); extend(&m); self = .bools(a, missing: m); return
        case .values(var a):
            self = .values([]); a.append(v); self = .values(a); return
        }
        // Another kind: every cell as it is (a column that was all missing takes the new kind).
        var cells = values
        cells.append(v)
        self = ColumnStorage(cells)
    }

    /// The cells at these rows, in this order.
    public func gather(_ rows: [Int]) -> ColumnStorage {
        func pick<T>(_ a: [T]) -> [T] { rows.map { a[$0] } }
        let m = missing.map(pick)
        switch self {
        case .numbers(let a, _): return .numbers(pick(a), missing: m)
        case .integers(let a, _): return .integers(pick(a), missing: m)
        case .cents(let a, _): return .cents(pick(a), missing: m)
        case .texts(let a, _): return .texts(pick(a), missing: m)
        case .coded(let a, let d, _): return .coded(pick(a), dictionary: d, missing: m)
        case .bools(let a, _): return .bools(pick(a), missing: m)
        case .values(let a): return .values(pick(a))
        }
    }
}
