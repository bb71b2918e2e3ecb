import Testing
@testable import TolokNumerics

@Suite("Simplex solver") struct SimplexSolverTests {
    static func lp(
        _ sense: OptimizationSense = .minimize, c: [Double], rows: [[Double]], kinds: [ConstraintKind],
        b: [Double], lower: [Double]? = nil, upper: [Double]? = nil
    ) -> LinearProgram {
        let a = Matrix(rowMajor: rows) ?? Matrix(rows: 0, columns: c.count)
        return LinearProgram(
            sense: sense, objective: c, constraintMatrix: rows.isEmpty ? Matrix(rows: 0, columns: c.count) : a,
            rowKinds: kinds, rhs: b, lowerBounds: lower, upperBounds: upper)
    }

    /// Chvátal (1983), ch. 2: max 5x₁ + 4x₂ + 3x₃, optimum 13 at (2, 0, 1).
    static let chvatal = lp(
        .maximize, c: [5, 4, 3], rows: [[2, 3, 1], [4, 1, 2], [3, 4, 2]],
        kinds: [.lessOrEqual, .lessOrEqual, .lessOrEqual], b: [5, 11, 8])

    @Test func textbookMaximisation() {
        let s = SimplexSolver().solve(Self.chvatal)
        #expect(s.status == .optimal)
        #expect(abs(s.objectiveValue - 13) < 1e-12)
        #expect(zip(s.x, [2.0, 0, 1]).allSatisfy { abs($0 - $1) < 1e-12 })
        // y = ∂objective/∂b: a maximisation with binding ≤ rows has y ≥ 0.
        #expect(zip(s.rowDuals, [1.0, 0, 1]).allSatisfy { abs($0 - $1) < 1e-12 }, "\(s.rowDuals)")
        #expect(abs(s.reducedCosts[1] - (4 - 3 - 4)) < 1e-12)
        #expect(s.basis?.basicCount == 3)
        #expect(LPTestSupport.optimalityViolations(Self.chvatal, s).isEmpty)
    }

    @Test func dualsAreObjectiveSensitivities() {
        // Finite differences of the optimal value in b (the basis stays optimal for small steps).
        for sense in [OptimizationSense.minimize, .maximize] {
            var base = Self.lp(
                sense, c: sense == .minimize ? [2, 3, 1] : [-2, -3, -1],
                rows: [[1, 1, 1], [2, -1, 0], [0, 1, 3]], kinds: [.greaterOrEqual, .lessOrEqual, .equal],
                b: [4, 3, 5])
            let s0 = SimplexSolver().solve(base)
            #expect(s0.status == .optimal)
            for i in 0..<3 {
                let h = 1e-4
                base.rhs[i] += h
                let s1 = SimplexSolver().solve(base)
                base.rhs[i] -= h
                #expect(abs((s1.objectiveValue - s0.objectiveValue) / h - s0.rowDuals[i]) < 1e-7,
                        "\(sense) row \(i): dual \(s0.rowDuals[i])")
            }
        }
    }

    /// Beale's (1955) example cycles under Dantzig's rule with textbook tie-breaking.
    @Test func bealeCyclingExample() {
        let p = Self.lp(
            c: [-0.75, 20, -0.5, 6], rows: [[0.25, -8, -1, 9], [0.5, -12, -0.5, 3], [0, 0, 1, 0]],
            kinds: [.lessOrEqual, .lessOrEqual, .lessOrEqual], b: [0, 0, 1])
        for limit in [0, 1, 30] {
            var o = SimplexOptions()
            o.degenerateStallLimit = limit
            let s = SimplexSolver(options: o).solve(p)
            #expect(s.status == .optimal)
            #expect(abs(s.objectiveValue + 1.25) < 1e-12, "stall limit \(limit): \(s.objectiveValue)")
        }
    }

    /// The fixtures again with options that force rarely used paths: Bland's rule from the first
    /// degenerate step, refactorisation after every update or every other one, no scaling on the
    /// well-scaled files, and the textbook phase I without the objective term.
    @Test(arguments: [
        ("bland", "random.json"), ("bland", "structure.json"), ("bland", "status.json"),
        ("refactor1", "random.json"), ("refactor2", "structure.json"), ("refactor1", "dea.json"),
        ("noscale", "structure.json"), ("noscale", "status.json"),
        ("phase1pure", "random.json"), ("phase1pure", "status.json"), ("phase1pure", "dea.json"),
    ])
    func fixturesUnderStressOptions(mode: String, file: String) throws {
        var o = SimplexOptions()
        switch mode {
        case "bland": o.degenerateStallLimit = 0
        case "refactor1": o.refactorizationInterval = 1
        case "refactor2": o.refactorizationInterval = 2
        case "phase1pure": o.phaseOneObjectiveWeight = 0
        default: o.scaling = .none
        }
        let solver = SimplexSolver(options: o)
        for f in try LPTestSupport.fixtures(file) {
            let s = solver.solve(f.program)
            #expect(s.status.rawValue == f.status, "\(mode) \(f.name): \(s.status)")
            if s.status == .optimal, let ref = f.objective {
                #expect(abs(s.objectiveValue - ref) <= 1e-7 * max(1, abs(ref)), "\(mode) \(f.name)")
            }
        }
    }

    @Test func invalidInputIsAStatusNotATrap() {
        var p = Self.chvatal
        p.constraintMatrix[1, 1] = .nan
        var s = SimplexSolver().solve(p)
        #expect(s.status == .invalidInput)
        #expect(s.message?.contains("constraintMatrix[1, 1]") == true)
        #expect(s.objectiveValue.isNaN)

        p = Self.chvatal
        p.rhs[2] = .infinity
        #expect(SimplexSolver().solve(p).status == .invalidInput)
        p = Self.chvatal
        p.objective[0] = -.nan
        #expect(SimplexSolver().solve(p).status == .invalidInput)
        p = Self.chvatal
        p.lowerBounds[0] = .nan
        #expect(SimplexSolver().solve(p).status == .invalidInput)
        p = Self.chvatal
        p.upperBounds[0] = -.infinity
        #expect(SimplexSolver().solve(p).status == .invalidInput)
        p = Self.chvatal
        p.rhs.append(1)
        s = SimplexSolver().solve(p)
        #expect(s.status == .invalidInput)
        #expect(throws: LinearProgramError.self) { try p.validate() }
    }

    /// Data at the edges of the Double range must not trap; results stay finite or the status
    /// says why not.
    @Test func extremeMagnitudes() {
        for big in [1e300, 1e-300, 1e200, 1.7e308] {
            var p = Self.chvatal
            p.constraintMatrix[0, 0] = big
            p.rhs[1] = big
            let s = SimplexSolver().solve(p)
            #expect([.optimal, .numericalFailure].contains(s.status))
            if s.status == .optimal { #expect(s.x.allSatisfy(\.isFinite) && s.objectiveValue.isFinite) }
            var q = Self.chvatal
            q.objective = q.objective.map { $0 * big }
            let t = SimplexSolver().solve(q)
            if big * 5 < .infinity {
                #expect(t.status == .optimal)
                #expect(abs(t.objectiveValue / (13 * big) - 1) < 1e-12, "costs × \(big): \(t.objectiveValue)")
            } else {
                #expect(t.status == .invalidInput)   // 5 · 1.7e308 overflows in c
            }
        }
    }

    @Test func crossedBoundsAreInfeasible() {
        var p = Self.chvatal
        p.lowerBounds[2] = 3
        p.upperBounds[2] = 2
        let s = SimplexSolver().solve(p)
        #expect(s.status == .infeasible)
        #expect(s.message != nil)
    }

    @Test func noRowsAndNoColumns() {
        // m = 0: each variable goes to its better bound, or the LP is unbounded.
        var p = Self.lp(c: [1, -2, 0], rows: [], kinds: [], b: [], lower: [-1, 0, -.infinity], upper: [3, 5, .infinity])
        var s = SimplexSolver().solve(p)
        #expect(s.status == .optimal)
        #expect(abs(s.objectiveValue - (-1 - 10)) < 1e-12)
        p.objective[2] = 1
        s = SimplexSolver().solve(p)
        #expect(s.status == .unbounded)
        // n = 0: feasibility of 0 ⋈ b.
        let e = Matrix(rows: 2, columns: 0)
        s = SimplexSolver().solve(LinearProgram(objective: [], constraintMatrix: e, rowKinds: [.lessOrEqual, .greaterOrEqual], rhs: [1, -1]))
        #expect(s.status == .optimal && s.objectiveValue == 0)
        s = SimplexSolver().solve(LinearProgram(objective: [], constraintMatrix: e, rowKinds: [.lessOrEqual, .equal], rhs: [1, 2]))
        #expect(s.status == .infeasible)
    }

    @Test func redundantEqualitiesAndFreeVariables() {
        // Rank-deficient equalities (row 3 = row 1 + row 2) with free variables.
        let p = Self.lp(
            c: [1, 1, 1, 0], rows: [[1, 1, 0, 0], [0, 1, 1, 0], [1, 2, 1, 0], [1, 0, 0, 1]],
            kinds: [.equal, .equal, .equal, .greaterOrEqual], b: [2, 3, 5, 1],
            lower: [-.infinity, 0, -.infinity, -.infinity], upper: [.infinity, 4, .infinity, 0])
        let s = SimplexSolver().solve(p)
        #expect(s.status == .optimal)
        // x₁ = 2 − x₂, x₃ = 3 − x₂, objective 5 − x₂ with x₂ ≤ 4 and x₁ ≥ 1 (x₄ ≤ 0): x₂ = 1.
        #expect(abs(s.objectiveValue - 4) < 1e-10, "\(s.objectiveValue) \(s.x)")
        #expect(LPTestSupport.optimalityViolations(p, s).isEmpty)
    }

    @Test func iterationLimit() {
        var o = SimplexOptions()
        o.maxIterations = 1
        let s = SimplexSolver(options: o).solve(Self.chvatal)
        #expect(s.status == .iterationLimit)
        #expect(s.iterations == 1)
        #expect(s.basis != nil)
    }

    @Test func warmStartFromOptimalBasisNeedsNoIterations() {
        let s0 = SimplexSolver().solve(Self.chvatal)
        let s1 = SimplexSolver().solve(Self.chvatal, warmStart: s0.basis)
        #expect(s1.status == .optimal && s1.iterations == 0)
        #expect(abs(s1.objectiveValue - 13) < 1e-12)
    }

    @Test func badWarmStartsAreRepairedOrIgnored() {
        // Wrong shape: ignored, with a message.
        var wrong = Basis.slack(for: Self.chvatal)
        wrong.rows.append(.basic)
        var s = SimplexSolver().solve(Self.chvatal, warmStart: wrong)
        #expect(s.status == .optimal && abs(s.objectiveValue - 13) < 1e-12)
        #expect(s.message?.contains("ignored") == true)
        // Singular basis: two identical columns basic.
        let p = Self.lp(
            .maximize, c: [1, 1, 2], rows: [[1, 1, 1], [1, 1, 3], [0, 0, 1]],
            kinds: [.lessOrEqual, .lessOrEqual, .lessOrEqual], b: [4, 6, 1])
        let singular = Basis(structural: [.basic, .basic, .atLower], rows: [.basic, .atUpper, .atUpper])
        s = SimplexSolver().solve(p, warmStart: singular)
        #expect(s.status == .optimal && abs(s.objectiveValue - 5) < 1e-12, "\(s.objectiveValue) \(s.status)")
        // Too few basic variables and statuses at infinite bounds.
        let short = Basis(structural: [.atUpper, .free, .basic], rows: [.atLower, .atLower, .atLower])
        s = SimplexSolver().solve(p, warmStart: short)
        #expect(s.status == .optimal && abs(s.objectiveValue - 5) < 1e-12)
        #expect(s.basis?.basicCount == 3)
    }
}
