import Testing
@testable import TolokNumerics

/// Black-box CCR input-oriented envelopment LPs on the raw Kao–Hwang (2008) insurance data
/// (values from 0.1 to 3.7e7), passed to the solver unscaled. HiGHS on the same unscaled LP
/// returns a wrong "optimal" 0.998410 for unit 1; the truth is 0.984001
/// (`Datasets/kao_hwang_2008.expected.csv`, column `independent_overall_ccr_input`).
@Suite("Kao–Hwang CCR LPs") struct KaoHwangLPTests {
    static let inputs = ["x1_operation_expenses", "x2_insurance_expenses"]
    static let outputs = ["y1_underwriting_profit", "y2_investment_profit"]

    struct Data {
        let x: [[Double]]   // units × inputs
        let y: [[Double]]   // units × outputs
        let expected: [Double]
    }

    static func load() throws -> Data {
        let rows = try LPTestSupport.csv("Datasets/kao_hwang_2008.csv")
        let exp = try LPTestSupport.csv("Datasets/kao_hwang_2008.expected.csv")
        let x = rows.map { r in inputs.map { Double(r[$0]!)! } }
        let y = rows.map { r in outputs.map { Double(r[$0]!)! } }
        let e = exp.map { Double($0["independent_overall_ccr_input"]!)! }
        return Data(x: x, y: y, expected: e)
    }

    /// min θ  s.t.  Σⱼ λⱼ xᵢⱼ − θ xᵢₒ ≤ 0,  Σⱼ λⱼ yᵣⱼ ≥ yᵣₒ,  λ ≥ 0, θ free. Variables [θ, λ₁ … λₙ].
    static func ccrInputLP(x: [[Double]], y: [[Double]], unit o: Int) -> LinearProgram {
        let n = x.count, mIn = x[0].count, s = y[0].count
        var a = Matrix(rows: mIn + s, columns: n + 1)
        for i in 0..<mIn {
            a[i, 0] = -x[o][i]
            for j in 0..<n { a[i, j + 1] = x[j][i] }
        }
        for r in 0..<s { for j in 0..<n { a[mIn + r, j + 1] = y[j][r] } }
        var c = [Double](repeating: 0, count: n + 1)
        c[0] = 1
        var lower = [Double](repeating: 0, count: n + 1)
        lower[0] = -.infinity
        return LinearProgram(
            sense: .minimize, objective: c, constraintMatrix: a,
            rowKinds: Array(repeating: .lessOrEqual, count: mIn) + Array(repeating: .greaterOrEqual, count: s),
            rhs: Array(repeating: 0, count: mIn) + y[o], lowerBounds: lower)
    }

    @Test func unitOneOnRawData() throws {
        let data = try Self.load()
        let s = SimplexSolver().solve(Self.ccrInputLP(x: data.x, y: data.y, unit: 0))
        #expect(s.status == .optimal)
        #expect(abs(s.objectiveValue - 0.984001) <= 1e-6, "θ₁ = \(s.objectiveValue)")
        #expect(abs(s.objectiveValue - 0.998410) > 1e-3)
        let v = LPTestSupport.optimalityViolations(Self.ccrInputLP(x: data.x, y: data.y, unit: 0), s)
        #expect(v.isEmpty, "\(v)")
    }

    @Test func allUnitsMatchReference() throws {
        let data = try Self.load()
        let solver = SimplexSolver()
        for o in 0..<data.x.count {
            let lp = Self.ccrInputLP(x: data.x, y: data.y, unit: o)
            let s = solver.solve(lp)
            #expect(s.status == .optimal, "unit \(o + 1): \(s.status)")
            #expect(abs(s.objectiveValue - data.expected[o]) <= 1e-6,
                    "unit \(o + 1): θ = \(s.objectiveValue), expected \(data.expected[o])")
            let v = LPTestSupport.optimalityViolations(lp, s)
            #expect(v.isEmpty, "unit \(o + 1): \(v)")
        }
    }

    @Test func warmStartsGiveSameOptimaWithFewerIterations() throws {
        let data = try Self.load()
        let solver = SimplexSolver()
        var cold = 0, warm = 0
        var basis: Basis? = nil
        for o in 0..<data.x.count {
            let lp = Self.ccrInputLP(x: data.x, y: data.y, unit: o)
            let c = solver.solve(lp)
            let w = solver.solve(lp, warmStart: basis)
            #expect(c.status == .optimal && w.status == .optimal)
            #expect(abs(c.objectiveValue - w.objectiveValue) <= 1e-9 * max(1, abs(c.objectiveValue)),
                    "unit \(o + 1): cold \(c.objectiveValue), warm \(w.objectiveValue)")
            cold += c.iterations
            warm += w.iterations
            basis = w.basis
        }
        print("Kao–Hwang CCR: cold \(cold) iterations, warm \(warm)")
        #expect(warm < cold)
    }
}
