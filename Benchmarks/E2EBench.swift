import ArgumentParser
import Foundation
import TolokCore
import TolokDEAModel
import TolokFrontierModel

/// `tolok bench e2e loans|dea|sfa`: whole `tolok run` commands, from a generated seeded CSV to the
/// written output file, timed as child processes under `/usr/bin/time` (wall time and peak RSS),
/// side by side with their peer in the same run:
///
/// - `loans`: `tolok run loan-collectibility … --format csv --output F` against the pandas script
///   `scripts/peers/loans_pandas.py` (read_csv, Kol by np.select, NPL by branch, to_csv), run
///   alternately `--repeats` times;
/// - `dea`: `tolok run dea` (CRS input, the data of `tolok bench dea`, m = s = 2) against the model's
///   own compute time on the same numbers in this process (`DEAModel.score` with slacks, as the
///   plugin runs it);
/// - `sfa`: `tolok run sfa … --format json` against the scipy BFGS fit with analytic gradient of
///   `scripts/peers/sfa_scipy.py` (the fit time it reports, data already in memory);
/// - `dea-boot`: `tolok run dea --bootstrap B` (input orientation, m = s = 2) against R
///   Benchmarking's `dea.boot` on the same CSV (`scripts/peers/dea_boot_timing.R`, when Rscript
///   and Benchmarking are installed) with `--r-replicates` replicates, also scaled to B (dea.boot's
///   time is linear in B: one DEA per replicate).
struct E2EBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "e2e",
        abstract: "Time whole `tolok run` commands (CSV in, file out) beside their pandas/scipy/compute peers (run a release build).")

    enum Job: String, ExpressibleByArgument, CaseIterable { case loans, dea, sfa, ratios, deaBoot = "dea-boot" }

    @Argument(help: "loans, dea, sfa, ratios or dea-boot.") var job: Job
    @Option(help: "Rows.") var n: Int = 1_000_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Repetitions of each side (medians are reported).") var repeats: Int = 1
    @Option(help: ArgumentHelp("Folder with loans_pandas.py (loans) and sfa_scipy.py (sfa).", valueName: "dir")) var scripts: String = "scripts/peers"
    @Option(help: "dea-boot: bootstrap replicates B.") var replicates: Int = 2000
    @Option(help: "dea-boot: replicates of R's dea.boot (0: do not run R).") var rReplicates: Int = 200
    @Option(help: "dea-boot: returns to scale (crs, vrs).") var rts: String = "vrs"
    @Option(help: "dea-boot: inputs and outputs (m = s).") var dimension: Int = 2
    @Option(help: ArgumentHelp("Folder for the generated files (default: a temporary folder, removed afterwards).", valueName: "dir"))
    var keep: String?

    func run() throws {
        guard n > 10, repeats > 0 else { throw UsageError("--n must exceed 10 and --repeats be positive") }
        let folder = try BenchFiles.folder(keep)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: folder) } }
        switch job {
        case .loans: try loans(folder)
        case .dea: try dea(folder)
        case .sfa: try sfa(folder)
        case .ratios: try ratios(folder)  // RatiosBench.swift
        case .deaBoot: try deaBoot(folder)
        }
    }

    static func line(_ name: String, _ runs: [Measured.Outcome]) -> String {
        String(format: "  %@ %.2f s wall (median of %d: %@), peak RSS %.0f MiB", name.padding(toLength: 22, withPad: " ", startingAt: 0),
               median(runs.map(\.seconds)), runs.count, runs.map { String(format: "%.2f", $0.seconds) }.joined(separator: ", "),
               median(runs.map(\.peakMiB)))
    }

    func loans(_ folder: String) throws {
        let data = folder + "/loans-\(n).csv"
        let size = try BenchFiles.writeLoans(n: n, seed: seed, to: data)
        let script = URL(fileURLWithPath: scripts).appendingPathComponent("loans_pandas.py").path
        guard FileManager.default.fileExists(atPath: script) else { throw UsageError("no loans_pandas.py in \(scripts) (--scripts DIR)") }
        print("e2e loans  n=\(n) seed=\(seed) file \(String(format: "%.1f", Double(size) / 1_048_576)) MiB")
        var ours: [Measured.Outcome] = [], theirs: [Measured.Outcome] = []
        for _ in 0..<repeats {
            ours.append(try Measured.run([BenchFiles.tolok, "run", "loan-collectibility", "--data", data, "--id", "loan",
                                          "--group-by", "branch", "--format", "csv", "--output", folder + "/loans-tolok.csv"]))
            theirs.append(try Measured.run(["/usr/bin/env", "python3", script, "--data", data, "--output", folder + "/loans-pandas.csv"]))
        }
        print(Self.line("tolok", ours))
        print(Self.line("pandas", theirs))
        print(String(format: "  ratio %.2f× (pandas wall / tolok wall), memory %.2f× (tolok peak / pandas peak)",
                     median(theirs.map(\.seconds)) / median(ours.map(\.seconds)), median(ours.map(\.peakMiB)) / median(theirs.map(\.peakMiB))))
    }

    func dea(_ folder: String) throws {
        let data = folder + "/dea-\(n).csv"
        let size = try BenchFiles.writeDEAData(n: n, m: 2, s: 2, seed: seed, to: data)
        print("e2e dea crs input (2,2)  n=\(n) seed=\(seed) file \(String(format: "%.1f", Double(size) / 1_048_576)) MiB")
        var ours: [Measured.Outcome] = []
        var computes: [Double] = []
        for _ in 0..<repeats {
            ours.append(try Measured.run([BenchFiles.tolok, "run", "dea", "--data", data, "--inputs", "x1,x2", "--outputs", "y1,y2",
                                          "--format", "csv", "--output", folder + "/dea-tolok.csv"]))
            // The same numbers (shortest round-trip text reads back exactly) through the model alone.
            let g = SyntheticDEAData.cobbDouglas(units: n, inputs: 2, outputs: 2, seed: seed)
            let t0 = Date()
            _ = DEAModel(orientation: .input, rts: .crs).score(DEAData(inputs: g.inputs, outputs: g.outputs))
            computes.append(Date().timeIntervalSince(t0))
        }
        print(Self.line("tolok run dea", ours))
        print(String(format: "  DEAModel.score alone    %.2f s (median of %d: %@), with slacks as the plugin",
                     median(computes), repeats, computes.map { String(format: "%.2f", $0) }.joined(separator: ", ")))
        print(String(format: "  ratio %.2f× (end to end / compute)", median(ours.map(\.seconds)) / median(computes)))
    }

    func deaBoot(_ folder: String) throws {
        let data = folder + "/dea-boot-\(n).csv"
        let size = try BenchFiles.writeDEAData(n: n, m: dimension, s: dimension, seed: seed, to: data)
        let columns = (1...dimension).map { "x\($0)" }.joined(separator: ","), outputs = (1...dimension).map { "y\($0)" }.joined(separator: ",")
        print("e2e dea --bootstrap \(replicates) \(rts) input (\(dimension),\(dimension))  n=\(n) seed=\(seed) file \(String(format: "%.2f", Double(size) / 1_048_576)) MiB")
        var ours: [Measured.Outcome] = []
        for _ in 0..<repeats {
            ours.append(try Measured.run([BenchFiles.tolok, "run", "dea", "--data", data, "--inputs", columns, "--outputs", outputs, "--rts", rts,
                                          "--bootstrap", String(replicates), "--format", "csv", "--table", "bootstrap", "--output", folder + "/boot-tolok.csv"]))
        }
        print(Self.line("tolok run dea --bootstrap", ours))
        let script = URL(fileURLWithPath: scripts).appendingPathComponent("dea_boot_timing.R").path
        guard rReplicates > 0, FileManager.default.fileExists(atPath: script),
              let r = try? ChildProcess.run("/usr/bin/env", ["Rscript", "-e", "library(Benchmarking)"]), r.status == 0 else {
            print("  R Benchmarking not run (--r-replicates 0, or Rscript/Benchmarking not installed)")
            return
        }
        let peer = try Measured.run(["/usr/bin/env", "Rscript", script, data, rts, String(rReplicates), folder + "/boot-r.csv"])
        print(Self.line("R dea.boot B=\(rReplicates)", [peer]))
        let scaled = peer.seconds * Double(replicates) / Double(rReplicates)
        print(String(format: "  R dea.boot scaled to B=%d: %.0f s; ratio %.0f× (R scaled / tolok)", replicates, scaled, scaled / median(ours.map(\.seconds))))
    }

    func sfa(_ folder: String) throws {
        let data = folder + "/sfa-\(n).csv"
        let g = SyntheticSFAData.halfNormalCobbDouglas(units: n, seed: seed)
        var text = "lx1,lx2,lx3,ly\n"
        text.reserveCapacity(n * 80)
        for i in 0..<n { text += "\(g.logInputs[i, 0]),\(g.logInputs[i, 1]),\(g.logInputs[i, 2]),\(g.logOutput[i])\n" }
        try AtomicFile.write(text, to: data)
        print("e2e sfa half-normal  n=\(n) seed=\(seed) file \(String(format: "%.1f", Double(text.utf8.count) / 1_048_576)) MiB")
        let script = URL(fileURLWithPath: scripts).appendingPathComponent("sfa_scipy.py").path
        guard FileManager.default.fileExists(atPath: script) else { throw UsageError("no sfa_scipy.py in \(scripts) (--scripts DIR)") }
        var ours: [Measured.Outcome] = [], theirs: [Measured.Outcome] = []
        var fits: [Double] = []
        for _ in 0..<repeats {
            ours.append(try Measured.run([BenchFiles.tolok, "run", "sfa", "--data", data, "--y", "ly", "--x", "lx1,lx2,lx3",
                                          "--format", "json", "--output", folder + "/sfa-tolok.json"]))
            let peer = try Measured.run(["/usr/bin/env", "python3", script, "--data", data, "--y", "ly", "--x", "lx1,lx2,lx3"])
            guard let object = try? JSONSerialization.jsonObject(with: peer.stdout) as? [String: Any],
                  let seconds = (object["seconds"] as? NSNumber)?.doubleValue else {
                throw InternalError("sfa_scipy.py printed no seconds: \(String(decoding: peer.stderr, as: UTF8.self))")
            }
            theirs.append(peer)
            fits.append(seconds)
        }
        print(Self.line("tolok run sfa (json)", ours))
        print(Self.line("sfa_scipy.py", theirs))
        print(String(format: "  scipy BFGS fit alone     %.2f s (median; data in memory)", median(fits)))
        print(String(format: "  ratio %.2f× (scipy fit alone / tolok end to end)", median(fits) / median(ours.map(\.seconds))))
    }
}

extension BenchFiles {
    /// Seeded loans: `loan,branch,outstanding,days_past_due`; 20 branches; outstanding in rupiah
    /// with two decimals (1 million to 2 billion); days past due 0 for 70 %, else spread over the
    /// five classes. Returns the file size.
    static func writeLoans(n: Int, seed: UInt64, to path: String) throws -> Int {
        var state = seed &+ 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        let branches = ["Jakarta", "Bandung", "Surabaya", "Medan", "Semarang", "Makassar", "Palembang", "Denpasar", "Yogyakarta", "Malang",
                        "Padang", "Pekanbaru", "Balikpapan", "Manado", "Pontianak", "Banjarmasin", "Jambi", "Kupang", "Ambon", "Jayapura"]
        var text = "loan,branch,outstanding,days_past_due\n"
        text.reserveCapacity(n * 40)
        for i in 0..<n {
            let cents = 100_000_000 + next() % 199_900_000_000
            let r = next() % 100
            let days: UInt64 = r < 70 ? 0 : r < 85 ? 1 + next() % 90 : r < 90 ? 91 + next() % 30 : r < 95 ? 121 + next() % 60 : 181 + next() % 900
            let centsText = String(cents % 100)
            text += "L\(i + 1),\(branches[Int(next() % 20)]),\(cents / 100).\(centsText.count == 1 ? "0" + centsText : centsText),\(days)\n"
        }
        try AtomicFile.write(text, to: path)
        return text.utf8.count
    }
}
