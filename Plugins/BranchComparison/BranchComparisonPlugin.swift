import Foundation
import TolokCore
import TolokInsuranceModel
import TolokDEAModel

/// `tolok run branch-comparison`: management's one-command comparison of an insurer's branches —
/// the underwriting account of each branch (docs/INSURANCE.md, underwriting) and its DEA efficiency
/// (docs/MODELS.md §1) side by side: efficiency, the peers to learn from, input targets,
/// underwriting result, combined ratio and subrogation recovery rate.
///
/// Outputs may include the derived `underwriting_result`, which can be negative. Radial DEA needs
/// non-negative outputs; input-oriented VRS is translation invariant in outputs (Ali & Seiford
/// 1990, *JORS* 41, 403–410), so a negative output column is shifted by a constant to a minimum of
/// 1 and the model is input-oriented VRS — the result says so in its notes.
public struct BranchComparisonPlugin: AnalysisPlugin {
    public init() {}

    /// Outputs that are computed from the underwriting account rather than read from a column.
    enum DerivedOutput: String, CaseIterable {
        case underwritingResult = "underwriting_result"
        case retainedPremium = "retained_premium"
        case netEarnedPremium = "net_earned_premium"
    }

    static let options = BranchComparisonOptions()

    public let descriptor = PluginDescriptor(
        id: "branch-comparison",
        version: "1.0.0",
        summary: "Compare branches: DEA efficiency, peers and targets beside underwriting result and recovery rate",
        options: options,
        references: [
            "Working document 003 (underwriting and reinsurance), §2.4.2 underwriting result and §2.3 DEA for benchmarking branches; restated in docs/INSURANCE.md.",
            "Banker, R.D., Charnes, A. & Cooper, W.W. (1984). Management Science 30(9), 1078-1092 (VRS).",
            "Ali, A.I. & Seiford, L.M. (1990). Translation invariance in data envelopment analysis. Operations Research Letters 9(6), 403-405.",
            "Färe, R., Grosskopf, S., Norris, M. & Zhang, Z. (1994). Productivity growth, technical progress, and efficiency change in industrialized countries. AER 84(1), 66-83 (Malmquist, with --period).",
        ],
        tables: ["units", "periods"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let data = request.dataset
        let o = Self.options
        let periodColumn = try request.option(o.period)
        let idColumn = request.idColumn ?? (data.hasColumn("branch") ? "branch" : nil)
        if periodColumn != nil && idColumn == nil {
            throw UsageError("--period needs the branch column (--id COLUMN, or a column named branch): branches are matched by id across periods")
        }
        let allIDs = try data.ids(column: idColumn, uniqueWithin: periodColumn)
        let n = allIDs.count

        // Underwriting accounts (Decimal, exactly as the underwriting plugin computes them).
        let resolver = try ColumnResolver(roles: ColumnRole.underwritingComponents, mapEntries: try request.option(o.map))
        var amounts: [UnderwritingComponent: [Decimal]] = [:]
        for c in UnderwritingComponent.allCases {
            amounts[c] = try data.requiredAmounts(try resolver.require(c.rawValue, in: data), .nonNegative)
        }
        let accounts = (0..<n).map { r in
            UnderwritingAccount(Dictionary(uniqueKeysWithValues: UnderwritingComponent.allCases.map { ($0, amounts[$0]?[r] ?? 0) }))
        }

        // DEA data: inputs as declared (checked positive by the host), outputs read or derived.
        let inputNames = try request.option(o.inputs)
        let outputNames = try request.option(o.outputs)
        guard !inputNames.isEmpty, !outputNames.isEmpty else { throw UsageError("--inputs and --outputs need at least one column each") }
        try requireDistinctColumns([("inputs", inputNames), ("outputs", outputNames)])
        // Zero inputs accepted (docs/DEA.md, "Zeros"); a branch with every input zero is undefined.
        let inputs = try inputNames.map { try data.numbers($0, .nonNegative) }
        var outputs: [[Double]] = []
        var notes: [String] = []
        var shifts: [(name: String, minimum: Double, shift: Double)] = []
        for name in outputNames {
            var column: [Double]
            if let derived = DerivedOutput(rawValue: name), !data.hasColumn(name) {
                column = accounts.map { a in
                    let d: Decimal = switch derived {
                    case .underwritingResult: a.underwritingResult
                    case .retainedPremium: a.retainedPremium
                    case .netEarnedPremium: a.netEarnedPremium
                    }
                    return Double(nearest: d)
                }
            } else {
                column = try data.numbers(name, .finite)
            }
            if let low = column.min(), low < 0 {
                let shift = 1 - low
                column = column.map { $0 + shift }
                shifts.append((name, low, shift))
                notes.append("Output \(name) has negative values (minimum \(Self.format(low))): it was shifted by +\(Self.format(shift)) for DEA; input-oriented VRS scores do not change under such a shift (Ali & Seiford 1990).")
            }
            outputs.append(column)
        }
        // With --period: Malmquist between consecutive periods (input-oriented VRS, the same
        // output shift in every period, so the indices are those of the unshifted data: the
        // convexity constraint makes every distance translation invariant in outputs), and the
        // comparison itself is of the latest period's rows.
        var rows = Array(0..<n)
        var periods: MalmquistAnalysis?
        if let periodColumn {
            let labels = try data.texts(periodColumn)
            do {
                let m = try MalmquistAnalysis(model: DEAModel(orientation: .input, rts: .vrs), data: DEAData(inputs: inputs, outputs: outputs),
                                              ids: allIDs, periods: labels)
                rows = (0..<n).filter { labels[$0] == m.periods.last }
                periods = m
                notes.append("--period \(periodColumn): the comparison is of period \(m.periods.last!) (\(rows.count) branches); the periods table has each branch's efficiency change, technical change and Malmquist index between consecutive periods (input-oriented VRS, Färe et al. 1994).")
            } catch MalmquistAnalysis.Failure.fewerThanTwoPeriods(let only) {
                throw UsageError("--period needs at least two periods; the column has only \(only.map { "\"\($0)\"" } ?? "none")")
            }
        }
        let ids = rows.map { allIDs[$0] }
        let latestInputs = inputs.map { c in rows.map { c[$0] } }, latestOutputs = outputs.map { c in rows.map { c[$0] } }
        let latestAccounts = rows.map { accounts[$0] }
        var scores = DEAModel(orientation: .input, rts: .vrs).score(DEAData(inputs: latestInputs, outputs: latestOutputs))
        let zeroInputs = ids.indices.filter { j in latestInputs.allSatisfy { $0[j] == 0 } }
        for j in zeroInputs { scores[j] = .failed(.undefined, m: inputs.count, s: outputs.count, iterations: scores[j].iterations) }
        if !zeroInputs.isEmpty {
            notes.append("\(zeroInputs.count) branch(es) have every input zero, so θ is 0/0 (status undefined); they are kept without a score and stay in the others' reference set: \(zeroInputs.prefix(10).map { ids[$0] }.joined(separator: ", ")).")
        }

        // Recovery rates, when the columns exist. Options → accounts, DEA, recoveries → report.
        let claimsColumn = try request.option(o.claimsPaid), recoveriesColumn = try request.option(o.recoveries)
        var recovery: BranchComparisonReport.Recovery?
        if data.hasColumn(claimsColumn) && data.hasColumn(recoveriesColumn) {
            let claims = try data.requiredAmounts(claimsColumn, .nonNegative), recovered = try data.requiredAmounts(recoveriesColumn, .nonNegative)
            recovery = .init(claims: rows.map { claims[$0] }, recovered: rows.map { recovered[$0] })
        } else {
            notes.append("No \(claimsColumn)/\(recoveriesColumn) columns: recovery rates are not shown.")
        }
        return BranchComparisonReport(ids: ids, inputNames: inputNames, outputNames: outputNames, inputs: latestInputs, scores: scores,
                                      accounts: latestAccounts, recovery: recovery, dataNotes: notes, shifts: shifts, periods: periods)
            .result(descriptor: descriptor)
    }

    static func format(_ x: Double) -> String { String(format: "%.2f", x) }
}

/// The options of `tolok run branch-comparison`, each declared once.
struct BranchComparisonOptions: PluginOptions {
    let inputs = PluginOption.columns("inputs", default: ["staff", "operating_expenses", "commission"], values: .nonNegative,
                                      help: "input columns (resources used; non-negative, a branch with every input zero is undefined)")
    let outputs = PluginOption.list("outputs", default: ["gross_premium", "underwriting_result"],
                                    help: "output columns, or derived: underwriting_result, retained_premium, net_earned_premium")
    let claimsPaid = PluginOption.text("claims-paid", default: "subrogation_claims_paid",
                                       help: "column of subrogated claims paid (recovery-rate denominator); skipped if absent")
    let recoveries = PluginOption.text("recoveries", default: "subrogation_recoveries",
                                       help: "column of recoveries, insurer's share (recovery-rate numerator); skipped if absent")
    let period = PluginOption.optionalColumn("period", help: "period column: compare the latest period and add efficiency change and Malmquist index per branch between periods (branches matched by id)")
    let map = PluginOption.list("map", help: "ROLE=COLUMN overrides for underwriting components (see `tolok describe underwriting`)")
}
