import ArgumentParser
import Foundation
import TolokCore

/// `tolok bench`: reproducible speed measurements on seeded synthetic data (docs/PERFORMANCE.md).
/// Timings are wall-clock on this machine; run a release build (`swift build -c release`).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tolok bench",
        abstract: "Benchmark a model on seeded synthetic data (run a release build).",
        subcommands: [DEABench.self, DEAModelsBench.self, SFABench.self, IOBench.self, IOLoadChild.self, E2EBench.self, RatiosBuiltinChild.self])
}
