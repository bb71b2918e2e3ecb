/// A plugin option declared once (by one of the ``PluginOption`` functions): its name, kind, default, allowed values, bounds and help, and
/// the typed value it reads.
///
/// A plugin groups its options as stored properties of one ``PluginOptions`` struct; the
/// descriptor's parameter list is derived from that struct, so an option cannot be read without
/// being declared, and a default is written in one place (as a typed value):
///
/// ```swift
/// struct DEAOptions: PluginOptions {
///     let inputs = PluginOption.columns("inputs", values: .positive, help: "input columns")
///     let rts = PluginOption.choice("rts", default: ReturnsToScale.crs, help: "returns to scale")
///     let superEfficiency = PluginOption.flag("super", help: "super-efficiency")
/// }
/// // in run(_:):  let rts = try request.option(options.rts)   // a ReturnsToScale
/// ```
public struct DeclaredOption<Value: Sendable>: AnyPluginOption {
    public let spec: ParameterSpec
    let read: @Sendable (ParameterValue?) throws -> Value

    init(_ spec: ParameterSpec, read: @escaping @Sendable (ParameterValue?) throws -> Value) {
        self.spec = spec
        self.read = read
    }

    /// The same option with a different read-out (e.g. words mapped onto a model type).
    public func map<T: Sendable>(_ transform: @escaping @Sendable (Value) throws -> T) -> DeclaredOption<T> {
        let read = self.read
        return DeclaredOption<T>(spec) { try transform(read($0)) }
    }
}

/// Any ``DeclaredOption``, whatever its value type.
public protocol AnyPluginOption: Sendable {
    var spec: ParameterSpec { get }
}

/// A plugin's options: a struct whose stored properties are ``DeclaredOption``s, in the order
/// `tolok describe` shows them.
public protocol PluginOptions: Sendable {}

extension PluginOptions {
    /// The declared options, in declaration order.
    public var specs: [ParameterSpec] {
        Mirror(reflecting: self).children.compactMap { ($0.value as? any AnyPluginOption)?.spec }
    }
}

// MARK: - Declarations

/// The declarations of plugin options: `PluginOption.columns(…)`, `.choice(…)`, `.flag(…)`, ….
public enum PluginOption {
    private static func missing(_ spec: ParameterSpec) -> UsageError {
        UsageError("missing required option --\(spec.name)")
    }

    /// A required, non-empty list of column names: `--inputs staff,expenses`.
    public static func columns(_ name: String, values: ValueRequirement? = nil, help: String) -> DeclaredOption<[String]> {
        let spec = ParameterSpec(name, .columns, required: true, values: values, summary: help)
        return DeclaredOption<[String]>(spec) { value in
            guard case .list(let l)? = value, !l.isEmpty else { throw missing(spec) }
            return l
        }
    }

    /// A list of column names with a default list: `--inputs staff,expenses`.
    public static func columns(_ name: String, default defaults: [String], values: ValueRequirement? = nil, help: String) -> DeclaredOption<[String]> {
        let spec = ParameterSpec(name, .columns, default: defaults.joined(separator: ","), values: values, summary: help)
        return DeclaredOption<[String]>(spec) { value in
            guard case .list(let l)? = value else { return defaults }
            return l
        }
    }

    /// An optional list of column names (`[]` when absent).
    public static func optionalColumns(_ name: String, values: ValueRequirement? = nil, help: String) -> DeclaredOption<[String]> {
        let spec = ParameterSpec(name, .columns, values: values, summary: help)
        return DeclaredOption<[String]>(spec) { value in
            guard case .list(let l)? = value else { return [] }
            return l
        }
    }

    /// A required column name: `--y output`.
    public static func column(_ name: String, values: ValueRequirement? = nil, help: String) -> DeclaredOption<String> {
        let spec = ParameterSpec(name, .column, required: true, values: values, summary: help)
        return DeclaredOption<String>(spec) { value in
            guard case .text(let s)? = value else { throw missing(spec) }
            return s
        }
    }

    /// A column name with a default: `--claims-paid subrogation_claims_paid`.
    public static func column(_ name: String, default defaultName: String, values: ValueRequirement? = nil, help: String) -> DeclaredOption<String> {
        let spec = ParameterSpec(name, .column, default: defaultName, values: values, summary: help)
        return DeclaredOption<String>(spec) { value in
            guard case .text(let s)? = value else { return defaultName }
            return s
        }
    }

    /// An optional column name (`nil` when absent): `--group-by program`.
    public static func optionalColumn(_ name: String, values: ValueRequirement? = nil, help: String) -> DeclaredOption<String?> {
        let spec = ParameterSpec(name, .column, values: values, summary: help)
        return DeclaredOption<String?>(spec) { value in
            guard case .text(let s)? = value else { return nil }
            return s
        }
    }

    /// One of an enum's words, with a default: `--rts crs`. The allowed values are the enum's
    /// cases; `aliases` are further accepted spellings (`drs` for `ndrs`).
    public static func choice<E: CaseIterable & RawRepresentable & Sendable>(
        _ name: String, default defaultValue: E, aliases: [String: E] = [:], help: String
    ) -> DeclaredOption<E> where E.RawValue == String {
        let spec = ParameterSpec(name, .choice(E.allCases.map(\.rawValue) + aliases.keys.sorted()), default: defaultValue.rawValue, summary: help)
        return DeclaredOption<E>(spec) { value in
            guard case .text(let raw)? = value else { return defaultValue }
            return try decode(raw, spec: spec, aliases: aliases)
        }
    }

    /// One of an enum's words, required.
    public static func choice<E: CaseIterable & RawRepresentable & Sendable>(
        _ name: String, as type: E.Type, aliases: [String: E] = [:], help: String
    ) -> DeclaredOption<E> where E.RawValue == String {
        let spec = ParameterSpec(name, .choice(E.allCases.map(\.rawValue) + aliases.keys.sorted()), required: true, summary: help)
        return DeclaredOption<E>(spec) { value in
            guard case .text(let raw)? = value else { throw missing(spec) }
            return try decode(raw, spec: spec, aliases: aliases)
        }
    }

    private static func decode<E: CaseIterable & RawRepresentable>(_ raw: String, spec: ParameterSpec, aliases: [String: E]) throws -> E where E.RawValue == String {
        if let e = E(rawValue: raw) ?? aliases[raw] { return e }
        throw UsageError("invalid value \"\(raw)\" for --\(spec.name): expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
    }

    /// A switch: `--super`.
    public static func flag(_ name: String, help: String) -> DeclaredOption<Bool> {
        let spec = ParameterSpec(name, .flag, summary: help)
        return DeclaredOption<Bool>(spec) { value in
            if case .flag(let b)? = value { return b }
            return false
        }
    }

    /// A number with a default, checked against `bounds` when parsed (exit 2 outside).
    public static func number(_ name: String, default defaultValue: Double, bounds: NumberBounds = .finite, help: String) -> DeclaredOption<Double> {
        let spec = ParameterSpec(name, .number, default: NumberBounds.text(defaultValue), bounds: bounds, summary: help)
        return DeclaredOption<Double>(spec) { value in
            switch value {
            case .number(let x)?: return x
            case .integer(let i)?: return Double(i)
            default: return defaultValue
            }
        }
    }

    /// An optional number (`nil` when absent), checked against `bounds` when given.
    public static func optionalNumber(_ name: String, bounds: NumberBounds = .finite, help: String) -> DeclaredOption<Double?> {
        let spec = ParameterSpec(name, .number, bounds: bounds, summary: help)
        return DeclaredOption<Double?>(spec) { value in
            switch value {
            case .number(let x)?: return x
            case .integer(let i)?: return Double(i)
            default: return nil
            }
        }
    }

    /// An integer with a default, checked against `bounds` when parsed.
    public static func integer(_ name: String, default defaultValue: Int, bounds: NumberBounds = .finite, help: String) -> DeclaredOption<Int> {
        let spec = ParameterSpec(name, .integer, default: String(defaultValue), bounds: bounds, summary: help)
        return DeclaredOption<Int>(spec) { value in
            if case .integer(let i)? = value { return i }
            return defaultValue
        }
    }

    /// An optional integer (`nil` when absent).
    public static func optionalInteger(_ name: String, bounds: NumberBounds = .finite, help: String) -> DeclaredOption<Int?> {
        let spec = ParameterSpec(name, .integer, bounds: bounds, summary: help)
        return DeclaredOption<Int?>(spec) { value in
            if case .integer(let i)? = value { return i }
            return nil
        }
    }

    /// Free text with a default.
    public static func text(_ name: String, default defaultValue: String, help: String) -> DeclaredOption<String> {
        let spec = ParameterSpec(name, .text, default: defaultValue, summary: help)
        return DeclaredOption<String>(spec) { value in
            guard case .text(let s)? = value else { return defaultValue }
            return s
        }
    }

    /// Free text, optional.
    public static func text(_ name: String, help: String) -> DeclaredOption<String?> {
        let spec = ParameterSpec(name, .text, summary: help)
        return DeclaredOption<String?>(spec) { value in
            guard case .text(let s)? = value else { return nil }
            return s
        }
    }

    /// A comma-separated list of words with a default: `--buckets 30,60,90`.
    public static func list(_ name: String, default defaults: [String], help: String) -> DeclaredOption<[String]> {
        let spec = ParameterSpec(name, .list, default: defaults.joined(separator: ","), summary: help)
        return DeclaredOption<[String]>(spec) { value in
            guard case .list(let l)? = value else { return defaults }
            return l
        }
    }

    /// An optional list of words (`[]` when absent).
    public static func list(_ name: String, help: String) -> DeclaredOption<[String]> {
        let spec = ParameterSpec(name, .list, summary: help)
        return DeclaredOption<[String]>(spec) { value in
            guard case .list(let l)? = value else { return [] }
            return l
        }
    }

    /// Another data file, loaded by the host with the run's CSV options; read it with
    /// ``AnalysisRequest/file(_:)-(DeclaredOption<Dataset?>)``. Required files fail the parse when absent.
    public static func file(_ name: String, required: Bool = false, help: String) -> DeclaredOption<String?> {
        let spec = ParameterSpec(name, .file, required: required, summary: help)
        return DeclaredOption<String?>(spec) { value in
            guard case .text(let s)? = value else { return nil }
            return s
        }
    }
}

/// The interval a numeric option must lie in, checked when the command line is parsed.
public struct NumberBounds: Sendable, Equatable, Codable {
    public var lower: Double?
    public var lowerOpen: Bool
    public var upper: Double?
    public var upperOpen: Bool

    public init(lower: Double? = nil, lowerOpen: Bool = false, upper: Double? = nil, upperOpen: Bool = false) {
        self.lower = lower
        self.lowerOpen = lowerOpen
        self.upper = upper
        self.upperOpen = upperOpen
    }

    /// Any finite number.
    public static let finite = NumberBounds()
    /// x > 0.
    public static let positive = NumberBounds(lower: 0, lowerOpen: true)
    /// x ≥ 0.
    public static let nonNegative = NumberBounds(lower: 0)
    /// 0 < x ≤ 1 (a share, a target coverage).
    public static let share = NumberBounds(lower: 0, lowerOpen: true, upper: 1)
    /// 0 < x < 1 (a probability level).
    public static let openUnit = NumberBounds(lower: 0, lowerOpen: true, upper: 1, upperOpen: true)

    public static func closed(_ a: Double, _ b: Double) -> NumberBounds { NumberBounds(lower: a, upper: b) }
    public static func atLeast(_ a: Double) -> NumberBounds { NumberBounds(lower: a) }

    public func contains(_ x: Double) -> Bool {
        guard x.isFinite else { return false }
        if let lower, lowerOpen ? !(x > lower) : !(x >= lower) { return false }
        if let upper, upperOpen ? !(x < upper) : !(x <= upper) { return false }
        return true
    }

    /// "a number in (0, 1]", "a number ≥ 0", …
    public var phrase: String {
        switch (lower, upper) {
        case (nil, nil): return "a finite number"
        case (let a?, nil): return "a number \(lowerOpen ? ">" : "≥") \(Self.text(a))"
        case (nil, let b?): return "a number \(upperOpen ? "<" : "≤") \(Self.text(b))"
        case (let a?, let b?): return "a number in \(lowerOpen ? "(" : "[")\(Self.text(a)), \(Self.text(b))\(upperOpen ? ")" : "]")"
        }
    }

    /// A bound or default as command-line text (`0.4`, `1`, `1e-06`).
    static func text(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}

// MARK: - Reading

extension Parameters {
    /// The typed value of a declared option.
    ///
    /// Throws ``InternalError`` when the option is not one the parsed plugin declared (a plugin
    /// reading another plugin's option), and ``UsageError`` when a required value is absent.
    public func value<V>(_ option: DeclaredOption<V>) throws -> V {
        guard declares(option.spec.name) else {
            throw InternalError("option --\(option.spec.name) is read but not declared by the plugin")
        }
        return try option.read(self[option.spec.name])
    }
}

extension AnalysisRequest {
    /// The typed value of one of the plugin's options.
    public func option<V>(_ option: DeclaredOption<V>) throws -> V { try parameters.value(option) }

    /// Whether the option was on the command line (not its declared default), for a default that
    /// depends on another option (`--rts` of `dea`: crs, but vrs for `--model additive`).
    public func isGiven<V>(_ option: DeclaredOption<V>) -> Bool {
        parameters[option.spec.name] != nil && !parameters.defaulted.contains(option.spec.name)
    }

    /// The dataset loaded for a `file` option, or `nil` when it was not given.
    public func file(_ option: DeclaredOption<String?>) throws -> Dataset? {
        guard try parameters.value(option) != nil else { return nil }
        return files[option.spec.name]
    }

    /// The dataset loaded for a required `file` option.
    public func requiredFile(_ option: DeclaredOption<String?>) throws -> Dataset {
        guard let d = try file(option) else { throw UsageError("missing required option --\(option.spec.name) FILE") }
        return d
    }
}
