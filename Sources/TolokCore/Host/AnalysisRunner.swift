/// One `tolok run` invocation, after the host's own options were parsed.
public struct RunInvocation: Sendable {
    public var pluginID: String
    public var dataPath: String
    public var idColumn: String?
    public var csvOptions: CSVOptions
    /// The plugin's own options, unparsed (`--inputs a,b --rts vrs`).
    public var pluginArguments: [String]
    /// Progress display for long runs, if wanted.
    public var progress: ProgressReporter?
    /// `--keep-total-rows`: read total and subtotal rows as units (refused by default, ``TotalRows``).
    public var keepTotalRows = false
    /// Reads a data file (`--data` and file options) with its number format still undecided (the
    /// run decides it over all files, ``RunNumberFormat``); the host sets one that also reads `.xlsx`
    /// workbooks (TolokWorkbook's `DataLoader`). Default: ``CSVLoader/loadUndecided(path:options:)``.
    public var load: @Sendable (_ path: String, _ options: CSVOptions) throws -> Dataset = { path, options in
        try CSVLoader.loadUndecided(path: path, options: options)
    }
    /// Rows with an empty or `NA` cell in a model column: skipped as `missing_data` units, or refused.
    public var missing: MissingDataPolicy = .skip

    public init(pluginID: String, dataPath: String, idColumn: String? = nil,
                csvOptions: CSVOptions = CSVOptions(), pluginArguments: [String] = []) {
        self.pluginID = pluginID
        self.dataPath = dataPath
        self.idColumn = idColumn
        self.csvOptions = csvOptions
        self.pluginArguments = pluginArguments
    }
}

/// Turns an invocation into a result: finds the plugin, parses its options, loads the data
/// (and any further files it declares), runs it, and records the parameters in the result.
/// Printing and writing files is the caller's job.
public enum AnalysisRunner {
    public static func run(_ invocation: RunInvocation, registry: PluginRegistry) throws -> AnalysisResult {
        guard let plugin = registry.plugin(id: invocation.pluginID) else {
            let ids = registry.all.map(\.descriptor.id).joined(separator: ", ")
            throw UsageError("unknown plugin \"\(invocation.pluginID)\" (available: \(ids.isEmpty ? "none" : ids); see `tolok plugins`)")
        }
        let descriptor = plugin.descriptor
        let parameters = try PluginArgumentParser.parse(invocation.pluginArguments, for: descriptor)
        // Standard input can be read once: at most one file may be `-`.
        let fileOptions = [("--data", invocation.dataPath)] + descriptor.parameters.filter { $0.kind == .file }
            .compactMap { spec in parameters.text(spec.name).map { ("--\(spec.name)", $0) } }
        let fromStandardInput = fileOptions.filter { $0.1 == CSVLoader.standardInputPath }.map(\.0)
        if fromStandardInput.count > 1 {
            throw UsageError("\(fromStandardInput.joined(separator: " and ")) both read standard input (-); standard input can be read once: give all but one of them a file")
        }
        // Every file of the run is read first: their number format is decided once, over all of them.
        let undecided = try invocation.load(invocation.dataPath, invocation.csvOptions)
        var fileNames: [String] = [], undecidedFiles: [Dataset] = []
        for spec in descriptor.parameters where spec.kind == .file {
            if let path = parameters.text(spec.name) {
                fileNames.append(spec.name)
                undecidedFiles.append(try invocation.load(path, invocation.csvOptions))
            }
        }
        let decided = RunNumberFormat.decide([undecided] + undecidedFiles, forced: invocation.csvOptions.numberFormat)
        let fullDataset = decided[0]
        if let id = invocation.idColumn { _ = try fullDataset.column(id) }
        // Rows with missing model values: left out and restored as missing_data units (MissingData.swift).
        var missingRows = MissingRows(rows: [])
        let skipper = plugin as? SkipsMissingRows
        let rowsAreUnits = skipper?.rowsAreUnits(parameters) ?? false
        if invocation.missing == .skip, let skipper, rowsAreUnits || skipper.leavesOutMissingRows(parameters) {
            missingRows = MissingRows.find(in: fullDataset, descriptor: descriptor, parameters: parameters)
            if missingRows.rows.count == fullDataset.rowCount { missingRows.rows = [] }  // nothing left: refuse as before
        }
        // Without --id, the id column found by its name (IdAliases) names the units, missing rows too.
        var unitIDColumn = invocation.idColumn
        if unitIDColumn == nil, !missingRows.rows.isEmpty, case .one(let name) = IdAliases.find(in: fullDataset) { unitIDColumn = name }
        let (dataset, idColumn) = missingRows.rows.isEmpty ? (fullDataset, invocation.idColumn)
            : rowsAreUnits ? missingRows.kept(fullDataset, idColumn: unitIDColumn)
            : (fullDataset.subset(rows: (0..<fullDataset.rowCount).filter { r in !missingRows.rows.contains { $0.row == r } }), invocation.idColumn)
        let modelColumns = try validateDeclaredColumns(of: descriptor, parameters: parameters, in: dataset)
        var files: [String: Dataset] = [:]
        for (name, file) in zip(fileNames, decided.dropFirst()) { files[name] = file }
        if !invocation.keepTotalRows {
            // A TOTAL row read as a unit doubles every total: refused before any work.
            let numeric = modelColumns.isEmpty ? dataset.columns.filter(\.isNumeric).map(\.name) : modelColumns
            if let e = TotalRows.refusal(in: dataset, labelColumn: invocation.idColumn ?? labelColumn(of: dataset), numericColumns: numeric) { throw e }
            for file in decided.dropFirst() {
                if let e = TotalRows.refusal(in: file, labelColumn: labelColumn(of: file), numericColumns: []) { throw e }
            }
        }
        let readingNotes = decided.flatMap(\.notes)
        let request = AnalysisRequest(dataset: dataset, idColumn: idColumn, parameters: parameters, files: files,
                                      progress: invocation.progress)
        var result = try MissingDataContext.$policy.withValue(invocation.missing) { try plugin.run(request) }
        if !missingRows.rows.isEmpty {
            if rowsAreUnits {
                try missingRows.restore(into: &result, dataset: fullDataset, idColumn: unitIDColumn, plugin: descriptor.id)
            } else {
                result.notes.append(missingRows.leftOutNote(dataset: fullDataset, idColumn: invocation.idColumn))
            }
        }
        result.notes += readingNotes.filter { !result.notes.contains($0) }
        // Ids taken from a column found by its name (no --id): the notes say which.
        if invocation.idColumn == nil, case .one(let name) = IdAliases.find(in: fullDataset), let units = result.tables.first,
           units.columns.first?.name == "id", let texts = try? fullDataset.texts(name, allowMissing: true),
           units.rows.map({ $0.first.map { cell -> String in if case .text(let t) = cell { return t }; return "" } ?? "" }) == texts {
            result.notes.append(IdAliases.note(name))
        }
        // The declared tables are the contract `--table`, `describe` and the schemas rely on.
        if let stray = result.tables.first(where: { !descriptor.tables.contains($0.name) }) {
            throw InternalError("plugin \(descriptor.id) returned a table \"\(stray.name)\" it does not declare (it declares: \(descriptor.tables.joined(separator: ", ")))")
        }
        var echoed: [(name: String, value: Value)] = [("data", .text(invocation.dataPath))]
        if let id = invocation.idColumn { echoed.append(("id", .text(id))) }
        if invocation.keepTotalRows { echoed.append(("keep-total-rows", .bool(true))) }
        // Every declared option, in descriptor order, keyed by its command-line name without
        // dashes: a flag not given is false, an option neither given nor defaulted is null.
        let given = parameters.values.filter { p in !descriptor.parameters.contains { $0.name == p.name } }
        for (name, value) in descriptor.parameters.map({ spec in (spec.name, parameters[spec.name]) }) + given.map({ ($0.name, Optional($0.value)) }) {
            switch value {
            case .flag(let b)?: echoed.append((name, .bool(b)))
            case .number(let x)?: echoed.append((name, .number(x)))
            case .integer(let i)?: echoed.append((name, .integer(i)))
            case let value?: echoed.append((name, .text(value.commandLineText)))
            case nil: echoed.append((name, descriptor.parameters.first { $0.name == name }?.kind == .flag ? .bool(false) : .missing))
            }
        }
        // A value the plugin reports for an option is the effective one (a default that depends on
        // another option, e.g. dea's --rts under --model additive): it replaces the parsed default.
        let effective = echoed.map { p in result.parameters.first { $0.name == p.name } ?? p }
        result.parameters = effective + result.parameters.filter { p in !echoed.contains { $0.name == p.name } }
        return result
    }

    /// Checks every column a `column`/`columns` parameter names against the parameter's declared
    /// ``ValueRequirement``, so the first bad cell is reported with its line before any work.
    /// Returns the columns read as numbers (those with a requirement), the model's columns.
    @discardableResult
    static func validateDeclaredColumns(of descriptor: PluginDescriptor, parameters: Parameters, in dataset: Dataset) throws -> [String] {
        var numeric: [String] = []
        for spec in descriptor.parameters {
            let names: [String]
            switch spec.kind {
            case .column: names = parameters.text(spec.name).map { [$0] } ?? []
            case .columns: names = parameters.list(spec.name)
            default: continue
            }
            for name in names {
                if let requirement = spec.values {
                    _ = try dataset.numbers(name, requirement)
                    numeric.append(name)
                } else {
                    _ = try dataset.column(name)
                }
            }
        }
        return numeric
    }

    /// The column whose cells name a file's rows when no `--id` is given: its first column, when
    /// that is text.
    static func labelColumn(of dataset: Dataset) -> String? {
        guard let first = dataset.columns.first, !first.isNumeric else { return nil }
        return first.name
    }
}
