
/// Rows grouped by the values of some key columns, groups in order of first appearance (so a
/// recap lists banks, branches or periods in the order the user's file does).
public struct OrderedGroups: Sendable {
    /// Each group's key values (one per key column) and member rows.
    public private(set) var keys: [[String]] = []
    public private(set) var members: [[Int]] = []
    private var index: [[String]: Int] = [:]

    public init() {}

    public init(rows: Range<Int>, key: (Int) -> [String]) {
        for r in rows { add(row: r, key: key(r)) }
    }

    public mutating func add(row: Int, key: [String]) {
        if let k = index[key] {
            members[k].append(row)
        } else {
            index[key] = keys.count
            keys.append(key)
            members.append([row])
        }
    }

    public var count: Int { keys.count }
}

/// The id of a group row: key values joined by " / ".
public func groupID(_ key: [String]) -> String { key.joined(separator: " / ") }

extension Dataset {
    /// The cells of a column as labels: text without surrounding spaces, tabs or no-break
    /// spaces (bank names, debtor names, account numbers). Missing cells are an error unless
    /// `allowMissing`, when they are "".
    public func labels(_ name: String, allowMissing: Bool = false) throws -> [String] {
        try texts(name, allowMissing: allowMissing).map(\.trimmedCell)
    }

    /// The cells of several text columns as one key per row (missing cells become "").
    public func keys(_ columns: [String]) throws -> [[String]] {
        let cells = try columns.map { try texts($0, allowMissing: true).map(\.trimmedCell) }
        return (0..<rowCount).map { r in cells.map { $0[r] } }
    }

    /// Rejects a repeated key (e.g. the same branch × class × period twice), naming both lines.
    public func requireUniqueKeys(_ keys: [[String]], columns: [String], what: String) throws {
        var seen: [[String]: Int] = [:]
        for (r, key) in keys.enumerated() {
            if let first = seen[key] {
                throw cellError(row: r, column: columns.last,
                                expected: "one row per \(what) (\(groupID(key)) is already on line \(rowLines[first]))",
                                got: groupID(key))
            }
            seen[key] = r
        }
    }
}
