extension PluginOption {
    /// One of an enum's words, optional (`nil` when absent), for a choice whose default depends
    /// on other options (`--distribution` of `sfa`: half-normal, but truncated-normal for bc95).
    /// Like ``choice(_:default:aliases:help:)`` the allowed values are the enum's cases (then the
    /// `aliases`), and any other word is rejected when the command line is parsed.
    public static func optionalChoice<E: CaseIterable & RawRepresentable & Sendable>(
        _ name: String, as type: E.Type, aliases: [String: E] = [:], help: String
    ) -> DeclaredOption<E?> where E.RawValue == String {
        let spec = ParameterSpec(name, .choice(E.allCases.map(\.rawValue) + aliases.keys.sorted()), summary: help)
        return DeclaredOption<E?>(spec) { value in
            guard case .text(let raw)? = value else { return nil }
            if let e = E(rawValue: raw) ?? aliases[raw] { return e }
            throw UsageError("invalid value \"\(raw)\" for --\(name): expected one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }
}
