import Foundation
import TolokDomain
import TolokNumerics

/// The weighted additive DEA model (Charnes, Cooper, Golany, Seiford & Stutz 1985):
///
///     max Σᵢ wᵢ⁻ sᵢ⁻ + Σᵣ wᵣ⁺ sᵣ⁺  s.t.  X λ + s⁻ = x_o,  Y λ − s⁺ = y_o,  λ, s⁻, s⁺ ≥ 0  (+ Σλ = 1 under VRS …)
///
/// The objective is the unit's (weighted) inefficiency, 0 exactly for Pareto-efficient units.
/// Weights: ones; RAM (Cooper, Park & Pastor 1999) wᵢ⁻ = 1/((m+s)·Rᵢ⁻), wᵣ⁺ = 1/((m+s)·Rᵣ⁺) with R
/// the range of the column over the evaluated units; MIP wᵢ⁻ = 1/x_io, wᵣ⁺ = 1/y_ro (0 when
/// y_ro = 0); or given per unit. VRS is the default of `tolok run dea --model additive` (as in
/// DataEnvelopmentAnalysis.jl's `deaadd`).
///
/// Frontier first: the LP of each unit is solved against the units ``FrontierFinder`` keeps
/// (above `frontierThreshold` reference units). The optimum depends on the technology T only
/// (it is max w·(x_o − x, y − y_o) over (x, y) ∈ T with x ≤ x_o, y ≥ y_o), and the kept units
/// generate T, so the objective and slacks are those against all units (λ may differ, drawn
/// from the kept units).
public struct AdditiveModel: Sendable {
    public enum Weights: Sendable {
        case ones
        case ram
        case mip
        /// Per unit weights in the data's units: `inputs[i][j]`, `outputs[r][j]` (unit j).
        case custom(inputs: [[Double]], outputs: [[Double]])
    }

    public var rts: ReturnsToScale
    public var weights: Weights
    public var threads: Int
    public var frontierThreshold: Int

    public init(rts: ReturnsToScale = .vrs, weights: Weights = .ones,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, frontierThreshold: Int = 400) {
        self.rts = rts
        self.weights = weights
        self.threads = max(1, threads)
        self.frontierThreshold = frontierThreshold
    }

    /// The weights of unit o, in the data's units; `evaluated` sets the RAM ranges.
    public func weights(of o: Int, data: DEAData, evaluated: [Int]) -> (inputs: [Double], outputs: [Double]) {
        let m = data.inputCount, s = data.outputCount
        switch weights {
        case .ones:
            return (Array(repeating: 1, count: m), Array(repeating: 1, count: s))
        case .mip:
            // A zero input's slack is 0 (s⁻ ≤ x_io = 0), so its weight 1/x_io is taken as 0, as for outputs.
            return ((0..<m).map { let x = data.input($0, of: o); return x > 0 ? 1 / x : 0 },
                    (0..<s).map { let y = data.output($0, of: o); return y > 0 ? 1 / y : 0 })
        case .ram:
            let k = Double(m + s)
            func range(_ value: (Int) -> Double) -> Double {
                let v = evaluated.map(value)
                return (v.max() ?? 0) - (v.min() ?? 0)
            }
            return ((0..<m).map { i in 1 / (k * range { data.input(i, of: $0) }) },
                    (0..<s).map { r in 1 / (k * range { data.output(r, of: $0) }) })
        case .custom(let wi, let wo):
            return (wi.map { $0[o] }, wo.map { $0[o] })
        }
    }

    /// Scores `units` (default all) against `reference` (default all); the score's `radial` is
    /// the objective (inefficiency), weights are NaN.
    public func score(_ data: DEAData, units: [Int]? = nil, reference: [Int]? = nil,
                      progress: (@Sendable (Int, Int) -> Void)? = nil) -> [DEAUnitScore] {
        let reference = reference ?? Array(0..<data.unitCount)
        let evaluated = units ?? reference
        guard !evaluated.isEmpty else { return [] }
        let previousThreads = BLASThreads.count
        BLASThreads.set(1)
        defer { BLASThreads.set(previousThreads) }
        let frontier = reference.count > frontierThreshold
            ? FrontierFinder(data: data, rts: rts, threads: threads).frontier(of: reference) : reference
        // Precompute per-unit weights in scaled units (the LP runs on mean-scaled data).
        let m = data.inputCount, s = data.outputCount
        let rangeUnits = evaluated
        var scaledWeights: [[Double]] = []
        scaledWeights.reserveCapacity(evaluated.count)
        let ramOrOnes: [Double]? = {
            switch weights {
            case .ones, .ram:
                let w = self.weights(of: evaluated[0], data: data, evaluated: rangeUnits)
                return (0..<m).map { w.inputs[$0] * data.inputScale[$0] } + (0..<s).map { w.outputs[$0] * data.outputScale[$0] }
            default: return nil
            }
        }()
        for o in evaluated {
            if let ramOrOnes { scaledWeights.append(ramOrOnes); continue }
            let w = self.weights(of: o, data: data, evaluated: rangeUnits)
            scaledWeights.append((0..<m).map { w.inputs[$0] * data.inputScale[$0] } + (0..<s).map { w.outputs[$0] * data.outputScale[$0] })
        }
        let order = DEAModel.mixOrder(evaluated, data: data)
        let workers = min(threads, max(1, evaluated.count / 64))
        let chunkSize = max(64, min(4096, evaluated.count / (workers * 8) + 1))
        let chunks = Parallel.ranges(order.count, size: chunkSize).map { Array(order[$0]) }
        let done = Parallel.Counter()
        let total = evaluated.count
        var completed: (@Sendable (Int) -> Void)?
        if let progress {
            completed = { (k: Int) in progress(done.add(chunks[k].count), total) }
        }
        let model = self
        let members = Set(reference)
        let unitWeights = scaledWeights
        let results = Parallel.map(chunks, workers: workers, state: { () -> Solver in
            Solver(data: data.privateCopy(), frontier: frontier, rts: model.rts, members: members)
        }, completed: completed) { solver, _, chunk in
            let before = solver.solves
            let out = chunk.map { k in solver.solve(evaluated[k], weights: unitWeights[k]) }
            DEATrace.log("additive chunk: \(chunk.count) units, \(solver.solves - before) LP solves")
            return out
        }
        var out = [DEAUnitScore](repeating: .failed(.numericalFailure, m: m, s: s), count: evaluated.count)
        for (c, chunk) in chunks.enumerated() { for (t, k) in chunk.enumerated() { out[k] = results[c][t] } }
        return out
    }

    /// One worker's solver. Column generation over the frontier units: the LP is solved over a
    /// small working set (the previous unit's peers, the unit itself when it is a reference
    /// member — its point lies in the technology, so adding it changes nothing), then every
    /// frontier unit is priced with the duals (``ReferencePool/mostAttractive``); the most
    /// attractive enter until none would, which is optimality over all frontier units. A
    /// working set that admits no feasible point (a non-member unit) falls back to all units.
    struct Solver {
        let data: DEAData
        let frontier: [Int]
        let pool: ReferencePool
        let rts: ReturnsToScale
        let members: Set<Int>
        var working: [Int] = []
        var lastColumns: [Int] = []
        var lastBasis: Basis?
        /// The data are mean-scaled already (``DEAData``): no further equilibration per solve.
        let solver: SimplexSolver = {
            var options = SimplexOptions()
            options.scaling = .none
            return SimplexSolver(options: options)
        }()
        var solves = 0
        /// Columns carried from one unit to the next, and entering per pricing round.
        static let carried = 100
        static let entering = 6

        init(data: DEAData, frontier: [Int], rts: ReturnsToScale, members: Set<Int>) {
            self.data = data
            self.frontier = frontier
            self.rts = rts
            self.members = members
            pool = ReferencePool(data: data, units: frontier, rts: rts)
        }

        func program(_ o: Int, columns units: [Int], weights: [Double]) -> LinearProgram {
            let m = data.inputCount, s = data.outputCount, d = data.dimension
            let f = units.count
            let rows = d + (rts == .crs ? 0 : 1)
            let columns = f + d
            var a = Matrix(rows: rows, columns: columns)
            for (c, j) in units.enumerated() {
                for t in 0..<d { a[t, c] = data.profiles[j * d + t] }
                if rts != .crs { a[d, c] = 1 }
            }
            for i in 0..<m { a[i, f + i] = 1 }
            for r in 0..<s { a[m + r, f + m + r] = -1 }
            var kinds = [ConstraintKind](repeating: .equal, count: d)
            switch rts {
            case .crs: break
            case .vrs: kinds.append(.equal)
            case .nirs: kinds.append(.lessOrEqual)
            case .ndrs: kinds.append(.greaterOrEqual)
            }
            var objective = [Double](repeating: 0, count: columns)
            var upper = [Double](repeating: .infinity, count: columns)
            var rhs = [Double](repeating: 1, count: rows)
            for t in 0..<d {
                rhs[t] = data.profiles[o * d + t]
                objective[f + t] = weights[t]
                // A zero weight fixes its slack at 0 (as DataEnvelopmentAnalysis.jl does).
                if weights[t] == 0 { upper[f + t] = 0 }
            }
            return LinearProgram(sense: .maximize, objective: objective, constraintMatrix: a, rowKinds: kinds, rhs: rhs, upperBounds: upper)
        }

        mutating func solve(_ o: Int, weights: [Double]) -> DEAUnitScore {
            let m = data.inputCount, s = data.outputCount
            var columns: [Int]
            var warm: Basis?
            if let last = lastBasis, lastColumns.count <= Self.carried {
                // The previous unit's columns and final basis (only the right-hand side and the
                // objective change), plus this unit.
                columns = lastColumns
                warm = last
                if members.contains(o) && !columns.contains(o) {
                    let f = columns.count
                    warm = Basis(structural: Array(last.structural[..<f]) + [.atLower] + Array(last.structural[f...]), rows: last.rows)
                    columns.append(o)
                }
            } else {
                columns = working.filter { $0 != o }
                if members.contains(o) { columns.append(o) }
            }
            if columns.isEmpty { columns = Array(frontier.prefix(1)) }
            var iterations = 0
            var solution: LPSolution
            var fellBack = false
            while true {
                solution = solver.solve(program(o, columns: columns, weights: weights), warmStart: warm)
                solves += 1
                iterations += solution.iterations
                if solution.status == .infeasible && !fellBack && columns.count < frontier.count {
                    columns = frontier
                    fellBack = true
                    warm = nil
                    continue
                }
                guard solution.status == .optimal else { break }
                let inSet = Set(columns)
                let entering = pool.mostAttractive(duals: solution.rowDuals, sense: .maximize, limit: Self.entering) { inSet.contains($0) }
                if entering.isEmpty { break }
                // The optimal basis stays primal feasible with the new columns nonbasic at 0.
                if let b = solution.basis {
                    let f = columns.count
                    warm = Basis(structural: Array(b.structural[..<f]) + Array(repeating: .atLower, count: entering.count) + Array(b.structural[f...]),
                                 rows: b.rows)
                }
                columns += entering
            }
            switch solution.status {
            case .optimal: break
            case .infeasible: return .failed(.infeasible, m: m, s: s, iterations: iterations)
            case .unbounded: return .failed(.unbounded, m: m, s: s, iterations: iterations)
            default: return .failed(.numericalFailure, m: m, s: s, iterations: iterations)
            }
            lastBasis = fellBack ? nil : solution.basis
            lastColumns = columns
            let score = Self.score(o, columns: columns, solution: solution, weights: weights, data: data, iterations: iterations)
            // Carry the peers over: units in mix order tend to share them.
            working = score.peers.map(\.unit).filter { $0 != o }
            return score
        }

        static func score(_ o: Int, columns: [Int], solution: LPSolution, weights: [Double], data: DEAData, iterations: Int) -> DEAUnitScore {
            let m = data.inputCount, s = data.outputCount, d = data.dimension, f = columns.count
            let x = solution.x
            var score = DEAUnitScore(status: .ok, radial: 0, inputSlacks: [], outputSlacks: [], inputTargets: [], outputTargets: [],
                                     peers: [], inputWeights: Array(repeating: .nan, count: m),
                                     outputWeights: Array(repeating: .nan, count: s), constant: .nan, iterations: iterations)
            var objective = 0.0, relative = 0.0
            var slack = [Double](repeating: 0, count: d)
            for t in 0..<d {
                let value = data.profiles[o * d + t]
                slack[t] = max(0, x[f + t])
                if slack[t] <= DEATolerance.classification * (value > 0 ? value : 1) { slack[t] = 0 }
                objective += weights[t] * slack[t]
                relative = max(relative, slack[t] / (value > 0 ? value : 1))
            }
            for i in 0..<m {
                score.inputSlacks.append(slack[i] * data.inputScale[i])
                score.inputTargets.append(data.input(i, of: o) - slack[i] * data.inputScale[i])
            }
            for r in 0..<s {
                score.outputSlacks.append(slack[m + r] * data.outputScale[r])
                score.outputTargets.append(data.output(r, of: o) + slack[m + r] * data.outputScale[r])
            }
            score.radial = objective
            score.relativeSlackMax = relative
            var lambda: [Int: Double] = [:]
            for (c, j) in columns.enumerated() where x[c] > DEATolerance.classification { lambda[j, default: 0] += x[c] }
            score.peers = lambda.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            // Certificate (primal): the peers reproduce the targets, X λ = x_o − s⁻ and Y λ = y_o + s⁺,
            // to 1e-6 relative, in scaled units.
            for t in 0..<d {
                var combination = 0.0
                for p in score.peers { combination += p.lambda * data.profiles[p.unit * d + t] }
                let target = data.profiles[o * d + t] + (t < m ? -slack[t] : slack[t])
                if abs(combination - target) > DEATolerance.certificate * max(1, abs(target)) {
                    return .failed(.numericalFailure, m: m, s: s, iterations: iterations)
                }
            }
            return score
        }
    }
}

extension Array where Element == Int {
    /// The elements in order, without repeats.
    func uniqued() -> [Int] {
        var seen = Set<Int>()
        return filter { seen.insert($0).inserted }
    }
}
