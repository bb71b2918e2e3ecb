import Foundation

/// Progress of a long computation, reported by plugins and shown by the host on stderr (never on
/// stdout, which carries results). Plugins call ``update(_:completed:total:)`` as often as they
/// like; the reporter prints only when the whole percentage changes.
public final class ProgressReporter: @unchecked Sendable {
    private let lock = NSLock()
    private var lastPercent = -1
    private let write: @Sendable (String) -> Void

    /// A reporter that writes `\r`-refreshed lines to stderr.
    public static func standardError() -> ProgressReporter {
        ProgressReporter { FileHandle.standardError.write(Data($0.utf8)) }
    }

    /// Tasks smaller than this finish too fast to need a progress line.
    public let minimumTotal: Int

    public init(minimumTotal: Int = 5_000, write: @escaping @Sendable (String) -> Void) {
        self.minimumTotal = minimumTotal
        self.write = write
    }

    public func update(_ task: String, completed: Int, total: Int) {
        guard total >= minimumTotal else { return }
        let percent = Int(Double(completed) / Double(total) * 100)
        lock.lock()
        defer { lock.unlock() }
        guard percent != lastPercent else { return }
        lastPercent = percent
        write("\r\(task): \(completed)/\(total) (\(percent)%)" + (completed >= total ? "\n" : ""))
    }
}
