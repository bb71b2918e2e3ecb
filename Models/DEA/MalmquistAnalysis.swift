import Foundation
import TolokDomain

/// Malmquist indices between consecutive periods of a panel, units matched by id (never by row).
///
/// For each pair of consecutive periods s → t and each unit present in both, the distances of
/// ``MalmquistIndex`` are computed with the model's returns to scale and orientation (no
/// super-efficiency), against the reference technologies of `reference`:
///
/// - ``MalmquistReference/adjacent``: Tˢ and Tᵗ are spanned by the units of period s and of
///   period t; four programs dˢ(s), dᵗ(t), dˢ(t), dᵗ(s).
/// - ``MalmquistReference/sequential``: Tᵗ is spanned by the units of every period ≤ t (Shestalova
///   2003); the same four programs against these technologies, so dˢ(s) and dᵗ(t) are sequential
///   own-period distances and dᵗ(s) ≤ 1 always.
/// - ``MalmquistReference/global``: one technology of all periods' units (Pastor & Lovell 2005):
///   D_G(s), D_G(t), and the contemporaneous dˢ(s), dᵗ(t) for EC.
///
/// Under CRS the FGNZ (1994) decomposition EC = PECH · SECH adds the VRS own-period distances
/// against the same own-period technologies (contemporaneous for adjacent and global, sequential
/// for sequential). Under VRS, NIRS or NDRS the index is the one of those distances (R Benchmarking's
/// `malmq(RTS = "vrs")`), and there is no decomposition.
///
/// A unit present in one period only gets status `missing_data`; a unit with any program not `ok`
/// gets that program's status and no index (a VRS cross-period program is infeasible when the
/// other period's hull does not cover the unit's outputs, input orientation, or inputs, output
/// orientation). Periods are ordered numerically when every label is a number, else as text.
public struct MalmquistAnalysis: Sendable {
    public struct Pair: Sendable {
        public var id: String
        public var from: String
        public var to: String
        /// `ok`, `missing_data`, or the status of the first program that failed.
        public var status: UnitStatus
        /// Which of the pair's programs failed (empty when none did).
        public var failedPrograms: [Program] = []
        /// The distances (NaN where a program failed); `nil` for `missing_data`.
        public var distances: MalmquistIndex?
    }

    /// The programs of a pair, named by the distance they give.
    public enum Program: String, Sendable, CaseIterable {
        case fromFrom = "d_from_from", toTo = "d_to_to", fromTo = "d_from_to", toFrom = "d_to_from"
        case globalFrom = "d_global_from", globalTo = "d_global_to"
        case vrsFromFrom = "d_vrs_from_from", vrsToTo = "d_vrs_to_to"

        /// A program scoring one period's data against another period's (or the global) technology.
        public var isCrossPeriod: Bool { [.fromTo, .toFrom, .globalFrom, .globalTo].contains(self) }
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

    /// The reference technologies used.
    public let reference: MalmquistReference
    /// Whether the FGNZ decomposition EC = PECH · SECH is computed (CRS distances).
    public let decomposes: Bool
    /// Periods in the order used.
    public private(set) var periods: [String] = []
    /// Whether the periods were ordered as numbers.
    public private(set) var periodsAreNumeric = false
    /// Distinct unit ids in order of first appearance.
    public private(set) var units: [String] = []
    /// Per consecutive pair of periods, per unit in `units` order that appears in either period.
    public private(set) var pairs: [Pair] = []
    /// Per period in order, per unit present: the contemporaneous score (own period's units only).
    public private(set) var periodScores: [PeriodScore] = []

    /// Pairs without an index because the unit lacks one of the two periods.
    public var missingPairs: Int { pairs.filter { $0.status == .missingData }.count }
    /// Pairs with an index: the basis of the geometric means.
    public var okPairs: [Pair] { pairs.filter { $0.status == .ok } }
    /// The number of pairs whose status is `status`.
    public func pairCount(_ status: UnitStatus) -> Int { pairs.filter { $0.status == status }.count }

    /// The geometric mean of the indices of the `ok` pairs, `nil` when there is none.
    public var geometricMeanIndex: Double? { geometricMean(\.index) }

    /// The geometric mean of one component over the `ok` pairs (`nil` when there is none, or the
    /// component is not computed). Since M = EC · TC pair by pair, the means multiply the same way.
    public func geometricMean(_ component: (MalmquistIndex) -> Double?) -> Double? {
        let values = okPairs.compactMap { $0.distances.flatMap(component) }
        guard !values.isEmpty, values.count == okPairs.count else { return nil }
        return exp(values.map { log($0) }.reduce(0, +) / Double(values.count))
    }

    public init(model: DEAModel, data: DEAData, ids: [String], periods labels: [String],
                reference: MalmquistReference = .adjacent) throws {
        var model = model
        model.superEfficiency = false
        self.reference = reference
        decomposes = model.rts == .crs
        var vrs = model
        vrs.rts = .vrs
        let order = Self.sortedPeriods(labels)
        guard order.count >= 2 else { throw Failure.fewerThanTwoPeriods(only: order.first) }
        periods = order
        periodsAreNumeric = Self.areNumeric(order)
        let orientation = model.orientation
        var rowOf: [String: [String: Int]] = [:]
        for (j, (id, t)) in zip(ids, labels).enumerated() { rowOf[t, default: [:]][id] = j }
        var seen = Set<String>()
        for id in ids where seen.insert(id).inserted { units.append(id) }
        let unitList = units
        let periodRows = order.map { t in unitList.compactMap { rowOf[t]?[$0] } }

        // A row whose measured side (inputs under input orientation, outputs under output) is all
        // zero has a 0/0 distance: undefined, in every program it is evaluated in.
        let measured = orientation == .input ? (0, data.inputCount) : (data.inputCount, data.outputCount)
        func undefinedRow(_ j: Int) -> Bool { !(0..<measured.1).contains { data.profiles[j * data.dimension + measured.0 + $0] > 0 } }
        /// Distances of `rows` against the technology spanned by `technology`, by row.
        func distances(_ rows: [Int], against technology: [Int], _ m: DEAModel) -> [Int: DEAUnitScore] {
            guard !rows.isEmpty else { return [:] }
            let scores = m.score(data, units: rows, reference: technology)
            var byRow: [Int: DEAUnitScore] = [:]
            for (j, score) in zip(rows, scores) {
                byRow[j] = undefinedRow(j) ? .failed(.undefined, m: data.inputCount, s: data.outputCount, iterations: score.iterations) : score
            }
            return byRow
        }
        /// The reference technology of period k (the global one is separate).
        func technology(_ k: Int) -> [Int] {
            reference == .sequential ? Array(periodRows[...k].joined()) : periodRows[k]
        }

        let contemporaneous = periodRows.map { distances($0, against: $0, model) }
        let own = reference == .sequential ? periodRows.indices.map { distances(periodRows[$0], against: technology($0), model) } : contemporaneous
        let pure = decomposes ? periodRows.indices.map { distances(periodRows[$0], against: technology($0), vrs) } : []
        let allRows = Array(periodRows.joined())
        let global = reference == .global ? distances(allRows, against: allRows, model) : [:]

        for k in 1..<order.count {
            let (s, t) = (order[k - 1], order[k])
            let both = units.filter { rowOf[s]?[$0] != nil && rowOf[t]?[$0] != nil }
            var fromTo: [Int: DEAUnitScore] = [:], toFrom: [Int: DEAUnitScore] = [:]
            if reference != .global {
                fromTo = distances(both.compactMap { rowOf[t]?[$0] }, against: technology(k - 1), model)
                toFrom = distances(both.compactMap { rowOf[s]?[$0] }, against: technology(k), model)
            }
            for id in units {
                guard let js = rowOf[s]?[id], let jt = rowOf[t]?[id] else {
                    if rowOf[s]?[id] != nil || rowOf[t]?[id] != nil {
                        pairs.append(Pair(id: id, from: s, to: t, status: .missingData, distances: nil))
                    }
                    continue
                }
                var programs: [(Program, DEAUnitScore?)] = [(.fromFrom, own[k - 1][js]), (.toTo, own[k][jt])]
                switch reference {
                case .adjacent, .sequential: programs += [(.fromTo, fromTo[jt]), (.toFrom, toFrom[js])]
                case .global: programs += [(.globalFrom, global[js]), (.globalTo, global[jt])]
                }
                if decomposes { programs += [(.vrsFromFrom, pure[k - 1][js]), (.vrsToTo, pure[k][jt])] }
                let d = Dictionary(uniqueKeysWithValues: programs.map { ($0.0, $0.1?.efficiency(orientation) ?? .nan) })
                let failed = programs.filter { ($0.1?.status ?? .numericalFailure) != .ok }
                let frontier: MalmquistIndex.Frontier = reference == .global
                    ? .global(from: d[.globalFrom]!, to: d[.globalTo]!)
                    : .twoPeriods(fromTo: d[.fromTo]!, toFrom: d[.toFrom]!)
                let index = MalmquistIndex(fromFrom: d[.fromFrom]!, toTo: d[.toTo]!, frontier: frontier,
                                           pure: decomposes ? .init(fromFrom: d[.vrsFromFrom]!, toTo: d[.vrsToTo]!) : nil)
                var status = failed.first.map { $0.1?.status ?? .numericalFailure } ?? .ok
                var failedPrograms = failed.map(\.0)
                // A distance of 0 (zero outputs, or a zero-input unit producing the outputs) makes
                // the ratios 0/0 or x/0: the index is undefined, not a number.
                if status == .ok, !index.distances.allSatisfy({ $0 > 0 && $0.isFinite }) {
                    status = .undefined
                    failedPrograms = programs.map(\.0).filter { !(d[$0]! > 0 && d[$0]!.isFinite) }
                }
                pairs.append(Pair(id: id, from: s, to: t, status: status, failedPrograms: failedPrograms, distances: index))
            }
        }
        for (k, t) in order.enumerated() {
            for id in units {
                guard let j = rowOf[t]?[id], let score = contemporaneous[k][j] else { continue }
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
