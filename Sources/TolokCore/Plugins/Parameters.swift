/// Parsed plugin parameters. Plugins read them only through their declared options
/// (``value(_:)`` with a ``DeclaredOption``); the name-based accessors below are internal to
/// Core (the parser's own tests use them), so an undeclared or misspelt option cannot be read.
public struct Parameters: Sendable, Equatable {
    /// Values by parameter name, in the order of the descriptor.
    public private(set) var values: [(name: String, value: ParameterValue)]
    /// The option names the parsed plugin declares (`nil`: built by hand, every name allowed).
    private var declared: Set<String>?
    /// Options whose value is their declared default, filled in by the parser (not given).
    public internal(set) var defaulted: Set<String> = []

    public init(_ values: [(name: String, value: ParameterValue)] = []) { self.values = values }

    /// Parameters parsed for a plugin that declares exactly these option names.
    init(_ values: [(name: String, value: ParameterValue)], declared: [String]) {
        self.values = values
        self.declared = Set(declared)
    }

    /// Whether the plugin these parameters were parsed for declares the option.
    func declares(_ name: String) -> Bool { declared?.contains(name) ?? true }

    public static func == (a: Parameters, b: Parameters) -> Bool {
        a.values.map(\.name) == b.values.map(\.name) && a.values.map(\.value) == b.values.map(\.value)
    }

    public subscript(name: String) -> ParameterValue? {
        values.first { $0.name == name }?.value
    }

    public mutating func set(_ name: String, _ value: ParameterValue) {
        if let k = values.firstIndex(where: { $0.name == name }) { values[k].value = value } else { values.append((name, value)) }
    }

    /// Whether a flag is set.
    func flag(_ name: String) -> Bool {
        if case .flag(let b)? = self[name] { return b }
        return false
    }

    /// A text or single-column value, or `nil` when absent.
    func text(_ name: String) -> String? {
        switch self[name] {
        case .text(let s)?: return s
        case .list(let l)? where l.count == 1: return l[0]
        default: return nil
        }
    }

    /// A required text or single-column value.
    func requiredText(_ name: String) throws -> String {
        guard let s = text(name), !s.isEmpty else { throw UsageError("missing required option --\(name)") }
        return s
    }

    /// A list of names (columns, words), or `[]` when absent.
    func list(_ name: String) -> [String] {
        switch self[name] {
        case .list(let l)?: return l
        case .text(let s)?: return s.isEmpty ? [] : [s]
        default: return []
        }
    }

    /// A required, non-empty list.
    func requiredList(_ name: String) throws -> [String] {
        let l = list(name)
        guard !l.isEmpty else { throw UsageError("missing required option --\(name)") }
        return l
    }

    /// A number, or `nil` when absent.
    func number(_ name: String) -> Double? {
        switch self[name] {
        case .number(let x)?: return x
        case .integer(let i)?: return Double(i)
        default: return nil
        }
    }

    /// An integer, or `nil` when absent.
    func integer(_ name: String) -> Int? {
        if case .integer(let i)? = self[name] { return i }
        return nil
    }

    /// A choice mapped onto a string-backed enum, `defaultValue` when absent.
    func choice<E: RawRepresentable & CaseIterable>(_ name: String, as type: E.Type, default defaultValue: E) throws -> E where E.RawValue == String {
        guard let raw = text(name) else { return defaultValue }
        guard let e = E(rawValue: raw) else {
            throw UsageError("invalid value \"\(raw)\" for --\(name): expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return e
    }
}
