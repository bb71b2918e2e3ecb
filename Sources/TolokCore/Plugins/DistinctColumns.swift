/// Refuses a column named twice among a plugin's column options (`--inputs a,b --outputs b`, or
/// `--inputs a,a`): a column plays one role, and a table would otherwise repeat its keys.
///
/// `roles` pairs each option's name (without dashes) with the columns given for it, in the
/// order the message should consider them.
public func requireDistinctColumns(_ roles: [(option: String, columns: [String])]) throws {
    var seen: [String: String] = [:]
    for (option, names) in roles {
        for name in names {
            if let earlier = seen[name] {
                throw UsageError(earlier == option
                    ? "column \"\(name)\" is listed twice in --\(option)"
                    : "column \"\(name)\" is listed in both --\(earlier) and --\(option): each column plays one role")
            }
            seen[name] = option
        }
    }
}
