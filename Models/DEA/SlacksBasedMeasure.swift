import Foundation
import TolokDomain
import TolokNumerics

/// The slacks-based measure of efficiency (Tone 2001, *EJOR* 130(3), 498–509) and its
/// super-efficiency form (Tone 2002, *EJOR* 143(1), 32–41).
///
/// Non-oriented (`non`):  ρ = min (1 − (1/m) Σᵢ sᵢ⁻/xᵢₒ) / (1 + (1/s) Σᵣ sᵣ⁺/yᵣₒ)
/// subject to xₒ = Xλ + s⁻, yₒ = Yλ − s⁺, λ, s⁻, s⁺ ≥ 0 (VRS: Σλ = 1; NIRS ≤; NDRS ≥), solved as
/// the LP of the Charnes–Cooper transformation (t = 1 / denominator, Λ = tλ, S = ts):
/// min t − (1/m) Σ Sᵢ⁻/xᵢₒ s.t. t + (1/s) Σ Sᵣ⁺/yᵣₒ = 1, t·xₒ = XΛ + S⁻, t·yₒ = YΛ − S⁺,
/// (ΣΛ ⋈ t). Input orientation: ρ_I = 1 − (1/m) Σ sᵢ⁻/xᵢₒ; output orientation:
/// ρ_O = 1 / (1 + (1/s) Σ sᵣ⁺/yᵣₒ). Terms with yᵣₒ = 0 are left out and s reduced accordingly
/// (Cooper, Seiford & Tone 2007, §4.4); likewise terms with xᵢₒ = 0 (whose slack is 0) and m.
/// A unit with no positive value on the measured side (input: inputs; output: outputs; non:
/// both) has ρ = 0/0: status undefined. The oriented models' other slacks (output slacks under
/// input orientation and vice versa) come from a second stage that maximises the sum of all
/// slacks, each divided by its column mean, at the optimal ρ.
///
/// Super-SBM, for units with ρ = 1 when `superEfficiency` is set: δ = min (1 + (1/m) Σ φᵢ) /
/// (1 − (1/s) Σ ψᵣ) over x̄ = xₒ(1 + φ) ≥ Σ_{j≠o} λⱼxⱼ, ȳ = yₒ(1 − ψ) ≤ Σ_{j≠o} λⱼyⱼ,
/// φ ≥ 0, 0 ≤ ψ ≤ 1 (input orientation: ψ = 0; output: φ = 0 and δ = 1 / (1 − (1/s) Σ ψᵣ)),
/// again as the Charnes–Cooper LP. δ ≥ 1; its slacks are x − x̄ ≤ 0 and ȳ − y ≤ 0.
///
/// ρ is units invariant (each slack enters divided by the unit's own value), so the programs
/// are solved on the mean-scaled data of ``DEAData``.
public struct SlacksBasedMeasure: Sendable {
    public var orientation: ProjectionOrientation
    public var rts: ReturnsToScale
    public var superEfficiency: Bool
    public var threads: Int
    public var strategy: DEAModel.Strategy

    public init(orientation: ProjectionOrientation = .non, rts: ReturnsToScale = .crs, superEfficiency: Bool = false,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, strategy: DEAModel.Strategy = .automatic(threshold: 400)) {
        self.orientation = orientation
        self.rts = rts
        self.superEfficiency = superEfficiency
        self.threads = max(1, threads)
        self.strategy = strategy
    }

    /// Scores `units` (default: all) against the technology of `reference` (default: all).
    public func score(_ data: DEAData, units: [Int]? = nil, reference: [Int]? = nil) -> [ProjectionScore] {
        let engine = ReducedTechnologySolver(rts: rts, threads: threads, strategy: strategy)
        let model = self
        let referenceSet = Set(reference ?? Array(0..<data.unitCount))
        // Standard SBM of every unit against the reduced technology.
        var scores = engine.map(data, units: units, reference: reference) { o, data, columns, warm in
            model.standard(o, data: data, columns: columns, warm: &warm)
        }
        guard superEfficiency else { return scores }
        let evaluated = units ?? Array(0..<data.unitCount)
        let efficient = evaluated.indices.filter {
            scores[$0].status == .ok && referenceSet.contains(evaluated[$0]) && scores[$0].score >= 1 - DEATolerance.classification
        }
        guard !efficient.isEmpty else { return scores }
        let superScores = engine.map(data, units: efficient.map { evaluated[$0] }, reference: reference, excludeSelf: { _ in true }) { o, data, columns, warm in
            model.superScore(o, data: data, columns: columns.units.filter { $0 != o }, warm: &warm)
        }
        for (k, position) in efficient.enumerated() { scores[position] = superScores[k] }
        return scores
    }

    /// Output rows with a positive own value (the others are left out of the output mean).
    private func positiveOutputs(_ data: DEAData, _ o: Int) -> [Int] {
        (0..<data.outputCount).filter { data.profiles[o * data.dimension + data.inputCount + $0] > 0 }
    }

    /// Input rows with a positive own value: a zero input's slack is 0 (sᵢ⁻ ≤ xᵢₒ = 0), so its
    /// 0/0 term is left out of the input mean, which runs over the m' positive inputs (Tone 2001;
    /// the mirror of the outputs' rule).
    private func positiveInputs(_ data: DEAData, _ o: Int) -> [Int] {
        (0..<data.inputCount).filter { data.profiles[o * data.dimension + $0] > 0 }
    }

    /// ρ is 0/0 when the side being measured has no positive value: input orientation with
    /// every input zero, output orientation with every output zero, non-oriented with both.
    func isUndefined(_ o: Int, data: DEAData) -> Bool {
        let noInput = positiveInputs(data, o).isEmpty, noOutput = positiveOutputs(data, o).isEmpty
        switch orientation {
        case .input: return noInput
        case .output: return noOutput
        case .non: return noInput && noOutput
        }
    }

    func standard(_ o: Int, data: DEAData, columns: ReducedTechnologySolver.Columns, warm: inout WarmStarts) -> ProjectionScore {
        let m = data.inputCount, s = data.outputCount, d = data.dimension
        let p = data.profiles
        let positive = positiveOutputs(data, o)
        let positiveIn = positiveInputs(data, o)
        if isUndefined(o, data: data) { return .failed(.undefined, m: m, s: s) }
        let mPrime = Double(positiveIn.count)
        let rtsKind = ReducedLP.rtsKind(rts)
        let nr = d + 1 + (rtsKind == nil ? 0 : 1)
        let sPrime = Double(positive.count)
        let sense: OptimizationSense = orientation == .output ? .maximize : .minimize
        // Variables: Λ (one per column), S⁻, S⁺, t.
        func build(_ cols: [Int]) -> LinearProgram {
            let k = cols.count, nv = k + m + s + 1, tIndex = k + m + s
            var A = Matrix(rows: nr, columns: nv)
            for (c, j) in cols.enumerated() {
                for t in 0..<d { A.storage[t + c * nr] = p[j * d + t] }
                if rtsKind != nil { A.storage[d + 1 + c * nr] = 1 }
            }
            for i in 0..<m { A.storage[i + (k + i) * nr] = 1 }
            for r in 0..<s { A.storage[m + r + (k + m + r) * nr] = -1 }
            for t in 0..<d { A.storage[t + tIndex * nr] = -p[o * d + t] }
            A.storage[d + tIndex * nr] = 1
            if rtsKind != nil { A.storage[d + 1 + tIndex * nr] = -1 }
            var objective = [Double](repeating: 0, count: nv)
            switch orientation {
            case .non:
                objective[tIndex] = 1
                for i in positiveIn { objective[k + i] = -1 / (mPrime * p[o * d + i]) }
                for r in positive { A.storage[d + (k + m + r) * nr] = 1 / (sPrime * p[o * d + m + r]) }
            case .input:
                objective[tIndex] = 1
                for i in positiveIn { objective[k + i] = -1 / (mPrime * p[o * d + i]) }
            case .output:
                for r in positive { objective[k + m + r] = 1 / (sPrime * p[o * d + m + r]) }
            }
            var kinds = [ConstraintKind](repeating: .equal, count: nr)
            if let rtsKind { kinds[d + 1] = rtsKind }
            var rhs = [Double](repeating: 0, count: nr)
            rhs[d] = 1
            return LinearProgram(sense: sense, objective: objective, constraintMatrix: A, rowKinds: kinds, rhs: rhs)
        }
        // The second stage: the first stage's program plus the row "primary part ⋚ its optimum",
        // maximising the sum of the slacks.
        func buildSecond(_ cols: [Int], primary: Double) -> LinearProgram {
            var lp = build(cols)
            let k = cols.count, nv = k + m + s + 1
            var B = Matrix(rows: nr + 1, columns: nv)
            for c in 0..<nv {
                for r in 0..<nr { B.storage[r + c * (nr + 1)] = lp.constraintMatrix.storage[r + c * nr] }
                if c >= k && c < k + m + s { B.storage[nr + c * (nr + 1)] = lp.objective[c] }
            }
            lp.constraintMatrix = B
            let tolerance = 1e-12 * max(1, abs(primary))
            lp.rowKinds.append(sense == .minimize ? .lessOrEqual : .greaterOrEqual)
            lp.rhs.append(sense == .minimize ? primary + tolerance : primary - tolerance)
            lp.sense = .maximize
            lp.objective = [Double](repeating: 0, count: nv)
            for c in k..<(k + m + s) { lp.objective[c] = 1 }
            return lp
        }
        func duals(_ solution: LPSolution) -> [Double] {
            Array(solution.rowDuals[0..<d]) + [rtsKind == nil ? 0 : solution.rowDuals[d + 1]]
        }
        var (solution, cols) = warm.solve("sbm", data: data, columns: columns, own: o, rts: rts, build: build, duals: duals)
        let status = UnitStatus(solution)
        guard status == .ok else { return .failed(status, m: m, s: s) }
        let value = solution.objectiveValue
        let rho: Double
        switch orientation {
        case .non, .input: rho = value
        case .output: rho = 1 / (1 + value)
        }
        if orientation != .non {
            let primary = value - (orientation == .input ? 1 : 0)   // −(1/m)ΣS⁻/x (input) or (1/s')ΣS⁺/y (output)
            let (phaseTwo, cols2) = warm.solve("sbm2", data: data, columns: columns, own: o, rts: rts, start: cols,
                                               build: { buildSecond($0, primary: primary) }, duals: duals)
            // Keep the first stage's point unless the second stage finds real slack (not round-off).
            let k = cols.count
            let before = (k..<(k + m + s)).reduce(0) { $0 + solution.x[$1] }
            if UnitStatus(phaseTwo) == .ok && phaseTwo.objectiveValue > before + 1e-9 { solution = phaseTwo; cols = cols2 }
        }
        let k = cols.count, tIndex = k + m + s
        let x = solution.x
        let t = x[tIndex]
        guard t > 1e-12, rho.isFinite else { return .failed(.numericalFailure, m: m, s: s) }
        var result = ProjectionScore(status: .ok, score: rho, inputSlacks: [], outputSlacks: [], inputTargets: [], outputTargets: [],
                                     peers: ReducedLP.peers(x, columns: cols, divisor: t))
        for i in 0..<m {
            let slack = max(0, x[k + i] / t) * data.inputScale[i]
            result.inputSlacks.append(slack)
            result.inputTargets.append(data.input(i, of: o) - slack)
        }
        for r in 0..<s {
            let slack = max(0, x[k + m + r] / t) * data.outputScale[r]
            result.outputSlacks.append(slack)
            result.outputTargets.append(data.output(r, of: o) + slack)
        }
        return result
    }

    func superScore(_ o: Int, data: DEAData, columns: [Int], warm: inout WarmStarts) -> ProjectionScore {
        let m = data.inputCount, s = data.outputCount, d = data.dimension, k = columns.count
        let p = data.profiles
        let positive = positiveOutputs(data, o)
        let positiveSet = Set(positive)
        let positiveIn = positiveInputs(data, o)
        let nv = k + m + s + 1, tIndex = k + m + s
        let rtsKind = ReducedLP.rtsKind(rts)
        // Rows: inputs, outputs, ψᵣ ≤ t (one per output), normalisation, RTS.
        let normRow = d + s
        let nr = normRow + 1 + (rtsKind == nil ? 0 : 1)
        var A = Matrix(rows: nr, columns: nv)
        for (c, j) in columns.enumerated() {
            for t in 0..<d { A.storage[t + c * nr] = p[j * d + t] }
            if rtsKind != nil { A.storage[normRow + 1 + c * nr] = 1 }
        }
        for i in 0..<m { A.storage[i + (k + i) * nr] = -p[o * d + i] }
        for r in 0..<s {
            A.storage[m + r + (k + m + r) * nr] = p[o * d + m + r]
            A.storage[d + r + (k + m + r) * nr] = 1
            A.storage[d + r + tIndex * nr] = -1
        }
        for t in 0..<d { A.storage[t + tIndex * nr] = -p[o * d + t] }
        A.storage[normRow + tIndex * nr] = 1
        if rtsKind != nil { A.storage[normRow + 1 + tIndex * nr] = -1 }
        var kinds = [ConstraintKind](repeating: .lessOrEqual, count: nr)
        for r in 0..<s { kinds[m + r] = .greaterOrEqual }
        kinds[normRow] = .equal
        if let rtsKind { kinds[normRow + 1] = rtsKind }
        var rhs = [Double](repeating: 0, count: nr)
        rhs[normRow] = 1
        var objective = [Double](repeating: 0, count: nv)
        var upper = [Double](repeating: .infinity, count: nv)
        let sPrime = Double(positive.count)
        for r in 0..<s where !positiveSet.contains(r) || orientation == .input { upper[k + m + r] = 0 }
        if orientation == .output {
            for i in 0..<m { upper[k + i] = 0 }
            for r in positive { objective[k + m + r] = 1 / sPrime }
        } else {
            // A zero input has x̄ᵢ = xᵢₒ(1 + φᵢ) = 0 whatever φᵢ: left out of the mean (m').
            objective[tIndex] = 1
            for i in 0..<m where !positiveIn.contains(i) { upper[k + i] = 0 }
            for i in positiveIn { objective[k + i] = 1 / Double(positiveIn.count) }
        }
        if orientation == .non {
            for r in positive { A.storage[normRow + (k + m + r) * nr] = -1 / sPrime }
        }
        let lp = LinearProgram(sense: .minimize, objective: objective, constraintMatrix: A, rowKinds: kinds, rhs: rhs,
                               upperBounds: upper)
        let solution = warm.solve(lp, kind: "supersbm")
        let status = UnitStatus(solution)
        guard status == .ok else { return .failed(status, m: m, s: s) }
        let x = solution.x, t = x[tIndex]
        let delta = orientation == .output ? 1 / (1 - solution.objectiveValue) : solution.objectiveValue
        guard t > 1e-12, delta.isFinite, delta > 0 else { return .failed(.numericalFailure, m: m, s: s) }
        var result = ProjectionScore(status: .ok, score: delta, inputSlacks: [], outputSlacks: [], inputTargets: [], outputTargets: [],
                                     peers: ReducedLP.peers(x, columns: columns, divisor: t), isSuper: true)
        for i in 0..<m {
            let xo = data.input(i, of: o)
            let target = xo * (1 + max(0, x[k + i] / t))
            result.inputTargets.append(target)
            result.inputSlacks.append(xo - target)
        }
        for r in 0..<s {
            let yo = data.output(r, of: o)
            let target = yo * (1 - min(1, max(0, x[k + m + r] / t)))
            result.outputTargets.append(target)
            result.outputSlacks.append(target - yo)
        }
        return result
    }
}
