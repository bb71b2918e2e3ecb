import ArgumentParser
import Foundation
import TolokCore
import TolokDEAModel

/// `tolok bench io`: the data boundary alone. Writes a seeded n × 4 numeric CSV (the Cobb-Douglas
/// DEA data of `tolok bench dea`, m = s = 2, every number in its shortest round-trip form), then
///
/// - loads it with `CSVLoader.load` in a child process (`tolok-bench io-load`) under
///   `/usr/bin/time`, so the peak RSS is the load's alone (the process's own baseline included);
/// - writes an n-row result table (id, two numbers, a status) as CSV and as JSON through the
///   renderers and `AtomicFile`, in this process.
///
/// Times are wall-clock medians over `--repeats`.
struct IOBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "io",
        abstract: "Time loading an n × 4 numeric CSV and writing an n-row result as CSV and JSON (run a release build).")

    @Option(help: "Rows.") var n: Int = 1_000_000
    @Option(help: "Random seed.") var seed: UInt64 = 1
    @Option(help: "Repetitions (the median is reported).") var repeats: Int = 3
    @Option(help: ArgumentHelp("Folder for the generated files (default: a temporary folder, removed afterwards).", valueName: "dir"))
    var keep: String?

    func run() throws {
        guard n > 0, repeats > 0 else { throw UsageError("--n and --repeats must be positive") }
        let folder = try BenchFiles.folder(keep)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let csv = folder + "/io-\(n).csv"
        let size = try BenchFiles.writeDEAData(n: n, m: 2, s: 2, seed: seed, to: csv)
        print("io  n=\(n) columns=4 seed=\(seed) file \(String(format: "%.1f", Double(size) / 1_048_576)) MiB (\(csv))")

        // Load, in a child: its wall time as the loader measured it, and the child's peak RSS.
        var loads: [Double] = [], peaks: [Double] = []
        for _ in 0..<repeats {
            let child = try Measured.run([BenchFiles.selfExecutable, "io-load", "--data", csv])
            guard let line = String(decoding: child.stdout, as: UTF8.self).split(separator: "\n").first(where: { $0.hasPrefix("load ") }),
                  let t = Double(line.dropFirst(5)) else {
                throw InternalError("io-load printed no time: \(String(decoding: child.stderr, as: UTF8.self))")
            }
            loads.append(t)
            peaks.append(child.peakMiB)
        }
        print(String(format: "  load   %.3f s (median of %d: %@), peak RSS %.0f MiB (%.2f× the file)",
                     median(loads), repeats, loads.map { String(format: "%.3f", $0) }.joined(separator: ", "),
                     median(peaks), median(peaks) * 1_048_576 / Double(size)))

        // Write: an n-row table like a DEA unit table.
        let table = ResultTable(
            name: "units", columns: [ResultColumn("id", .text), ResultColumn("score"), ResultColumn("lambda_sum"), ResultColumn("status", .text)],
            rows: (0..<n).map { i in
                let x = 1 / (1 + Double(i % 977) / 97.0)
                return [.text("u\(i + 1)"), .number(x), .number(Double(i % 13) * 0.125 + x), .text("ok")]
            })
        let result = AnalysisResult(plugin: "bench", version: "1", parameters: [("n", .integer(n))], tables: [table],
                                    summary: [("units", .integer(n))], notes: [])
        for format in [OutputFormat.csv, .json] {
            var times: [Double] = []
            var bytes = 0
            let path = folder + "/io-out.\(format.rawValue)"
            for _ in 0..<repeats {
                let t0 = Date()
                try ResultOutput.write(result, format: format, table: nil, to: path)
                times.append(Date().timeIntervalSince(t0))
                bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
            }
            print(String(format: "  write %@ %.3f s (median of %d: %@), %.1f MiB", format.rawValue.padding(toLength: 4, withPad: " ", startingAt: 0),
                         median(times), repeats, times.map { String(format: "%.3f", $0) }.joined(separator: ", "),
                         Double(bytes) / 1_048_576))
            try? FileManager.default.removeItem(atPath: path)
        }
    }
}

/// `tolok-bench io-load --data F`: loads F once and prints `load SECONDS` (the child of `io`).
struct IOLoadChild: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "io-load", abstract: "Load one CSV and print the time (used by `io`).",
                                                    shouldDisplay: false)
    @Option var data: String

    func run() throws {
        let t0 = Date()
        let d = try CSVLoader.load(path: data)
        let t = Date().timeIntervalSince(t0)
        print("load \(t)")
        print("rows \(d.rowCount) numeric columns \(d.columns.filter(\.isNumeric).count)")
    }
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

/// Generated input files for the I/O and end-to-end benchmarks.
enum BenchFiles {
    /// This executable (for child processes).
    static var selfExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// `tolok` beside this executable.
    static var tolok: String {
        URL(fileURLWithPath: selfExecutable).deletingLastPathComponent().appendingPathComponent("tolok").path
    }

    static func folder(_ keep: String?) throws -> String {
        let path = keep ?? FileManager.default.temporaryDirectory.appendingPathComponent("tolok-bench-\(getpid())").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The DEA data of `tolok bench dea` as CSV (`x1..xm,y1..ys`); returns the file size.
    static func writeDEAData(n: Int, m: Int, s: Int, seed: UInt64, to path: String) throws -> Int {
        let g = SyntheticDEAData.cobbDouglas(units: n, inputs: m, outputs: s, seed: seed)
        var text = ((1...m).map { "x\($0)" } + (1...s).map { "y\($0)" }).joined(separator: ",") + "\n"
        text.reserveCapacity(n * (m + s) * 19)
        for j in 0..<n {
            for i in 0..<m { text += "\(g.inputs[i][j])"; text += "," }
            for r in 0..<s { text += "\(g.outputs[r][j])"; text += r == s - 1 ? "\n" : "," }
        }
        try AtomicFile.write(text, to: path)
        return text.utf8.count
    }
}

/// A child process under `/usr/bin/time -f %e %M`: its output, wall seconds and peak RSS.
enum Measured {
    struct Outcome {
        var stdout: Data
        var stderr: Data
        var seconds: Double
        var peakMiB: Double
        var status: Int32
    }

    static func run(_ arguments: [String], allowFailure: Bool = false) throws -> Outcome {
        let child = try ChildProcess.run("/usr/bin/time", ["-f", "TOLOK-BENCH-TIME %e %M"] + arguments)
        let errText = String(decoding: child.stderr, as: UTF8.self)
        guard let line = errText.split(separator: "\n").last(where: { $0.hasPrefix("TOLOK-BENCH-TIME ") }) else {
            throw InternalError("/usr/bin/time printed nothing for \(arguments.joined(separator: " ")): \(errText)")
        }
        let parts = line.split(separator: " ")
        let seconds = Double(parts[1]) ?? .nan, kb = Double(parts[2]) ?? .nan
        if child.status != 0 && !allowFailure {
            throw InternalError("\(arguments.joined(separator: " ")) failed (exit \(child.status)): \(errText)")
        }
        return Outcome(stdout: child.stdout, stderr: child.stderr, seconds: seconds, peakMiB: kb / 1024, status: child.status)
    }
}
