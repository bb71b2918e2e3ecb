import Foundation
import TolokDomain
import TolokNumerics

/// Cost, revenue and profit efficiency against the DEA technology (Färe, Grosskopf & Lovell
/// 1985; the "cost efficiency" option of Coelli's DEAP; Cooper, Seiford & Tone 2007, ch. 8),
/// with unit-specific prices w (inputs) and p (outputs):
///
/// - cost: C* = min w·Xλ s.t. Yλ ≥ yₒ (RTS on λ); cost efficiency CE = C*/(w·xₒ); technical
///   efficiency TE = the radial input θ under the same RTS; allocative AE = CE/TE.
/// - revenue: R* = max p·Yλ s.t. Xλ ≤ xₒ; RE = (p·yₒ)/R*; TE = 1/φ (radial output, same RTS);
///   AE = RE/TE.
/// - profit (VRS): Π* = max p·Yλ − w·Xλ s.t. Σλ = 1, which is attained at a reference unit;
///   Nerlovian profit inefficiency NI = (Π* − Πₒ)/(p·gy + w·gx) with g = (xₒ, yₒ), i.e.
///   divided by p·yₒ + w·xₒ (as `deaprofit` of DataEnvelopmentAnalysis.jl); technical
///   inefficiency = the DDF β with the same direction under VRS; allocative = NI − β. The profit
///   ratio Πₒ/Π* is reported when Π* > 0.
///
/// Optimal quantities (x* = Xλ, y* = Yλ; the side held fixed keeps the unit's own values) are the
/// targets. The optima lie on the reduced technology (``ReducedTechnologySolver``).
public struct EconomicEfficiency: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case cost, revenue, profit
    }

    public struct UnitScore: Sendable {
        public var status: UnitStatus
        /// w·xₒ, p·yₒ or p·yₒ − w·xₒ.
        public var observed: Double
        /// C*, R* or Π*.
        public var optimum: Double
        /// CE, RE, or the Nerlovian profit inefficiency NI.
        public var overall: Double
        /// TE (cost, revenue) or the DDF β (profit).
        public var technical: Double
        /// AE = CE/TE (cost, revenue) or NI − β (profit).
        public var allocative: Double
        /// Πₒ/Π* (profit, when Π* > 0).
        public var profitRatio: Double?
        public var inputTargets: [Double]
        public var outputTargets: [Double]
        public var peers: [(unit: Int, lambda: Double)]

        static func failed(_ status: UnitStatus, m: Int, s: Int) -> UnitScore {
            let nan = Double.nan
            return UnitScore(status: status, observed: nan, optimum: nan, overall: nan, technical: nan, allocative: nan, profitRatio: nil,
                             inputTargets: Array(repeating: nan, count: m), outputTargets: Array(repeating: nan, count: s), peers: [])
        }
    }

    public var kind: Kind
    public var rts: ReturnsToScale
    /// `inputPrices[i][j]`: price of input i for unit j (needed by cost and profit).
    public var inputPrices: [[Double]]
    /// `outputPrices[r][j]`: price of output r for unit j (needed by revenue and profit).
    public var outputPrices: [[Double]]
    /// The direction g of the Nerlovian profit measure (default g = (xₒ, yₒ)).
    public var profitDirection: DDFDirection = .observed
    public var threads: Int
    public var strategy: DEAModel.Strategy

    public init(kind: Kind, rts: ReturnsToScale, inputPrices: [[Double]] = [], outputPrices: [[Double]] = [],
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, strategy: DEAModel.Strategy = .automatic(threshold: 400)) {
        self.kind = kind
        self.rts = rts
        self.inputPrices = inputPrices
        self.outputPrices = outputPrices
        self.threads = max(1, threads)
        self.strategy = strategy
    }

    public func score(_ data: DEAData) -> [UnitScore] {
        let m = data.inputCount, s = data.outputCount
        precondition(kind == .revenue || inputPrices.count == m, "one input price column per input")
        precondition(kind == .cost || outputPrices.count == s, "one output price column per output")
        let engine = ReducedTechnologySolver(rts: kind == .profit ? .vrs : rts, threads: threads, strategy: strategy)
        var model = self
        if case .mean = profitDirection {
            let g = profitDirection.vector(0, data: data)
            model.profitDirection = .custom(inputs: g.gx.map { Array(repeating: $0, count: data.unitCount) },
                                            outputs: g.gy.map { Array(repeating: $0, count: data.unitCount) })
        }
        let fixed = model
        var scores = engine.map(data) { o, data, columns, warm in
            fixed.optimum(o, data: data, columns: columns, warm: &warm)
        }
        // The technical part, from the radial / directional models under the same technology.
        let technical: [(UnitStatus, Double)]
        switch kind {
        case .cost:
            technical = DEAModel(orientation: .input, rts: rts, threads: threads, slacks: false).score(data).map { ($0.status, $0.radial) }
        case .revenue:
            technical = DEAModel(orientation: .output, rts: rts, threads: threads, slacks: false).score(data).map { ($0.status, 1 / $0.radial) }
        case .profit:
            technical = DirectionalDistance(orientation: .non, rts: .vrs, direction: fixed.profitDirection, threads: threads, strategy: strategy, slacks: false)
                .score(data).map { ($0.status, $0.score) }
        }
        for j in scores.indices where scores[j].status == .ok {
            // The radial technical score is 0/0 for a unit with every input (cost) or every
            // output (revenue) zero: undefined (docs/DEA.md, "Zeros").
            let own = kind == .cost ? (0..<m).map { data.input($0, of: j) } : kind == .revenue ? (0..<s).map { data.output($0, of: j) } : [1]
            if !own.contains(where: { $0 > 0 }) { scores[j] = .failed(.undefined, m: m, s: s); continue }
            let (status, te) = technical[j]
            guard status == .ok, te.isFinite else { scores[j] = .failed(status == .ok ? .numericalFailure : status, m: m, s: s); continue }
            scores[j].technical = te
            // TE = 0 (a zero-input unit produces o's outputs): CE = 0 too and AE = 0/0, not reported.
            scores[j].allocative = kind == .profit ? scores[j].overall - te : te > 0 ? scores[j].overall / te : .nan
        }
        return scores
    }

    private func cost(_ o: Int, of j: Int, data: DEAData) -> Double {
        (0..<data.inputCount).reduce(0) { $0 + inputPrices[$1][o] * data.input($1, of: j) }
    }

    private func revenue(_ o: Int, of j: Int, data: DEAData) -> Double {
        (0..<data.outputCount).reduce(0) { $0 + outputPrices[$1][o] * data.output($1, of: j) }
    }

    func optimum(_ o: Int, data: DEAData, columns reference: ReducedTechnologySolver.Columns, warm: inout WarmStarts) -> UnitScore {
        let m = data.inputCount, s = data.outputCount, d = data.dimension
        if kind == .profit {
            // Σλ = 1 and a linear objective: the optimum is at a reference unit.
            var best = -Double.infinity, bestUnit = -1
            for j in reference.units {
                let profit = revenue(o, of: j, data: data) - cost(o, of: j, data: data)
                if profit > best { best = profit; bestUnit = j }
            }
            guard bestUnit >= 0 else { return .failed(.infeasible, m: m, s: s) }
            let observed = revenue(o, of: o, data: data) - cost(o, of: o, data: data)
            let g = profitDirection.vector(o, data: data)
            let normaliser = (0..<s).reduce(0) { $0 + outputPrices[$1][o] * g.gy[$1] } + (0..<m).reduce(0) { $0 + inputPrices[$1][o] * g.gx[$1] }
            // p·g_y + w·g_x = 0 (e.g. g = (x, y) = 0): the Nerlovian ratio is not defined.
            guard normaliser > 0 else { return .failed(normaliser == 0 ? .undefined : .numericalFailure, m: m, s: s) }
            return UnitScore(status: .ok, observed: observed, optimum: best, overall: (best - observed) / normaliser, technical: .nan,
                             allocative: .nan, profitRatio: best > 0 ? observed / best : nil,
                             inputTargets: (0..<m).map { data.input($0, of: bestUnit) },
                             outputTargets: (0..<s).map { data.output($0, of: bestUnit) }, peers: [(bestUnit, 1)])
        }
        let p = data.profiles
        let rtsKind = ReducedLP.rtsKind(rts)
        // cost: rows = outputs (Yλ ≥ yₒ); revenue: rows = inputs (Xλ ≤ xₒ); then the RTS row.
        let side = kind == .cost ? (offset: m, count: s) : (offset: 0, count: m)
        let nr = side.count + (rtsKind == nil ? 0 : 1)
        func build(_ cols: [Int]) -> LinearProgram {
            let k = cols.count
            var A = Matrix(rows: nr, columns: k)
            var objective = [Double](repeating: 0, count: k)
            for (c, j) in cols.enumerated() {
                for t in 0..<side.count { A.storage[t + c * nr] = p[j * d + side.offset + t] }
                if rtsKind != nil { A.storage[side.count + c * nr] = 1 }
                objective[c] = kind == .cost ? cost(o, of: j, data: data) : revenue(o, of: j, data: data)
            }
            var kinds = [ConstraintKind](repeating: kind == .cost ? .greaterOrEqual : .lessOrEqual, count: nr)
            var rhs = Array(p[(o * d + side.offset)..<(o * d + side.offset + side.count)])
            if let rtsKind { kinds[side.count] = rtsKind; rhs.append(1) }
            return LinearProgram(sense: kind == .cost ? .minimize : .maximize, objective: objective, constraintMatrix: A,
                                 rowKinds: kinds, rhs: rhs)
        }
        // y·aⱼ − cⱼ per profile variable: the prices (in scaled units) enter with a minus sign.
        func duals(_ solution: LPSolution) -> [Double] {
            var y = [Double](repeating: 0, count: d + 1)
            for t in 0..<side.count { y[side.offset + t] = solution.rowDuals[t] }
            if kind == .cost {
                for i in 0..<m { y[i] = -inputPrices[i][o] * data.inputScale[i] }
            } else {
                for r in 0..<s { y[m + r] = -outputPrices[r][o] * data.outputScale[r] }
            }
            if rtsKind != nil { y[d] = solution.rowDuals[side.count] }
            return y
        }
        let (solution, columns) = warm.solve(kind.rawValue, data: data, columns: reference, own: o, rts: rts, build: build, duals: duals)
        let status = UnitStatus(solution)
        guard status == .ok else { return .failed(status, m: m, s: s) }
        let x = solution.x
        let optimum = solution.objectiveValue
        var inputTargets = (0..<m).map { data.input($0, of: o) }
        var outputTargets = (0..<s).map { data.output($0, of: o) }
        if kind == .cost {
            inputTargets = (0..<m).map { i in columns.enumerated().reduce(0) { $0 + max(0, x[$1.offset]) * data.input(i, of: $1.element) } }
        } else {
            outputTargets = (0..<s).map { r in columns.enumerated().reduce(0) { $0 + max(0, x[$1.offset]) * data.output(r, of: $1.element) } }
        }
        let observed = kind == .cost ? cost(o, of: o, data: data) : revenue(o, of: o, data: data)
        // Observed cost 0 (so C* = 0) or maximum revenue 0: the ratio is 0/0, undefined.
        if kind == .cost ? observed == 0 : optimum == 0 { return .failed(.undefined, m: m, s: s) }
        let overall = kind == .cost ? optimum / observed : observed / optimum
        guard overall.isFinite else { return .failed(.numericalFailure, m: m, s: s) }
        return UnitScore(status: .ok, observed: observed, optimum: optimum, overall: overall, technical: .nan, allocative: .nan,
                         profitRatio: nil, inputTargets: inputTargets, outputTargets: outputTargets, peers: ReducedLP.peers(x, columns: columns))
    }
}
