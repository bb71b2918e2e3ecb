import CLapack

/// Pricing of ``SimplexEngine``: reduced costs and the choice of the entering variable.
extension SimplexEngine {

    /// d = c − [Â −I]ᵀ y for the current phase (phase I: c = 0 on nonbasic variables).
    func computeReducedCosts(phaseOne: Bool) {
        if phaseOne {
            let w = compositeWeight
            if w > 0 {
                for j in 0..<n { d[j] = w * cost[j] }
            } else {
                for j in 0..<n { d[j] = 0 }
            }
        } else {
            for j in 0..<n { d[j] = cost[j] }
        }
        if m > 0 && n > 0 {
            cblas_dgemv(CblasColMajor, CblasTrans, Int32(m), Int32(n), -1, a, Int32(m), y, 1, 1, d, 1)
        }
        for i in 0..<m { d[n + i] = y[i] }
    }

    /// Chooses the entering variable and its direction (+1 increase, −1 decrease): Dantzig's
    /// largest |dⱼ|, or the smallest eligible index in Bland mode. Nil when none prices.
    func price() -> (Int, Double)? {
        let tol = options.dualFeasibilityTolerance
        var best = -1
        var bestScore = 0.0
        var bestDir = 0.0
        for k in 0..<total {
            let st = status[k]
            if st == .basic || rejected[k] { continue }
            let dk = d[k]
            var dir = 0.0
            switch st {
            case .atLower:
                if dk < -tol && upper[k] > lower[k] { dir = 1 }
            case .atUpper:
                if dk > tol && upper[k] > lower[k] { dir = -1 }
            case .free:
                if dk < -tol { dir = 1 } else if dk > tol { dir = -1 }
            case .basic:
                break
            }
            if dir == 0 { continue }
            if bland { return (k, dir) }
            let score = abs(dk)
            if score > bestScore { bestScore = score; best = k; bestDir = dir }
        }
        return best >= 0 ? (best, bestDir) : nil
    }
}
