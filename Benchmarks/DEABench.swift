import ArgumentParser
import Foundation
import TolokCore
import TolokDEAModel

struct DEABench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dea",
        abstract: "Time all-unit DEA scores (CRS input by default) on Cobb-Douglas data with half-normal inefficiency.")

    @Option(help: "Units.") var n: Int = 20_000
    @Option(help: "Inputs.") var m: Int = 4
    @Option(help: "Outputs.") var s: Int = 4
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Returns to scale.") var rts: String = "crs"
    @Option(help: "Worker threads (default: all cores).") var threads: Int?
    @Option(help: "Repetitions (the median is reported).") var repeats: Int = 1
    @Option(help: ArgumentHelp("Also run the scipy/HiGHS reference (scripts/peers/dea_linprog.py) on the first K units (0: skip).", valueName: "K"))
    var reference: Int = 0
    @Option(help: ArgumentHelp("Folder with dea_linprog.py.", valueName: "dir")) var peers: String = "scripts/peers"
    @Flag(help: "Print progress on stderr.") var progress = false
    @Flag(help: "Also run phase II (slacks, targets, peers); by default only scores, as the reference computes.") var slacks = false
    @Option(help: "Model: radial (default), sbm, ddf, cost, revenue, profit (non-radial models always compute slacks/targets; prices 1 + (i + j) mod 3).")
    var model: String = "radial"
    @Option(help: "Orientation of --model sbm|ddf: input, output, non.") var orientation: String = "non"

    func run() throws {
        guard n > 0, m > 0, s > 0, repeats > 0 else { throw UsageError("--n, --m, --s and --repeats must be positive") }
        guard let returns = ReturnsToScale(rawValue: rts) else { throw UsageError("--rts must be one of crs, vrs, nirs, ndrs") }
        let generated = SyntheticDEAData.cobbDouglas(units: n, inputs: m, outputs: s, seed: seed)
        let data = DEAData(inputs: generated.inputs, outputs: generated.outputs)
        if model != "radial" {
            try runModel(data, returns: returns)
            return
        }
        var model = DEAModel(orientation: .input, rts: returns, slacks: slacks)
        if let threads { model.threads = threads }
        var times: [Double] = []
        var scores: [DEAUnitScore] = []
        for _ in 0..<repeats {
            let t0 = Date()
            var reporter: (@Sendable (Int, Int) -> Void)?
            if progress {
                reporter = { done, total in FileHandle.standardError.write(Data("\r  \(done)/\(total) units".utf8)) }
            }
            scores = model.score(data, progress: reporter)
            times.append(Date().timeIntervalSince(t0))
            if progress { FileHandle.standardError.write(Data("\n".utf8)) }
        }
        let median = times.sorted()[times.count / 2]
        let efficient = scores.filter { $0.isEfficient }.count
        let failed = scores.filter { $0.status != .ok }.count
        let mean = scores.map { $0.radial }.filter(\.isFinite).reduce(0, +) / Double(n)
        let iterations = Double(scores.map(\.iterations).reduce(0, +)) / Double(n)
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMiB = Double(usage.ru_maxrss) / 1024
        print("dea \(returns.rawValue) input\(slacks ? " with slacks" : " scores")  n=\(n) m=\(m) s=\(s) seed=\(seed) threads=\(model.threads)")
        print(String(format: "  time %.3f s (median of %d: %@)", median, repeats, times.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
        print(String(format: "  efficient units %d, not optimal %d, mean score %.6f, simplex iterations per unit %.1f, peak RSS %.0f MiB",
                     efficient, failed, mean, iterations, peakMiB))

        if reference > 0 {
            let k = min(reference, n)
            let csv = FileManager.default.temporaryDirectory.appendingPathComponent("tolok-bench-\(getpid()).csv")
            defer { try? FileManager.default.removeItem(at: csv) }
            var text = (0..<m).map { "x\($0 + 1)" }.joined(separator: ",") + "," + (0..<s).map { "y\($0 + 1)" }.joined(separator: ",") + "\n"
            for j in 0..<n {
                text += (generated.inputs.map { "\($0[j])" } + generated.outputs.map { "\($0[j])" }).joined(separator: ",") + "\n"
            }
            try Data(text.utf8).write(to: csv)
            let script = URL(fileURLWithPath: peers).appendingPathComponent("dea_linprog.py").path
            guard FileManager.default.fileExists(atPath: script) else { throw UsageError("no dea_linprog.py in \(peers) (--peers DIR; run from the repository root)") }
            let peer = try PeerScript.run(script, arguments: [
                "--data", csv.path,
                "--inputs", (0..<m).map { "x\($0 + 1)" }.joined(separator: ","),
                "--outputs", (0..<s).map { "y\($0 + 1)" }.joined(separator: ","),
                "--rts", returns.rawValue, "--units", "\(k)"])
            let (outData, errData, wall) = (peer.stdout, peer.stderr, peer.seconds)
            // dea_linprog.py prints "K LPs in T s" (solve time, excluding reading the CSV).
            let note = String(decoding: errData, as: UTF8.self)
            let lpSeconds = note.split(separator: " ").compactMap { Double($0) }.last ?? wall
            var maxDiff = 0.0
            var compared = 0
            for line in String(decoding: outData, as: UTF8.self).split(separator: "\n").dropFirst() {
                let parts = line.split(separator: ",")
                guard parts.count == 2, let j = Int(parts[0]), let e = Double(parts[1]), j < n else { continue }
                maxDiff = max(maxDiff, abs(e - scores[j].radial))
                compared += 1
            }
            let extrapolated = lpSeconds / Double(k) * Double(n)
            print(String(format: "  reference scipy/HiGHS: %d units in %.2f s (LP time) → %.0f s extrapolated to n = %d; ratio %.0f×", k, lpSeconds, extrapolated, n, extrapolated / median))
            print(String(format: "  agreement on %d units: max |Δ| = %.2e %@", compared, maxDiff, maxDiff <= 1e-6 ? "(≤ 1e-6: OK)" : "(> 1e-6: MISMATCH)"))
            if maxDiff > 1e-6 { throw InternalError("scores disagree with the reference by \(maxDiff)") }
        }
    }

    /// Times one non-radial model (issue #13 part B) on the same synthetic data.
    func runModel(_ data: DEAData, returns: ReturnsToScale) throws {
        guard let orient = ProjectionOrientation(rawValue: orientation) else { throw UsageError("--orientation must be input, output or non") }
        let workers = threads ?? ProcessInfo.processInfo.activeProcessorCount
        let w = (0..<m).map { i in (0..<n).map { Double(1 + (i + $0) % 3) } }
        let p = (0..<s).map { r in (0..<n).map { Double(1 + (r + 2 * $0) % 3) } }
        var times: [Double] = []
        var notOK = 0
        var mean = 0.0
        for _ in 0..<repeats {
            let t0 = Date()
            var values: [Double]
            switch model {
            case "sbm":
                let r = SlacksBasedMeasure(orientation: orient, rts: returns, threads: workers).score(data)
                notOK = r.filter { $0.status != .ok }.count; values = r.map(\.score)
            case "ddf":
                let r = DirectionalDistance(orientation: orient, rts: returns, threads: workers).score(data)
                notOK = r.filter { $0.status != .ok }.count; values = r.map(\.score)
            case "cost", "revenue", "profit":
                let kind = EconomicEfficiency.Kind(rawValue: model)!
                let r = EconomicEfficiency(kind: kind, rts: kind == .profit ? .vrs : returns, inputPrices: w, outputPrices: p, threads: workers).score(data)
                notOK = r.filter { $0.status != .ok }.count; values = r.map(\.overall)
            default: throw UsageError("--model must be radial, sbm, ddf, cost, revenue or profit")
            }
            times.append(Date().timeIntervalSince(t0))
            let finite = values.filter(\.isFinite)
            mean = finite.reduce(0, +) / Double(max(1, finite.count))
        }
        let median = times.sorted()[times.count / 2]
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("dea \(model) \(model == "sbm" || model == "ddf" ? orientation + " " : "")\(model == "profit" ? "vrs" : returns.rawValue)  n=\(n) m=\(m) s=\(s) seed=\(seed) threads=\(workers)")
        print(String(format: "  time %.3f s (median of %d: %@)", median, repeats, times.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
        print(String(format: "  not ok %d, mean score %.6f, peak RSS %.0f MiB", notOK, mean, Double(usage.ru_maxrss) / 1024))
    }
}
