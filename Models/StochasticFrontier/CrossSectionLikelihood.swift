import Dispatch
import TolokNumerics

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wraps a value whose concurrent use is made safe by construction (disjoint writes).
struct UncheckedSendable<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// Positions of the parameter blocks in the internal vector
/// θ = [β (k) | δ_μ (kMu) | δ_u (kU) | δ_v (kV) | δ_s (kScale) | η (kEta)], where
/// μ_i = z_μ,i δ_μ, ln σ_u,i² = z_u,i δ_u and ln σ_v,i² = z_v,i δ_v (each z starts with a
/// constant); δ_s are the scaling-property coefficients (no constant; then the μ block is τ
/// and the u block is ln σ*²); η is the Battese–Coelli (1992) time-decay parameter.
struct ParameterLayout: Sendable, Equatable {
    let k: Int
    let kMu: Int
    let kU: Int
    let kV: Int
    var kScale: Int = 0
    var kEta: Int = 0

    var beta: Range<Int> { 0..<k }
    var mu: Range<Int> { k..<(k + kMu) }
    var u: Range<Int> { (k + kMu)..<(k + kMu + kU) }
    var v: Range<Int> { (k + kMu + kU)..<(k + kMu + kU + kV) }
    var scale: Range<Int> { (k + kMu + kU + kV)..<(k + kMu + kU + kV + kScale) }
    var eta: Range<Int> { (k + kMu + kU + kV + kScale)..<count }
    var count: Int { k + kMu + kU + kV + kScale + kEta }
}

/// Per-parameter constants of the normal–(half/truncated) normal density, shared by all
/// units when σ_u, σ_v and μ are constant (docs/FRONTIER.md, "Formulations").
///
/// With e = S·ε, σ² = σ_u² + σ_v², r = (e + μ)/σ, a = μ*/σ* = (μσ_v² − eσ_u²)/(σσ_uσ_v) and
/// b = μ/σ_u, the log-density is (Stevenson 1980, eq. 8; Aigner, Lovell & Schmidt 1977,
/// eq. 7 when μ = 0):
///     ℓ = −½ ln 2π − ½ ln σ² − ½ r² + ln Φ(a) − ln Φ(b).
/// Its derivatives, with M(·) = φ/Φ and U = σ_u², V = σ_v², D = σσ_uσ_v:
///     ∂ℓ/∂e = −r/σ − M(a) σ_u/(σσ_v)
///     ∂ℓ/∂μ = −r/σ + M(a) σ_v/(σσ_u) − M(b)/σ_u
///     ∂ℓ/∂U = (r² − 1)/(2σ²) + M(a)[−e/D − a(1/σ² + 1/U)/2] + M(b) b/(2U)
///     ∂ℓ/∂V = (r² − 1)/(2σ²) + M(a)[ μ/D − a(1/σ² + 1/V)/2]
/// and ∂ℓ/∂ln U = U ∂ℓ/∂U, ∂ℓ/∂ln V = V ∂ℓ/∂V.
struct NormalFamilyConstants {
    let U: Double, V: Double, mu: Double
    let invSigma: Double
    let invD: Double
    let aConst: Double      // μV/D
    let aSlope: Double      // U/D
    let halfInvS2: Double   // 1/(2σ²)
    let hetU: Double        // (1/σ² + 1/U)/2
    let hetV: Double        // (1/σ² + 1/V)/2
    let base: Double        // −½ ln 2π − ½ ln σ² − ln Φ(b)
    let muTermMu: Double    // −M(b)/σ_u
    let muTermU: Double     // M(b) b/(2U)

    @inline(__always)
    init(U: Double, V: Double, mu: Double, truncated: Bool) {
        self.U = U; self.V = V; self.mu = mu
        let s2 = U + V
        let su = U.squareRoot(), sv = V.squareRoot()
        let sigma = s2.squareRoot()
        invSigma = 1 / sigma
        invD = 1 / (sigma * su * sv)
        aConst = mu * V * invD
        aSlope = U * invD
        halfInvS2 = 0.5 / s2
        hetU = 0.5 * (1 / s2 + 1 / U)
        hetV = 0.5 * (1 / s2 + 1 / V)
        if truncated {
            let b = mu / su
            let (lb, mb) = NormalDistribution.logCDFAndInverseMillsRatio(b)
            base = -NormalDistribution.logSqrt2Pi - 0.5 * log(s2) - lb
            muTermMu = -mb / su
            muTermU = mb * b / (2 * U)
        } else {
            base = -NormalDistribution.logSqrt2Pi - 0.5 * log(s2) + M_LN2
            muTermMu = 0
            muTermU = 0
        }
    }

    /// ℓ and its derivatives with respect to e, μ, ln σ_u², ln σ_v² for one unit.
    @inline(__always)
    func term(_ e: Double) -> (ll: Double, dE: Double, dMu: Double, dLnU: Double, dLnV: Double) {
        let r = (e + mu) * invSigma
        let a = aConst - aSlope * e
        let (lp, m) = NormalDistribution.logCDFAndInverseMillsRatio(a)
        let ll = base - 0.5 * r * r + lp
        let common = (r * r - 1) * halfInvS2
        let dE = -r * invSigma - m * aSlope
        let dMu = -r * invSigma + m * V * invD + muTermMu
        let dU = common + m * (-e * invD - a * hetU) + muTermU
        let dV = common + m * (mu * invD - a * hetV)
        return (ll, dE, dMu, U * dU, V * dV)
    }
}

/// Per-parameter constants of the normal–exponential density (Meeusen & van den Broeck
/// 1977; docs/FRONTIER.md, "Formulations"), u with mean σ_u: with s_u = σ_u, s_v = σ_v and c = −e/s_v − s_v/s_u,
///     ℓ = −ln s_u + s_v²/(2s_u²) + e/s_u + ln Φ(c),
///     ∂ℓ/∂e   = 1/s_u − M(c)/s_v
///     ∂ℓ/∂s_u = −1/s_u − s_v²/s_u³ − e/s_u² + M(c) s_v/s_u²
///     ∂ℓ/∂s_v = s_v/s_u² + M(c)(e/s_v² − 1/s_u)
/// and ∂ℓ/∂ln s_u² = (s_u/2) ∂ℓ/∂s_u, ∂ℓ/∂ln s_v² = (s_v/2) ∂ℓ/∂s_v.
struct ExponentialConstants {
    let su: Double, sv: Double
    let invSu: Double, invSv: Double, invU: Double, invV: Double
    let base: Double

    @inline(__always)
    init(U: Double, V: Double) {
        su = U.squareRoot(); sv = V.squareRoot()
        invSu = 1 / su; invSv = 1 / sv; invU = 1 / U; invV = 1 / V
        base = -0.5 * log(U) + 0.5 * V * invU
    }

    @inline(__always)
    func term(_ e: Double) -> (ll: Double, dE: Double, dMu: Double, dLnU: Double, dLnV: Double) {
        let c = -e * invSv - sv * invSu
        let (lp, m) = NormalDistribution.logCDFAndInverseMillsRatio(c)
        let ll = base + e * invSu + lp
        let dE = invSu - m * invSv
        let dSu = -invSu - sv * sv * invU * invSu - e * invU + m * sv * invU
        let dSv = sv * invU + m * (e * invV - invSu)
        return (ll, dE, 0, 0.5 * su * dSu, 0.5 * sv * dSv)
    }
}

/// The cross-sectional log-likelihood and its analytic gradient, with all per-unit storage
/// allocated once: an evaluation allocates nothing, makes two BLAS dgemv passes (ε = y − Xβ
/// and Xᵀw) plus one fused loop over the units (one erfc, one log, one exp per unit).
///
/// Not thread-safe; used privately by one estimation.
final class CrossSectionLikelihood {
    let n: Int
    let layout: ParameterLayout
    let sign: Double
    let distribution: InefficiencyDistribution
    /// n × k regressors, column-major.
    let x: UnsafeMutableBufferPointer<Double>
    let y: UnsafeMutableBufferPointer<Double>
    /// n × kMu, n × kU, n × kV covariates with a leading constant column (only when the
    /// block has more than the constant).
    let zMu: UnsafeMutableBufferPointer<Double>?
    let zU: UnsafeMutableBufferPointer<Double>?
    let zV: UnsafeMutableBufferPointer<Double>?
    /// n × q scaling-property covariates (no constant): u_i = exp(z_s,i δ_s)·u*, or nil.
    let zS: UnsafeMutableBufferPointer<Double>?
    // Workspace.
    let e: UnsafeMutableBufferPointer<Double>
    let wE: UnsafeMutableBufferPointer<Double>
    let wMu: UnsafeMutableBufferPointer<Double>?
    let wU: UnsafeMutableBufferPointer<Double>?
    let wV: UnsafeMutableBufferPointer<Double>?
    let muI: UnsafeMutableBufferPointer<Double>?
    let lnUI: UnsafeMutableBufferPointer<Double>?
    let lnVI: UnsafeMutableBufferPointer<Double>?
    /// Per-chunk partial sums (4 per chunk).
    let partials: UnsafeMutableBufferPointer<Double>

    /// exp(z_s,i δ_s) per unit (scaling model only).
    let hI: UnsafeMutableBufferPointer<Double>?

    var isHomoscedastic: Bool { zMu == nil && zU == nil && zV == nil && zS == nil }

    private static func buffer(_ values: [Double]) -> UnsafeMutableBufferPointer<Double> {
        let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(values.count, 1))
        _ = b.initialize(from: values)
        return b
    }

    private static func buffer(count: Int) -> UnsafeMutableBufferPointer<Double> {
        let b = UnsafeMutableBufferPointer<Double>.allocate(capacity: max(count, 1))
        b.initialize(repeating: 0)
        return b
    }

    /// Covariates with a constant prepended (column-major), or nil when there are none.
    static func withConstant(_ z: Matrix?, rows n: Int) -> [Double]? {
        guard let z, z.columns > 0 else { return nil }
        return [Double](repeating: 1, count: n) + z.storage
    }

    /// `zS` (scaling property) requires the truncated normal and excludes `zMu` and `zU`.
    init(y: [Double], x: Matrix, sign: Double, distribution: InefficiencyDistribution,
         zMu: Matrix?, zU: Matrix?, zV: Matrix?, zS: Matrix? = nil) {
        n = y.count
        let kMu = distribution == .truncatedNormal ? 1 + (zMu?.columns ?? 0) : 0
        let scaling = zS.map { $0.columns > 0 } ?? false
        layout = ParameterLayout(k: x.columns, kMu: kMu, kU: 1 + (zU?.columns ?? 0), kV: 1 + (zV?.columns ?? 0),
                                 kScale: scaling ? zS!.columns : 0)
        self.zS = scaling ? Self.buffer(zS!.storage) : nil
        hI = scaling ? Self.buffer(count: n) : nil
        self.sign = sign
        self.distribution = distribution
        self.x = Self.buffer(x.storage)
        self.y = Self.buffer(y)
        let zm = distribution == .truncatedNormal ? Self.withConstant(zMu, rows: n) : nil
        self.zMu = zm.map(Self.buffer)
        self.zU = Self.withConstant(zU, rows: n).map(Self.buffer)
        self.zV = Self.withConstant(zV, rows: n).map(Self.buffer)
        e = Self.buffer(count: n)
        wE = Self.buffer(count: n)
        let het = zm != nil || self.zU != nil || self.zV != nil || scaling
        wMu = het && kMu > 0 ? Self.buffer(count: n) : nil
        wU = het ? Self.buffer(count: n) : nil
        wV = het ? Self.buffer(count: n) : nil
        muI = het && kMu > 0 ? Self.buffer(count: n) : nil
        lnUI = het ? Self.buffer(count: n) : nil
        lnVI = het ? Self.buffer(count: n) : nil
        partials = Self.buffer(count: 4 * ((n + Self.chunkSize - 1) / Self.chunkSize + 1))
    }

    /// The regressors (n × k, with the constant if one was added) as a matrix.
    func designMatrix() -> Matrix { Matrix(rows: n, columns: layout.k, columnMajor: Array(x))! }

    /// The dependent variable.
    var responses: [Double] { Array(y) }

    /// Covariates of one heterogeneity block without their constant column (nil if none).
    private static func covariates(_ z: UnsafeMutableBufferPointer<Double>?, columns: Int, rows n: Int,
                                   keep: [Int]) -> Matrix? {
        guard let z, columns > 1 else { return nil }
        var out = [Double](repeating: 0, count: keep.count * (columns - 1))
        for j in 1..<columns { for (r, i) in keep.enumerated() { out[r + (j - 1) * keep.count] = z[i + j * n] } }
        return Matrix(rows: keep.count, columns: columns - 1, columnMajor: out)
    }

    /// The same model on every `stride`-th unit (for a cheap warm start on large samples).
    func subsample(stride m: Int) -> CrossSectionLikelihood {
        let rows = Array(Swift.stride(from: 0, to: n, by: m))
        let sub = rows.count
        var xs = [Double](repeating: 0, count: sub * layout.k)
        for j in 0..<layout.k { for (r, i) in rows.enumerated() { xs[r + j * sub] = x[i + j * n] } }
        return CrossSectionLikelihood(
            y: rows.map { y[$0] }, x: Matrix(rows: sub, columns: layout.k, columnMajor: xs)!,
            sign: sign, distribution: distribution,
            zMu: Self.covariates(zMu, columns: layout.kMu, rows: n, keep: rows),
            zU: Self.covariates(zU, columns: layout.kU, rows: n, keep: rows),
            zV: Self.covariates(zV, columns: layout.kV, rows: n, keep: rows),
            zS: zS.map { z in
                var out = [Double](repeating: 0, count: sub * layout.kScale)
                for j in 0..<layout.kScale { for (r, i) in rows.enumerated() { out[r + j * sub] = z[i + j * n] } }
                return Matrix(rows: sub, columns: layout.kScale, columnMajor: out)!
            })
    }

    /// The same data with constant σ_u, σ_v, μ and the given distribution.
    func homoscedastic(_ distribution: InefficiencyDistribution) -> CrossSectionLikelihood {
        CrossSectionLikelihood(y: responses, x: designMatrix(), sign: sign, distribution: distribution,
                               zMu: nil, zU: nil, zV: nil)
    }

    deinit {
        for b in [x, y, e, wE, partials] { b.deallocate() }
        for b in [zMu, zU, zV, zS, hI, wMu, wU, wV, muI, lnUI, lnVI] { b?.deallocate() }
    }

    /// e = S·(y − Xβ) into `e`.
    func computeResiduals(_ theta: UnsafeBufferPointer<Double>) {
        _ = e.update(fromContentsOf: y)
        BLASKernels.gemv(rows: n, columns: layout.k, alpha: -sign, x.baseAddress!, leadingDimension: n,
                         theta.baseAddress!, beta: sign, e.baseAddress!)
    }

    /// z·δ for one heterogeneity block (z has a constant first column).
    private func linearPredictor(_ z: UnsafeMutableBufferPointer<Double>?, _ coef: UnsafeBufferPointer<Double>,
                                 _ range: Range<Int>, into out: UnsafeMutableBufferPointer<Double>?) {
        guard let out else { return }
        if let z {
            BLASKernels.gemv(rows: n, columns: range.count, alpha: 1, z.baseAddress!, leadingDimension: n,
                             coef.baseAddress! + range.lowerBound, beta: 0, out.baseAddress!)
        } else {
            let c = range.isEmpty ? 0 : coef[range.lowerBound]
            out.initialize(repeating: c)
        }
    }

    /// Per-unit μ_i, ln σ_u,i², ln σ_v,i² into `muI`, `lnUI`, `lnVI` (heterogeneous models).
    /// Scaling property (Wang & Schmidt 2002): h_i = exp(z_s,i δ_s), μ_i = τ h_i,
    /// ln σ_u,i² = ln σ*² + 2 z_s,i δ_s, i.e. u_i = h_i u* with u* ~ N⁺(τ, σ*²).
    private func computePredictors(_ th: UnsafeBufferPointer<Double>) {
        linearPredictor(zV, th, layout.v, into: lnVI)
        if let zS, let h = hI {
            BLASKernels.gemv(rows: n, columns: layout.kScale, alpha: 1, zS.baseAddress!, leadingDimension: n,
                             th.baseAddress! + layout.scale.lowerBound, beta: 0, h.baseAddress!)
            let tau = th[layout.mu.lowerBound], lnSigmaStar2 = th[layout.u.lowerBound]
            let lnU = lnUI!, mu = muI!
            for i in 0..<n {
                let zd = h[i]
                lnU[i] = lnSigmaStar2 + 2 * zd
                h[i] = exp(zd)
                mu[i] = tau * h[i]
            }
        } else {
            linearPredictor(zU, th, layout.u, into: lnUI)
            if layout.kMu > 0 { linearPredictor(zMu, th, layout.mu, into: muI) }
        }
    }

    /// The log-likelihood ℓ(θ) (exact π). When `gradient` is non-nil it receives ∇ℓ(θ).
    func evaluate(_ theta: [Double], gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        theta.withUnsafeBufferPointer { th in
            computeResiduals(th)
            let ll: Double
            if isHomoscedastic {
                ll = evaluateHomoscedastic(th, gradient: gradient)
            } else {
                ll = evaluateHeteroscedastic(th, gradient: gradient)
            }
            if let g = gradient {
                // ∂ℓ/∂β = −S Xᵀ (∂ℓ/∂e).
                BLASKernels.gemvTransposed(rows: n, columns: layout.k, alpha: -sign, x.baseAddress!, leadingDimension: n,
                                           wE.baseAddress!, beta: 0, g.baseAddress!)
            }
            return ll
        }
    }

    /// Units per chunk of the per-unit loop. Chunks are summed in a fixed order, so results
    /// do not depend on how many threads ran them.
    static let chunkSize = 16_384

    /// Runs `body(range, chunkIndex)` over fixed chunks of 0..<n, concurrently when there are
    /// several chunks, and returns the per-chunk partial sums (4 per chunk) added in chunk order.
    private func forEachChunk(_ body: (Range<Int>, UnsafeMutablePointer<Double>) -> Void) -> (Double, Double, Double, Double) {
        let size = Self.chunkSize
        let count = (n + size - 1) / size
        let partials = self.partials
        for i in 0..<(4 * count) { partials[i] = 0 }
        if count <= 1 {
            body(0..<n, partials.baseAddress!)
        } else {
            let n = self.n
            withoutActuallyEscaping(body) { work in
                // Safe to share: chunk c writes only units c·size ..< (c+1)·size of the
                // per-unit buffers and its own four partial sums; concurrentPerform returns
                // only after every chunk has finished.
                let shared = UncheckedSendable((work, partials.baseAddress!))
                DispatchQueue.concurrentPerform(iterations: count) { c in
                    shared.value.0((c * size)..<min(n, (c + 1) * size), shared.value.1 + 4 * c)
                }
            }
        }
        var t = (0.0, 0.0, 0.0, 0.0)
        for c in 0..<count {
            t.0 += partials[4 * c]; t.1 += partials[4 * c + 1]; t.2 += partials[4 * c + 2]; t.3 += partials[4 * c + 3]
        }
        return t
    }

    private func evaluateHomoscedastic(_ th: UnsafeBufferPointer<Double>,
                                       gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        let U = exp(th[layout.u.lowerBound])
        let V = exp(th[layout.v.lowerBound])
        let e = self.e, wE = self.wE
        let wantGradient = gradient != nil
        let sums: (Double, Double, Double, Double)
        switch distribution {
        case .halfNormal, .truncatedNormal:
            let truncated = distribution == .truncatedNormal
            let c = NormalFamilyConstants(U: U, V: V, mu: truncated ? th[layout.mu.lowerBound] : 0, truncated: truncated)
            sums = forEachChunk { range, out in
                var sLL = 0.0, sMu = 0.0, sU = 0.0, sV = 0.0
                if wantGradient {
                    for i in range {
                        let t = c.term(e[i])
                        sLL += t.ll; wE[i] = t.dE; sMu += t.dMu; sU += t.dLnU; sV += t.dLnV
                    }
                } else {
                    for i in range { sLL += c.term(e[i]).ll }
                }
                out[0] = sLL; out[1] = sMu; out[2] = sU; out[3] = sV
            }
        case .exponential:
            let c = ExponentialConstants(U: U, V: V)
            sums = forEachChunk { range, out in
                var sLL = 0.0, sU = 0.0, sV = 0.0
                if wantGradient {
                    for i in range {
                        let t = c.term(e[i])
                        sLL += t.ll; wE[i] = t.dE; sU += t.dLnU; sV += t.dLnV
                    }
                } else {
                    for i in range { sLL += c.term(e[i]).ll }
                }
                out[0] = sLL; out[2] = sU; out[3] = sV
            }
        }
        if let g = gradient {
            if layout.kMu > 0 { g[layout.mu.lowerBound] = sums.1 }
            g[layout.u.lowerBound] = sums.2
            g[layout.v.lowerBound] = sums.3
        }
        return sums.0
    }

    private func evaluateHeteroscedastic(_ th: UnsafeBufferPointer<Double>,
                                         gradient: UnsafeMutableBufferPointer<Double>?) -> Double {
        computePredictors(th)
        let lnU = lnUI!, lnV = lnVI!, wU = self.wU!, wV = self.wV!, wMu = self.wMu, muI = self.muI
        let e = self.e, wE = self.wE
        let distribution = self.distribution
        let sums = forEachChunk { range, out in
            var sLL = 0.0
            switch distribution {
            case .halfNormal, .truncatedNormal:
                let truncated = distribution == .truncatedNormal
                for i in range {
                    let c = NormalFamilyConstants(U: exp(lnU[i]), V: exp(lnV[i]), mu: truncated ? muI![i] : 0,
                                                  truncated: truncated)
                    let t = c.term(e[i])
                    sLL += t.ll
                    wE[i] = t.dE; wU[i] = t.dLnU; wV[i] = t.dLnV
                    if truncated { wMu![i] = t.dMu }
                }
            case .exponential:
                for i in range {
                    let c = ExponentialConstants(U: exp(lnU[i]), V: exp(lnV[i]))
                    let t = c.term(e[i])
                    sLL += t.ll
                    wE[i] = t.dE; wU[i] = t.dLnU; wV[i] = t.dLnV
                }
            }
            out[0] = sLL
        }
        if let g = gradient {
            blockGradient(zV, wV, layout.v, g)
            if let zS, let h = hI, let wMu, let comb = self.muI {
                // ∂μ_i/∂τ = h_i, ∂μ_i/∂δ_s = τ h_i z_i, ∂ln σ_u,i²/∂ln σ*² = 1, ∂ln σ_u,i²/∂δ_s = 2 z_i.
                let tau = th[layout.mu.lowerBound]
                var sTau = 0.0, sStar = 0.0
                for i in 0..<n {
                    sTau += wMu[i] * h[i]
                    sStar += wU[i]
                    comb[i] = tau * h[i] * wMu[i] + 2 * wU[i]   // μ_i is no longer needed
                }
                g[layout.mu.lowerBound] = sTau
                g[layout.u.lowerBound] = sStar
                BLASKernels.gemvTransposed(rows: n, columns: layout.kScale, alpha: 1, zS.baseAddress!, leadingDimension: n,
                                           comb.baseAddress!, beta: 0, g.baseAddress! + layout.scale.lowerBound)
            } else {
                blockGradient(zU, wU, layout.u, g)
                if layout.kMu > 0 { blockGradient(zMu, wMu!, layout.mu, g) }
            }
        }
        return sums.0
    }

    /// ∂ℓ/∂δ = zᵀ w for one block (a plain sum when z is the constant alone).
    private func blockGradient(_ z: UnsafeMutableBufferPointer<Double>?, _ w: UnsafeMutableBufferPointer<Double>,
                               _ range: Range<Int>, _ g: UnsafeMutableBufferPointer<Double>) {
        if let z {
            BLASKernels.gemvTransposed(rows: n, columns: range.count, alpha: 1, z.baseAddress!, leadingDimension: n,
                                       w.baseAddress!, beta: 0, g.baseAddress! + range.lowerBound)
        } else {
            var s = 0.0
            for i in 0..<n { s += w[i] }
            g[range.lowerBound] = s
        }
    }

    /// JLMS and Battese–Coelli predictions per unit at θ.
    func efficiencies(_ theta: [Double]) -> (units: FrontierEfficiencies, groups: FrontierEfficiencies?) {
        let c = conditionalDistribution(theta)
        return (FrontierEfficiencies(conditionalMean: c.mean, conditionalStandardDeviation: c.sd), nil)
    }

    /// Per-unit parameters of u | ε ~ N⁺(μ*, σ*²) (Jondrow, Lovell, Materov & Schmidt 1982):
    /// normal family μ* = (μσ_v² − eσ_u²)/σ², σ*² = σ_u²σ_v²/σ²; exponential μ* = −e − σ_v²/σ_u,
    /// σ* = σ_v (Kumbhakar & Lovell 2000, eq. 3.2.38 and 3.2.52).
    func conditionalDistribution(_ theta: [Double]) -> (mean: [Double], sd: [Double]) {
        var mStar = [Double](repeating: 0, count: n)
        var sStar = [Double](repeating: 0, count: n)
        theta.withUnsafeBufferPointer { th in
            computeResiduals(th)
            if !isHomoscedastic { computePredictors(th) }
            for i in 0..<n {
                let U = exp(lnUI?[i] ?? th[layout.u.lowerBound])
                let V = exp(lnVI?[i] ?? th[layout.v.lowerBound])
                let mu = layout.kMu > 0 ? (muI?[i] ?? th[layout.mu.lowerBound]) : 0
                switch distribution {
                case .halfNormal, .truncatedNormal:
                    let s2 = U + V
                    mStar[i] = (mu * V - e[i] * U) / s2
                    sStar[i] = (U * V / s2).squareRoot()
                case .exponential:
                    mStar[i] = -e[i] - V / U.squareRoot()
                    sStar[i] = V.squareRoot()
                }
            }
        }
        return (mStar, sStar)
    }
}
