import TolokNumerics

/// A log-likelihood with an analytic gradient (cross-section or panel).
protocol LogLikelihoodFunction: AnyObject {
    /// The scale used to normalise the objective (number of observations).
    var n: Int { get }
    /// ℓ(θ); when `gradient` is non-nil it receives ∇ℓ(θ).
    func evaluate(_ theta: [Double], gradient: UnsafeMutableBufferPointer<Double>?) -> Double
}

/// A frontier log-likelihood the result assembly can interpret.
protocol FrontierLikelihood: LogLikelihoodFunction {
    var layout: ParameterLayout { get }
    /// Predictions per observation, and per group (firm) for panels.
    func efficiencies(_ theta: [Double]) -> (units: FrontierEfficiencies, groups: FrontierEfficiencies?)
}

extension CrossSectionLikelihood: FrontierLikelihood {}

/// What the post-BFGS Newton phase established about the stopping point.
struct Verification {
    var theta: [Double]
    var logLikelihood: Double
    var maxAbsGradient: Double
    /// gᵀH⁻¹g for −ℓ/n (NaN when H is not positive definite).
    var decrement: Double
    var hessianPositiveDefinite: Bool
    /// (−∇²ℓ)⁻¹ when H is positive definite.
    var covariance: Matrix?
    var steps: Int
    var evaluations: Int
}

/// BFGS maximisation of ℓ (as minimisation of −ℓ/n) and the Newton verification phase.
struct Engine<L: LogLikelihoodFunction> {
    let likelihood: L

    /// −ℓ/n and its gradient, the objective handed to BFGS. Non-finite ℓ propagates (BFGS
    /// then treats the point as outside the domain).
    func objective() -> ObjectiveWithGradient {
        let lik = likelihood
        let scale = -1 / Double(lik.n)
        return { theta, g in
            let ll = g.withUnsafeMutableBufferPointer { lik.evaluate(theta, gradient: $0) }
            for i in g.indices { g[i] *= scale }
            return ll * scale
        }
    }

    /// BFGS from `start`. Without a supplied inverse Hessian, the inverse of the differenced
    /// Hessian at the start is used when it is positive definite (2p extra gradient
    /// evaluations, which repay themselves many times on badly scaled regressors).
    func maximize(start: [Double], initialInverseHessian: Matrix? = nil, options: BFGSOptions) -> OptimizationResult {
        let f = objective()
        var h0 = initialInverseHessian
        var extra = 0
        if h0 == nil {
            let h = NumericalDerivatives.hessian(at: start, gradient: f)
            extra = 2 * start.count
            h0 = try? CholeskyFactorization(h).inverse()
        }
        var r = BFGSMinimizer(options: options).minimize(start: start, initialInverseHessian: h0, objective: f)
        r.functionEvaluations += extra
        return r
    }

    /// The Hessian of −ℓ/n at θ from the analytic gradient: central differences
    /// (`NumericalDerivatives.hessian`, 2p gradient evaluations, error O(ε^{2/3})), or for
    /// `forward` one-sided differences (H[:, j] = (g(θ + h_j e_j) − g(θ))/h_j with
    /// h_j = √ε·max(|θ_j|, 1), p evaluations, error O(√ε)), symmetrised as (H + Hᵀ)/2
    /// (Nocedal & Wright 2006, §8.1). `g` is the gradient at θ.
    func hessian(at theta: [Double], gradient g: [Double], forward: Bool, objective f: ObjectiveWithGradient) -> Matrix {
        guard forward else { return NumericalDerivatives.hessian(at: theta, gradient: f) }
        let p = theta.count
        var h = Matrix(rows: p, columns: p)
        var shifted = theta
        var gPlus = [Double](repeating: 0, count: p)
        for j in 0..<p {
            let step = NumericalDerivatives.step(for: theta[j], relativeStep: Double.ulpOfOne.squareRoot())
            shifted[j] = theta[j] + step
            let value = f(shifted, &gPlus)
            shifted[j] = theta[j]
            for i in 0..<p { h[i, j] = value.isFinite ? (gPlus[i] - g[i]) / step : .nan }
        }
        for j in 0..<p {
            for i in 0..<j {
                let m = 0.5 * (h[i, j] + h[j, i])
                h[i, j] = m
                h[j, i] = m
            }
        }
        return h
    }

    /// Newton steps θ ← θ − t H⁻¹g with H the Hessian of −ℓ/n differenced from the analytic
    /// gradient (fixed during the steps, recomputed at the end), each accepted only if it
    /// does not increase −ℓ/n beyond rounding and lowers the decrement.
    func verify(_ search: OptimizationResult, options: StochasticFrontierOptions) -> Verification {
        let f = objective()
        let forward = likelihood.n >= options.largeSampleThreshold
        let p = search.x.count
        let n = Double(likelihood.n)
        var theta = search.x
        var g = [Double](repeating: 0, count: p)
        var value = f(theta, &g)
        var evaluations = 1
        guard value.isFinite, search.status != .nonFinite else {
            return Verification(theta: theta, logLikelihood: -value * n, maxAbsGradient: .nan, decrement: .nan,
                                hessianPositiveDefinite: false, covariance: nil, steps: 0, evaluations: evaluations)
        }
        var h = hessian(at: theta, gradient: g, forward: forward, objective: f)
        evaluations += forward ? p : 2 * p
        var decrement = Double.nan
        // The Hessian stays fixed during the steps: factor it once (nil when not positive definite).
        let factor = try? CholeskyFactorization(h)
        var direction: [Double]? = try? factor?.solve(g.map { -$0 })
        var steps = 0
        var moved = false
        let tol = options.newtonDecrementTolerance
        var gTrial = g
        while let d = direction, steps < options.maxNewtonSteps {
            decrement = -zip(g, d).reduce(0) { $0 + $1.0 * $1.1 }
            if decrement <= tol * max(1, abs(value)) * 1e-3 { break }
            var t = 1.0
            var accepted = false
            while t >= 1.0 / 64 {
                let trial = zip(theta, d).map { $0 + t * $1 }
                let v = f(trial, &gTrial)
                evaluations += 1
                if v.isFinite, gTrial.allSatisfy({ $0.isFinite }), v <= value + 4 * Double.ulpOfOne * max(1, abs(value)) {
                    if let dNew = try? factor?.solve(gTrial.map { -$0 }) {
                        let decNew = -zip(gTrial, dNew).reduce(0) { $0 + $1.0 * $1.1 }
                        if decNew < decrement || v < value {
                            theta = trial; value = v; g = gTrial; direction = dNew
                            accepted = true; moved = true
                            break
                        }
                    }
                }
                t *= 0.5
            }
            steps += 1
            if !accepted { break }
        }
        if moved {
            h = hessian(at: theta, gradient: g, forward: forward, objective: f)
            evaluations += forward ? p : 2 * p
        }
        var covariance: Matrix? = nil
        var pd = false
        if let inv = try? CholeskyFactorization(h).inverse() {
            pd = true
            var c = inv
            for i in 0..<(p * p) { c.storage[i] /= n }
            covariance = c
            var d = 0.0
            for i in 0..<p { for j in 0..<p { d += g[i] * inv[i, j] * g[j] } }
            decrement = d
        } else {
            decrement = .nan
        }
        let maxGrad = g.reduce(0) { max($0, abs($1)) } * n
        return Verification(theta: theta, logLikelihood: -value * n, maxAbsGradient: maxGrad, decrement: decrement,
                            hessianPositiveDefinite: pd, covariance: covariance, steps: steps, evaluations: evaluations)
    }
}
