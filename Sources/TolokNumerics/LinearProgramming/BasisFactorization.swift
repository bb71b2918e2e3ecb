import CLapack

/// Dense LU factorisation of the basis matrix B (m × m) with product-form updates.
///
/// `factorize()` computes P B = L U with LAPACK `dgetrf` (partial pivoting). After each basis
/// change the new inverse is kept as B⁻¹ₖ = Eₖ ⋯ E₁ B₀⁻¹, where each eta matrix E differs from the
/// identity in the pivot column r only: η_r = 1/αᵣ, ηᵢ = −αᵢ/αᵣ (α = B⁻¹aq, the entering column).
/// This is the product form of the inverse (Dantzig & Orchard-Hays 1954; Chvátal 1983, ch. 24).
/// FTRAN (B w = v) is a `dgetrs` solve followed by the etas in order; BTRAN (Bᵀ w = v) applies
/// the transposed etas in reverse order, then `dgetrs` with `'T'`. The caller refactorises after
/// `capacity` updates. All buffers are allocated once; the solves do not allocate.
///
/// The LAPACK calls are private to this file on purpose (the solver does not depend on the
/// general wrappers of the numeric core).
final class BasisFactorization {
    let m: Int
    let capacity: Int
    /// On entry to `factorize()`: B, column-major. Afterwards: L and U.
    let lu: UnsafeMutablePointer<Double>
    private let ipiv: UnsafeMutablePointer<Int32>
    private let etaColumns: UnsafeMutablePointer<Double>
    private let etaPivots: UnsafeMutablePointer<Int>
    private(set) var etaCount = 0
    /// Positions k with |Uₖₖ| below the singularity threshold after the last `factorize()`.
    private(set) var deficientPositions: [Int] = []

    init(m: Int, capacity: Int) {
        self.m = m
        self.capacity = max(1, capacity)
        lu = .allocate(capacity: max(1, m * m))
        lu.initialize(repeating: 0, count: max(1, m * m))
        ipiv = .allocate(capacity: max(1, m))
        ipiv.initialize(repeating: 0, count: max(1, m))
        etaColumns = .allocate(capacity: max(1, self.capacity * m))
        etaColumns.initialize(repeating: 0, count: max(1, self.capacity * m))
        etaPivots = .allocate(capacity: self.capacity)
        etaPivots.initialize(repeating: 0, count: self.capacity)
        deficientPositions.reserveCapacity(m)
    }

    deinit {
        lu.deallocate()
        ipiv.deallocate()
        etaColumns.deallocate()
        etaPivots.deallocate()
    }

    /// Factorises the matrix currently stored in `lu`. Returns true when B is nonsingular;
    /// otherwise `deficientPositions` lists the columns found dependent on earlier ones
    /// (|Uₖₖ| ≤ `relativeTolerance` · max|Bᵢⱼ|, or NaN).
    func factorize(relativeTolerance: Double = 1e-11) -> Bool {
        etaCount = 0
        deficientPositions.removeAll(keepingCapacity: true)
        guard m > 0 else { return true }
        var scale = 0.0
        for k in 0..<(m * m) { scale = max(scale, abs(lu[k])) }
        let n = Int32(m)
        let info = LAPACKE_dgetrf_work(LAPACK_COL_MAJOR, n, n, lu, n, ipiv)
        if info < 0 { deficientPositions = Array(0..<m); return false }
        let threshold = relativeTolerance * max(scale, 1e-300)
        for k in 0..<m {
            let u = lu[k + k * m]
            if !(abs(u) > threshold) { deficientPositions.append(k) }
        }
        return deficientPositions.isEmpty
    }

    /// Row permutation of the last factorisation: row k of P·B is row `result[k]` of B.
    func rowPermutation() -> [Int] {
        var perm = Array(0..<m)
        for k in 0..<m {
            let p = Int(ipiv[k]) - 1
            if p != k && p >= 0 && p < m { perm.swapAt(k, p) }
        }
        return perm
    }

    /// Overwrites v with B⁻¹ v.
    func ftran(_ v: UnsafeMutablePointer<Double>) {
        guard m > 0 else { return }
        let n = Int32(m)
        _ = LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), n, 1, lu, n, ipiv, v, n)
        for k in 0..<etaCount {
            let r = etaPivots[k]
            let t = v[r]
            if t == 0 { continue }
            let eta = etaColumns + k * m
            v[r] = 0
            for i in 0..<m { v[i] += t * eta[i] }
        }
    }

    /// Overwrites v with B⁻ᵀ v.
    func btran(_ v: UnsafeMutablePointer<Double>) {
        guard m > 0 else { return }
        var k = etaCount - 1
        while k >= 0 {
            let r = etaPivots[k]
            let eta = etaColumns + k * m
            var s = 0.0
            for i in 0..<m { s += eta[i] * v[i] }
            v[r] = s
            k -= 1
        }
        let n = Int32(m)
        _ = LAPACKE_dgetrs_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "T")), n, 1, lu, n, ipiv, v, n)
    }

    /// True when no further eta fits; the caller must refactorise.
    var isFull: Bool { etaCount >= capacity }

    /// Records the basis change "column at position r replaced by a column whose FTRAN is α".
    func update(alpha: UnsafePointer<Double>, pivotRow r: Int) {
        precondition(etaCount < capacity, "eta file full; refactorise first")
        let eta = etaColumns + etaCount * m
        let inv = 1 / alpha[r]
        for i in 0..<m { eta[i] = -alpha[i] * inv }
        eta[r] = inv
        etaPivots[etaCount] = r
        etaCount += 1
    }
}
