import ArgumentParser
import Foundation
import TolokCore
import TolokRatios

/// `tolok bench e2e ratios`: `tolok run ratios` (the external plugin: a child process, results
/// through ABI version 2) against the same work done by a built-in path — this executable's
/// hidden `ratios-builtin` command, which loads the CSV with the same loader, runs the same
/// ``RatiosPlugin`` in process through ``AnalysisRunner`` and writes the same CSV. Both are timed
/// as child processes under `/usr/bin/time` (wall time and peak RSS), alternately, and their
/// outputs compared byte for byte.
extension E2EBench {
    func ratios(_ folder: String) throws {
        let data = folder + "/ratios-\(n).csv"
        let size = try BenchFiles.writeDEAData(n: n, m: 2, s: 2, seed: seed, to: data)
        print("e2e ratios (2 inputs, 2 outputs: 4 ratios)  n=\(n) seed=\(seed) file \(String(format: "%.1f", Double(size) / 1_048_576)) MiB")
        let common = ["--data", data, "--inputs", "x1,x2", "--outputs", "y1,y2"]
        var ours: [Measured.Outcome] = [], builtin: [Measured.Outcome] = []
        for _ in 0..<repeats {
            ours.append(try Measured.run([BenchFiles.tolok, "run", "ratios"] + common + ["--format", "csv", "--output", folder + "/ratios-external.csv"]))
            builtin.append(try Measured.run([BenchFiles.selfExecutable, "ratios-builtin"] + common + ["--output", folder + "/ratios-builtin.csv"]))
        }
        let same = FileManager.default.contentsEqual(atPath: folder + "/ratios-external.csv", andPath: folder + "/ratios-builtin.csv")
        guard same else { throw InternalError("tolok run ratios and the built-in path wrote different files") }
        print(Self.line("run ratios (ABI 2)", ours))
        print(Self.line("built-in (in process)", builtin))
        print(String(format: "  ratio %.2f× wall, %.2f× memory (external / built-in); outputs identical",
                     median(ours.map(\.seconds)) / median(builtin.map(\.seconds)), median(ours.map(\.peakMiB)) / median(builtin.map(\.peakMiB))))
    }
}

/// The built-in side of `tolok bench e2e ratios` (hidden): `tolok run ratios … --format csv`
/// with ``RatiosPlugin`` registered in this process instead of loaded through the C ABI.
struct RatiosBuiltinChild: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ratios-builtin", shouldDisplay: false)
    @Option var data: String
    @Option var id: String?
    @Option var inputs: String
    @Option var outputs: String
    @Option var output: String

    func run() throws {
        let registry = PluginRegistry()
        _ = registry.register(RatiosPlugin())
        let invocation = RunInvocation(pluginID: "ratios", dataPath: data, idColumn: id,
                                       pluginArguments: ["--inputs", inputs, "--outputs", outputs])
        let result = try AnalysisRunner.run(invocation, registry: registry)
        try ResultOutput.write(result, format: .csv, to: output)
    }
}
