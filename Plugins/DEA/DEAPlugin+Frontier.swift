import TolokCore
import TolokDEAModel

/// `tolok run dea --frontier-only` (issue #18): the units of `--data` that span its CRS/VRS/NIRS/NDRS
/// technology, written with their input and output values so that the table, saved as CSV, is a
/// `--reference` file. The distributed driver (Distributed/tolok_dask, docs/DISTRIBUTED.md) runs it
/// on each block, then once more on the union of the block frontiers.
///
/// The set kept is ``FrontierFinder``'s: every unit that is not strictly inside the technology of
/// the others (θ < 1 against them) — the vertices (extreme rays under CRS), and also units on a
/// face, weakly efficient units and exact duplicates, which are not needed but harmless. Its
/// technology is the technology of all units, so radial scores, slacks and targets against it
/// equal those against all units, in either orientation.
extension DEAPlugin {
    static func runFrontierOnly(_ request: AnalysisRequest, descriptor: PluginDescriptor) throws -> AnalysisResult {
        let o = options
        // Only what the frontier depends on: the technology. Anything else would be silently ignored.
        if let kind = try request.option(o.model), kind != .radial {
            throw UsageError("--frontier-only finds the radial (convex) technology's spanning units; not with --model \(kind.rawValue)")
        }
        for (given, name) in [(try request.option(o.superEfficiency), "--super"), (try request.option(o.scale), "--scale"),
                              (try request.option(o.peerCounts), "--peer-counts"),
                              (try request.option(o.reference) != nil, "--reference"),
                              (try request.option(o.groupBy) != nil, "--group-by"), (try request.option(o.period) != nil, "--period"),
                              (!(try request.option(o.weights)).isEmpty, "--weights"), (!(try request.option(o.direction)).isEmpty, "--direction"),
                              (!(try request.option(o.inputPrices)).isEmpty, "--input-prices"),
                              (!(try request.option(o.outputPrices)).isEmpty, "--output-prices")] where given {
            throw UsageError("--frontier-only writes the units spanning the technology of --data; it cannot be combined with \(name)")
        }
        guard let rts = try request.option(o.rts).returnsToScale else {
            throw UsageError("--frontier-only needs a convex technology (--rts crs, vrs, nirs or ndrs), not --rts fdh")
        }
        let data = request.dataset
        let inputNames = try request.option(o.inputs)
        let outputNames = try request.option(o.outputs)
        try requireDistinctColumns([(o.inputs.spec.name, inputNames), (o.outputs.spec.name, outputNames)])
        // Positive inputs: the frontier search's input-oriented programs need them (a --reference
        // file itself may hold zeros; docs/DISTRIBUTED.md).
        let inputs = try inputNames.map { try data.numbers($0, .positive) }
        let outputs = try outputNames.map { try data.numbers($0, .nonNegative) }
        let offset = try request.option(o.rowOffset)
        // Without an id column the ids are the data rows, counted from the block's offset, so that
        // the frontiers of several blocks can be put together without two units sharing an id.
        let ids: [String]
        if request.idColumn == nil, IdAliases.find(in: data) == .none {
            ids = (0..<data.rowCount).map { String(offset + $0 + 1) }
        } else {
            ids = try data.ids(column: request.idColumn)
        }
        // Sorted: the frontier units in file order, whatever order the finder met them in.
        let frontier = FrontierFinder.spanningUnits(of: DEAData(inputs: inputs, outputs: outputs), rts: rts,
                                                    threads: DEAModel(orientation: .input, rts: rts).threads).sorted()
        var t = TableBuilder(name: "frontier", rows: frontier.count)
        t.add("row", .integer) { .integer(offset + frontier[$0] + 1) }
        t.add("id", .text) { .text(ids[frontier[$0]]) }
        t.add(each: inputNames, prefix: "") { .number(inputs[$1][frontier[$0]]) }
        t.add(each: outputNames, prefix: "") { .number(outputs[$1][frontier[$0]]) }
        let notes = [
            "Frontier units: the \(frontier.count) of \(data.rowCount) units not strictly inside the \(rts.rawValue.uppercased()) technology of the others (vertices, and units on a face, weakly efficient units and duplicates); they span the technology of all units, so scores against them (--reference) equal scores against all units.",
            "row: the unit's data row in --data (1 = the first row after the header) plus --row-offset; id: the --id column (without one, the row).",
        ]
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [t.table],
                              summary: [("units", .integer(data.rowCount)), ("frontier_units", .integer(frontier.count))], notes: notes)
    }

    /// The `frontier` table and the summary key of `--frontier-only` (added to ``declaredTables``).
    static let frontierDeclaredTable = DeclaredTable("frontier", when: "--frontier-only", [
        DeclaredColumn("row", .integer, "the unit's data row in --data (1 = first row after the header) plus --row-offset"),
        DeclaredColumn("id", .text, "the unit (the --id column; without one, the row)"),
        DeclaredColumn("{inputs}", "the unit's input (as read)"),
        DeclaredColumn("{outputs}", "the unit's output (as read)"),
    ])
    static let frontierSummaryKeys = [
        DeclaredColumn("frontier_units", .integer, when: "--frontier-only", "units spanning the technology (rows of the frontier table)"),
    ]
}
