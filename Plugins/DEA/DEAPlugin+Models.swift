import TolokCore
import TolokDEAModel

/// `tolok run dea` beyond the plain radial run (issue #13, part A): FDH (`--rts fdh`), the
/// additive model (`--model additive`), `--reference FILE` and `--peer-counts`. Options →
/// ``FDHModel`` / ``AdditiveModel`` / ``DEAModel`` → ``FDHReport`` / ``AdditiveReport`` /
/// ``DEAReport``, plus ``PeerCountsReport``.
extension DEAPlugin {
    static func needsBeyondRadial(_ request: AnalysisRequest) throws -> Bool {
        let o = options
        return try (request.option(o.model) ?? .radial) != .radial || request.option(o.rts) == .fdh || request.option(o.reference) != nil
            || request.option(o.peerCounts) || !request.option(o.weights).isEmpty
    }

    func runBeyondRadial(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        let data = request.dataset
        let kind = try request.option(o.model) ?? .radial
        // --rts defaults to crs, but to vrs for the additive model (as DataEnvelopmentAnalysis.jl's deaadd).
        let technology: DEATechnology? = request.isGiven(o.rts) || kind == .radial ? try request.option(o.rts) : nil
        guard let orientation = try request.option(o.orientation).radial else {
            throw UsageError("--orientation non needs --model sbm or ddf: the radial, FDH and additive runs contract inputs or expand outputs")
        }
        let superEfficiency = try request.option(o.superEfficiency)
        let weightWords = try request.option(o.weights)
        let hasReference = try request.option(o.reference) != nil
        // Refusals first (exit 2, one line each).
        if !weightWords.isEmpty && kind != .additive { throw UsageError("--weights applies to --model additive only") }
        if kind == .additive && superEfficiency { throw UsageError("--super applies to the radial and FDH models, not to --model additive") }
        if try request.option(o.scale) && (technology == .fdh || kind == .additive) {
            throw UsageError("--scale needs the radial model with a convex technology (crs, vrs, nirs); not with \(technology == .fdh ? "--rts fdh" : "--model additive")")
        }
        if try request.option(o.period) != nil {
            throw UsageError("--period (Malmquist) works with the radial model only, without --reference and --peer-counts")
        }
        if hasReference && superEfficiency {
            throw UsageError("--super with --reference changes nothing: the --data units are not in the reference set already; drop --super")
        }
        let groupBy = try request.option(o.groupBy)
        if hasReference && groupBy != nil { throw UsageError("--reference cannot be combined with --group-by: the reference file is the one frontier") }
        if groupBy != nil && (technology == .fdh || kind == .additive) {
            throw UsageError("--group-by works with the radial model only; score each group's file separately")
        }

        if try request.option(o.peerCounts) && groupBy != nil {
            throw UsageError("--peer-counts with --group-by is not implemented; count peers per group file")
        }

        let inputNames = try request.option(o.inputs)
        let outputNames = try request.option(o.outputs)
        try requireDistinctColumns([(o.inputs.spec.name, inputNames), (o.outputs.spec.name, outputNames)])
        // Zeros accepted (docs/DEA.md, "Zeros"), in --data and in --reference.
        var inputs = try inputNames.map { try data.numbers($0, .nonNegative) }
        var outputs = try outputNames.map { try data.numbers($0, .nonNegative) }
        let ids = try data.ids(column: request.idColumn)
        let n = data.rowCount
        var peerIds = ids
        var reference = Array(0..<n)
        var referenceNote: String?
        if var refData = try request.file(o.reference) {
            for name in inputNames + outputNames where !refData.hasColumn(name) {
                throw UsageError("--reference file has no column \"\(name)\": it needs the same --inputs and --outputs columns as --data")
            }
            // A reference row with a missing model value is left out of the technology (noted).
            (refData, referenceNote) = Self.leavingOutMissing(refData, columns: inputNames + outputNames,
                                                              idColumn: request.idColumn.flatMap { refData.hasColumn($0) ? $0 : nil },
                                                              what: "--reference (left out of the reference technology)")
            let refInputs = try inputNames.map { try refData.numbers($0, .nonNegative) }
            let refOutputs = try outputNames.map { try refData.numbers($0, .nonNegative) }
            guard refData.rowCount > 0 else { throw UsageError("--reference file has no units") }
            for i in inputs.indices { inputs[i] += refInputs[i] }
            for r in outputs.indices { outputs[r] += refOutputs[r] }
            let refIdColumn = request.idColumn.flatMap { refData.hasColumn($0) ? $0 : nil }
            peerIds = ids + (try refData.ids(column: refIdColumn))
            reference = Array(n..<(n + refData.rowCount))
        }
        let deaData = DEAData(inputs: inputs, outputs: outputs)
        let evaluated = Array(0..<n)
        let names = DEAReport.Columns(inputs: inputNames, outputs: outputNames)
        let scores: [DEAUnitScore]
        var result: AnalysisResult
        switch (kind, technology) {
        case (.additive, _):
            let weights = try additiveWeights(weightWords, data: data, m: inputNames.count, s: outputNames.count)
            let rts = technology?.returnsToScale ?? .vrs
            let model = AdditiveModel(rts: rts, weights: weights)
            if case .ram = weights {
                for (i, name) in (inputNames + outputNames).enumerated() {
                    let column = i < inputs.count ? inputs[i] : outputs[i - inputs.count]
                    let v = evaluated.map { column[$0] }
                    if (v.max() ?? 0) <= (v.min() ?? 0) { throw UsageError("--weights ram needs a range > 0 in column \"\(name)\"; it is constant") }
                }
            }
            scores = technology == .fdh ? model.scoreFDH(deaData, units: evaluated, reference: reference)
                : model.score(deaData, units: evaluated, reference: reference)
            result = AdditiveReport(technology: technology == .fdh ? "FDH" : rts.rawValue.uppercased(), weights: weightWords.isEmpty ? "ones" : weightWords.joined(separator: ","), columns: names,
                                    ids: ids, peerIds: peerIds, scores: scores, hasReference: hasReference).result(descriptor: descriptor)
            // The effective returns to scale (vrs when --rts was not given), echoed in place of the default.
            if technology == nil { result.parameters.append(("rts", .text(rts.rawValue))) }
        case (.radial, .fdh):
            let model = FDHModel(orientation: orientation, superEfficiency: superEfficiency)
            scores = model.score(deaData, units: evaluated, reference: hasReference ? reference : nil)
            result = FDHReport(model: model, columns: names, ids: ids, peerIds: peerIds, scores: scores, hasReference: hasReference)
                .result(descriptor: descriptor)
        case (.radial, _):
            let model = DEAModel(orientation: orientation, rts: technology?.returnsToScale ?? .crs, superEfficiency: superEfficiency)
            let withScale = try request.option(o.scale)
            let groups = try groupBy.map { try data.texts($0) }
            var grouped = hasReference
                ? GroupedScores(scores: model.score(deaData, units: evaluated, reference: reference))
                : GroupedScores(model: model, data: deaData, groups: groups, scale: withScale)
            for j in Self.undefinedUnits(orientation: orientation, inputs: inputs.map { Array($0[..<n]) }, outputs: outputs.map { Array($0[..<n]) }) {
                grouped.scores[j] = Self.markedUndefined(grouped.scores[j], m: inputs.count, s: outputs.count)
                if grouped.scale.indices.contains(j) { grouped.scale[j] = nil }
            }
            scores = grouped.scores
            var report = DEAReport(model: model, columns: names, ids: ids, groups: groups, scores: grouped, withScale: withScale)
            report.peerIds = peerIds
            result = report.result(descriptor: descriptor)
            if hasReference { result.notes.append("Reference technology: the \(reference.count) units of --reference; the --data units are not part of it, so scores may exceed 1 (input orientation below 1 is still inefficient) and a unit no reference combination covers is infeasible.") }
            result.notes += Self.freeLunchNotes(scores, ids: ids, freeLunch: Self.freeLunchIds(reference, ids: peerIds, inputs: inputs, outputs: outputs),
                                                orientation: orientation)
        case (.sbm, _), (.ddf, _), (.cost, _), (.revenue, _), (.profit, _):
            throw InternalError("--model \(kind.rawValue) is dispatched before the radial and additive runs")
        }
        if let referenceNote { result.notes.append(referenceNote) }
        if try request.option(o.peerCounts) {
            let counted = PeerCounts(scores: scores, evaluated: evaluated, reference: reference)
            result.tables.append(PeerCountsReport(ids: hasReference ? Array(peerIds[n...]) : ids,
                                                  statuses: hasReference ? nil : scores.map(\.status), counts: counted).table())
        }
        return result
    }

    private func additiveWeights(_ words: [String], data: Dataset, m: Int, s: Int) throws -> AdditiveModel.Weights {
        switch words {
        case [], ["ones"]: return .ones
        case ["ram"]: return .ram
        case ["mip"]: return .mip
        default:
            guard words.count == m + s else {
                throw UsageError("--weights takes ones, ram, mip, or \(m + s) columns (one per input, then one per output); got \(words.count) name(s)")
            }
            let columns = try words.map { try data.numbers($0, .nonNegative) }
            return .custom(inputs: Array(columns[..<m]), outputs: Array(columns[m...]))
        }
    }
}
