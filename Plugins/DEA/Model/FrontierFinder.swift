/// Finds a small set of units that generates the same DEA technology as all units, so that every
/// unit can then be scored against that set alone ("frontier first").
///
/// Idea (after Dulá's BuildHull and Khezrimotlagh, Zhu, Cook & Toloo 2019, *EJOR* 274(3),
/// 1047–1054): keep a growing set F ⊆ units. For each unit o (likely-efficient units first), solve
/// the input-oriented phase-I LP of o against F ∪ {o}.
/// - θ < 1 − tol: o lies inside the technology of F (free disposal included), so it adds nothing.
/// - θ ≈ 1: price every unit with the LP's duals (a supporting hyperplane at o). If no unit would
///   enter, o is on the true frontier: add o to F. Otherwise add the most attractive unit (it lies
///   on the frontier beyond that hyperplane and is not in F yet) and test o again.
/// Each unit not in F was shown to lie in the technology of F, so at the end F generates the whole
/// technology; then radial scores, phase-II slacks and targets against F equal those against all
/// units (λ differ only in that peers are drawn from F). Each pricing pass is O(n(m+s)); there is
/// about one per frontier unit.
struct FrontierFinder {
    let data: DEAData
    let rts: ReturnsToScale

    func frontier(of units: [Int]) -> [Int] {
        guard let first = units.first else { return [] }
        let d = data.dimension
        // Likely-efficient first: total scaled output per total scaled input.
        let proxy: [Double] = units.map { j in
            let p = data.profile(j)
            let xs = p.prefix(data.inputCount).reduce(0, +)
            let ys = p.suffix(data.outputCount).reduce(0, +)
            return xs > 0 ? ys / xs : 0
        }
        let order = units.indices.sorted { proxy[$0] > proxy[$1] }.map { units[$0] }
        var frontier: [Int] = []
        var inFrontier = Set<Int>()
        let workspace = EnvelopmentWorkspace(data: data, orientation: .input, rts: rts, reference: [first])
        let tolerance = DEATolerance.classification
        var gains = [Double](repeating: 0, count: units.count)

        for o in order where !inFrontier.contains(o) {
            workspace.replaceLastReference(with: o)
            while true {
                let lp = workspace.radial(point: data.profile(o))
                guard lp.status == .optimal else {
                    // Cannot decide numerically: keep o (a superset of the frontier is still exact).
                    frontier.append(o); inFrontier.insert(o)
                    workspace.setReference(frontier + [o])
                    break
                }
                if lp.value < 1 - tolerance { break }
                // Price all units against the supporting hyperplane at o.
                var best = -1
                var bestGain = 1e-9
                let y = lp.duals
                data.profiles.withUnsafeBufferPointer { p in
                    for (c, j) in units.enumerated() {
                        var dot = rts == .crs ? 0.0 : y[d]
                        let base = j * d
                        for t in 0..<d { dot += y[t] * p[base + t] }
                        gains[c] = dot
                        if dot > bestGain && j != o && !inFrontier.contains(j) { bestGain = dot; best = j }
                    }
                }
                if best < 0 {
                    frontier.append(o); inFrontier.insert(o)
                    workspace.setReference(frontier + [o])
                    break
                }
                frontier.append(best); inFrontier.insert(best)
                workspace.setReference(frontier + [o])
            }
        }
        return frontier
    }
}
