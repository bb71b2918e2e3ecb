import TolokDomain

/// DEA scores of every unit against the frontier of its own group (or of all units), with the
/// scale decomposition when asked: the cross-sectional analysis behind `tolok run dea`.
///
/// Groups are taken in order of first appearance; each group's units are scored against that
/// group's units only (Charnes, Cooper & Rhodes 1981, "within-program" frontiers). With
/// `scale`, θ is also computed under CRS, VRS and NIRS and combined into ``ScaleEfficiency``.
public struct GroupedScores: Sendable {
    /// One score per unit, in the data's order.
    public var scores: [DEAUnitScore]
    /// Per unit, when the scale decomposition was asked for.
    public var scale: [ScaleEfficiency?]

    /// `progress(label, done, total)`: the label names the group when there are several.
    public init(model: DEAModel, data: DEAData, groups: [String]? = nil, scale withScale: Bool = false,
                progress: (@Sendable (String, Int, Int) -> Void)? = nil) {
        let n = data.unitCount
        var members: [(label: String, units: [Int])] = []
        if let groups {
            var index: [String: Int] = [:]
            for (j, g) in groups.enumerated() {
                if let k = index[g] { members[k].units.append(j) } else { index[g] = members.count; members.append((g, [j])) }
            }
        } else {
            members = [("", Array(0..<n))]
        }
        var scores = [DEAUnitScore](repeating: .failed(.missingData, m: data.inputCount, s: data.outputCount), count: n)
        var scale = [ScaleEfficiency?](repeating: nil, count: n)
        for group in members {
            let label = members.count > 1 ? "dea group \(group.label)" : "dea"
            let result = model.score(data, units: group.units, reference: group.units, progress: progress.map { report in
                { @Sendable done, total in report(label, done, total) }
            })
            for (k, j) in group.units.enumerated() { scores[j] = result[k] }
            if withScale {
                func measure(_ rts: ReturnsToScale) -> [DEAUnitScore] {
                    if rts == model.rts && !model.superEfficiency { return result }
                    var m = model
                    m.rts = rts
                    m.superEfficiency = false
                    return m.score(data, units: group.units, reference: group.units)
                }
                let crs = measure(.crs), vrs = measure(.vrs), nirs = measure(.nirs)
                let o = model.orientation
                for (k, j) in group.units.enumerated() {
                    scale[j] = ScaleEfficiency(crs: crs[k].efficiency(o), vrs: vrs[k].efficiency(o), nirs: nirs[k].efficiency(o))
                }
            }
        }
        self.scores = scores
        self.scale = scale
    }
}
