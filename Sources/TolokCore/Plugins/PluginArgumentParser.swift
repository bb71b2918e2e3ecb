/// Parses a plugin's own command-line options (everything after `tolok run <plugin>` that the
/// host did not consume) against the plugin's ``PluginDescriptor``.
///
/// Accepted forms: `--name value`, `--name=value`, and `--flag`. Lists are comma-separated
/// (`--inputs a,b`) and may also be repeated (`--inputs a --inputs b`). Unknown options,
/// missing values, invalid choices or numbers and missing required options are
/// ``UsageError``s that name the option.
public enum PluginArgumentParser {
    public static func parse(_ arguments: [String], for descriptor: PluginDescriptor) throws -> Parameters {
        var parameters = Parameters()
        var k = 0
        while k < arguments.count {
            let token = arguments[k]
            guard token.hasPrefix("--"), token.count > 2 else {
                throw UsageError("unexpected argument \"\(token)\" for plugin \(descriptor.id) (options start with --; see `tolok describe \(descriptor.id)`)")
            }
            var name = String(token.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = descriptor.parameter(name) else {
                let known = descriptor.parameters.map { "--" + $0.name }.joined(separator: ", ")
                throw UsageError("unknown option --\(name) for plugin \(descriptor.id) (it takes: \(known.isEmpty ? "no options" : known))")
            }
            k += 1
            if spec.kind == .flag {
                if let inlineValue {
                    guard let b = Bool(inlineValue.lowercased()) else { throw UsageError("--\(name) takes no value or true/false, got \"\(inlineValue)\"") }
                    parameters.set(name, .flag(b))
                } else {
                    parameters.set(name, .flag(true))
                }
                continue
            }
            let raw: String
            if let inlineValue {
                raw = inlineValue
            } else {
                guard k < arguments.count, !(arguments[k].hasPrefix("--") && arguments[k].count > 2) else {
                    throw UsageError("option --\(name) needs a value")
                }
                raw = arguments[k]
                k += 1
            }
            let value = try convert(raw, spec: spec)
            if case .list(let more) = value, case .list(let earlier)? = parameters[name] {
                parameters.set(name, .list(earlier + more))
            } else {
                parameters.set(name, value)
            }
        }
        var defaulted: Set<String> = []
        for spec in descriptor.parameters where parameters[spec.name] == nil {
            if let d = spec.defaultValue {
                parameters.set(spec.name, try convert(d, spec: spec))
                defaulted.insert(spec.name)
            } else if spec.required {
                throw UsageError("missing required option --\(spec.name) for plugin \(descriptor.id): \(spec.summary)")
            }
        }
        // Descriptor order, so echoed parameters read like the help.
        let order = descriptor.parameters.map(\.name)
        var parsed = Parameters(parameters.values.sorted { (order.firstIndex(of: $0.name) ?? 0) < (order.firstIndex(of: $1.name) ?? 0) },
                                declared: order)
        parsed.defaulted = defaulted
        return parsed
    }

    /// Converts one option's text to a typed value.
    public static func convert(_ raw: String, spec: ParameterSpec) throws -> ParameterValue {
        switch spec.kind {
        case .column, .text, .file:
            guard !raw.isEmpty else { throw UsageError("option --\(spec.name) needs a non-empty value") }
            return .text(raw)
        case .columns, .list:
            let items = raw.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces() }
            guard !items.isEmpty, !items.contains(where: \.isEmpty) else {
                throw UsageError("option --\(spec.name) needs a comma-separated list without empty items, got \"\(raw)\"")
            }
            return .list(items)
        case .choice(let options):
            guard options.contains(raw) else {
                throw UsageError("invalid value \"\(raw)\" for --\(spec.name): expected one of \(options.joined(separator: ", "))")
            }
            return .text(raw)
        case .number:
            guard let x = Double(raw), x.isFinite else { throw UsageError("option --\(spec.name) expects a finite number, got \"\(raw)\"") }
            try checkBounds(x, raw: raw, spec: spec)
            return .number(x)
        case .integer:
            guard let i = Int(raw) else { throw UsageError("option --\(spec.name) expects an integer, got \"\(raw)\"") }
            try checkBounds(Double(i), raw: raw, spec: spec)
            return .integer(i)
        case .flag:
            return .flag(true)
        }
    }

    private static func checkBounds(_ x: Double, raw: String, spec: ParameterSpec) throws {
        if let bounds = spec.bounds, !bounds.contains(x) {
            throw UsageError("option --\(spec.name) expects \(bounds.phrase), got \"\(raw)\"")
        }
    }
}
