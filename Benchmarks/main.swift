// Entry point of `tolok-bench`, the benchmark executable. `tolok bench …` runs it from the folder
// of `tolok`, so the commands of docs/PERFORMANCE.md are unchanged while the shipped host carries
// no benchmark code. Exit codes as the host's: 0 success, 2 usage, 1 failure.
import ArgumentParser
import Foundation
import TolokCore

do {
    var command = try BenchCommand.parseAsRoot()
    try command.run()
    exit(0)
} catch let error as UserFacingError {
    FileHandle.standardError.write(Data("tolok bench: \(error)\n".utf8))
    exit(error.kind.exitCode)
} catch {
    let code = BenchCommand.exitCode(for: error)
    if code == .success { BenchCommand.exit(withError: error) }
    let message = BenchCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    FileHandle.standardError.write(Data("tolok bench: \(message)\n".utf8))
    exit(code == .validationFailure ? 2 : 1)
}
