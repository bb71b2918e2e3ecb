import Foundation
import TolokCore
import TolokDEAModel
import TolokInsuranceModel

/// The `units` table (one row per branch, file order), summary and notes of a branch comparison.
struct BranchComparisonReport {
    /// Subrogated claims paid and the insurer's share recovered, per branch.
    struct Recovery {
        var claims: [Decimal]
        var recovered: [Decimal]

        /// recovered / claims, undefined where no claim was paid.
        func rate(_ j: Int) -> Value { claims[j] > 0 ? .fraction(recovered[j] / claims[j]) : .missing }
        var totalClaims: Decimal { claims.reduce(0, +) }
        var totalRecovered: Decimal { recovered.reduce(0, +) }
    }

    let ids: [String]
    let inputNames: [String]
    let outputNames: [String]
    let inputs: [[Double]]
    let scores: [DEAUnitScore]
    let accounts: [UnderwritingAccount]
    let recovery: Recovery?
    /// What the plugin did to the data (shifted outputs, missing recovery columns).
    let dataNotes: [String]
    /// Output columns shifted for DEA (for the report's plain-language data notes).
    var shifts: [(name: String, minimum: Double, shift: Double)] = []
    /// With --period: the Malmquist analysis over all periods.
    var periods: MalmquistAnalysis? = nil

    func result(descriptor: PluginDescriptor) -> AnalysisResult {
        AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [unitsTable()] + (periods.map { [Self.periodsTable($0)] } ?? []),
                       summary: summary(), notes: notes(),
                       report: reportContent(references: descriptor.references))
    }

    /// Rank by efficiency: 1 = best; ties within 1e-9 share the rank.
    private var ranks: [Int?] {
        let e = scores.map { $0.efficiency(.input) }
        return scores.indices.map { j in
            scores[j].status == .ok && e[j].isFinite ? 1 + e.filter { $0.isFinite && $0 > e[j] + 1e-9 }.count : nil
        }
    }

    /// The share of an input the target saves, 1 − target/actual; round-off within the DEA
    /// tolerance counts as no saving (so the table never shows −0.00 %).
    static func saving(target: Double, actual: Double) -> Double {
        let share = 1 - target / actual
        return share > DEATolerance.classification ? share : 0
    }

    func unitsTable() -> ResultTable {
        let s = scores, rank = ranks
        var t = TableBuilder(ids: ids, statuses: s.map(\.status))
        t.add("rank", .integer) { rank[$0].map { .integer($0) } ?? .missing }
        t.add("efficiency") { .optional(s[$0].efficiency(.input)) }
        t.add("class", .text) { EfficiencyClass(s[$0], orientation: .input).map { .text($0.rawValue) } ?? .missing }
        t.add("peers", .peers, label: "learn_from") { j in
            guard s[j].status == .ok else { return .missing }
            if s[j].isEfficient { return .peers([], text: "—") }  // nobody to learn from: [] in JSON
            let sorted = s[j].peers.sorted { $0.lambda > $1.lambda }
            return .peers(sorted.map { PeerWeight(id: ids[$0.unit], lambda: $0.lambda) },
                          text: sorted.map { "\(ids[$0.unit]) (\(Int(($0.lambda * 100).rounded()))%)" }.joined(separator: ", "))
        }
        t.add(each: inputNames, prefix: "target_") { .optional(s[$0].inputTargets[$1]) }
        t.add(each: inputNames, prefix: "saving_", .fraction) { j, i in
            .optional(Self.saving(target: s[j].inputTargets[i], actual: inputs[i][j]))
        }
        t.add("underwriting_result", .money) { .money(accounts[$0].underwritingResult) }
        t.add("combined_ratio", .fraction) { .fraction(accounts[$0].combinedRatio) }
        t.add("loss_ratio", .fraction) { .fraction(accounts[$0].lossRatio) }
        t.add("recovery_rate", .fraction) { recovery?.rate($0) ?? .missing }
        t.add("premium_reserve_below_40pct", .bool) {
            .bool(accounts[$0].premiumReserveBelowMinimum(floor: UnderwritingAccount.minimumReserveShare))
        }
        return t.table
    }

    /// One row per branch and consecutive pair of periods: own-period efficiencies, their change,
    /// the technical change and the Malmquist index.
    static func periodsTable(_ m: MalmquistAnalysis) -> ResultTable {
        let p = m.pairs
        var t = TableBuilder(name: "periods", ids: p.map(\.id), statuses: p.map(\.status))
        t.add("from_period", .text) { .text(p[$0].from) }
        t.add("to_period", .text) { .text(p[$0].to) }
        func index(_ j: Int, _ value: (MalmquistIndex) -> Double) -> Value {
            guard p[j].status == .ok, let d = p[j].distances else { return .missing }
            return .optional(value(d))
        }
        t.add("efficiency_from") { index($0, \.fromFrom) }
        t.add("efficiency_to") { index($0, \.toTo) }
        t.add("effch") { index($0, \.efficiencyChange) }
        t.add("techch") { index($0, \.technicalChange) }
        t.add("malmquist") { index($0, \.index) }
        return t.table
    }

    func summary() -> [(name: String, value: Value)] {
        let total = accounts.reduce(UnderwritingAccount(), +)
        let stats = EfficiencySummary(scores, orientation: .input)
        var summary: [(name: String, value: Value)] = [
            ("branches", .integer(ids.count)),
            ("efficient_branches", .integer(stats.efficient)),
            ("mean_efficiency", .optional(stats.mean)),
            ("total_underwriting_result", .money(total.underwritingResult)),
            ("company_combined_ratio", .fraction(total.combinedRatio)),
        ]
        summary.append(("company_recovery_rate", recovery.flatMap { $0.totalClaims > 0 ? .fraction($0.totalRecovered / $0.totalClaims) : nil } ?? .missing))
        return summary
    }

    func notes() -> [String] {
        var notes = ["DEA: input-oriented VRS (BCC) with inputs \(inputNames.joined(separator: ", ")) and outputs \(outputNames.joined(separator: ", ")). Efficiency 1 = on the best-practice frontier; an inefficient branch could produce its outputs with its inputs scaled by its efficiency (targets, savings), learning from the peers listed with their weights."]
        notes += dataNotes
        notes.append("Underwriting result = gross premium − reinsurance premium − commission + reinsurance commission − gross claims + reinsurance claims + premium-reserve change + claims-reserve change (seed 003 §2.4.2), in exact decimals.")
        return notes
    }
}
