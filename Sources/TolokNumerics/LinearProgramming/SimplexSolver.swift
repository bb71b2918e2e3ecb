/// A dense revised simplex solver for ``LinearProgram``s.
///
/// ```swift
/// let solver = SimplexSolver()
/// let first = solver.solve(lp)
/// lp.rhs = newRHS                                  // same shape, new data
/// let second = solver.solve(lp, warmStart: first.basis)
/// ```
///
/// Algorithm (see ``SimplexEngine`` for details and references): the program is scaled
/// (``LPScalingMode``), put into computational form with one logical variable per row, and solved
/// by a bounded-variable primal simplex method with a composite phase I (sum of
/// infeasibilities), Dantzig pricing, Harris's two-pass ratio test with bound flips, Bland's rule
/// after degenerate stalls, and a LAPACK LU basis factorisation with product-form updates and
/// periodic refactorisation. The solution, duals and reduced costs are mapped back to the
/// original program (see ``LPSolution`` for sign conventions).
///
/// The solver never traps on bad data: NaN/±∞ entries and shape mismatches give
/// ``LPStatus/invalidInput``; a lower bound above an upper bound gives ``LPStatus/infeasible``.
/// A solve allocates its working storage once (O(mn + m²)); iterations do not allocate.
/// `SimplexSolver` is a value type without shared state, so concurrent solves are safe (pin
/// OpenBLAS to one thread with ``BLASThreads`` when solving in parallel).
public struct SimplexSolver: Sendable {
    public var options: SimplexOptions

    public init(options: SimplexOptions = SimplexOptions()) {
        self.options = options
    }

    /// Solves `lp`, optionally starting from `warmStart` (a basis from a program with the same
    /// number of rows and columns, typically ``LPSolution/basis`` of a previous solve).
    public func solve(_ lp: LinearProgram, warmStart: Basis? = nil) -> LPSolution {
        do {
            try lp.validate()
        } catch {
            return LPSolution(
                status: .invalidInput, objectiveValue: .nan, x: [], rowActivities: [], rowDuals: [],
                reducedCosts: [], basis: nil, iterations: 0, phaseOneIterations: 0,
                maxPrimalViolation: .nan, message: error.description)
        }
        let m = lp.constraintCount, n = lp.variableCount
        let costSign: Double = lp.sense == .maximize ? -1 : 1

        if let j = (0..<n).first(where: { lp.lowerBounds[$0] > lp.upperBounds[$0] }) {
            var x = lp.lowerBounds.map { $0.isFinite ? $0 : 0 }
            for k in 0..<n where lp.upperBounds[k] < x[k] && lp.upperBounds[k] < lp.lowerBounds[k] {
                x[k] = lp.lowerBounds[k]
            }
            return finish(
                lp, status: .infeasible, x: x, y: Array(repeating: 0, count: m), basis: Basis.slack(for: lp),
                iterations: 0, phaseOne: 0,
                message: "lower bound \(lp.lowerBounds[j]) exceeds upper bound \(lp.upperBounds[j]) of x[\(j)]")
        }

        var scaling = LPScaling(lp: lp, mode: options.scaling)
        let engine = SimplexEngine(m: m, n: n, options: options)
        if !engine.load(lp, scaling: scaling, costSign: costSign) {
            scaling = .identity(rows: m, columns: n)
            engine.load(lp, scaling: scaling, costSign: costSign)
            engine.note = "scaling skipped: scaled data would overflow"
        }
        engine.install(warmStart)
        let outcome = engine.run()

        // Final duals for the phase-II costs of the final basis.
        for k in 0..<m { engine.y[k] = engine.cost[engine.head[k]] }
        engine.factor.btran(engine.y)

        var x = [Double](repeating: 0, count: n)
        for j in 0..<n { x[j] = engine.value[j] * scaling.rhs * scaling.column[j] }
        var y = [Double](repeating: 0, count: m)
        let yFactor = costSign / (scaling.cost * scaling.rhs)
        for i in 0..<m { y[i] = engine.y[i] * scaling.row[i] * yFactor }
        var structural = [Basis.VariableStatus](repeating: .atLower, count: n)
        for j in 0..<n { structural[j] = engine.status[j] }
        var rows = [Basis.VariableStatus](repeating: .basic, count: m)
        for i in 0..<m { rows[i] = engine.status[n + i] }
        // Basic values are exact; nonbasic values sit exactly on their (unscaled) bounds.
        for j in 0..<n where structural[j] != .basic {
            switch structural[j] {
            case .atLower: x[j] = lp.lowerBounds[j]
            case .atUpper: x[j] = lp.upperBounds[j]
            default: x[j] = 0
            }
        }
        var status: LPStatus
        switch outcome {
        case .optimal: status = .optimal
        case .infeasible: status = .infeasible
        case .unbounded: status = .unbounded
        case .iterationLimit: status = .iterationLimit
        case .numericalFailure: status = .numericalFailure
        }
        var message = engine.note
        if !x.allSatisfy(\.isFinite) || !y.allSatisfy(\.isFinite) {
            // Overflow inside the iteration (data near the limits of Double): never report it
            // as a result.
            status = .numericalFailure
            message = (message.map { $0 + "; " } ?? "") + "non-finite values in the solution (overflow)"
        }
        return finish(
            lp, status: status, x: x, y: y, basis: Basis(structural: structural, rows: rows),
            iterations: engine.iterations, phaseOne: engine.phaseOneIterations, message: message)
    }

    /// Computes objective, activities, reduced costs and the primal violation in original units.
    private func finish(
        _ lp: LinearProgram, status: LPStatus, x: [Double], y: [Double], basis: Basis,
        iterations: Int, phaseOne: Int, message: String?
    ) -> LPSolution {
        let m = lp.constraintCount, n = lp.variableCount
        let A = lp.constraintMatrix.storage
        var duals = y
        for i in 0..<m where basis.rows[i] == .basic { duals[i] = 0 }
        var activity = [Double](repeating: 0, count: m)
        var objective = 0.0
        var reduced = [Double](repeating: 0, count: n)
        for j in 0..<n {
            let xj = x[j]
            objective += lp.objective[j] * xj
            var dj = lp.objective[j]
            for i in 0..<m {
                let aij = A[i + j * m]
                activity[i] += aij * xj
                dj -= aij * duals[i]
            }
            reduced[j] = basis.structural[j] == .basic ? 0 : dj
        }
        var violation = 0.0
        for i in 0..<m {
            let r = activity[i], b = lp.rhs[i]
            switch lp.rowKinds[i] {
            case .lessOrEqual: violation = max(violation, r - b)
            case .greaterOrEqual: violation = max(violation, b - r)
            case .equal: violation = max(violation, abs(r - b))
            }
        }
        for j in 0..<n {
            violation = max(violation, lp.lowerBounds[j] - x[j], x[j] - lp.upperBounds[j])
        }
        return LPSolution(
            status: status, objectiveValue: objective, x: x, rowActivities: activity, rowDuals: duals,
            reducedCosts: reduced, basis: basis, iterations: iterations, phaseOneIterations: phaseOne,
            maxPrimalViolation: violation, message: message)
    }
}
