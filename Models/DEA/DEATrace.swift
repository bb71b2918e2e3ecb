import Foundation

/// Diagnostic trace of the DEA engine (frontier passes, LP solves per chunk), written to stderr
/// when the environment variable `TOLOK_DEA_TRACE` is set; used for the measurements in
/// docs/PERFORMANCE.md. Off by default: plugins do not print.
public enum DEATrace {
    public static let isEnabled = ProcessInfo.processInfo.environment["TOLOK_DEA_TRACE"] != nil

    public static func log(_ message: @autoclosure () -> String) {
        guard isEnabled else { return }
        FileHandle.standardError.write(Data((message() + "\n").utf8))
    }
}
