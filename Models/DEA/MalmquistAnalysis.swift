import Foundation
import TolokDomain

/// Malmquist indices between consecutive periods of a panel, units matched by id (never by row).
///
/// For each pair of consecutive periods s → t and each unit present in both, four distances are
/// computed with the model's returns to scale and orientation (no super-efficiency):
/// dˢ(s) and dᵗ(t) against the unit's own period, dˢ(t) (period-t data against the period-s
/// technology) and dᵗ(s); ``MalmquistIndex`` combines them. A unit present in one period only
/// gets status `missing_data`; a unit with any program not `ok` gets that program's status and no
/// index. Periods are ordered numerically when every label is a number, else as text.
public struct MalmquistAnalysis: Sendable {
    public struct Pair: Sendable {
        public var id: String
        public var from: String
        public var to: String
        /// `ok`, `missing_data`, or the status of the first of the four programs that failed.
        public var status: UnitStatus
        /// The four distances (NaN where a program failed); `nil` for `missing_data`.
        public var distances: MalmquistIndex?
    }

    /// A unit's efficiency against its own period's frontier.
    public struct PeriodScore: Sendable {
        public var id: String
        public var period: String
        public var status: UnitStatus
        public var efficiency: Double
    }

    public enum Failure: Error, Equatable {
        /// The period column has fewer than two distinct labels (`only`: the one there is).
        case fewerThanTwoPeriods(only: String?)
    }

    /// Periods in the order used.
    public private(set) var periods: [String] = []
    /// Whether the periods were ordered as numbers.
    public private(set) var periodsAreNumeric = false
    /// Distinct unit ids in order of first appearance.
    public private(set) var units: [String] = []
    /// Per consecutive pair of periods, per unit in `units` order that appears in either period.
    public private(set) var pairs: [Pair] = []
    /// Per period in order, per unit present.
    public private(set) var periodScores: [PeriodScore] = []

    /// Pairs without an index because the unit lacks one of the two periods.
    public var missingPairs: Int { pairs.filter { $0.status == .missingData }.count }

    /// The geometric mean of the indices of the `ok` pairs, `nil` when there is none.
    public var geometricMeanIndex: Double? {
        let growth = pairs.compactMap { $0.status == .ok ? $0.distances?.index : nil }
        return growth.isEmpty ? nil : exp(growth.map { log($0) }.reduce(0, +) / Double(growth.count))
    }

    public init(model: DEAModel, data: DEAData, ids: [String], periods labels: [String]) throws {
        var model = model
        model.superEfficiency = false
        let order = Self.sortedPeriods(labels)
        guard order.count >= 2 else { throw Failure.fewerThanTwoPeriods(only: order.first) }
        periods = order
        periodsAreNumeric = Self.areNumeric(order)
        let orientation = model.orientation
        var rowOf: [String: [String: Int]] = [:]
        for (j, (id, t)) in zip(ids, labels).enumerated() { rowOf[t, default: [:]][id] = j }
        var seen = Set<String>()
        for id in ids where seen.insert(id).inserted { units.append(id) }

        // A row whose measured side (inputs under input orientation, outputs under output) is all
        // zero has a 0/0 distance: undefined, in every program it is evaluated in.
        let measured = orientation == .input ? (0, data.inputCount) : (data.inputCount, data.outputCount)
        func undefinedRow(_ j: Int) -> Bool { !(0..<measured.1).contains { data.profiles[j * data.dimension + measured.0 + $0] > 0 } }
        func marked(_ scores: [DEAUnitScore], _ rows: [Int]) -> [DEAUnitScore] {
            zip(scores, rows).map { score, j in
                undefinedRow(j) ? .failed(.undefined, m: data.inputCount, s: data.outputCount, iterations: score.iterations) : score
            }
        }
        var own: [Int: DEAUnitScore] = [:]
        for t in order {
            let rows = units.compactMap { rowOf[t]?[$0] }
            let scores = marked(model.score(data, units: rows, reference: rows), rows)
            for (k, j) in rows.enumerated() { own[j] = scores[k] }
        }
        for (s, t) in zip(order, order.dropFirst()) {
            let both = units.filter { rowOf[s]?[$0] != nil && rowOf[t]?[$0] != nil }
            let toRows = both.compactMap { rowOf[t]?[$0] }, fromRows = both.compactMap { rowOf[s]?[$0] }
            let fromTo = marked(model.score(data, units: toRows, reference: units.compactMap { rowOf[s]?[$0] }), toRows)
            let toFrom = marked(model.score(data, units: fromRows, reference: units.compactMap { rowOf[t]?[$0] }), fromRows)
            var cross: [String: (DEAUnitScore, DEAUnitScore)] = [:]
            for (k, id) in both.enumerated() { cross[id] = (fromTo[k], toFrom[k]) }
            for id in units {
                guard let js = rowOf[s]?[id], let jt = rowOf[t]?[id], let (a, b) = cross[id], let ss = own[js], let tt = own[jt] else {
                    if rowOf[s]?[id] != nil || rowOf[t]?[id] != nil {
                        pairs.append(Pair(id: id, from: s, to: t, status: .missingData, distances: nil))
                    }
                    continue
                }
                var failed = [ss.status, tt.status, a.status, b.status].first { $0 != .ok }
                let mi = MalmquistIndex(fromFrom: ss.efficiency(orientation), toTo: tt.efficiency(orientation),
                                        fromTo: a.efficiency(orientation), toFrom: b.efficiency(orientation))
                // A distance of 0 (zero outputs, or a zero-input unit producing the outputs) makes
                // the ratios 0/0 or x/0: the index is undefined, not a number.
                if failed == nil, ![mi.fromFrom, mi.toTo, mi.fromTo, mi.toFrom].allSatisfy({ $0 > 0 && $0.isFinite }) { failed = .undefined }
                pairs.append(Pair(id: id, from: s, to: t, status: failed ?? .ok, distances: mi))
            }
        }
        for t in order {
            for id in units {
                guard let j = rowOf[t]?[id], let score = own[j] else { continue }
                periodScores.append(PeriodScore(id: id, period: t, status: score.status, efficiency: score.efficiency(orientation)))
            }
        }
    }

    /// Period labels in order: numeric order when every label is a number, else text order.
    public static func sortedPeriods(_ labels: [String]) -> [String] {
        var unique: [String] = []
        var seen = Set<String>()
        for l in labels where seen.insert(l).inserted { unique.append(l) }
        let numbers = unique.compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        if numbers.count == unique.count {
            return zip(unique, numbers).sorted { $0.1 < $1.1 }.map(\.0)
        }
        return unique.sorted()
    }

    static func areNumeric(_ labels: [String]) -> Bool {
        labels.allSatisfy { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
    }
}
