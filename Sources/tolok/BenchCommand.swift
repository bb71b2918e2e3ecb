import ArgumentParser
import Foundation
import TolokCore

/// `tolok bench …`: runs the benchmark executable `tolok-bench` that sits beside `tolok` (built by
/// `swift build`, not part of a release), with the same arguments. The benchmark harness —
/// synthetic data, timing, the scipy peers — is kept out of the shipped host.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmark a model on seeded synthetic data (runs tolok-bench; use a release build).")

    @Argument(parsing: .captureForPassthrough, help: "The benchmark and its options: dea … or sfa … (tolok bench --help).")
    var arguments: [String] = []

    func run() throws {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        let executable = folder.appendingPathComponent("tolok-bench")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            throw UsageError("tolok bench needs the tolok-bench executable beside tolok (\(executable.path)); build it with `swift build -c release`")
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        do { try process.run() } catch { throw InternalError("could not start \(executable.path): \(error.localizedDescription)") }
        process.waitUntilExit()
        Foundation.exit(process.terminationStatus)
    }
}
