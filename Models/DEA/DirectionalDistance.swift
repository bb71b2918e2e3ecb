import Foundation
import TolokDomain
import TolokNumerics

/// The direction g = (gx, gy) of a directional distance function, per unit, in the data's units.
public enum DDFDirection: Sendable {
    /// g = (xₒ, yₒ): the unit's own inputs and outputs.
    case observed
    /// g = (1, …, 1).
    case unit
    /// g = the column means of the inputs and outputs (over all units of the data).
    case mean
    /// Given per unit: `inputs[i][j]` is gxᵢ of unit j, `outputs[r][j]` is gyᵣ of unit j.
    case custom(inputs: [[Double]], outputs: [[Double]])

    /// (gx, gy) of unit o in original units, before orientation masks a side.
    public func vector(_ o: Int, data: DEAData) -> (gx: [Double], gy: [Double]) {
        let m = data.inputCount, s = data.outputCount
        switch self {
        case .observed:
            return ((0..<m).map { data.input($0, of: o) }, (0..<s).map { data.output($0, of: o) })
        case .unit:
            return (Array(repeating: 1, count: m), Array(repeating: 1, count: s))
        case .mean:
            let n = Double(max(1, data.unitCount))
            return ((0..<m).map { i in (0..<data.unitCount).reduce(0) { $0 + data.input(i, of: $1) } / n },
                    (0..<s).map { r in (0..<data.unitCount).reduce(0) { $0 + data.output(r, of: $1) } / n })
        case .custom(let gx, let gy):
            return (gx.map { $0[o] }, gy.map { $0[o] })
        }
    }
}

/// The directional distance function (Chambers, Chung & Färe 1996, *JET* 70(2), 407–419):
///
///     β = max β  s.t.  Xλ + s⁻ + β·gx = xₒ,  Yλ − s⁺ − β·gy = yₒ,  λ, s⁻, s⁺ ≥ 0  (VRS: Σλ = 1; NIRS ≤; NDRS ≥)
///
/// with g = (gx, gy) from ``DDFDirection``; the `input` orientation sets gy = 0, `output` sets
/// gx = 0, `non` (graph) keeps both. β is an inefficiency (0 on the frontier). A second stage
/// maximises the sum of slacks, each divided by its column mean, at the optimal β. Targets:
/// x̂ = xₒ − β·gx − s⁻, ŷ = yₒ + β·gy + s⁺. With g = (xₒ, 0), 1 − β is the radial input θ.
public struct DirectionalDistance: Sendable {
    public var orientation: ProjectionOrientation
    public var rts: ReturnsToScale
    public var direction: DDFDirection
    public var threads: Int
    public var strategy: DEAModel.Strategy
    /// Run the second stage (slacks); without it the slacks are those of the first stage's solution.
    public var slacks: Bool

    public init(orientation: ProjectionOrientation = .non, rts: ReturnsToScale = .crs, direction: DDFDirection = .observed,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, strategy: DEAModel.Strategy = .automatic(threshold: 400),
                slacks: Bool = true) {
        self.orientation = orientation
        self.rts = rts
        self.direction = direction
        self.threads = max(1, threads)
        self.strategy = strategy
        self.slacks = slacks
    }

    public func score(_ data: DEAData, units: [Int]? = nil, reference: [Int]? = nil) -> [ProjectionScore] {
        let engine = ReducedTechnologySolver(rts: rts, threads: threads, strategy: strategy)
        var model = self
        if case .mean = direction {
            // Compute the means once, not per unit.
            let g = direction.vector(0, data: data)
            model.direction = .custom(inputs: g.gx.map { Array(repeating: $0, count: data.unitCount) },
                                      outputs: g.gy.map { Array(repeating: $0, count: data.unitCount) })
        }
        let fixed = model
        return engine.map(data, units: units, reference: reference) { o, data, columns, warm in
            fixed.evaluate(o, data: data, columns: columns, warm: &warm)
        }
    }

    func evaluate(_ o: Int, data: DEAData, columns: ReducedTechnologySolver.Columns, warm: inout WarmStarts) -> ProjectionScore {
        let m = data.inputCount, s = data.outputCount, d = data.dimension
        let p = data.profiles
        var (gx, gy) = direction.vector(o, data: data)
        if orientation == .input { gy = Array(repeating: 0, count: s) }
        if orientation == .output { gx = Array(repeating: 0, count: m) }
        // A zero direction leaves β free (every β is feasible): β is undefined (docs/DEA.md, "Zeros").
        if !(gx + gy).contains(where: { $0 != 0 }) { return .failed(.undefined, m: m, s: s) }
        let rtsKind = ReducedLP.rtsKind(rts)
        let nr = d + (rtsKind == nil ? 0 : 1)
        // Variables: λ (one per column), s⁻, s⁺, β. `fixed`: β at that value, slacks maximised.
        func build(_ cols: [Int], fixed: Double?) -> LinearProgram {
            let k = cols.count, nv = k + m + s + 1, bIndex = k + m + s
            var A = Matrix(rows: nr, columns: nv)
            for (c, j) in cols.enumerated() {
                for t in 0..<d { A.storage[t + c * nr] = p[j * d + t] }
                if rtsKind != nil { A.storage[d + c * nr] = 1 }
            }
            for i in 0..<m {
                A.storage[i + (k + i) * nr] = 1
                A.storage[i + bIndex * nr] = gx[i] / data.inputScale[i]
            }
            for r in 0..<s {
                A.storage[m + r + (k + m + r) * nr] = -1
                A.storage[m + r + bIndex * nr] = -gy[r] / data.outputScale[r]
            }
            var kinds = [ConstraintKind](repeating: .equal, count: nr)
            if let rtsKind { kinds[d] = rtsKind }
            var rhs = Array(p[(o * d)..<((o + 1) * d)])
            if rtsKind != nil { rhs.append(1) }
            var objective = [Double](repeating: 0, count: nv)
            var lower = [Double](repeating: 0, count: nv)
            var upper = [Double](repeating: .infinity, count: nv)
            if let fixed {
                // β fixed at its optimum: the first stage's point stays feasible.
                for c in k..<(k + m + s) { objective[c] = 1 }
                lower[bIndex] = fixed
                upper[bIndex] = fixed
            } else {
                objective[bIndex] = 1
                lower[bIndex] = -.infinity
            }
            return LinearProgram(sense: .maximize, objective: objective, constraintMatrix: A, rowKinds: kinds, rhs: rhs,
                                 lowerBounds: lower, upperBounds: upper)
        }
        func duals(_ solution: LPSolution) -> [Double] {
            Array(solution.rowDuals[0..<d]) + [rtsKind == nil ? 0 : solution.rowDuals[d]]
        }
        var (solution, cols) = warm.solve("ddf", data: data, columns: columns, own: o, rts: rts, build: { build($0, fixed: nil) }, duals: duals)
        let status = UnitStatus(solution)
        guard status == .ok else { return .failed(status, m: m, s: s) }
        let beta = solution.objectiveValue
        guard beta.isFinite else { return .failed(.numericalFailure, m: m, s: s) }
        // Complementary slackness: a slack whose row has a nonzero optimal dual (its reduced cost
        // ∓yₜ) is zero in every optimal solution, so when all rows have one the second stage
        // cannot find slack and is skipped.
        let slackFree = (0..<d).allSatisfy { abs(solution.rowDuals[$0]) > 1e-7 }
        if slacks && !slackFree {
            let (phaseTwo, cols2) = warm.solve("ddf2", data: data, columns: columns, own: o, rts: rts, start: cols, build: { build($0, fixed: beta) }, duals: duals)
            // Keep the first stage's point unless the second stage finds real slack (not round-off).
            let k = cols.count
            let before = (k..<(k + m + s)).reduce(0) { $0 + solution.x[$1] }
            if UnitStatus(phaseTwo) == .ok && phaseTwo.objectiveValue > before + 1e-9 { solution = phaseTwo; cols = cols2 }
        }
        let k = cols.count
        let x = solution.x
        var result = ProjectionScore(status: .ok, score: beta, inputSlacks: [], outputSlacks: [], inputTargets: [], outputTargets: [],
                                     peers: ReducedLP.peers(x, columns: cols))
        for i in 0..<m {
            let slack = max(0, x[k + i]) * data.inputScale[i]
            result.inputSlacks.append(slack)
            result.inputTargets.append(data.input(i, of: o) - beta * gx[i] - slack)
        }
        for r in 0..<s {
            let slack = max(0, x[k + m + r]) * data.outputScale[r]
            result.outputSlacks.append(slack)
            result.outputTargets.append(data.output(r, of: o) + beta * gy[r] + slack)
        }
        return result
    }
}
