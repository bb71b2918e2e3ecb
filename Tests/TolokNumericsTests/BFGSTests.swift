import Testing
@testable import TolokNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct BFGSTests {
    /// Rosenbrock's function in n dimensions (chained form) with its gradient.
    static func rosenbrock(_ x: [Double], _ g: inout [Double]) -> Double {
        var f = 0.0
        for i in 0..<x.count { g[i] = 0 }
        for i in 0..<(x.count - 1) {
            let a = x[i + 1] - x[i] * x[i]
            let b = 1 - x[i]
            f += 100 * a * a + b * b
            g[i] += -400 * x[i] * a - 2 * b
            g[i + 1] += 200 * a
        }
        return f
    }

    @Test func rosenbrock2D() {
        let r = BFGSMinimizer().minimize(start: [-1.2, 1], objective: Self.rosenbrock)
        #expect(r.status == .converged)
        #expect(abs(r.x[0] - 1) < 1e-7 && abs(r.x[1] - 1) < 1e-7, "\(r.x)")
        #expect(r.value < 1e-14)
        #expect(r.iterations < 60, "iterations \(r.iterations)")
    }

    @Test func rosenbrock10D() {
        var start = [Double](repeating: -1, count: 10)
        start[9] = 1
        let r = BFGSMinimizer().minimize(start: start, objective: Self.rosenbrock)
        #expect(r.status == .converged)
        for v in r.x { #expect(abs(v - 1) < 1e-6) }
    }

    @Test func illConditionedQuadratic() {
        // f = ½ (x − c)ᵀ A (x − c) with A = diag(1, 10, …, 10⁵) rotated: exact minimum c.
        let n = 6
        let c: [Double] = [1, -2, 3, -4, 5, -6]
        var a = Matrix(rows: n, columns: n)
        for i in 0..<n { a[i, i] = pow(10, Double(i)) }
        for i in 0..<(n - 1) { a[i, i + 1] = 0.3 * a[i, i]; a[i + 1, i] = 0.3 * a[i, i] }
        let objective: ObjectiveWithGradient = { x, g in
            var f = 0.0
            for i in 0..<n {
                var t = 0.0
                for j in 0..<n { t += a[i, j] * (x[j] - c[j]) }
                g[i] = t
                f += 0.5 * (x[i] - c[i]) * t
            }
            return f
        }
        let r = BFGSMinimizer().minimize(start: [Double](repeating: 0, count: n), objective: objective)
        #expect(r.status == .converged)
        for i in 0..<n { #expect(abs(r.x[i] - c[i]) < 1e-8 * max(1, abs(c[i])), "x[\(i)] = \(r.x[i])") }
    }

    @Test func nanOutsideTheDomainIsBacktracked() {
        // f(x) = x − ln x on x > 0, minimum at 1; a first step from 10 lands at x < 0 (NaN).
        let objective: ObjectiveWithGradient = { x, g in
            g[0] = 1 - 1 / x[0]
            return x[0] - log(x[0])
        }
        let opts = BFGSOptions(initialStepLength: 50)
        let r = BFGSMinimizer(options: opts).minimize(start: [10], objective: objective)
        #expect(r.status == .converged)
        #expect(abs(r.x[0] - 1) < 1e-7)
    }

    @Test func statusesAreReported() {
        let nanStart = BFGSMinimizer().minimize(start: [0]) { _, g in g[0] = .nan; return .nan }
        #expect(nanStart.status == .nonFinite)

        let limited = BFGSMinimizer(options: BFGSOptions(maxIterations: 3))
            .minimize(start: [-1.2, 1], objective: Self.rosenbrock)
        #expect(limited.status == .iterationLimit && limited.iterations == 3)

        // A gradient with the wrong sign: no descent is ever possible.
        let wrong = BFGSMinimizer().minimize(start: [3]) { x, g in
            g[0] = -2 * x[0]
            return x[0] * x[0]
        }
        #expect(wrong.status == .lineSearchFailed)
        #expect(wrong.x == [3])

        // Unbounded below along a ray: f = −x, the search runs into the iteration limit.
        let unbounded = BFGSMinimizer(options: BFGSOptions(maxIterations: 50)).minimize(start: [0]) { x, g in
            g[0] = -1
            return -x[0]
        }
        #expect(unbounded.status != .converged)
    }

    @Test func numericalHessianOfRosenbrock() {
        let h = NumericalDerivatives.hessian(at: [1, 1], gradient: Self.rosenbrock)
        #expect(abs(h[0, 0] - 802) < 1e-5 && abs(h[1, 1] - 200) < 1e-5)
        #expect(abs(h[0, 1] + 400) < 1e-5 && h[0, 1] == h[1, 0])
        let x: [Double] = [-0.7, 0.4, 1.3]
        var g = [0.0, 0.0, 0.0]
        _ = Self.rosenbrock(x, &g)
        let fd = NumericalDerivatives.gradient(at: x) { v in
            var dummy = [0.0, 0.0, 0.0]
            return Self.rosenbrock(v, &dummy)
        }
        for i in 0..<3 { #expect(abs(fd[i] - g[i]) < 1e-6 * max(1, abs(g[i]))) }
    }
}
