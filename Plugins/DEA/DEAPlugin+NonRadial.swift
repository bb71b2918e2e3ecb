import TolokCore
import TolokDEAModel

/// The checks and data shared by the non-radial models of `tolok run dea` (`--model sbm`, `ddf`,
/// `cost`, `revenue`, `profit`; issue #13 part B): each model's run lives in its report file.
extension DEAPlugin {
    /// What every non-radial run reads: the data, the ids, and the column names.
    struct ModelInput {
        var data: DEAData
        var ids: [String]
        var columns: DEAReport.Columns
        var rts: ReturnsToScale
        var orientation: ProjectionOrientation
        var superEfficiency: Bool
    }

    /// Refuses the options that `kind` does not take (one line each, exit 2), then reads the data.
    func modelInput(_ request: AnalysisRequest, kind: DEAModelKind) throws -> ModelInput {
        let o = Self.options
        let name = "--model \(kind.rawValue)"
        if try request.option(o.scale) { throw UsageError("--scale is for --model radial; \(name) has no scale decomposition") }
        if try request.option(o.groupBy) != nil { throw UsageError("--group-by is for --model radial; run \(name) once per group") }
        if try request.option(o.period) != nil { throw UsageError("--period (Malmquist) is for --model radial, not \(name)") }
        if kind != .ddf && kind != .profit, !(try request.option(o.direction)).isEmpty {
            throw UsageError("--direction applies to --model ddf or profit only (\(name) was given)")
        }
        if ![.cost, .profit].contains(kind), !(try request.option(o.inputPrices)).isEmpty {
            throw UsageError("--input-prices applies to --model cost or profit only (\(name) was given)")
        }
        if ![.revenue, .profit].contains(kind), !(try request.option(o.outputPrices)).isEmpty {
            throw UsageError("--output-prices applies to --model revenue or profit only (\(name) was given)")
        }
        if try request.option(o.reference) != nil { throw UsageError("--reference works with --model radial or additive, not \(name)") }
        if try request.option(o.peerCounts) { throw UsageError("--peer-counts works with --model radial or additive, not \(name)") }
        if !(try request.option(o.weights)).isEmpty { throw UsageError("--weights applies to --model additive only (\(name) was given)") }
        // --model profit is defined under VRS only: that is its default (a given --rts is checked).
        let technology = kind == .profit && !request.isGiven(o.rts) ? DEATechnology.vrs : try request.option(o.rts)
        guard let rts = technology.returnsToScale else {
            throw UsageError("--rts fdh works with --model radial or additive; \(name) takes crs, vrs, nirs or ndrs")
        }
        if kind != .sbm, try request.option(o.superEfficiency) {
            throw UsageError("--super is for --model radial or sbm, not \(name)")
        }
        let data = request.dataset
        let inputNames = try request.option(o.inputs)
        let outputNames = try request.option(o.outputs)
        try requireDistinctColumns([(o.inputs.spec.name, inputNames), (o.outputs.spec.name, outputNames)])
        // Zeros accepted (docs/DEA.md, "Zeros"): a unit whose program is 0/0 gets status undefined.
        let deaData = DEAData(inputs: try inputNames.map { try data.numbers($0, .nonNegative) },
                              outputs: try outputNames.map { try data.numbers($0, .nonNegative) })
        return ModelInput(data: deaData, ids: try data.ids(column: request.idColumn),
                          columns: DEAReport.Columns(inputs: inputNames, outputs: outputNames),
                          rts: rts, orientation: try request.option(o.orientation),
                          superEfficiency: try request.option(o.superEfficiency))
    }

    /// A price option's columns: exactly one per input (output), non-negative.
    func prices(_ request: AnalysisRequest, _ option: DeclaredOption<[String]>, count: Int, side: String, kind: DEAModelKind) throws -> [[Double]] {
        let names = try request.option(option)
        guard !names.isEmpty else {
            throw UsageError("--model \(kind.rawValue) needs --\(option.spec.name): one price column per \(side), in --\(side)s order")
        }
        guard names.count == count else {
            throw UsageError("--\(option.spec.name) names \(names.count) column(s) for \(count) \(side)(s): give one price column per \(side), in --\(side)s order")
        }
        return try names.map { try request.dataset.numbers($0, .nonNegative) }
    }
}
