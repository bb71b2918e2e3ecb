import ArgumentParser
import Foundation
import TolokCore
import TolokFrontierModel
import TolokNumerics

/// `tolok bench sfa`: maximum-likelihood fit of the normal–half-normal production frontier
/// (Aigner, Lovell & Schmidt 1977) on seeded synthetic Cobb-Douglas data with three
/// regressors — `SyntheticSFAData` (β = 1, 0.4, 0.3, 0.2; σ_v = 0.2, σ_u = 0.4; docs/PERFORMANCE.md,
/// "SFA"), drawn with Tolok's `SeededGenerator`. Only the fit is timed (OLS, starting
/// values, BFGS, Newton verification, standard errors and the unit predictions), not the data
/// generation. `--reference` writes the data to a temporary CSV and runs the scipy reference
/// (`scripts/peers/sfa_scipy.py`) on it for the time ratio and the largest parameter difference.
struct SFABench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sfa",
        abstract: "Time a half-normal Cobb-Douglas production frontier (3 regressors) on seeded synthetic data.")

    @Option(help: "Units.") var n: Int = 1_000_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Repetitions (the median is reported).") var repeats: Int = 1
    @Flag(help: "Also run the scipy reference (sfa_scipy.py in --peers) on the same data.") var reference = false
    @Option(help: ArgumentHelp("Folder with sfa_scipy.py.", valueName: "dir")) var peers: String = "scripts/peers"

    func run() throws {
        guard n > 10, repeats > 0 else { throw UsageError("--n must exceed 10 and --repeats be positive") }
        let g0 = Date()
        let data = SyntheticSFAData.halfNormalCobbDouglas(units: n, seed: seed)
        let generation = Date().timeIntervalSince(g0)
        let names = ["lx1", "lx2", "lx3"]
        var times: [Double] = []
        var fit: StochasticFrontierFit?
        for _ in 0..<repeats {
            let t0 = Date()
            fit = try StochasticFrontier.fit(y: data.logOutput, x: data.logInputs, regressorNames: names)
            times.append(Date().timeIntervalSince(t0))
        }
        guard let fit else { return }
        let median = times.sorted()[times.count / 2]
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let peakMiB = Double(usage.ru_maxrss) / 1024
        print("sfa half-normal production  n=\(n) k=4 seed=\(seed) threads=\(ProcessInfo.processInfo.activeProcessorCount)")
        print(String(format: "  data generation %.3f s (not timed)", generation))
        print(String(format: "  fit time %.3f s (median of %d: %@)", median, repeats,
                     times.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
        print("  status \(fit.status.rawValue), BFGS iterations \(fit.iterations), Newton steps \(fit.newtonSteps), "
              + "log-likelihood evaluations \(fit.functionEvaluations), max |gradient| "
              + String(format: "%.1e", fit.maxAbsGradient) + String(format: ", peak RSS %.0f MiB", peakMiB))
        print(String(format: "  log-likelihood %.6f (OLS %.6f)", fit.logLikelihood, fit.ols.logLikelihood))
        let truth = SyntheticSFAData.beta + [SyntheticSFAData.sigmaU, SyntheticSFAData.sigmaV,
                                             SyntheticSFAData.sigmaU / SyntheticSFAData.sigmaV]
        let estimates = fit.beta + [fit.sigmaU, fit.sigmaV, fit.lambda].compactMap { $0 }
        print("  parameter      estimate     std.error   true")
        for (e, t) in zip(estimates, truth) {
            print("  " + e.name.padding(toLength: 10, withPad: " ", startingAt: 0)
                  + String(format: " %12.8f %12.8f %6.2f", e.value, e.standardError, t))
        }

        guard reference else { return }
        let csv = FileManager.default.temporaryDirectory.appendingPathComponent("tolok-bench-sfa-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: csv) }
        var text = "lx1,lx2,lx3,ly\n"
        text.reserveCapacity(n * 80)
        for i in 0..<n {
            // Shortest decimal form that reads back as the same double.
            text += "\(data.logInputs[i, 0]),\(data.logInputs[i, 1]),\(data.logInputs[i, 2]),\(data.logOutput[i])\n"
        }
        try Data(text.utf8).write(to: csv)
        let script = URL(fileURLWithPath: peers).appendingPathComponent("sfa_scipy.py").path
        guard FileManager.default.fileExists(atPath: script) else { throw UsageError("no sfa_scipy.py in \(peers) (--peers DIR; run from the repository root)") }
        let peer = try PeerScript.run(script, arguments: ["--data", csv.path, "--y", "ly", "--x", names.joined(separator: ",")])
        let (outData, errData, wall) = (peer.stdout, peer.stderr, peer.seconds)
        guard let object = try? JSONSerialization.jsonObject(with: outData) as? [String: Any],
              let beta = (object["beta"] as? [NSNumber])?.map(\.doubleValue), beta.count == 4,
              let sv = (object["sigma_v"] as? NSNumber)?.doubleValue, let su = (object["sigma_u"] as? NSNumber)?.doubleValue,
              let ll = (object["loglik"] as? NSNumber)?.doubleValue, let seconds = (object["seconds"] as? NSNumber)?.doubleValue
        else {
            throw InternalError("sfa_scipy.py failed: \(String(decoding: errData, as: UTF8.self))")
        }
        let ours = fit.beta.map(\.value) + [fit.sigmaV?.value ?? .nan, fit.sigmaU?.value ?? .nan]
        let theirs = beta + [sv, su]
        let maxDiff = zip(ours, theirs).map { abs($0 - $1) }.max() ?? .nan
        print(String(format: "  reference scipy BFGS (sfa_scipy.py): %.2f s fit (%.1f s wall incl. reading the CSV); "
                     + "ratio %.1f× (reference fit / Tolok fit)", seconds, wall, seconds / median))
        print(String(format: "  agreement: max |Δ| over β, σ_v, σ_u = %.2e; log-likelihood Tolok − reference = %.3e",
                     maxDiff, fit.logLikelihood - ll))
        if !(maxDiff <= 1e-6) { throw InternalError("parameters disagree with the reference by \(maxDiff)") }
    }
}
