import Foundation
import TolokCore

/// Runs a peer script (`scripts/peers/*.py`) with python3 for the side-by-side
/// benchmarks, reading its stdout and stderr concurrently (so neither pipe can fill up and block).
enum PeerScript {
    struct Outcome {
        var stdout: Data
        var stderr: Data
        /// Wall-clock seconds of the whole process (including its own data reading).
        var seconds: Double
    }

    static func run(_ script: String, arguments: [String]) throws -> Outcome {
        let start = Date()
        let child = try ChildProcess.run("/usr/bin/env", ["python3", script] + arguments)
        let seconds = Date().timeIntervalSince(start)
        guard child.status == 0 else {
            throw InternalError("\(script) failed (exit \(child.status)): \(String(decoding: child.stderr, as: UTF8.self))")
        }
        return Outcome(stdout: child.stdout, stderr: child.stderr, seconds: seconds)
    }
}

/// Runs a child process to its end, reading its stdout and stderr concurrently (so neither pipe
/// can fill up and block it): the one way the benchmarks start programs.
enum ChildProcess {
    struct Result {
        var stdout: Data
        var stderr: Data
        var status: Int32
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
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
        return Result(stdout: outData, stderr: errData, status: process.terminationStatus)
    }
}
