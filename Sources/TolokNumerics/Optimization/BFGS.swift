/// Quasi-Newton minimisation by BFGS with a strong-Wolfe line search.
///
/// References: Nocedal, J. & Wright, S. J. (2006), *Numerical Optimization*, 2nd ed.,
/// Springer — Algorithm 6.1 (BFGS), eq. (6.17) (inverse update), eq. (6.20) (initial
/// scaling H₀ = sᵀy/yᵀy · I), Algorithms 3.5–3.6 (strong-Wolfe bracketing and zoom) with the
/// safeguarded cubic interpolation of §3.5; Moré, J. J. & Thuente, D. J. (1994), "Line search
/// algorithms with guaranteed sufficient decrease", ACM TOMS 20(3), 286–307 (the
/// extrapolation and safeguarding rules).
///
/// Written for smooth, low-dimensional problems (maximum likelihood, bootstrap
/// re-estimation): the dense n × n inverse-Hessian approximation costs O(n²) per iteration,
/// negligible next to one objective evaluation over a large data set.

/// Why a minimisation stopped.
public enum OptimizationStatus: String, Sendable, Equatable, CustomStringConvertible {
    /// A convergence criterion was met (see `ConvergenceCriterion`).
    case converged
    /// `maxIterations` or `maxFunctionEvaluations` was reached first.
    case iterationLimit
    /// No step along the search direction (nor along steepest descent, after a reset)
    /// decreased the objective: typically the precision limit of the objective, a wrong
    /// gradient, or a minimum that lies at infinity.
    case lineSearchFailed
    /// The objective or its gradient was NaN or ±∞ at the starting point.
    case nonFinite

    public var description: String { rawValue }
}

/// Which test declared convergence.
public enum ConvergenceCriterion: String, Sendable, Equatable {
    /// ‖∇f(x)‖∞ ≤ `gradientTolerance`.
    case gradientNorm
    /// (f_k − f_{k+1}) ≤ `relativeFunctionTolerance` · max(|f_k|, |f_{k+1}|, 1).
    case relativeFunctionChange
}

/// Stopping rules and line-search constants for `BFGSMinimizer`.
public struct BFGSOptions: Sendable, Equatable {
    /// Converged when the largest absolute gradient component is at most this.
    public var gradientTolerance: Double
    /// Converged when one iteration lowers f by at most this fraction of max(|f|, 1).
    /// Set to 0 to rely on the gradient test alone.
    public var relativeFunctionTolerance: Double
    /// Maximum number of BFGS iterations (accepted steps).
    public var maxIterations: Int
    /// Maximum number of objective evaluations, line searches included.
    public var maxFunctionEvaluations: Int
    /// Armijo constant c₁ of the sufficient-decrease condition (0 < c₁ < c₂ < 1).
    public var sufficientDecrease: Double
    /// Curvature constant c₂ of the strong Wolfe condition |φ′(α)| ≤ c₂|φ′(0)|.
    public var curvature: Double
    /// Largest ∞-norm of the first trial step while the Hessian approximation is still the
    /// identity (first iteration, or after a reset).
    public var initialStepLength: Double

    public init(
        gradientTolerance: Double = 1e-8,
        relativeFunctionTolerance: Double = 1e-15,
        maxIterations: Int = 1000,
        maxFunctionEvaluations: Int = 20_000,
        sufficientDecrease: Double = 1e-4,
        curvature: Double = 0.9,
        initialStepLength: Double = 1
    ) {
        self.gradientTolerance = gradientTolerance
        self.relativeFunctionTolerance = relativeFunctionTolerance
        self.maxIterations = maxIterations
        self.maxFunctionEvaluations = maxFunctionEvaluations
        self.sufficientDecrease = sufficientDecrease
        self.curvature = curvature
        self.initialStepLength = initialStepLength
    }
}

/// The result of a minimisation: the last accepted point and why the search stopped.
public struct OptimizationResult: Sendable {
    /// The final point (the best point found; on `.nonFinite`, the starting point).
    public var x: [Double]
    /// f(x).
    public var value: Double
    /// ∇f(x).
    public var gradient: [Double]
    public var status: OptimizationStatus
    /// Set when `status == .converged`.
    public var criterion: ConvergenceCriterion?
    /// Accepted steps.
    public var iterations: Int
    /// Objective evaluations (each returns f and ∇f).
    public var functionEvaluations: Int
    /// The final BFGS approximation of the inverse Hessian (n × n). A rough curvature
    /// estimate only: use a differenced Hessian for standard errors.
    public var inverseHessianApproximation: Matrix

    /// ‖∇f(x)‖∞.
    public var gradientNorm: Double { gradient.reduce(0) { max($0, abs($1)) } }
}

/// An objective with an analytic gradient: writes ∇f(x) into `gradient` (already sized
/// like `x`) and returns f(x). NaN or ±∞ is allowed and means "outside the domain".
public typealias ObjectiveWithGradient = (_ x: [Double], _ gradient: inout [Double]) -> Double

/// BFGS quasi-Newton minimiser (see the file header for references).
///
/// Non-finite values never trap: a trial point whose objective or gradient is NaN or ±∞ is
/// treated as f = +∞, and the line search backtracks towards the last good point.
public struct BFGSMinimizer: Sendable {
    public var options: BFGSOptions

    public init(options: BFGSOptions = BFGSOptions()) {
        self.options = options
    }

    /// Minimises `objective` from `start`.
    ///
    /// - Parameter initialInverseHessian: a symmetric positive-definite n × n approximation of
    ///   ∇²f(start)⁻¹ (e.g. from a fit on a subsample); the identity, scaled after the first
    ///   step (Nocedal & Wright eq. 6.20), when nil or not n × n and finite.
    public func minimize(start: [Double], initialInverseHessian: Matrix? = nil,
                         objective: ObjectiveWithGradient) -> OptimizationResult {
        var state = State(n: start.count, options: options)
        return state.run(start: start, initialInverseHessian: initialInverseHessian, objective: objective)
    }
}

// MARK: - Implementation

extension BFGSMinimizer {
    /// Working storage, allocated once per minimisation.
    fileprivate struct State {
        let n: Int
        let options: BFGSOptions
        var x: [Double]
        var g: [Double]
        var f = 0.0
        /// Inverse-Hessian approximation, symmetric, column-major n × n.
        var h: [Double]
        var p: [Double]
        var xTrial: [Double]
        var gTrial: [Double]
        var xBest: [Double]
        var gBest: [Double]
        var s: [Double]
        var y: [Double]
        var hy: [Double]
        var evaluations = 0

        init(n: Int, options: BFGSOptions) {
            self.n = n
            self.options = options
            x = .init(repeating: 0, count: n)
            g = x; p = x; xTrial = x; gTrial = x; xBest = x; gBest = x; s = x; y = x; hy = x
            h = .init(repeating: 0, count: n * n)
        }

        mutating func setIdentity() {
            for i in 0..<(n * n) { h[i] = 0 }
            for i in 0..<n { h[i * n + i] = 1 }
        }

        func infinityNorm(_ v: [Double]) -> Double {
            var m = 0.0
            for e in v { m = max(m, abs(e)) }
            return m
        }

        func dot(_ a: [Double], _ b: [Double]) -> Double {
            var t = 0.0
            for i in 0..<n { t += a[i] * b[i] }
            return t
        }

        /// f at x + α p into fTrial / gTrial; +∞ when non-finite.
        mutating func evaluateTrial(_ alpha: Double, objective: ObjectiveWithGradient) -> (f: Double, slope: Double) {
            for i in 0..<n { xTrial[i] = x[i] + alpha * p[i] }
            evaluations += 1
            let v = objective(xTrial, &gTrial)
            var finite = v.isFinite
            var slope = 0.0
            if finite {
                for i in 0..<n {
                    let gi = gTrial[i]
                    if !gi.isFinite { finite = false; break }
                    slope += gi * p[i]
                }
            }
            return finite ? (v, slope) : (.infinity, .nan)
        }

        mutating func acceptTrial() {
            for i in 0..<n { xBest[i] = xTrial[i]; gBest[i] = gTrial[i] }
        }

        /// Minimiser of the cubic interpolating (a, fa, da) and (b, fb, db); nil when the
        /// cubic has no real minimiser.
        static func cubicMinimizer(_ a: Double, _ fa: Double, _ da: Double,
                                   _ b: Double, _ fb: Double, _ db: Double) -> Double? {
            let d1 = da + db - 3 * (fa - fb) / (a - b)
            let disc = d1 * d1 - da * db
            guard disc >= 0 else { return nil }
            let d2 = (b > a ? 1.0 : -1.0) * disc.squareRoot()
            let denom = db - da + 2 * d2
            guard denom != 0 else { return nil }
            let t = b - (b - a) * (db + d2 - d1) / denom
            return t.isFinite ? t : nil
        }

        /// Strong-Wolfe line search along `p` (Nocedal & Wright Alg. 3.5/3.6). On success
        /// `xBest`/`gBest` hold the accepted point and the return value is its f. Returns nil
        /// when no point with sufficient decrease was found.
        mutating func lineSearch(initialStep: Double, slope0: Double,
                                 objective: ObjectiveWithGradient) -> Double? {
            let f0 = f
            let c1 = options.sufficientDecrease
            let c2 = options.curvature
            let budget = options.maxFunctionEvaluations

            // The best Armijo point so far (fallback when the curvature condition is never met).
            var bestAlpha = 0.0
            var bestF = f0
            func keep(_ alpha: Double, _ fa: Double, into state: inout State) {
                if fa < bestF && fa <= f0 + c1 * alpha * slope0 {
                    bestAlpha = alpha; bestF = fa
                    for i in 0..<state.n { state.xBest[i] = state.xTrial[i]; state.gBest[i] = state.gTrial[i] }
                }
            }

            var lo = 0.0, fLo = f0, dLo = slope0
            var hi = 0.0, fHi = 0.0, dHi = 0.0
            var alpha = initialStep
            var prev = 0.0, fPrev = f0, dPrev = slope0
            var bracketed = false
            var first = true

            // Bracketing phase.
            while evaluations < budget {
                let (fa, da) = evaluateTrial(alpha, objective: objective)
                if fa.isFinite { keep(alpha, fa, into: &self) }
                if !fa.isFinite || fa > f0 + c1 * alpha * slope0 || (!first && fa >= fPrev) {
                    lo = prev; fLo = fPrev; dLo = dPrev
                    hi = alpha; fHi = fa; dHi = da
                    bracketed = true
                    break
                }
                if abs(da) <= -c2 * slope0 { acceptTrial(); return fa }  // strong Wolfe satisfied
                if da >= 0 {
                    lo = alpha; fLo = fa; dLo = da
                    hi = prev; fHi = fPrev; dHi = dPrev
                    bracketed = true
                    break
                }
                // Extrapolate: cubic step clipped to [α + 1.1(α − prev), α + 4(α − prev)].
                let width = alpha - prev
                var next = Self.cubicMinimizer(prev, fPrev, dPrev, alpha, fa, da) ?? (alpha + 4 * width)
                next = min(max(next, alpha + 1.1 * width), alpha + 4 * width)
                prev = alpha; fPrev = fa; dPrev = da
                alpha = next
                first = false
                if !alpha.isFinite || alpha > 1e20 { break }
            }
            guard bracketed else { return bestAlpha > 0 ? bestF : nil }

            // Zoom phase: lo always satisfies Armijo and has the lowest f seen in the bracket.
            var zoomSteps = 0
            while evaluations < budget && zoomSteps < 40 {
                zoomSteps += 1
                let width = abs(hi - lo)
                if width <= 1e-16 * max(abs(lo), abs(hi)) || width == 0 { break }
                // Below this the change in f along the interval is lost in rounding.
                if width * abs(slope0) <= 1e-16 * max(1, abs(f0)) { break }
                var trial: Double
                if fHi.isFinite, dHi.isFinite,
                   let c = Self.cubicMinimizer(lo, fLo, dLo, hi, fHi, dHi) {
                    trial = c
                } else if !fHi.isFinite {
                    trial = lo + 0.2 * (hi - lo)  // backtrack hard from a point outside the domain
                } else {
                    trial = 0.5 * (lo + hi)
                }
                let a = min(lo, hi), b = max(lo, hi)
                if !(trial > a + 0.1 * (b - a) && trial < b - 0.1 * (b - a)) {
                    trial = fHi.isFinite ? 0.5 * (lo + hi) : lo + 0.2 * (hi - lo)
                }
                let (fa, da) = evaluateTrial(trial, objective: objective)
                if fa.isFinite { keep(trial, fa, into: &self) }
                if !fa.isFinite || fa > f0 + c1 * trial * slope0 || fa >= fLo {
                    hi = trial; fHi = fa; dHi = da
                } else {
                    if abs(da) <= -c2 * slope0 { acceptTrial(); return fa }
                    if da * (hi - lo) >= 0 { hi = lo; fHi = fLo; dHi = dLo }
                    lo = trial; fLo = fa; dLo = da
                }
            }
            // Curvature condition not met: accept the best sufficient-decrease point, if any.
            return bestAlpha > 0 ? bestF : nil
        }

        mutating func run(start: [Double], initialInverseHessian: Matrix?,
                          objective: ObjectiveWithGradient) -> OptimizationResult {
            for i in 0..<n { x[i] = start[i] }
            evaluations = 1
            f = objective(x, &g)
            func result(_ status: OptimizationStatus, _ criterion: ConvergenceCriterion?, _ iterations: Int) -> OptimizationResult {
                OptimizationResult(
                    x: x, value: f, gradient: g, status: status, criterion: criterion,
                    iterations: iterations, functionEvaluations: evaluations,
                    inverseHessianApproximation: Matrix(rows: n, columns: n, columnMajor: h) ?? Matrix(rows: n, columns: n))
            }
            setIdentity()
            guard f.isFinite, g.allSatisfy({ $0.isFinite }) else { return result(.nonFinite, nil, 0) }
            if n == 0 { return result(.converged, .gradientNorm, 0) }

            var identity = true   // H is still the (unscaled) identity
            if let h0 = initialInverseHessian, h0.rows == n, h0.columns == n, h0.isFinite {
                for i in 0..<(n * n) { h[i] = h0.storage[i] }
                identity = false
            }
            var iterations = 0
            while true {
                if infinityNorm(g) <= options.gradientTolerance { return result(.converged, .gradientNorm, iterations) }
                if iterations >= options.maxIterations || evaluations >= options.maxFunctionEvaluations {
                    return result(.iterationLimit, nil, iterations)
                }
                // Search direction p = −H g (steepest descent if not a descent direction).
                for i in 0..<n {
                    var t = 0.0
                    for j in 0..<n { t += h[i + j * n] * g[j] }
                    p[i] = -t
                }
                var slope = dot(g, p)
                if !(slope < 0) {
                    setIdentity(); identity = true
                    for i in 0..<n { p[i] = -g[i] }
                    slope = dot(g, p)
                }
                var step = 1.0
                if identity { step = min(1, options.initialStepLength / max(infinityNorm(p), 1e-300)) }

                var accepted = lineSearch(initialStep: step, slope0: slope, objective: objective)
                if accepted == nil && !identity {
                    // Retry once along steepest descent with a fresh approximation.
                    setIdentity(); identity = true
                    for i in 0..<n { p[i] = -g[i] }
                    slope = dot(g, p)
                    step = min(1, options.initialStepLength / max(infinityNorm(p), 1e-300))
                    accepted = lineSearch(initialStep: step, slope0: slope, objective: objective)
                }
                guard let fNew = accepted else {
                    return result(evaluations >= options.maxFunctionEvaluations ? .iterationLimit : .lineSearchFailed,
                                  nil, iterations)
                }
                for i in 0..<n {
                    s[i] = xBest[i] - x[i]
                    y[i] = gBest[i] - g[i]
                    x[i] = xBest[i]
                    g[i] = gBest[i]
                }
                let fOld = f
                f = fNew
                iterations += 1

                if infinityNorm(g) <= options.gradientTolerance { return result(.converged, .gradientNorm, iterations) }
                if fOld - f <= options.relativeFunctionTolerance * max(abs(fOld), abs(f), 1) {
                    return result(.converged, .relativeFunctionChange, iterations)
                }

                // BFGS inverse update (N&W eq. 6.17), skipped without positive curvature.
                let sy = dot(s, y)
                let yy = dot(y, y)
                let ss = dot(s, s)
                if sy > 1e-12 * (ss * yy).squareRoot() && sy.isFinite {
                    if identity {
                        // N&W eq. (6.20): scale H₀ before the first update.
                        let scale = sy / yy
                        for i in 0..<n { h[i * n + i] = scale }
                        identity = false
                    }
                    for i in 0..<n {
                        var t = 0.0
                        for j in 0..<n { t += h[i + j * n] * y[j] }
                        hy[i] = t
                    }
                    let rho = 1 / sy
                    let yhy = dot(y, hy)
                    let c = rho * rho * yhy + rho
                    for j in 0..<n {
                        for i in 0..<n {
                            h[i + j * n] += c * s[i] * s[j] - rho * (hy[i] * s[j] + s[i] * hy[j])
                        }
                    }
                }
            }
        }
    }
}
