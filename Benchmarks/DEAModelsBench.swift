import ArgumentParser
import Foundation
import TolokCore
import TolokDEAModel

/// `tolok bench dea-models`: the models beyond radial (issue #13 part A) on the same seeded
/// Cobb-Douglas data as `tolok bench dea`: the additive model (frontier first, then one LP per
/// unit with the general simplex) and FDH (enumeration after the dominance filter).
struct DEAModelsBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dea-models",
        abstract: "Time the additive model (VRS, ones/ram/mip weights) or FDH on Cobb-Douglas data.")

    @Option(help: "additive or fdh.") var model: String = "additive"
    @Option(help: "Units.") var n: Int = 20_000
    @Option(help: "Inputs.") var m: Int = 4
    @Option(help: "Outputs.") var s: Int = 4
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Returns to scale of the additive model.") var rts: String = "vrs"
    @Option(help: "Additive weights: ones, ram or mip.") var weights: String = "ones"
    @Option(help: "FDH orientation: input or output.") var orientation: String = "input"
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Repetitions (the median is reported).") var repeats: Int = 1

    func run() throws {
        guard n > 0, m > 0, s > 0, repeats > 0 else { throw UsageError("--n, --m, --s and --repeats must be positive") }
        let generated = SyntheticDEAData.cobbDouglas(units: n, inputs: m, outputs: s, seed: seed)
        let data = DEAData(inputs: generated.inputs, outputs: generated.outputs)
        let cores = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let run: () -> [DEAUnitScore]
        let label: String
        switch model {
        case "additive":
            guard let returns = ReturnsToScale(rawValue: rts) else { throw UsageError("--rts must be one of crs, vrs, nirs, ndrs") }
            let w: AdditiveModel.Weights
            switch weights {
            case "ones": w = .ones
            case "ram": w = .ram
            case "mip": w = .mip
            default: throw UsageError("--weights must be ones, ram or mip")
            }
            let additive = AdditiveModel(rts: returns, weights: w, threads: cores)
            run = { additive.score(data) }
            label = "additive \(returns.rawValue) weights=\(weights)"
        case "fdh":
            guard let o = Orientation(rawValue: orientation) else { throw UsageError("--orientation must be input or output") }
            let fdh = FDHModel(orientation: o)
            run = { fdh.score(data) }
            label = "fdh \(o.rawValue)"
        default:
            throw UsageError("--model must be additive or fdh")
        }
        var times: [Double] = []
        var scores: [DEAUnitScore] = []
        for _ in 0..<repeats {
            let t0 = Date()
            scores = run()
            times.append(Date().timeIntervalSince(t0))
        }
        let median = times.sorted()[times.count / 2]
        let failed = scores.filter { $0.status != .ok }.count
        let values = scores.map(\.radial).filter(\.isFinite)
        let mean = values.reduce(0, +) / Double(max(1, values.count))
        let peers = Set(scores.flatMap { $0.peers.map(\.unit) }).count
        print("dea-models \(label)  n=\(n) m=\(m) s=\(s) seed=\(seed) threads=\(cores)")
        print(String(format: "  time %.3f s (median of %d: %@)", median, repeats, times.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
        print(String(format: "  not ok %d, mean score %.6f, distinct peers %d", failed, mean, peers))
    }
}
