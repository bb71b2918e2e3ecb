/// A column a plugin needs, found by its English name or the Indonesian names users have.
///
/// Every role is defined once, in the vocabulary (`ColumnVocabulary.swift`), so a header word
/// means the same role in every plugin; plugins pick the roles they read and cannot define
/// their own. Header matching ignores case, spaces, underscores, hyphens, dots and slashes, so
/// `premi bruto`, `Premi_Bruto`, `PREMI-BRUTO` and `PremiBruto` are one name; `Premi R/A`
/// (the heading of working document 003 §2.4.2) matches `premi ra`. A `--map role=COLUMN`
/// option overrides the search for files whose headers are not recognised.
public struct ColumnRole: Sendable, Equatable {
    /// Machine name, used in `--map` and in result columns, e.g. `gross_premium`.
    public let key: String
    /// Words for error messages, e.g. "gross premium".
    public let label: String
    /// Other accepted header names (English and Indonesian).
    let aliases: [String]

    init(_ key: String, _ label: String, aliases: [String]) {
        self.key = key
        self.label = label
        self.aliases = aliases
    }

    /// The same role under another machine name (one concept read under two keys, e.g. the
    /// outstanding balance as a statement's `balance`): the names stay those of the vocabulary.
    func keyed(_ key: String) -> ColumnRole {
        ColumnRole(key, label, aliases: [self.key] + aliases)
    }

    /// `Premi R/A` → `premira`: lower case, letters and digits only.
    static func normalise(_ name: String) -> String {
        String(name.lowercased().filter { $0.isLetter || $0.isNumber })
    }

    var normalisedNames: Set<String> { Set(([key] + aliases).map(ColumnRole.normalise)) }
}

/// Finds the columns of a dataset for a set of roles, honouring `--map` overrides.
public struct ColumnResolver: Sendable {
    let roles: [ColumnRole]
    /// role key → column name given with `--map`.
    let mapped: [String: String]
    /// The option that sets overrides, for messages (e.g. `--map`).
    let option: String
    /// Prefix of map keys for this file (e.g. `statements.`), empty for the main data.
    let prefix: String

    /// Reads `role=COLUMN` entries (only those with this resolver's `prefix`; unprefixed ones
    /// when the prefix is empty). Unknown roles or malformed entries are usage errors.
    public init(roles: [ColumnRole], mapEntries: [String], option: String = "map", prefix: String = "", knownPrefixes: [String] = []) throws {
        self.roles = roles
        self.option = option
        self.prefix = prefix
        var mapped: [String: String] = [:]
        for entry in mapEntries {
            guard let eq = entry.firstIndex(of: "=") else {
                throw UsageError("--\(option) expects ROLE=COLUMN entries, got \"\(entry)\"")
            }
            var key = String(entry[..<eq]).trimmedCell
            let column = String(entry[entry.index(after: eq)...]).trimmedCell
            guard !key.isEmpty, !column.isEmpty else { throw UsageError("--\(option) expects ROLE=COLUMN entries, got \"\(entry)\"") }
            let entryPrefix = knownPrefixes.first { key.hasPrefix($0) } ?? ""
            guard entryPrefix == prefix else { continue }
            key = String(key.dropFirst(prefix.count))
            guard roles.contains(where: { $0.key == key }) else {
                throw UsageError("--\(option): unknown role \"\(prefix)\(key)\" (roles: \(roles.map { prefix + $0.key }.joined(separator: ", ")))")
            }
            mapped[key] = column
        }
        self.mapped = mapped
    }

    func role(_ key: String) -> ColumnRole {
        guard let r = roles.first(where: { $0.key == key }) else { preconditionFailure("unknown role \(key)") }
        return r
    }

    /// The column for a role, or `nil` when the file has none. Several candidate columns are a
    /// ``DataError`` (the user must choose with `--map`).
    public func find(_ role: ColumnRole, in dataset: Dataset) throws -> String? {
        try find(role.key, in: dataset)
    }

    /// The column for a role, or a ``DataError`` naming the names looked for.
    public func require(_ role: ColumnRole, in dataset: Dataset) throws -> String {
        try require(role.key, in: dataset)
    }

    /// ``find(_:in:)-(ColumnRole,_)`` by the role's key (one of this resolver's roles).
    public func find(_ key: String, in dataset: Dataset) throws -> String? {
        let role = role(key)
        if let name = mapped[key] {
            _ = try dataset.column(name)
            return name
        }
        let names = role.normalisedNames
        let candidates = dataset.columnNames.filter { names.contains(ColumnRole.normalise($0)) }
        if candidates.count > 1 {
            throw DataError(source: dataset.source, column: candidates[0],
                            expected: "one column for \(role.label), found \(candidates.map { "\"\($0)\"" }.joined(separator: " and ")) (choose one with --\(option) \(prefix)\(role.key)=COLUMN)")
        }
        return candidates.first
    }

    /// ``require(_:in:)-(ColumnRole,_)`` by the role's key (one of this resolver's roles).
    public func require(_ key: String, in dataset: Dataset) throws -> String {
        if let name = try find(key, in: dataset) { return name }
        let role = role(key)
        let looked = ([role.key] + role.aliases).map { "\"\($0)\"" }.joined(separator: ", ")
        throw DataError(source: dataset.source, column: role.key,
                        expected: "a column for \(role.label) (named one of \(looked), any case, spaces or underscores; or give --\(option) \(prefix)\(role.key)=COLUMN); the file has: \(dataset.columnNames.joined(separator: ", "))")
    }
}
