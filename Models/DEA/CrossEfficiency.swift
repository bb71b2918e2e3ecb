import TolokDomain
import TolokNumerics

/// Cross-efficiency (Sexton, Silkman & Hogan 1986) with Doyle & Green (1994)'s secondary goals,
/// input orientation, CRS or VRS.
///
/// For each rater d the multiplier program of its own efficiency (docs/DEA.md)
///
///     θ_d = max u·y_d − u₀  s.t.  v·x_d = 1,  u·y_j − v·x_j − u₀ ≤ 0 (all j),  u, v ≥ 0
///
/// (u₀ = 0 under CRS, free under VRS) gives θ_d; `simple` keeps the solver's optimal weights.
/// `benevolent` / `aggressive` then solve, with θ_d held (u·y_d − u₀ = θ_d, v·x_d = 1), Doyle &
/// Green's method II: maximise / minimise Σ_{j≠d} (u·y_j − v·x_j − u₀), the total slack of the
/// other units' constraints in the ratio form — deaR's `M2_ben` / `M2_agg`. The cross-efficiency
/// of unit j under rater d is
///
///     E_dj = (u_d·y_j − u₀_d) / (v_d·x_j),
///
/// so E_dd = θ_d (computed from the weights, not copied). Under CRS 0 ≤ E_dj ≤ 1; under VRS E_dj ≤ 1 but may be negative (the
/// uncorrected convention of deaR, `correction = FALSE`; Lim & Zhu 2015 discuss the issue).
/// `meanCrossEfficiency[j]` = (1/n) Σ_d E_dj, self-appraisal included (deaR's default
/// `selfapp = TRUE`).
///
/// The programs hold the constraint rows of the units spanning the technology only
/// (``FrontierFinder``; the others are implied) and are solved through their duals (m + s [+ 1]
/// rows, one column per spanning unit plus one or two), as
/// in the two-stage multiplier solver, so the basis stays small at any n; the data are the
/// mean-scaled profiles of ``DEAData`` (θ and E are invariant to that scaling, and so is the
/// secondary objective).
public struct CrossEfficiency: Sendable {
    public var method: CrossEfficiencyMethod
    public var rts: ReturnsToScale
    public var threads: Int
    /// Hold the constraint rows of the spanning units only (false: of every unit; for tests).
    var spanningRowsOnly = true

    public init(method: CrossEfficiencyMethod, rts: ReturnsToScale, threads: Int = 1) {
        precondition(rts == .crs || rts == .vrs, "cross-efficiency: crs or vrs")
        precondition(method != .none, "cross-efficiency: no method")
        self.method = method
        self.rts = rts
        self.threads = max(1, threads)
    }

    /// One rater's weights (original units of the data) and the status of its programs.
    public struct Rater: Sendable {
        public var status: UnitStatus
        /// θ_d of the first program.
        public var efficiency: Double
        public var inputWeights: [Double]
        public var outputWeights: [Double]
        /// u₀ (0 under CRS).
        public var u0: Double
    }

    public struct Result: Sendable {
        public var raters: [Rater]
        /// E[d * n + j] = E_dj (NaN when the rater failed or v_d·x_j = 0).
        public var matrix: [Double]
        public var unitCount: Int
        /// Column means over the raters with status ok (NaN when a cell of the column is undefined).
        /// A rater's status is ``UnitStatus/unbounded`` when its secondary program is: under VRS
        /// the aggressive goal has no minimum for a unit with the largest value of an output
        /// (u_r and u₀ can grow together without bound); deaR then caps the weights' sum at 1e10.
        public var meanCrossEfficiency: [Double]

        public func value(rater d: Int, rated j: Int) -> Double { matrix[d * unitCount + j] }
    }

    public func run(_ data: DEAData) -> Result {
        let n = data.unitCount
        // Fixed chunks, each started cold: the warm starts (and so the last digits, and which of
        // several optimal weight vectors `simple` returns) do not depend on the thread count.
        // Only the units spanning the technology need a constraint row: a unit j inside it has
        // θ_j x_j ≥ Σ λ_k x_k, y_j ≤ Σ λ_k y_k (Σ λ = 1 under VRS) over spanning units k, so any
        // weights feasible for those give u·y_j − u₀ ≤ θ_j v·x_j ≤ v·x_j. Each rater's weights are
        // checked against every unit below all the same, and re-solved over all units if any
        // constraint is violated by more than 1e-9.
        let spanning = spanningRowsOnly ? FrontierFinder.spanningUnits(of: data, rts: rts, threads: threads).sorted() : Array(0..<n)
        func solve(_ units: [Int], columns: [Int]) -> [Rater] {
            let chunks = Parallel.ranges(units.count, size: 32)
            let parts: [[Rater]] = Parallel.map(chunks, workers: threads, state: { Programs(data: data, rts: rts, columns: columns) }) { programs, _, range in
                programs.firstBasis = nil
                programs.secondBasis = nil
                return range.map { programs.rate(units[$0], method: method) }
            }
            return parts.flatMap { $0 }
        }
        var raters = solve(Array(0..<n), columns: spanning)
        let m = data.inputCount, s = data.outputCount
        var matrix = [Double](repeating: .nan, count: n * n)
        func fill(_ d: Int) -> Bool {
            let rater = raters[d]
            guard rater.status == .ok else {
                for j in 0..<n { matrix[d * n + j] = .nan }
                return true
            }
            var feasible = true
            for j in 0..<n {
                var num = -rater.u0, den = 0.0
                for r in 0..<s { num += rater.outputWeights[r] * data.output(r, of: j) }
                for i in 0..<m { den += rater.inputWeights[i] * data.input(i, of: j) }
                if num - den > 1e-9 * max(1, abs(den)) { feasible = false }
                matrix[d * n + j] = den > 0 ? num / den : .nan
            }
            return feasible
        }
        let violated = (0..<n).filter { !fill($0) }
        if !violated.isEmpty && spanning.count < n {
            for (d, rater) in zip(violated, solve(violated, columns: Array(0..<n))) {
                raters[d] = rater
                _ = fill(d)
            }
        }
        var means = [Double](repeating: .nan, count: n)
        let ok = raters.indices.filter { raters[$0].status == .ok }
        if !ok.isEmpty {
            for j in 0..<n { means[j] = ok.reduce(0) { $0 + matrix[$1 * n + j] } / Double(ok.count) }
        }
        return Result(raters: raters, matrix: matrix, unitCount: n, meanCrossEfficiency: means)
    }
}

extension CrossEfficiency {
    /// The two programs of one worker, in dual form, with their warm-start bases. Weights π =
    /// (ṽ (m), ũ (s), u₀ (VRS)) on the scaled data; primal rows: the n unit rows
    /// ũ·ỹ_j − ṽ·x̃_j − u₀ ≤ 0, then ṽ·x̃_d = 1, then (second program) ũ·ỹ_d − u₀ = θ_d.
    /// Dual: min b·λ s.t. Σ_rows a_rk λ_r ≥ c_k (π_k ≥ 0) or = c_k (u₀ free); π = the row duals.
    struct Programs {
        let data: DEAData
        let k: Int
        /// The number of constraint columns (units held) and of all units.
        let n: Int
        let unitCount: Int
        var first: LinearProgram
        var second: LinearProgram
        var firstBasis: Basis?
        var secondBasis: Basis?
        let solver = SimplexSolver()
        /// Σ_j of each coordinate of the scaled profiles (the secondary objective's base).
        let totals: [Double]

        /// `columns`: the units whose constraint rows the programs hold (the spanning units).
        init(data: DEAData, rts: ReturnsToScale, columns: [Int]) {
            let data = data.privateCopy()
            self.data = data
            let m = data.inputCount, s = data.outputCount
            let k = m + s + (rts == .vrs ? 1 : 0), n = columns.count
            self.k = k
            self.n = n
            func program(extraRows: Int) -> LinearProgram {
                let width = n + extraRows
                var a = Matrix(rows: k, columns: width)
                for (j, unit) in columns.enumerated() {
                    let p = data.profile(unit)
                    for i in 0..<m { a[i, j] = -p[p.startIndex + i] }
                    for r in 0..<s { a[m + r, j] = p[p.startIndex + m + r] }
                    if k > m + s { a[m + s, j] = -1 }
                }
                var lower = [Double](repeating: 0, count: width)
                for c in n..<width { lower[c] = -.infinity }
                let kinds = (0..<k).map { $0 < m + s ? ConstraintKind.greaterOrEqual : .equal }
                return LinearProgram(sense: .minimize, objective: [Double](repeating: 0, count: width), constraintMatrix: a,
                                     rowKinds: kinds, rhs: [Double](repeating: 0, count: k), lowerBounds: lower)
            }
            first = program(extraRows: 1)
            second = program(extraRows: 2)
            var t = [Double](repeating: 0, count: m + s)
            unitCount = data.unitCount
            for j in 0..<data.unitCount {
                let p = data.profile(j)
                for q in 0..<(m + s) { t[q] += p[p.startIndex + q] }
            }
            totals = t
        }

        /// Writes the row ṽ·x̃_d = 1 (column n) and, for the second program, ũ·ỹ_d − u₀ = θ (column n + 1).
        private func setUnitRows(_ lp: inout LinearProgram, unit d: Int, theta: Double?) {
            let m = data.inputCount, s = data.outputCount
            let p = data.profile(d)
            for q in 0..<k { lp.constraintMatrix[q, n] = 0 }
            for i in 0..<m { lp.constraintMatrix[i, n] = p[p.startIndex + i] }
            lp.objective[n] = 1
            if let theta {
                for q in 0..<k { lp.constraintMatrix[q, n + 1] = 0 }
                for r in 0..<s { lp.constraintMatrix[m + r, n + 1] = p[p.startIndex + m + r] }
                if k > m + s { lp.constraintMatrix[m + s, n + 1] = -1 }
                lp.objective[n + 1] = theta
            }
        }

        private func solve(_ lp: LinearProgram, basis: inout Basis?) -> LPSolution {
            var solution = solver.solve(lp, warmStart: basis)
            if solution.status != .optimal && basis != nil { solution = solver.solve(lp) }
            if solution.basis != nil { basis = solution.basis }
            return solution
        }

        private func status(_ s: LPStatus) -> UnitStatus {
            switch s {
            case .optimal: .ok
            case .unbounded: .infeasible
            case .infeasible: .unbounded
            case .iterationLimit: .iterationLimit
            case .numericalFailure, .invalidInput: .numericalFailure
            }
        }

        mutating func rate(_ d: Int, method: CrossEfficiencyMethod) -> Rater {
            let m = data.inputCount, s = data.outputCount
            let p = data.profile(d)
            // Program 1: max ũ·ỹ_d − u₀.
            var c = [Double](repeating: 0, count: k)
            for r in 0..<s { c[m + r] = p[p.startIndex + m + r] }
            if k > m + s { c[m + s] = -1 }
            first.rhs = c
            setUnitRows(&first, unit: d, theta: nil)
            let one = solve(first, basis: &firstBasis)
            guard one.status == .optimal else { return failed(status(one.status)) }
            let theta = one.objectiveValue
            var weights = one.rowDuals
            if method != .simple {
                // Program 2: max ± Σ_{j≠d} (ũ·ỹ_j − ṽ·x̃_j − u₀).
                let sign = method == .benevolent ? 1.0 : -1.0
                var g = [Double](repeating: 0, count: k)
                for i in 0..<m { g[i] = -sign * (totals[i] - p[p.startIndex + i]) }
                for r in 0..<s { g[m + r] = sign * (totals[m + r] - p[p.startIndex + m + r]) }
                if k > m + s { g[m + s] = -sign * Double(unitCount - 1) }
                second.rhs = g
                setUnitRows(&second, unit: d, theta: theta)
                let two = solve(second, basis: &secondBasis)
                guard two.status == .optimal else { return failed(status(two.status)) }
                weights = two.rowDuals
            }
            return Rater(status: .ok, efficiency: theta,
                         inputWeights: (0..<m).map { max(0, weights[$0]) / data.inputScale[$0] },
                         outputWeights: (0..<s).map { max(0, weights[m + $0]) / data.outputScale[$0] },
                         u0: k > m + s ? weights[m + s] : 0)
        }

        private func failed(_ status: UnitStatus) -> Rater {
            Rater(status: status, efficiency: .nan, inputWeights: [], outputWeights: [], u0: .nan)
        }
    }
}
