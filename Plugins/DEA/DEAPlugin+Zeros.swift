import TolokCore
import TolokDEAModel

extension DEAPlugin {
    /// The units whose radial score is 0/0: under input orientation every input zero (θx = x
    /// for every θ), under output orientation every output zero (φy = y for every φ). Their
    /// status is `undefined`, with no numbers; they stay in the others' reference set.
    static func undefinedUnits(orientation: Orientation, inputs: [[Double]], outputs: [[Double]]) -> [Int] {
        let own = orientation == .input ? inputs : outputs
        guard let n = own.first?.count ?? inputs.first?.count else { return [] }
        return (0..<n).filter { j in own.allSatisfy { $0[j] == 0 } }
    }

    static func markUndefined(_ scores: inout GroupedScores, orientation: Orientation, inputs: [[Double]], outputs: [[Double]]) {
        for j in undefinedUnits(orientation: orientation, inputs: inputs, outputs: outputs) {
            scores.scores[j] = .failed(.undefined, m: inputs.count, s: outputs.count, iterations: scores.scores[j].iterations)
            if scores.scale.indices.contains(j) { scores.scale[j] = nil }
        }
    }
}
