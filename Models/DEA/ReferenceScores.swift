extension GroupedScores {
    /// Scores computed elsewhere (against a separate reference set), without a scale decomposition.
    public init(scores: [DEAUnitScore]) {
        self.scores = scores
        self.scale = Array(repeating: nil, count: scores.count)
    }
}

/// How often each reference unit is a peer of another evaluated unit and the sum of its λ
/// (R Benchmarking's `get.number.peers` / `get.weights.peers`; deaR's `references`).
public struct PeerCounts: Sendable, Equatable {
    /// Per reference unit (in the order given): the number of evaluated units other than itself
    /// that have it as a peer, and the sum of its λ over them.
    public var counts: [Int]
    public var lambdaSums: [Double]

    /// `evaluated[k]` is the unit index scored in `scores[k]`; `reference` the reference units.
    public init(scores: [DEAUnitScore], evaluated: [Int], reference: [Int]) {
        var position: [Int: Int] = [:]
        for (k, j) in reference.enumerated() { position[j] = k }
        counts = Array(repeating: 0, count: reference.count)
        lambdaSums = Array(repeating: 0, count: reference.count)
        for (k, o) in evaluated.enumerated() where scores[k].status == .ok {
            for p in scores[k].peers where p.unit != o {
                guard let q = position[p.unit] else { continue }
                counts[q] += 1
                lambdaSums[q] += p.lambda
            }
        }
    }
}
