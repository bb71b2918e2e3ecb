import Foundation
import TolokDomain
import TolokNumerics

/// Runs one general linear program per unit (``SimplexSolver``) against the frontier-first reduced
/// technology, in parallel: the engine shared by the non-radial models (``SlacksBasedMeasure``,
/// ``DirectionalDistance``, ``EconomicEfficiency``).
///
/// Why the reduced technology is exact for these models: every one of them optimises over the
/// points (x̂, ŷ) of the free-disposal technology T = {(x, y) : x ≥ Xλ, y ≤ Yλ, λ ∈ Λ(RTS)} — the
/// SBM's slacks, the DDF's β and the economic optima are functions of the projected point alone —
/// and ``FrontierFinder`` returns a subset F of units that generates the same T (every unit left
/// out was shown to lie in the technology of F). So the feasible sets of the projected points are
/// equal, hence the optimal values and targets; only λ (the peers) are drawn from F.
///
/// Units are solved in the mix order of ``DEAModel/mixOrder(_:data:)`` in contiguous chunks; each
/// worker keeps the final basis of its previous unit's programs as the next warm start (same
/// shape: the same reference columns), so a unit usually needs few simplex iterations.
public struct ReducedTechnologySolver: Sendable {
    public var rts: ReturnsToScale
    public var threads: Int
    public var strategy: DEAModel.Strategy

    public init(rts: ReturnsToScale, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                strategy: DEAModel.Strategy = .automatic(threshold: 400)) {
        self.rts = rts
        self.threads = max(1, threads)
        self.strategy = strategy
    }

    /// The units whose columns a program of unit `o` uses.
    public struct Columns: Sendable {
        public var units: [Int]
        /// true when these are not the shared reduced set (super-efficiency of a frontier unit):
        /// the worker's warm start does not fit them.
        public var isPrivate: Bool
    }

    /// The reference set that generates the technology of `reference` (all units when small).
    public func reducedReference(_ data: DEAData, reference: [Int]) -> [Int] {
        let useFrontier: Bool
        switch strategy {
        case .direct: useFrontier = false
        case .frontierFirst: useFrontier = true
        case .automatic(let threshold): useFrontier = reference.count > threshold
        }
        guard useFrontier else { return reference }
        let t0 = Date()
        let frontier = FrontierFinder(data: data, rts: rts, threads: threads).frontier(of: reference)
        DEATrace.log("frontier: \(frontier.count) units in \(Date().timeIntervalSince(t0)) s")
        return frontier
    }

    /// `body(o, columns, &warm)` for every evaluated unit, in parallel; results in the order of
    /// `units`. `excludeSelf(o)` says whether o must be left out of its own reference set
    /// (super-efficiency); then o is scored against the reduced set if o is not in it, else
    /// against every other reference unit (the frontier without o need not generate the
    /// technology without o).
    public func map<R: Sendable>(_ data: DEAData, units: [Int]? = nil, reference: [Int]? = nil,
                                 excludeSelf: (@Sendable (Int) -> Bool)? = nil,
                                 _ body: @escaping @Sendable (_ o: Int, _ data: DEAData, _ columns: Columns, _ warm: inout WarmStarts) -> R) -> [R] {
        let reference = reference ?? Array(0..<data.unitCount)
        let evaluated = units ?? reference
        guard !evaluated.isEmpty else { return [] }
        let previousThreads = BLASThreads.count
        BLASThreads.set(1)
        defer { BLASThreads.set(previousThreads) }
        let reduced = reducedReference(data, reference: reference)
        let reducedSet = Set(reduced)
        let order = DEAModel.mixOrder(evaluated, data: data)
        let items = order.map { evaluated[$0] }
        let workers = min(threads, max(1, items.count / 64))
        let chunkSize = max(16, min(4096, items.count / (workers * 8) + 1))
        let chunks = Parallel.ranges(items.count, size: chunkSize).map { Array(items[$0]) }
        let scored: [[R]] = Parallel.map(chunks, workers: workers, state: { () -> (DEAData, WarmStarts) in
            (data.privateCopy(), WarmStarts())
        }) { state, _, chunk in
            var out: [R] = []
            out.reserveCapacity(chunk.count)
            for o in chunk {
                if let excludeSelf, excludeSelf(o), reducedSet.contains(o) {
                    var privateWarm = WarmStarts()
                    out.append(body(o, state.0, Columns(units: reference.filter { $0 != o }, isPrivate: true), &privateWarm))
                } else {
                    out.append(body(o, state.0, Columns(units: reduced, isPrivate: false), &state.1))
                }
            }
            DEATrace.log("chunk: \(chunk.count) units, \(state.1.fullSolves) full solves so far in this worker")
            return out
        }
        let flat = scored.flatMap { $0 }
        var result = [R?](repeating: nil, count: evaluated.count)
        for (k, position) in order.enumerated() { result[position] = flat[k] }
        return result.map { $0! }
    }
}

/// What a worker carries from one unit to the next: warm-start bases by program kind, and for
/// column generation the pricing pool of the reduced set and the last unit's working columns.
public struct WarmStarts: Sendable {
    public var bases: [String: Basis] = [:]
    var pool: ReferencePool?
    var carry: [String: [Int]] = [:]
    /// The final basis of the last unit's program of each kind, by reference unit (λ columns),
    /// the statuses of the other variables, and the rows: the next unit's first program over
    /// the carried columns starts from it (the radial engine's basis carry).
    var carryBasis: [String: (units: [Int: Basis.VariableStatus], tail: [Basis.VariableStatus], rows: [Basis.VariableStatus])] = [:]
    /// Restricted programs that were not optimal and were solved over the whole reduced set.
    public var fullSolves = 0
    public init() {}

    /// Solves the program `build(columns)` of unit `own` over the reference `columns`.
    ///
    /// Small or private reference sets are solved whole. Otherwise by column generation: the
    /// program is solved over a working set (the previous unit's peers, plus `own`, which lies
    /// in the technology so keeps every program feasible), every unit of the reduced set is
    /// priced with the duals (``ReferencePool/mostAttractive(duals:sense:limit:threshold:skip:)``;
    /// `duals(solution)` gives the m + s (+ RTS) entries y·aⱼ − cⱼ of a λ column, per profile
    /// variable), the most attractive enter, until none does — then the working-set optimum is
    /// optimal over the whole reduced set (no λ column has a favourable reduced cost).
    public mutating func solve(_ kind: String, data: DEAData, columns: ReducedTechnologySolver.Columns, own: Int?, rts: ReturnsToScale, start: [Int]? = nil,
                               build: ([Int]) -> LinearProgram, duals: (LPSolution) -> [Double]) -> (LPSolution, [Int]) {
        if columns.isPrivate || columns.units.count <= 64 {
            var cols = columns.units
            if let own, !columns.isPrivate, !cols.contains(own) { cols.append(own) }
            return (solve(build(cols), kind: kind), cols)
        }
        if pool == nil { pool = ReferencePool(data: data, units: columns.units, rts: rts) }
        let pool = self.pool!
        var cols = start ?? carry[kind] ?? Array(columns.units.prefix(2 * data.dimension))
        if let own, !cols.contains(own) { cols.append(own) }
        var inSet = Set(cols)
        let first = build(cols)
        let sense = first.sense
        var firstWarm: Basis?
        if start == nil, let previous = carryBasis[kind], previous.rows.count == first.constraintCount,
           previous.tail.count == first.variableCount - cols.count {
            let structural = cols.map { previous.units[$0] ?? .atLower } + previous.tail
            if structural.reduce(0, { $0 + ($1 == .basic ? 1 : 0) }) + previous.rows.reduce(0, { $0 + ($1 == .basic ? 1 : 0) }) <= first.constraintCount {
                firstWarm = Basis(structural: structural, rows: previous.rows)
            }
        }
        var solution = SimplexSolver().solve(first, warmStart: firstWarm)
        if solution.status != .optimal && firstWarm != nil { solution = SimplexSolver().solve(first) }
        var rounds = 0
        while true {
            rounds += 1
            guard solution.status == .optimal else {
                // A restricted program that is not optimal (unbounded is final: the full one contains it).
                if solution.status == .unbounded { return (solution, cols) }
                fullSolves += 1
                cols = columns.units
                if let own, !cols.contains(own) { cols.append(own) }
                return (SimplexSolver().solve(build(cols)), cols)
            }
            let y = duals(solution)
            let entering = pool.mostAttractive(duals: y, sense: sense, limit: 16) { inSet.contains($0) }
            if entering.isEmpty || rounds > 500 { break }
            // Warm start: the previous basis with the entering λ columns (they come first, after
            // the current ones) nonbasic at 0.
            var warmBasis: Basis?
            if let b = solution.basis {
                let k = cols.count
                warmBasis = Basis(structural: Array(b.structural[0..<k]) + Array(repeating: .atLower, count: entering.count) + Array(b.structural[k...]),
                                  rows: b.rows)
            }
            cols += entering
            inSet.formUnion(entering)
            solution = SimplexSolver().solve(build(cols), warmStart: warmBasis)
        }
        // Carry the peers (and the last entrants) to the next unit, at most 6(m + s) columns.
        var next: [Int] = []
        for (c, j) in cols.enumerated() where j != own && solution.x[c] > DEATolerance.classification { next.append(j) }
        for j in cols.reversed() where j != own && !next.contains(j) && next.count < 6 * data.dimension { next.append(j) }
        carry[kind] = next
        if let b = solution.basis {
            var units: [Int: Basis.VariableStatus] = [:]
            for (c, j) in cols.enumerated() where j != own && b.structural[c] != .atLower { units[j] = b.structural[c] }
            carryBasis[kind] = (units, Array(b.structural[cols.count...]), b.rows)
        }
        return (solution, cols)
    }

    /// Solves `lp` warm-started from the previous basis of `kind` (if its shape fits) and keeps
    /// the new basis. A cold solve is retried when the warm one does not end optimal.
    public mutating func solve(_ lp: LinearProgram, kind: String, solver: SimplexSolver = SimplexSolver()) -> LPSolution {
        let previous = bases[kind].flatMap { $0.structural.count == lp.variableCount && $0.rows.count == lp.constraintCount ? $0 : nil }
        var solution = solver.solve(lp, warmStart: previous)
        if solution.status != .optimal && previous != nil { solution = solver.solve(lp) }
        if solution.status == .optimal, let basis = solution.basis { bases[kind] = basis }
        return solution
    }
}

extension UnitStatus {
    /// The unit status of a solved program that is not optimal (or is optimal but violates its
    /// rows by more than `tolerance`, relative to the data's scale of one).
    public init(_ solution: LPSolution, tolerance: Double = 1e-7) {
        switch solution.status {
        case .optimal: self = solution.maxPrimalViolation <= tolerance ? .ok : .numericalFailure
        case .infeasible: self = .infeasible
        case .unbounded: self = .unbounded
        case .iterationLimit: self = .iterationLimit
        case .numericalFailure, .invalidInput: self = .numericalFailure
        }
    }
}

/// Builders of the per-unit programs, on mean-scaled data (``DEAData``).
enum ReducedLP {
    /// The RTS row's kind on Σλ (nil under CRS).
    static func rtsKind(_ rts: ReturnsToScale) -> ConstraintKind? {
        switch rts {
        case .crs: return nil
        case .vrs: return .equal
        case .nirs: return .lessOrEqual
        case .ndrs: return .greaterOrEqual
        }
    }

    /// Peers (unit, λ) with λ > tolerance from the first `columns.count` variables, scaled by `divisor`.
    static func peers(_ x: [Double], columns: [Int], divisor: Double = 1) -> [(unit: Int, lambda: Double)] {
        var peers: [(unit: Int, lambda: Double)] = []
        for (c, j) in columns.enumerated() {
            let lambda = x[c] / divisor
            if lambda > DEATolerance.classification { peers.append((j, lambda)) }
        }
        return peers.sorted { $0.unit < $1.unit }
    }
}
