import TolokCore

/// Rows are units except under --period (a unit spans periods): there the host leaves out the
/// rows with missing model values (the unit lacks that period, so its pairs with it are
/// missing_data) and lists them in the notes. Rows of a --reference file with missing values are
/// left out of the technology by the plugin (``leavingOutMissing(_:columns:idColumn:what:)``).
extension DEAPlugin: SkipsMissingRows {
    public func rowsAreUnits(_ parameters: Parameters) -> Bool {
        ((try? parameters.value(Self.options.period)) ?? nil) == nil && !Self.frontierOnly(parameters)
    }

    /// Not under --frontier-only: its `row` column counts the data rows as read, so a missing cell
    /// there is refused (exit 2, located) rather than left out.
    public func leavesOutMissingRows(_ parameters: Parameters) -> Bool { !Self.frontierOnly(parameters) }

    static func frontierOnly(_ parameters: Parameters) -> Bool { (try? parameters.value(options.frontierOnly)) ?? false }

    /// `data` without its rows that have an empty or `NA` cell in `columns`, and the note listing
    /// them (line numbers), under `--missing skip`; under `--missing error`, or when every row is
    /// missing, the data as they are (their reading then refuses the first missing cell).
    static func leavingOutMissing(_ data: Dataset, columns: [String], idColumn: String?, what: String) -> (data: Dataset, note: String?) {
        guard MissingDataContext.policy == .skip else { return (data, nil) }
        let missing = data.rowsWithMissing(in: columns)
        guard !missing.isEmpty, missing.count < data.rowCount else { return (data, nil) }
        let gone = Set(missing.map(\.row))
        let ids = idColumn.flatMap { try? data.texts($0, allowMissing: true) }
        let listed = missing.prefix(10).map { m in
            "line \(data.rowLines[m.row])\(ids.map { " (\($0[m.row]))" } ?? ""), column \(m.column)"
        }.joined(separator: "; ") + (missing.count > 10 ? "; … (\(missing.count - 10) more)" : "")
        return (data.subset(rows: (0..<data.rowCount).filter { !gone.contains($0) }),
                "\(missing.count) row(s) of \(what) with missing data left out: \(listed). --missing error refuses such rows instead.")
    }
}
