import Testing
@testable import TolokNumerics

/// The simplex solver against ≥ 200 LPs whose answers come from scipy's HiGHS, cross-checked
/// (see `scripts/generate_lp_fixtures.py`). For every fixture: the status must match; for
/// optimal ones the objective must agree to 1e-7 relative (|Δ| ≤ 1e-7·|ref|, no floor), and the
/// solution must be primal feasible, dual feasible and complementary, with no duality gap
/// (relative 1e-7 for feasibility, 1e-6 for the gap), all in the original units.
@Suite("LP fixtures") struct LPFixtureTests {
    static let objectiveTolerance = 1e-7

    @Test(arguments: ["random.json", "dea.json", "structure.json", "status.json"])
    func fixturesAgreeWithHiGHS(file: String) throws {
        let fixtures = try LPTestSupport.fixtures(file)
        #expect(!fixtures.isEmpty)
        let solver = SimplexSolver()
        var maxError = 0.0
        var iterations = 0
        for f in fixtures {
            let lp = f.program
            let s = solver.solve(lp)
            iterations += s.iterations
            #expect(s.status.rawValue == f.status, "\(f.name): status \(s.status) (\(s.message ?? "")), expected \(f.status)")
            guard s.status == .optimal, f.status == "optimal", let ref = f.objective else { continue }
            // Relative to |ref| itself (no floor at 1): DEA scores of 1e-9 must be right too.
            let err = ref == 0 ? abs(s.objectiveValue) : abs(s.objectiveValue - ref) / abs(ref)
            maxError = max(maxError, err)
            #expect(err <= Self.objectiveTolerance, "\(f.name): objective \(s.objectiveValue), HiGHS \(ref)")
            let violations = LPTestSupport.optimalityViolations(lp, s)
            #expect(violations.isEmpty, "\(f.name): \(violations.prefix(3).joined(separator: "; "))")
        }
        print("LP fixtures \(file): \(fixtures.count) problems, max relative objective error \(maxError), \(iterations) iterations")
    }
}
