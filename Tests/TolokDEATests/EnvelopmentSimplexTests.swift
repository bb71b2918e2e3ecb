import Foundation
import Testing
import TolokNumerics
@testable import TolokDEAModel
@testable import TolokDEA

/// The small dense simplex of the DEA engine against the LP fixtures (HiGHS references) and
/// against the general ``SimplexSolver`` on random envelopment programs, cold and warm.
@Suite struct EnvelopmentSimplexTests {
    struct Fixture: Decodable {
        let name: String
        let sense: String
        let c: [Double]
        let A: [[Double]]
        let kinds: String
        let b: [Double]
        let lb: [Double?]
        let ub: [Double?]
        let status: String
        let objective: Double?
    }

    struct FixtureFile: Decodable { let problems: [Fixture] }

    static func fixtures() throws -> [Fixture] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../TolokNumericsTests/Fixtures/lp/dea.json")
        return try JSONDecoder().decode(FixtureFile.self, from: Data(contentsOf: url)).problems
    }

    /// Loads a program (row kinds L/G/E, bounds, sense) into a fresh simplex, each row divided
    /// by its largest |aᵢⱼ| (the fixtures hold raw data; the DEA engine feeds mean-scaled data,
    /// and the simplex's tolerances are absolute).
    static func load(_ f: Fixture) -> EnvelopmentSimplex {
        let signs: [Double] = f.kinds.map { $0 == "L" ? 1 : $0 == "G" ? -1 : 0 }
        let lp = EnvelopmentSimplex(signs: signs)
        let flip: Double = f.sense == "maximize" ? -1 : 1
        let rowScale = f.A.map { row in row.map(abs).max().map { $0 > 0 ? $0 : 1 } ?? 1 }
        for (r, v) in f.b.enumerated() { lp.setRHS(r, v / rowScale[r]) }
        for j in 0..<f.c.count {
            let column = f.A.indices.map { f.A[$0][j] / rowScale[$0] }
            column.withUnsafeBufferPointer {
                _ = lp.addColumn($0, cost: flip * f.c[j], lower: f.lb[j] ?? -.infinity, upper: f.ub[j] ?? .infinity)
            }
        }
        return lp
    }

    @Test func agreesWithHiGHSOnTheDEAFixtures() throws {
        for f in try Self.fixtures() {
            let lp = Self.load(f)
            let status = lp.solve()
            let flip: Double = f.sense == "maximize" ? -1 : 1
            // Raw data spanning ten orders of magnitude: the engine may give up (the DEA
            // workspace then falls back to the general solver) but must not report a wrong optimum.
            if f.name.hasPrefix("dea_extreme") && status != .optimal && status != .infeasible { continue }
            switch f.status {
            case "optimal":
                #expect(status == .optimal, "\(f.name)")
                if let objective = f.objective, status == .optimal {
                    let tolerance = f.name.hasPrefix("dea_extreme") ? 1e-6 : 1e-7 * max(1, abs(objective))
                    #expect(abs(flip * lp.objective - objective) <= tolerance, "\(f.name): \(flip * lp.objective) vs \(objective)")
                }
            case "infeasible":
                #expect(status == .infeasible, "\(f.name)")
            case "unbounded":
                #expect(status == .unbounded, "\(f.name)")
            default:
                Issue.record("\(f.name): fixture status \(f.status) is not one this test knows")
            }
        }
    }

    /// A random envelopment program: rows are m inputs (≤), s outputs (≥) and an RTS row; the
    /// columns are a free radial factor and k λ ≥ 0, some of them fixed at 0.
    static func randomProgram(_ rng: inout SeededGenerator, m: Int, s: Int, k: Int, rts: ReturnsToScale,
                              output: Bool) -> (signs: [Double], columns: [[Double]], cost: [Double], lower: [Double], upper: [Double], rhs: [Double]) {
        var signs = [Double](repeating: 1, count: m) + [Double](repeating: -1, count: s)
        switch rts {
        case .crs: break
        case .vrs: signs.append(0)
        case .nirs: signs.append(1)
        case .ndrs: signs.append(-1)
        }
        let rows = signs.count
        // Units with some zeros and ties, as in real data.
        var units: [[Double]] = (0..<k).map { _ in
            (0..<(m + s)).map { _ in rng.uniform() < 0.05 ? 0 : (rng.uniform() < 0.1 ? 1 : 0.1 + 2 * rng.uniform()) }
        }
        let o = units[Int(rng.uniform() * Double(k)) % k]
        if rng.uniform() < 0.3 { units.append(units[0]) }  // a duplicate column
        var columns: [[Double]] = []
        var radial = [Double](repeating: 0, count: rows)
        var rhs = [Double](repeating: 0, count: rows)
        for t in 0..<(m + s) {
            if output { if t < m { rhs[t] = o[t] } else { radial[t] = -o[t] } }
            else { if t < m { radial[t] = -o[t] } else { rhs[t] = o[t] } }
        }
        if rts != .crs { rhs[m + s] = 1 }
        columns.append(radial)
        for u in units { columns.append(u + (rts == .crs ? [] : [1])) }
        var cost = [Double](repeating: 0, count: columns.count)
        cost[0] = output ? -1 : 1
        var lower = [Double](repeating: 0, count: columns.count)
        lower[0] = -.infinity
        var upper = [Double](repeating: .infinity, count: columns.count)
        for c in 1..<columns.count where rng.uniform() < 0.1 { upper[c] = 0 }
        return (signs, columns, cost, lower, upper, rhs)
    }

    @Test(arguments: ReturnsToScale.allCases)
    func agreesWithTheGeneralSolverColdAndWarm(rts: ReturnsToScale) {
        var rng = SeededGenerator(seed: 42)
        var solver = SimplexOptions()
        solver.scaling = .none
        let general = SimplexSolver(options: solver)
        for trial in 0..<300 {
            let m = 1 + trial % 4, s = 1 + (trial / 4) % 4
            let k = 2 + Int(rng.uniform() * 40)
            let p = Self.randomProgram(&rng, m: m, s: s, k: k, rts: rts, output: trial % 2 == 1)
            let lp = EnvelopmentSimplex(signs: p.signs)
            for (r, v) in p.rhs.enumerated() { lp.setRHS(r, v) }
            for (j, column) in p.columns.enumerated() {
                column.withUnsafeBufferPointer { _ = lp.addColumn($0, cost: p.cost[j], lower: p.lower[j], upper: p.upper[j]) }
            }
            let reference = general.solve(lp.linearProgram())
            // Cold, then warm from a scrambled basis of the same program.
            for attempt in 0..<2 {
                if attempt == 1 {
                    for j in 0..<lp.columnCount { lp.setBasic(j, rng.uniform() < 0.4) }
                }
                let status = lp.solve()
                switch reference.status {
                case .optimal:
                    #expect(status == .optimal, "trial \(trial) attempt \(attempt)")
                    guard status == .optimal else { continue }
                    #expect(abs(lp.objective - reference.objectiveValue) <= 1e-8 * max(1, abs(reference.objectiveValue)),
                            "trial \(trial): \(lp.objective) vs \(reference.objectiveValue)")
                    // Primal feasibility and dual feasibility (reduced costs) of the returned point.
                    for r in 0..<lp.rows {
                        var activity = 0.0
                        for j in 0..<lp.columnCount { activity += lp.entry(r, j) * lp.x(j) }
                        #expect(abs(activity - lp.rhsOf(r)) <= 1e-8, "trial \(trial) row \(r)")
                    }
                    for j in 0..<lp.columnCount {
                        let (l, u) = lp.bounds(j)
                        #expect(lp.x(j) >= l - 1e-8 && lp.x(j) <= u + 1e-8, "trial \(trial) column \(j)")
                        var d = lp.costOf(j)
                        for r in 0..<lp.rows { d -= lp.y(r) * lp.entry(r, j) }
                        if l < u && !lp.isBasic(j) {
                            if lp.x(j) <= l + 1e-9 && l > -.infinity { #expect(d >= -1e-8, "trial \(trial) column \(j) d \(d)") }
                            else if lp.x(j) >= u - 1e-9 && u < .infinity { #expect(d <= 1e-8, "trial \(trial) column \(j) d \(d)") }
                            else { #expect(abs(d) <= 1e-8, "trial \(trial) column \(j) d \(d)") }
                        }
                    }
                case .infeasible:
                    #expect(status == .infeasible, "trial \(trial) attempt \(attempt)")
                case .unbounded:
                    #expect(status == .unbounded, "trial \(trial) attempt \(attempt)")
                case .iterationLimit, .numericalFailure, .invalidInput:
                    Issue.record("trial \(trial): the reference solver ended \(reference.status), so the program cannot be checked")
                }
            }
        }
    }

    /// With a cutoff, the solve may stop early, but only at a primal feasible point whose
    /// objective is below the cutoff.
    @Test func cutoffStopsOnlyAtFeasiblePointsBelowIt() {
        var rng = SeededGenerator(seed: 7)
        var stopped = 0
        for trial in 0..<200 {
            let p = Self.randomProgram(&rng, m: 3, s: 3, k: 30, rts: .crs, output: false)
            let lp = EnvelopmentSimplex(signs: p.signs)
            for (r, v) in p.rhs.enumerated() { lp.setRHS(r, v) }
            for (j, column) in p.columns.enumerated() {
                column.withUnsafeBufferPointer { _ = lp.addColumn($0, cost: p.cost[j], lower: p.lower[j], upper: p.upper[j]) }
            }
            guard lp.solve() == .optimal else { continue }
            let optimum = lp.objective
            lp.resetBasis()
            let cutoff = optimum + 0.05
            let status = lp.solve(cutoff: cutoff)
            #expect(status == .cutoff || status == .optimal, "trial \(trial)")
            if status == .cutoff {
                stopped += 1
                #expect(lp.objective < cutoff && lp.objective >= optimum - 1e-9, "trial \(trial)")
                for r in 0..<lp.rows {
                    var activity = 0.0
                    for j in 0..<lp.columnCount { activity += lp.entry(r, j) * lp.x(j) }
                    #expect(abs(activity - lp.rhsOf(r)) <= 1e-8, "trial \(trial) row \(r)")
                }
                for j in 0..<lp.columnCount {
                    let (l, u) = lp.bounds(j)
                    #expect(lp.x(j) >= l - 1e-8 && lp.x(j) <= u + 1e-8, "trial \(trial) column \(j)")
                }
            }
        }
        #expect(stopped > 0)
    }
}
