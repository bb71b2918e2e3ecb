import Foundation
import Testing

/// Output that cannot be written is never a silent success: a full device or a closed standard
/// output is exit 1 with one line naming the cause; `--output` naming a folder and an unknown
/// `--table` are usage errors (exit 2) found before any work.
@Suite struct OutputFailureTests {
    let args = ["run", "dea", "--data", TolokProcess.dataset("cst_hospitals_12.csv"), "--id", "dmu",
                "--inputs", "x1_doctors,x2_nurses", "--outputs", "y1_outpatients,y2_inpatients"]

    /// Runs tolok through the shell so that standard output can be redirected.
    func shell(_ command: String) throws -> TolokProcess.Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let err = Pipe()
        process.standardError = err
        try process.run()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return TolokProcess.Outcome(status: process.terminationStatus, stdout: "", stderr: String(decoding: errData, as: UTF8.self))
    }

    func quoted(_ a: [String]) -> String { a.map { "'\($0)'" }.joined(separator: " ") }

    @Test func aFullDeviceIsExitOne() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        let o = try shell("'\(TolokProcess.executable.path)' \(quoted(args)) > /dev/full")
        #expect(o.status == 1)
        #expect(o.stderr == "tolok: cannot write standard output: No space left on device\n")
    }

    @Test func aClosedStandardOutputIsExitOne() throws {
        let o = try shell("'\(TolokProcess.executable.path)' \(quoted(args)) >&-")
        #expect(o.status == 1)
        #expect(o.stderr == "tolok: cannot write standard output: Bad file descriptor\n")
    }

    @Test func outputNamingAFolderIsAUsageError() throws {
        let folder = try TemporaryFolder()
        let o = try TolokProcess.run(args + ["--output", folder.url.path])
        #expect(o.status == 2)
        #expect(o.stderr.hasPrefix("tolok: cannot write \(folder.url.path): it is a folder"))
        #expect(o.stderr.split(separator: "\n").count == 1)
    }

    @Test func anUnknownTableIsRefusedBeforeTheRun() throws {
        // A missing data file would be the first error if the run started: the table check comes first.
        let o = try TolokProcess.run(["run", "dea", "--data", "/nonexistent.csv", "--inputs", "x", "--outputs", "y", "--table", "nope"])
        #expect(o.status == 2)
        #expect(o.stderr == "tolok: no table \"nope\" in the dea result; tables: units, pairs, peers, frontier, bootstrap, rts_test, cross_efficiency, summary\n")
    }
}
