import TolokCore
import TolokDEAModel

/// `tolok run dea --cross-efficiency simple|benevolent|aggressive` (issue #14): options →
/// ``CrossEfficiency`` → the `cross_efficiency` table (long: rater, rated, value) and the
/// `mean_cross_efficiency` column of `units`. docs/DEA.md, "Cross-efficiency".
extension DEAPlugin {
    /// The method asked for, after refusing the options it does not cover (exit 2).
    static func crossEfficiencyMethod(_ request: AnalysisRequest) throws -> CrossEfficiencyMethod {
        let o = options
        let method = try request.option(o.crossEfficiency)
        guard method != .none else { return .none }
        let refusals: [(Bool, String)] = [
            (try request.option(o.frontierOnly), "--frontier-only"),
            (try (request.option(o.model) ?? .radial) != .radial, "--model \(try request.option(o.model)?.rawValue ?? "")"),
            (try request.option(o.rts) != .crs && request.option(o.rts) != .vrs, "--rts \(try request.option(o.rts).rawValue) (crs or vrs)"),
            (try request.option(o.orientation) != .input, "--orientation \(try request.option(o.orientation).rawValue) (the input-oriented multiplier form; under CRS the output orientation gives the same matrix)"),
            (try request.option(o.superEfficiency), "--super"),
            (try request.option(o.period) != nil, "--period"),
            (try request.option(o.groupBy) != nil, "--group-by"),
            (try request.option(o.reference) != nil, "--reference"),
            (try request.option(o.bootstrap) != nil, "--bootstrap"),
            (try request.option(o.rtsTest), "--rts-test"),
            (try request.option(o.peerCounts), "--peer-counts"),
            (try !request.option(o.weights).isEmpty, "--weights"),
        ]
        if let (_, refusal) = refusals.first(where: { $0.0 }) {
            throw UsageError("--cross-efficiency works with the radial input-oriented model (crs or vrs) of one cross-section; not with \(refusal)")
        }
        return method
    }

    /// Appends the cross-efficiency matrix and the mean per rated unit to a radial run's result.
    static func addCrossEfficiency(to result: inout AnalysisResult, method: CrossEfficiencyMethod, rts: ReturnsToScale,
                                   data: DEAData, ids: [String], threads: Int) {
        let run = CrossEfficiency(method: method, rts: rts, threads: threads).run(data)
        let n = ids.count
        if let k = result.tables.firstIndex(where: { $0.name == "units" }) {
            let units = result.tables[k]
            let means = run.meanCrossEfficiency.map { $0.isFinite ? $0 : Double.nan }
            let missing = means.map { !$0.isFinite }
            result.tables[k] = ResultTable(name: units.name, columns: units.columns + [ResultColumn("mean_cross_efficiency")],
                                           storage: (0..<units.columns.count).map { units.cells($0) }
                                               + [.numbers(means, missing: missing.contains(true) ? missing : nil)])
        }
        var raters = [UInt32](repeating: 0, count: n * n), rated = raters
        var missing = [Bool](repeating: false, count: n * n)
        for d in 0..<n {
            for j in 0..<n {
                raters[d * n + j] = UInt32(d)
                rated[d * n + j] = UInt32(j)
                missing[d * n + j] = !run.matrix[d * n + j].isFinite
            }
        }
        var t = TableBuilder(name: "cross_efficiency", rows: n * n)
        t.add("rater", codes: raters, dictionary: ids)
        t.add("rated", codes: rated, dictionary: ids)
        t.add("cross_efficiency", doubles: run.matrix, missing: missing.contains(true) ? missing : nil)
        result.tables.append(t.table)
        let failed = run.raters.indices.filter { run.raters[$0].status != .ok }
        let goal = switch method {
        case .simple: "the optimal multipliers the simplex solver found for each rater's own program (not unique in general, so neither is the matrix)"
        case .benevolent: "Doyle & Green (1994) method II, benevolent: among each rater's optimal multipliers those maximising Σ_{j≠d} (u·y_j − v·x_j\(rts == .vrs ? " − u0" : ""))"
        case .aggressive, .none: "Doyle & Green (1994) method II, aggressive: among each rater's optimal multipliers those minimising Σ_{j≠d} (u·y_j − v·x_j\(rts == .vrs ? " − u0" : ""))"
        }
        var note = "Cross-efficiency (Sexton, Silkman & Hogan 1986), input orientation, \(rts.rawValue.uppercased()): E_dj = (u_d·y_j\(rts == .vrs ? " − u0_d" : "")) / v_d·x_j with \(goal); "
            + "table cross_efficiency has the n × n = \(n * n) pairs (rater d, rated j); mean_cross_efficiency = mean over the raters of E_dj, self-appraisal included (as deaR's selfapp = TRUE)."
        if rts == .vrs { note += " Under VRS E_dj may be negative (no correction, as deaR's correction = FALSE)." }
        result.notes.append(note)
        if !failed.isEmpty {
            result.notes.append("Cross-efficiency: the programs of \(failed.count) rater(s) (\(failed.prefix(20).map { "\(ids[$0]) \(run.raters[$0].status.rawValue)" }.joined(separator: ", "))) were not solved: their rows are empty and the means use the other raters.")
        }
        if missing.contains(true) {
            result.notes.append("Cross-efficiency: cells with v_d·x_j = 0 (a rated unit whose weighted inputs vanish) are empty; so is the mean of such a column.")
        }
    }
}
