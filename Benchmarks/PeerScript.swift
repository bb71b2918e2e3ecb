import Foundation
import TolokCore

/// Runs a peer's reference script (`shared/peers/reference.py`) with python3 for the side-by-side
/// benchmarks, reading its stdout and stderr concurrently (so neither pipe can fill up and block).
enum PeerScript {
    struct Outcome {
        var stdout: Data
        var stderr: Data
        /// Wall-clock seconds of the whole process (including its own data reading).
        var seconds: Double
    }

    static func run(_ script: String, arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        try process.run()
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errData = err.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        guard process.terminationStatus == 0 else {
            throw InternalError("\(script) failed (exit \(process.terminationStatus)): \(String(decoding: errData, as: UTF8.self))")
        }
        return Outcome(stdout: outData, stderr: errData, seconds: seconds)
    }
}
