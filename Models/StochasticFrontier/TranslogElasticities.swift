import Foundation
import TolokNumerics

/// Output elasticities of a translog frontier, per unit and at the sample mean, with
/// delta-method standard errors, and the monotonicity and curvature of the fitted technology.
///
/// With lⱼ = ln xⱼ and the frontier
///
///     ln y = β₀ + Σⱼ βⱼ lⱼ + ½ Σⱼ βⱼⱼ lⱼ² + Σ_{j<k} βⱼₖ lⱼ lₖ   (squares halved),
///
/// the elasticity of y with respect to xₖ is linear in β,
///
///     εₖ = ∂ln y/∂lₖ = βₖ + βₖₖ lₖ + Σ_{j≠k} βⱼₖ lⱼ = gₖᵀβ,
///
/// so its delta-method variance is exact: Var(εₖ) = gₖᵀ V gₖ with V the covariance of β̂
/// (Greene, *Econometric Analysis*, 7th ed., §4.6). The scale elasticity is Σₖ εₖ with
/// gradient Σₖ gₖ. "At the sample mean" evaluates at the mean of the lⱼ (the geometric mean of
/// the xⱼ), as micEcon's `translogEla` does when given those values.
///
/// **Monotonicity** holds at a unit when every εₖ ≥ 0. **Concavity** of f(x) = exp(ln y) in the
/// levels x holds at a unit when the Hessian ∂²y/∂xⱼ∂xₖ = (y/(xⱼxₖ))·(βⱼₖ + εⱼεₖ − δⱼₖεⱼ) is
/// negative semidefinite; since y/(xⱼxₖ) is a positive diagonal congruence, that is the same
/// as Mⱼₖ = βⱼₖ + εⱼεₖ − δⱼₖεⱼ being NSD (differentiate y = exp(ln y) twice in x). A
/// standard error whose quadratic form is negative (V not positive semidefinite) is NaN.
public struct TranslogElasticities: Sendable {
    /// Indices into β of the first-order terms βₖ and of the second-order terms βⱼₖ
    /// (`secondOrder[j][k]`, symmetric; the diagonal is the coefficient of ½lⱼ²).
    public struct Layout: Sendable {
        public let firstOrder: [Int]
        public let secondOrder: [[Int]]
        public init(firstOrder: [Int], secondOrder: [[Int]]) {
            self.firstOrder = firstOrder
            self.secondOrder = secondOrder
        }
    }

    /// εₖ per unit: `elasticity[k][i]`.
    public let elasticity: [[Double]]
    /// Their standard errors (nil without a covariance matrix).
    public let standardError: [[Double]]?
    /// Σₖ εₖ per unit.
    public let scale: [Double]
    public let scaleStandardError: [Double]?
    /// εₖ and Σₖ εₖ at the mean of the logs.
    public let atMean: [Double]
    public let atMeanStandardError: [Double]?
    public let scaleAtMean: Double
    public let scaleAtMeanStandardError: Double?
    /// Units where every εₖ ≥ 0.
    public let monotoneUnits: Int
    /// Units where M is negative semidefinite (concave in levels).
    public let concaveUnits: Int
    /// Whether M is NSD at the mean of the logs.
    public let concaveAtMean: Bool

    /// - Parameters:
    ///   - logs: lₖ per unit, one array per input (`logs[k][i]`), all of the same length.
    ///   - beta: β̂, indexed by `layout`.
    ///   - covariance: Cov(β̂) in the same indexing, or nil (no standard errors).
    public init(logs: [[Double]], beta: [Double], covariance: Matrix?, layout: Layout) throws {
        let k = logs.count
        precondition(layout.firstOrder.count == k && layout.secondOrder.count == k, "layout does not match the inputs")
        let n = logs.first?.count ?? 0

        // The gradient gₖ of εₖ at the point l, as (index, weight) pairs.
        func gradient(_ input: Int, _ l: [Double]) -> [(Int, Double)] {
            var g = [(layout.firstOrder[input], 1.0)]
            for j in 0..<k { g.append((layout.secondOrder[j][input], l[j])) }
            return g
        }
        func value(_ g: [(Int, Double)]) -> Double { g.reduce(0) { $0 + beta[$1.0] * $1.1 } }
        func standardError(_ g: [(Int, Double)]) -> Double? {
            guard let covariance else { return nil }
            var v = 0.0
            for (a, wa) in g { for (b, wb) in g { v += wa * wb * covariance[a, b] } }
            return v >= 0 ? v.squareRoot() : nil
        }
        func concave(_ e: [Double]) throws -> Bool {
            var m = Matrix(rows: k, columns: k)
            for j in 0..<k {
                for h in 0..<k {
                    m[j, h] = beta[layout.secondOrder[j][h]] + e[j] * e[h] - (j == h ? e[j] : 0)
                }
            }
            return try SymmetricEigenvalues.isNegativeSemidefinite(m)
        }

        var elasticity = [[Double]](repeating: [Double](repeating: 0, count: n), count: k)
        var se = covariance == nil ? nil : elasticity
        var scale = [Double](repeating: 0, count: n)
        var scaleSE: [Double]? = covariance == nil ? nil : scale
        var monotone = 0, concaveCount = 0
        var l = [Double](repeating: 0, count: k)
        for i in 0..<n {
            for j in 0..<k { l[j] = logs[j][i] }
            var total = [(Int, Double)]()
            var e = [Double](repeating: 0, count: k)
            for input in 0..<k {
                let g = gradient(input, l)
                e[input] = value(g)
                elasticity[input][i] = e[input]
                se?[input][i] = standardError(g) ?? .nan
                total += g
            }
            scale[i] = e.reduce(0, +)
            scaleSE?[i] = standardError(total) ?? .nan
            if e.allSatisfy({ $0 >= 0 }) { monotone += 1 }
            if try concave(e) { concaveCount += 1 }
        }
        let mean = logs.map { $0.isEmpty ? 0 : $0.reduce(0, +) / Double($0.count) }
        var atMean = [Double](), atMeanSE = [Double](), total = [(Int, Double)]()
        for input in 0..<k {
            let g = gradient(input, mean)
            atMean.append(value(g))
            atMeanSE.append(standardError(g) ?? .nan)
            total += g
        }
        self.elasticity = elasticity
        self.standardError = se
        self.scale = scale
        self.scaleStandardError = scaleSE
        self.atMean = atMean
        self.atMeanStandardError = covariance == nil ? nil : atMeanSE
        self.scaleAtMean = atMean.reduce(0, +)
        self.scaleAtMeanStandardError = standardError(total)
        self.monotoneUnits = monotone
        self.concaveUnits = concaveCount
        self.concaveAtMean = try concave(atMean)
    }
}
