/// What `tolok run` does with a data row that has an empty or `NA` cell in a model column
/// (`--missing skip|error`, docs/OUTPUT.md).
public enum MissingDataPolicy: String, Sendable, CaseIterable {
    /// The row's unit gets status `missing_data`, is left out of the reference set or the
    /// estimation, and is listed in the notes (the default, for plugins whose rows are units).
    case skip
    /// The run stops at the first such cell with a located data error (exit 2).
    case error
}

/// The run's ``MissingDataPolicy``, for plugins that leave out rows themselves (rows of a
/// `--reference` file, rows of a `--period` panel), where the host cannot: set by the host
/// around `plugin.run`.
public enum MissingDataContext {
    @TaskLocal public static var policy: MissingDataPolicy = .skip
}

extension Dataset {
    /// The rows (0-based, in order) with an empty or `NA` cell in one of `columns` (names this
    /// dataset lacks are ignored), with the first such column of each.
    public func rowsWithMissing(in columns: [String]) -> [(row: Int, column: String)] {
        MissingRows.find(in: self, names: columns).rows
    }
}

/// A plugin whose `units` table has one row per data row, in the data's order, under the given
/// options: the host can then leave out rows with missing model values and report them as
/// `missing_data` units (``MissingDataPolicy/skip``).
public protocol SkipsMissingRows {
    /// Whether, under these options, rows are units (e.g. false for dea --period, where a unit
    /// spans several rows).
    func rowsAreUnits(_ parameters: Parameters) -> Bool
    /// Whether, when rows are not units, the host still leaves out the rows with missing model
    /// values (listed in the notes, not put back into any table): e.g. dea --period, where the
    /// unit then lacks that period and its pairs with it are missing_data. Default false.
    func leavesOutMissingRows(_ parameters: Parameters) -> Bool
}

extension SkipsMissingRows {
    public func leavesOutMissingRows(_ parameters: Parameters) -> Bool { false }
}

/// The rows of a run with missing model values, and how to put them back into the result.
struct MissingRows {
    /// Data rows (0-based) with a missing cell, and the first such column of each.
    var rows: [(row: Int, column: String)]

    /// The rows of `dataset` with an empty or `NA` cell in a column named by a `column`/`columns`
    /// option (the model columns), in row order.
    static func find(in dataset: Dataset, descriptor: PluginDescriptor, parameters: Parameters) -> MissingRows {
        var names: [String] = []
        for spec in descriptor.parameters {
            switch spec.kind {
            case .column: names += parameters.text(spec.name).map { [$0] } ?? []
            case .columns: names += parameters.list(spec.name)
            default: continue
            }
        }
        return find(in: dataset, names: names)
    }

    /// The rows of `dataset` with an empty or `NA` cell in one of the named columns.
    static func find(in dataset: Dataset, names: [String]) -> MissingRows {
        let columns = names.compactMap { n in dataset.columns.first { $0.name == n } }
        // A numeric column's cell is missing exactly when its number is (the loaders read a cell
        // as a number only when it is not a missing cell: `Column.isMissing` text never parses),
        // so its bitmap answers without cutting a String per cell; a column without missing
        // numbers is skipped. Where the bitmap says missing the text is still checked, so the rule
        // stays `Column.isMissing` of the cell. Text columns check the text.
        let tests: [(name: String, isMissing: (Int) -> Bool)] = columns.compactMap { c in
            switch c.values {
            case .numeric(let cells):
                guard cells.hasMissing else { return nil }
                return (c.name, { r in cells.isMissing(r) && Column.isMissing(c.raw[r]) })
            case .text:
                return (c.name, { r in Column.isMissing(c.raw[r]) })
            }
        }
        var rows: [(row: Int, column: String)] = []
        guard !tests.isEmpty else { return MissingRows(rows: rows) }
        for r in 0..<dataset.rowCount {
            if let t = tests.first(where: { $0.isMissing(r) }) { rows.append((r, t.name)) }
        }
        return MissingRows(rows: rows)
    }

    /// The name of the row-number column added when there is no `--id` (so that the units
    /// keep their row numbers as ids): one the file does not have.
    static func rowColumnName(in dataset: Dataset) -> String {
        var name = "(row)"
        while dataset.hasColumn(name) { name = "(" + name + ")" }
        return name
    }

    /// The dataset without the rows, plus, without `--id`, a text column of the original row
    /// numbers to use as ids.
    func kept(_ dataset: Dataset, idColumn: String?) -> (data: Dataset, idColumn: String?) {
        let missing = Set(rows.map(\.row))
        let keep = (0..<dataset.rowCount).filter { !missing.contains($0) }
        let subset = dataset.subset(rows: keep)
        guard idColumn == nil else { return (subset, idColumn) }
        let name = Self.rowColumnName(in: dataset)
        let numbers = keep.map { String($0 + 1) }
        let column = Column(name: name, position: dataset.columns.count + 1, values: .text(numbers), raw: numbers)
        return (Dataset(source: subset.source, columns: subset.columns + [column], rowLines: subset.rowLines,
                        numberFormat: subset.numberFormat, numberEvidence: subset.numberEvidence, notes: subset.notes,
                        sheet: subset.sheet), name)
    }

    /// The note for rows left out without being put back (``SkipsMissingRows/leavesOutMissingRows(_:)``).
    func leftOutNote(dataset: Dataset, idColumn: String?) -> String {
        let ids = idColumn.flatMap { try? dataset.texts($0, allowMissing: true) }
        let listed = rows.prefix(10).map { m in
            "line \(dataset.rowLines[m.row])\(ids.map { " (\($0[m.row]))" } ?? ""), column \(m.column)"
        }.joined(separator: "; ") + (rows.count > 10 ? "; … (\(rows.count - 10) more)" : "")
        return "\(rows.count) row(s) with missing data left out of the computation (each unit keeps its other rows): \(listed). --missing error refuses such rows instead."
    }

    /// Puts the left-out rows back into the `units` table (status `missing_data`, every other
    /// cell empty), counts them in the summary and lists them in the notes.
    func restore(into result: inout AnalysisResult, dataset: Dataset, idColumn: String?, plugin: String) throws {
        guard let k = result.tables.firstIndex(where: { $0.name == "units" }) else {
            throw InternalError("plugin \(plugin) skips rows with missing data but returned no units table")
        }
        var units = result.tables[k]
        let total = dataset.rowCount
        guard units.rowCount + rows.count == total, let idIndex = units.columnIndex("id"), let statusIndex = units.columnIndex("status") else {
            throw InternalError("plugin \(plugin) returned \(units.rowCount) units for \(total - rows.count) rows with complete data")
        }
        let ids: [String] = try idColumn.map { try dataset.texts($0, allowMissing: true) } ?? (0..<total).map { String($0 + 1) }
        let missing = Dictionary(uniqueKeysWithValues: rows.map { ($0.row, $0.column) })
        let unitRows = units.rows  // materialised once (the units table's rows, in order)
        var merged: [[Value]] = []
        merged.reserveCapacity(total)
        var next = 0
        for r in 0..<total {
            if missing[r] != nil {
                var row = [Value](repeating: .missing, count: units.columns.count)
                row[idIndex] = .text(ids[r])
                row[statusIndex] = UnitStatus.missingData.value
                merged.append(row)
            } else {
                guard next < unitRows.count, unitRows[next][idIndex].string == ids[r] else {
                    throw InternalError("plugin \(plugin) returned units out of the data's order (row \(r + 1))")
                }
                merged.append(unitRows[next])
                next += 1
            }
        }
        units.rows = merged
        result.tables[k] = units
        for (name, value) in [("units", Value.integer(total)), ("missing_data_units", .integer(rows.count))] {
            if let s = result.summary.firstIndex(where: { $0.name == name }), case .integer = result.summary[s].value {
                result.summary[s].value = value
            }
        }
        let listed = rows.prefix(10).map { "\(ids[$0.row]) (line \(dataset.rowLines[$0.row]), column \($0.column))" }
        let more = rows.count > 10 ? ", … (\(rows.count - 10) more)" : ""
        result.notes.append("\(rows.count) unit\(rows.count == 1 ? "" : "s") with missing data (status missing_data; left out of the computation, "
                            + "which used the other \(total - rows.count)): \(listed.joined(separator: ", "))\(more). --missing error refuses such rows instead.")
    }
}
