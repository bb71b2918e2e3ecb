import TolokDEAModel

/// Competition ranks ("1224") of scores, best (highest) first: scores within
/// ``TolokDEA/DEATolerance/classification`` of a better-ranked score share its rank; units without a
/// score get no rank.
public enum EfficiencyRanking {
    public static func ranks(_ scores: [Double?]) -> [Int?] {
        let ordered = scores.indices.filter { scores[$0] != nil }.sorted { a, b in
            let (sa, sb) = (scores[a]!, scores[b]!)
            return sa != sb ? sa > sb : a < b
        }
        var ranks = [Int?](repeating: nil, count: scores.count)
        var leader: Double? = nil
        var leaderRank = 0
        for (position, j) in ordered.enumerated() {
            let s = scores[j]!
            if let l = leader, l - s <= DEATolerance.classification {
                ranks[j] = leaderRank
            } else {
                leader = s
                leaderRank = position + 1
                ranks[j] = leaderRank
            }
        }
        return ranks
    }
}
