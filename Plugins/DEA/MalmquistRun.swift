import TolokCore
import TolokDEAModel

/// Malmquist indices between consecutive periods, units matched by id (never by row).
struct MalmquistRun {
    let options: DEARunOptions
    let ids: [String]
    let periods: [String]
    let inputs: [[Double]]
    let outputs: [[Double]]

    /// Period labels in order: numeric order when every label is a number, else text order.
    static func sortedPeriods(_ labels: [String]) -> [String] {
        var unique: [String] = []
        var seen = Set<String>()
        for l in labels where seen.insert(l).inserted { unique.append(l) }
        let numbers = unique.map { Double($0.trimmingCharacters(in: .whitespaces)) }
        if numbers.allSatisfy({ $0 != nil }) {
            return zip(unique, numbers).sorted { $0.1! < $1.1! }.map(\.0)
        }
        return unique.sorted()
    }

    func result(descriptor: PluginDescriptor) throws -> AnalysisResult {
        let data = DEAData(inputs: inputs, outputs: outputs)
        let order = Self.sortedPeriods(periods)
        guard order.count >= 2 else {
            throw UsageError("--period needs at least two periods; the column has only \(order.first.map { "\"\($0)\"" } ?? "none")")
        }
        var model = options.model
        model.superEfficiency = false
        // Row of each (period, id).
        var rowOf: [String: [String: Int]] = [:]
        for (j, (id, t)) in zip(ids, periods).enumerated() { rowOf[t, default: [:]][id] = j }
        // Units in first-appearance order.
        var unitOrder: [String] = []
        var seenIds = Set<String>()
        for id in ids where seenIds.insert(id).inserted { unitOrder.append(id) }

        // Contemporaneous scores per period (also the units table).
        var contemporaneous: [Int: Double] = [:]
        var statusOf: [Int: DEAStatus] = [:]
        for t in order {
            let rows = unitOrder.compactMap { rowOf[t]?[$0] }
            let scores = model.score(data, units: rows, reference: rows)
            for (k, j) in rows.enumerated() { contemporaneous[j] = scores[k].efficiency(options.orientation); statusOf[j] = scores[k].status }
        }
        var pairs = ResultTable(name: "pairs", columns: [
            ResultColumn("id", .text), ResultColumn("status", .text), ResultColumn("from_period", .text), ResultColumn("to_period", .text),
            ResultColumn("malmquist"), ResultColumn("effch"), ResultColumn("techch"),
            ResultColumn("d_from_from"), ResultColumn("d_to_to"), ResultColumn("d_from_to"), ResultColumn("d_to_from"),
        ])
        var missing = 0
        var growth: [Double] = []
        for (s, t) in zip(order, order.dropFirst()) {
            let both = unitOrder.filter { rowOf[s]?[$0] != nil && rowOf[t]?[$0] != nil }
            let referenceS = unitOrder.compactMap { rowOf[s]?[$0] }
            let referenceT = unitOrder.compactMap { rowOf[t]?[$0] }
            // Cross-period scores: period-t data against the period-s frontier and vice versa.
            let fromTo = model.score(data, units: both.map { rowOf[t]![$0]! }, reference: referenceS)
            let toFrom = model.score(data, units: both.map { rowOf[s]![$0]! }, reference: referenceT)
            var cross: [String: (DEAUnitScore, DEAUnitScore)] = [:]
            for (k, id) in both.enumerated() { cross[id] = (fromTo[k], toFrom[k]) }
            for id in unitOrder {
                guard let js = rowOf[s]?[id], let jt = rowOf[t]?[id], let (a, b) = cross[id] else {
                    if rowOf[s]?[id] != nil || rowOf[t]?[id] != nil {
                        missing += 1
                        pairs.append([.text(id), UnitStatus.missingData.value, .text(s), .text(t)] + Array(repeating: .missing, count: 7))
                    }
                    continue
                }
                let statuses = [statusOf[js]!, statusOf[jt]!, a.status, b.status]
                let failed = statuses.first { $0 != .optimal }
                let mi = MalmquistIndex(fromFrom: contemporaneous[js]!, toTo: contemporaneous[jt]!,
                                        fromTo: a.efficiency(options.orientation), toFrom: b.efficiency(options.orientation))
                let status: UnitStatus = failed.map { $0 == .infeasible ? .infeasible : .numericalFailure } ?? .ok
                if failed == nil { growth.append(mi.index) }
                pairs.append([.text(id), status.value, .text(s), .text(t),
                              .optional(failed == nil ? mi.index : nil), .optional(failed == nil ? mi.efficiencyChange : nil),
                              .optional(failed == nil ? mi.technicalChange : nil),
                              .optional(mi.fromFrom), .optional(mi.toTo), .optional(mi.fromTo), .optional(mi.toFrom)])
            }
        }
        var units = ResultTable(name: "units", columns: [ResultColumn("id", .text), ResultColumn("status", .text),
                                                         ResultColumn("period", .text), ResultColumn("efficiency")])
        for t in order {
            for id in unitOrder {
                guard let j = rowOf[t]?[id] else { continue }
                let status: UnitStatus = statusOf[j] == .optimal ? .ok : .numericalFailure
                units.append([.text(id), status.value, .text(t), .optional(contemporaneous[j])])
            }
        }
        let geometricMean = growth.isEmpty ? nil : Foundation.exp(growth.map { Foundation.log($0) }.reduce(0, +) / Double(growth.count))
        var summary: [(name: String, value: Value)] = [
            ("units", .integer(unitOrder.count)), ("periods", .integer(order.count)), ("pairs", .integer(pairs.rows.count)),
            ("geometric_mean_malmquist", .optional(geometricMean)),
        ]
        if missing > 0 { summary.append(("pairs_missing_data", .integer(missing))) }
        var notes = [
            "Malmquist index (Färe, Grosskopf, Norris & Zhang 1994) between consecutive periods in \(Self.sortedPeriodsAreNumeric(order) ? "numeric" : "text") order, \(options.rts.rawValue.uppercased()) \(options.orientation.rawValue)-oriented distances; d_a_b columns: d_from_to = period-to data against the period-from frontier.",
            "malmquist > 1: productivity growth; effch: efficiency change (catching up); techch: frontier shift.",
        ]
        if missing > 0 { notes.append("\(missing) unit-pair(s) lack one of the two periods (status missing_data); units are matched by id, never by row.") }
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [pairs, units], summary: summary, notes: notes)
    }

    static func sortedPeriodsAreNumeric(_ labels: [String]) -> Bool {
        labels.allSatisfy { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
    }
}

import Foundation
