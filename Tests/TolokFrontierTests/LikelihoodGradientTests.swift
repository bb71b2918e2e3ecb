import Testing
import TolokNumerics
@testable import TolokFrontierModel
@testable import TolokFrontier

#if canImport(Glibc)
import Glibc
#endif

/// The analytic gradients of every cross-sectional log-likelihood against central
/// differences of the log-likelihood itself.
@Suite struct LikelihoodGradientTests {
    /// Deterministic pseudo-random numbers (LCG + Box–Muller).
    struct Rng {
        var state: UInt64
        mutating func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return (Double(state >> 11) + 0.5) / Double(1 << 53)
        }
        mutating func normal() -> Double {
            (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform())
        }
    }

    static func data(n: Int, seed: UInt64) -> (y: [Double], x: Matrix, z: Matrix) {
        var r = Rng(state: seed)
        var x1 = [Double](), x2 = [Double](), z = [Double](), y = [Double]()
        for _ in 0..<n {
            let a = r.normal(), b = r.normal(), c = r.uniform() < 0.4 ? 1.0 : 0.0
            x1.append(a); x2.append(b); z.append(c + 0.3 * r.normal())
            y.append(1 + 0.5 * a - 0.3 * b + 0.2 * r.normal() - abs(0.4 * r.normal()))
        }
        let ones = [Double](repeating: 1, count: n)
        return (y, Matrix(columns: [ones, x1, x2])!, Matrix(columns: [z])!)
    }

    func check(_ distribution: InefficiencyDistribution, sign: Double, hetU: Bool, hetV: Bool, hetMu: Bool,
               scaling: Bool = false) {
        let (y, x, z) = Self.data(n: 200, seed: 7)
        let lik = CrossSectionLikelihood(y: y, x: x, sign: sign, distribution: distribution,
                                         zMu: hetMu ? z : nil, zU: hetU ? z : nil, zV: hetV ? z : nil,
                                         zS: scaling ? z : nil)
        let p = lik.layout.count
        // A point away from the optimum, with every block non-trivial.
        var theta = [Double](repeating: 0, count: p)
        for j in 0..<p { theta[j] = 0.3 * sin(Double(j) + 1) }
        theta[lik.layout.u.lowerBound] = log(0.2)
        theta[lik.layout.v.lowerBound] = log(0.05)
        if lik.layout.kMu > 0 { theta[lik.layout.mu.lowerBound] = -0.4 }
        var g = [Double](repeating: 0, count: p)
        let ll = g.withUnsafeMutableBufferPointer { lik.evaluate(theta, gradient: $0) }
        #expect(ll.isFinite)
        #expect(ll == lik.evaluate(theta, gradient: nil), "value with and without gradient")
        let fd = NumericalDerivatives.gradient(at: theta) { lik.evaluate($0, gradient: nil) }
        for j in 0..<p {
            #expect(abs(g[j] - fd[j]) <= 1e-6 * max(1, abs(g[j])),
                    "\(distribution) S=\(sign) hetU=\(hetU) hetV=\(hetV) hetMu=\(hetMu) scaling=\(scaling): ∂ℓ/∂θ[\(j)] analytic \(g[j]) vs FD \(fd[j])")
        }
    }

    @Test(arguments: InefficiencyDistribution.allCases, [1.0, -1.0])
    func homoscedastic(_ d: InefficiencyDistribution, _ sign: Double) {
        check(d, sign: sign, hetU: false, hetV: false, hetMu: false)
    }

    @Test(arguments: InefficiencyDistribution.allCases, [1.0, -1.0])
    func heteroscedastic(_ d: InefficiencyDistribution, _ sign: Double) {
        check(d, sign: sign, hetU: true, hetV: false, hetMu: false)
        check(d, sign: sign, hetU: false, hetV: true, hetMu: false)
        check(d, sign: sign, hetU: true, hetV: true, hetMu: d == .truncatedNormal)
        if d == .truncatedNormal {
            check(d, sign: sign, hetU: false, hetV: false, hetMu: true)
            check(d, sign: sign, hetU: false, hetV: false, hetMu: false, scaling: true)
            check(d, sign: sign, hetU: false, hetV: true, hetMu: false, scaling: true)
        }
    }

    /// The parallel chunked loop gives the same value and gradient as one chunk would,
    /// bit for bit (fixed chunking and summation order).
    @Test func chunkedEvaluationIsDeterministic() {
        let (y, x, _) = Self.data(n: 3 * CrossSectionLikelihood.chunkSize + 17, seed: 11)
        let lik = CrossSectionLikelihood(y: y, x: x, sign: 1, distribution: .halfNormal, zMu: nil, zU: nil, zV: nil)
        let theta = [1.0, 0.5, -0.3, log(0.16), log(0.04)]
        var g1 = [Double](repeating: 0, count: 5), g2 = g1
        let a = g1.withUnsafeMutableBufferPointer { lik.evaluate(theta, gradient: $0) }
        let b = g2.withUnsafeMutableBufferPointer { lik.evaluate(theta, gradient: $0) }
        #expect(a == b && g1 == g2)
        // Against a plain serial sum of the per-unit terms.
        let c = NormalFamilyConstants(U: 0.16, V: 0.04, mu: 0, truncated: false)
        var serial = 0.0
        for i in 0..<y.count {
            let e = y[i] - theta[0] - theta[1] * x[i, 1] - theta[2] * x[i, 2]
            serial += c.term(e).ll
        }
        #expect(abs(a - serial) <= 1e-9 * abs(serial))
    }

    /// ℓ at μ = 0 of the truncated normal equals the half-normal ℓ (Stevenson nests ALS).
    @Test func truncatedNormalNestsHalfNormal() {
        let (y, x, _) = Self.data(n: 150, seed: 3)
        let hn = CrossSectionLikelihood(y: y, x: x, sign: 1, distribution: .halfNormal, zMu: nil, zU: nil, zV: nil)
        let tn = CrossSectionLikelihood(y: y, x: x, sign: 1, distribution: .truncatedNormal, zMu: nil, zU: nil, zV: nil)
        let a = hn.evaluate([1, 0.5, -0.3, log(0.16), log(0.04)], gradient: nil)
        let b = tn.evaluate([1, 0.5, -0.3, 0, log(0.16), log(0.04)], gradient: nil)
        #expect(abs(a - b) < 1e-10 * abs(a))
    }
}
