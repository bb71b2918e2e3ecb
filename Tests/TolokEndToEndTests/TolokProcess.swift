import Foundation

/// Runs the built `tolok` executable (it sits beside the test bundle in the build folder).
struct TolokProcess {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let buildFolder: URL = {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: exe).deletingLastPathComponent()
        // The test runner may live inside an .xctest bundle folder.
        while url.pathExtension == "xctest" || url.lastPathComponent == "Contents" || url.lastPathComponent == "MacOS" {
            url.deleteLastPathComponent()
        }
        return url
    }()

    static var executable: URL { buildFolder.appendingPathComponent("tolok") }

    /// The repository root (for Datasets/).
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func dataset(_ name: String) -> String { repositoryRoot.appendingPathComponent("Datasets").appendingPathComponent(name).path }

    @discardableResult
    /// `input`, when given, is written to the child's standard input (then closed).
    static func run(_ arguments: [String], environment: [String: String]? = nil, in folder: URL? = nil,
                    input: String? = nil, shell: Bool = false) throws -> Outcome {
        let process = Process()
        // shell: the arguments go to bash (e.g. ["-c", "… <(cat file)"]).
        process.executableURL = shell ? URL(fileURLWithPath: "/bin/bash") : executable
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let folder { process.currentDirectoryURL = folder }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        try process.run()
        if let input {
            let bytes = Data(input.utf8)
            DispatchQueue.global().async {
                stdin.fileHandleForWriting.write(bytes)
                try? stdin.fileHandleForWriting.close()
            }
        }
        // Read both pipes concurrently with the process to avoid a full-pipe deadlock.
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
        let outcome = Outcome(status: process.terminationStatus,
                              stdout: String(decoding: outData, as: UTF8.self),
                              stderr: String(decoding: errData, as: UTF8.self))
        if !shell { try OutputSchemaCheck.validate(arguments, outcome, environment: environment, folder: folder) }
        return outcome
    }
}

/// A temporary folder removed when the value is deinitialised.
final class TemporaryFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("tolok-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes a file and returns its path.
    func file(_ name: String, _ contents: String) throws -> String {
        let path = url.appendingPathComponent(name).path
        try Data(contents.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
    func path(_ name: String) -> String { url.appendingPathComponent(name).path }
}
