import Foundation
import Testing
@testable import TolokNumerics

/// Warm starts across a sequence of DEA envelopment LPs (one per unit, same matrix except the
/// unit's own column/right-hand side) must reproduce the cold optima with fewer iterations.
@Suite("LP warm starts") struct WarmStartTests {
    /// Deterministic synthetic DEA data (SplitMix64): inputs U(10, 100), outputs a noisy
    /// Cobb–Douglas function of the inputs.
    static func data(units n: Int, inputs m: Int, outputs s: Int, seed: UInt64) -> ([[Double]], [[Double]]) {
        var state = seed
        func uniform() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53)
        }
        var x: [[Double]] = [], y: [[Double]] = []
        for _ in 0..<n {
            let xi = (0..<m).map { _ in 10 + 90 * uniform() }
            var q = 1.0
            for v in xi { q *= pow(v, 0.8 / Double(m)) }
            let eff = 0.5 + 0.5 * uniform()
            y.append((0..<s).map { _ in q * eff * (0.2 + uniform()) })
            x.append(xi)
        }
        return (x, y)
    }

    /// Envelopment LP for unit o: variables [score, λ₁ … λₙ].
    static func envelopment(x: [[Double]], y: [[Double]], unit o: Int, vrs: Bool, inputOriented: Bool) -> LinearProgram {
        let n = x.count, m = x[0].count, s = y[0].count
        let rows = m + s + (vrs ? 1 : 0)
        var a = Matrix(rows: rows, columns: n + 1)
        var b = [Double](repeating: 0, count: rows)
        for j in 0..<n {
            for i in 0..<m { a[i, j + 1] = x[j][i] }
            for r in 0..<s { a[m + r, j + 1] = y[j][r] }
            if vrs { a[m + s, j + 1] = 1 }
        }
        if inputOriented {
            for i in 0..<m { a[i, 0] = -x[o][i] }
            for r in 0..<s { b[m + r] = y[o][r] }
        } else {
            for r in 0..<s { a[m + r, 0] = -y[o][r] }
            for i in 0..<m { b[i] = x[o][i] }
        }
        if vrs { b[m + s] = 1 }
        var c = [Double](repeating: 0, count: n + 1)
        c[0] = 1
        var lower = [Double](repeating: 0, count: n + 1)
        lower[0] = -.infinity
        let kinds = Array(repeating: ConstraintKind.lessOrEqual, count: m)
            + Array(repeating: .greaterOrEqual, count: s) + (vrs ? [.equal] : [])
        return LinearProgram(
            sense: inputOriented ? .minimize : .maximize, objective: c, constraintMatrix: a,
            rowKinds: kinds, rhs: b, lowerBounds: lower)
    }

    @Test(arguments: [(false, true), (true, true), (false, false), (true, false)])
    func sequenceOfDEAProblems(vrs: Bool, inputOriented: Bool) {
        let (x, y) = Self.data(units: 60, inputs: 3, outputs: 2, seed: 20_240_601)
        let solver = SimplexSolver()
        var cold = 0, warm = 0
        var basis: Basis? = nil
        for o in 0..<x.count {
            let lp = Self.envelopment(x: x, y: y, unit: o, vrs: vrs, inputOriented: inputOriented)
            let c = solver.solve(lp)
            let w = solver.solve(lp, warmStart: basis)
            #expect(c.status == .optimal && w.status == .optimal, "unit \(o): \(c.status) \(w.status)")
            #expect(abs(c.objectiveValue - w.objectiveValue) <= 1e-9 * max(1, abs(c.objectiveValue)),
                    "unit \(o): cold \(c.objectiveValue), warm \(w.objectiveValue)")
            #expect(LPTestSupport.optimalityViolations(lp, w).isEmpty)
            cold += c.iterations
            warm += w.iterations
            basis = w.basis
        }
        print("warm starts (vrs \(vrs), input \(inputOriented)): cold \(cold) iterations, warm \(warm)")
        #expect(warm < cold)
    }

    /// General LPs (equality rows, free and bounded variables, infeasible and unbounded ones):
    /// after perturbing b and the bounds, a solve warm-started from the unperturbed optimal basis
    /// must reach the same status and objective as a cold solve.
    @Test(arguments: ["structure.json", "random.json", "status.json"])
    func perturbedFixturesAgreeWarmAndCold(file: String) throws {
        let solver = SimplexSolver()
        var k = 0.0
        for f in try LPTestSupport.fixtures(file) {
            var lp = f.program
            let first = solver.solve(lp)
            for i in 0..<lp.rhs.count {
                k += 1
                lp.rhs[i] += 0.05 * sin(k) * max(1, abs(lp.rhs[i]))
            }
            for j in 0..<lp.variableCount where lp.upperBounds[j] < .infinity && lp.upperBounds[j] > lp.lowerBounds[j] {
                lp.upperBounds[j] += 0.5
            }
            let cold = solver.solve(lp)
            let warm = solver.solve(lp, warmStart: first.basis)
            #expect(cold.status == warm.status, "\(f.name): cold \(cold.status), warm \(warm.status)")
            if cold.status == .optimal && warm.status == .optimal {
                let scale = max(1, abs(cold.objectiveValue))
                #expect(abs(cold.objectiveValue - warm.objectiveValue) <= 1e-8 * scale,
                        "\(f.name): cold \(cold.objectiveValue), warm \(warm.objectiveValue)")
                #expect(LPTestSupport.optimalityViolations(lp, warm).isEmpty, "\(f.name)")
            }
        }
    }
}
