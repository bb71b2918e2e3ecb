// Entry point of the `tolok` host. Exit codes: 0 success; 2 usage or data error (one line on
// stderr); 1 internal failure. swift-argument-parser's own usage code (64) is mapped to 2.
import ArgumentParser
import Foundation
import TolokCore

do {
    var command = try TolokCommand.parseAsRoot()
    try command.run()
    exit(0)
} catch let error as UserFacingError {
    FileHandle.standardError.write(Data("tolok: \(error)\n".utf8))
    exit(error.kind.exitCode)
} catch {
    let code = TolokCommand.exitCode(for: error)
    if code == .success {
        TolokCommand.exit(withError: error)  // --help, --version: printed by the parser, exit 0
    }
    let message = TolokCommand.message(for: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    FileHandle.standardError.write(Data("tolok: \(message) (see `tolok help`)\n".utf8))
    exit(code == .validationFailure ? 2 : 1)
}
