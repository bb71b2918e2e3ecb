import TolokCore
import TolokDEAModel

extension DEAPlugin {
    /// `--model cost|revenue|profit`: economic efficiency from prices (``EconomicEfficiency``).
    func runEconomic(_ request: AnalysisRequest, kind: DEAModelKind) throws -> AnalysisResult {
        let input = try modelInput(request, kind: kind)
        let o = Self.options
        let economic: EconomicEfficiency.Kind
        switch kind {
        case .cost: economic = .cost
        case .revenue: economic = .revenue
        default: economic = .profit
        }
        if input.orientation == .non { throw UsageError("--orientation non is for --model sbm or ddf, not --model \(kind.rawValue)") }
        if economic == .profit && input.rts != .vrs {
            throw UsageError("--model profit needs --rts vrs: maximum profit under \(input.rts.rawValue) is 0 or unbounded")
        }
        let m = input.columns.inputs.count, s = input.columns.outputs.count
        let w = economic == .revenue ? [] : try prices(request, o.inputPrices, count: m, side: "input", kind: kind)
        let p = economic == .cost ? [] : try prices(request, o.outputPrices, count: s, side: "output", kind: kind)
        for j in 0..<input.data.unitCount {
            if !w.isEmpty && w.allSatisfy({ $0[j] == 0 }) && economic == .cost {
                throw UsageError("unit \(input.ids[j]) has every input price 0: its cost efficiency is undefined")
            }
            if !p.isEmpty && p.allSatisfy({ $0[j] == 0 }) && economic == .revenue {
                throw UsageError("unit \(input.ids[j]) has every output price 0: its revenue efficiency is undefined")
            }
        }
        var model = EconomicEfficiency(kind: economic, rts: input.rts, inputPrices: w, outputPrices: p)
        if economic == .profit {
            model.profitDirection = try ddfDirection(request, words: try request.option(o.direction), m: m, s: s)
        }
        var result = EconomicReport(model: model, columns: input.columns, ids: input.ids, scores: model.score(input.data))
            .result(descriptor: descriptor)
        // Profit runs under VRS whatever the declared default: echo the effective value.
        if economic == .profit { result.parameters.append(("rts", .text(input.rts.rawValue))) }
        return result
    }
}

/// The `units` table, summary and notes of a cost, revenue or profit run.
struct EconomicReport {
    let model: EconomicEfficiency
    let columns: DEAReport.Columns
    let ids: [String]
    let scores: [EconomicEfficiency.UnitScore]

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [unitsTable()], summary: summary(), notes: notes())
    }

    /// Column names per kind: observed, optimum, overall, technical, allocative.
    var names: (observed: String, optimum: String, overall: String, technical: String, allocative: String) {
        switch model.kind {
        case .cost: return ("observed_cost", "minimum_cost", "cost_efficiency", "technical_efficiency", "allocative_efficiency")
        case .revenue: return ("observed_revenue", "maximum_revenue", "revenue_efficiency", "technical_efficiency", "allocative_efficiency")
        case .profit: return ("observed_profit", "maximum_profit", "profit_inefficiency", "technical_inefficiency", "allocative_inefficiency")
        }
    }

    func unitsTable() -> ResultTable {
        let s = scores
        let n = names
        var t = TableBuilder(ids: ids, statuses: s.map(\.status))
        func ok(_ j: Int, _ x: Double?) -> Value { .optional(s[j].status == .ok ? x : nil) }
        t.add(n.observed) { ok($0, s[$0].observed) }
        t.add(n.optimum) { ok($0, s[$0].optimum) }
        t.add(n.overall) { ok($0, s[$0].overall) }
        t.add(n.technical) { ok($0, s[$0].technical) }
        t.add(n.allocative) { ok($0, s[$0].allocative) }
        if model.kind == .profit { t.add("profit_ratio") { ok($0, s[$0].profitRatio) } }
        t.add(each: columns.inputs, prefix: "target_") { ok($0, s[$0].inputTargets[$1]) }
        t.add(each: columns.outputs, prefix: "target_") { ok($0, s[$0].outputTargets[$1]) }
        t.add("peers", .peers) { j in ProjectionClass.peers(s[j].status, s[j].peers, ids: ids) }
        return t.table
    }

    func summary() -> [(name: String, value: Value)] {
        let values = scores.filter { $0.status == .ok }.map(\.overall)
        var summary: [(name: String, value: Value)] = [
            ("units", .integer(ids.count)),
            ("mean_\(names.overall)", .optional(values.isEmpty ? nil : values.reduce(0, +) / Double(values.count))),
        ]
        summary += ProjectionClass.failureCounts(scores.map(\.status))
        return summary
    }

    func notes() -> [String] {
        let rts = model.rts.rawValue.uppercased()
        var notes: [String]
        switch model.kind {
        case .cost:
            notes = ["Model: cost efficiency (Färe, Grosskopf & Lovell 1985), \(rts): minimum_cost = min w·x over the technology at the unit's outputs and prices; cost_efficiency = minimum_cost / observed_cost = technical × allocative; technical = radial input θ (\(rts)).",
                     "target_ inputs: the cost-minimising input quantities; target_ outputs: the unit's own outputs."]
        case .revenue:
            notes = ["Model: revenue efficiency (Färe, Grosskopf & Lovell 1985), \(rts): maximum_revenue = max p·y over the technology at the unit's inputs and prices; revenue_efficiency = observed_revenue / maximum_revenue = technical × allocative; technical = 1/φ (radial output, \(rts)).",
                     "target_ outputs: the revenue-maximising output quantities; target_ inputs: the unit's own inputs."]
        case .profit:
            notes = ["Model: Nerlovian profit inefficiency (Chambers, Chung & Färe 1998), VRS: profit_inefficiency = (maximum_profit − observed_profit) / (p·g_y + w·g_x) = technical + allocative, with the direction g of --direction (default observed: g = (x, y)); technical = the directional distance β along g (VRS); profit_ratio = observed_profit / maximum_profit (when maximum_profit > 0).",
                     "target_: the input and output quantities of the profit-maximising reference unit."]
        }
        notes.append("Prices are the unit's own (one column per input or output); optimal quantities lie on the frontier-first reduced technology.")
        notes += ProjectionClass.failureNotes(scores.map(\.status))
        let noAllocative = scores.filter { $0.status == .ok && model.kind != .profit && $0.allocative.isNaN }.count
        if noAllocative > 0 {
            notes.append("\(noAllocative) unit(s) have technical efficiency 0 (units with every input zero produce their outputs), so cost efficiency is 0 and allocative efficiency 0/0 is not reported (empty).")
        }
        return notes
    }
}
