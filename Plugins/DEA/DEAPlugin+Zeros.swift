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
            scores.scores[j] = markedUndefined(scores.scores[j], m: inputs.count, s: outputs.count)
            if scores.scale.indices.contains(j) { scores.scale[j] = nil }
        }
    }

    static func markedUndefined(_ score: DEAUnitScore, m: Int, s: Int) -> DEAUnitScore {
        .failed(.undefined, m: m, s: s, iterations: score.iterations)
    }

    /// The ids of the "free lunch" units among `units`: every input zero, some output positive.
    static func freeLunchIds(_ units: [Int], ids: [String], inputs: [[Double]], outputs: [[Double]]) -> [String] {
        units.filter { j in inputs.allSatisfy { $0[j] == 0 } && outputs.contains { $0[j] > 0 } }.map { ids[$0] }
    }

    /// Notes on the consequences of free-lunch reference units (docs/DEA.md, "Zeros"): under
    /// CRS/NDRS their λ is unbounded, so output slacks are unbounded (not reported) and, under
    /// output orientation, φ is unbounded for the units whose outputs they produce.
    static func freeLunchNotes(_ scores: [DEAUnitScore], ids: [String], freeLunch: [String], orientation: Orientation) -> [String] {
        guard !freeLunch.isEmpty else { return [] }
        var notes: [String] = []
        let named = freeLunch.prefix(5).joined(separator: ", ") + (freeLunch.count > 5 ? ", …" : "")
        let unboundedSlacks = scores.indices.filter { scores[$0].status == .ok && scores[$0].slacksUnbounded }
        if !unboundedSlacks.isEmpty {
            notes.append("\(unboundedSlacks.count) unit(s) have unbounded output slacks: the reference set holds unit(s) with every input zero and a positive output (\(named)), "
                         + "which the technology can scale without limit at no input; their \(orientation == .input ? "θ" : "φ") is reported, slacks and targets are not (empty), and none of them is Pareto-efficient.")
        }
        let zeroTheta = scores.indices.filter { scores[$0].status == .ok && orientation == .input && scores[$0].radial == 0
            && !scores[$0].peers.isEmpty }
        if !zeroTheta.isEmpty {
            notes.append("\(zeroTheta.count) unit(s) have θ = 0: unit(s) with every input zero (\(named)) produce their outputs.")
        }
        let unbounded = scores.indices.filter { scores[$0].status == .unbounded }
        if orientation == .output && !unbounded.isEmpty {
            notes.append("\(unbounded.count) unit(s) have φ unbounded (status unbounded; efficiency 1/φ = 0): unit(s) with every input zero (\(named)) produce all their outputs and the technology scales them without limit.")
        }
        return notes
    }
}
