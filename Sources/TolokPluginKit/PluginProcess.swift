import Foundation
import TolokCore

/// Runs an external plugin library in a child process, so that nothing it does can take the
/// host down or corrupt its output.
///
/// The child is the `tolok` executable itself in its hidden `plugin-host` mode
/// (``PluginHost``): it loads the library with `dlopen`, calls the entry point, and answers
/// one request. The host talks to it through pipes: the request (parameters, column names,
/// ids and the column-major doubles) on the child's standard input, one framed reply on its
/// standard output, which the child reserves for the reply before loading the library (the
/// plugin's own `printf` goes to the diagnostics pipe instead); the child's standard error is
/// collected apart and quoted in the message when something goes wrong.
///
/// Every way a plugin can misbehave becomes one ``InternalError`` naming the plugin and what
/// happened: a crash (signal), an exit without a complete reply (its own `exit(0)`), a reply that
/// is not a document of this ABI, or no reply within the time limit (the child is killed).
public enum PluginProcess {
    /// The reply frame: magic, a status code, the payload length, the payload.
    static let magic: [UInt8] = Array("TOLOKR1\n".utf8)

    /// What the child was asked to do.
    public enum Mode: String, Sendable {
        case describe
        case run
    }

    /// Time limit of a descriptor query during discovery, or the run limit when that is shorter
    /// (a plugin whose `descriptor_json` or entry point hangs is listed as broken after this long).
    public static let discoveryTimeout: Double = 10

    /// The executable that serves `plugin-host` requests: the running `tolok`.
    public static var hostExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// One exchange with a child: `request` to its stdin; the status and payload of its reply.
    static func exchange(library: String, mode: Mode, request: [UInt8], timeout: Double, label: String) throws -> (status: Int32, payload: [UInt8]) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: hostExecutable)
        process.arguments = ["plugin-host", mode.rawValue, library]
        // A plugin's fatal signal must end the child (and be reported by the host), not be
        // caught by the Swift runtime's backtracer, which may return into the plugin.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let input = Pipe(), output = Pipe(), diagnostics = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = diagnostics
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            throw InternalError("\(label): cannot start the plugin host \(hostExecutable): \(error.localizedDescription)")
        }
        // Feed and drain concurrently: no pipe can fill up and block either side.
        let group = DispatchGroup()
        let replyBox = ByteBox(), errorBox = ByteBox()
        DispatchQueue.global().async(group: group) {
            let handle = input.fileHandleForWriting
            request.withUnsafeBufferPointer { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Foundation.write(handle.fileDescriptor, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 { if errno == EINTR { continue }; break }  // the child stopped reading: its reply says why
                    offset += n
                }
            }
            try? handle.close()
        }
        DispatchQueue.global().async(group: group) { replyBox.bytes = readAll(output.fileHandleForReading) }
        DispatchQueue.global().async(group: group) { errorBox.bytes = readAll(diagnostics.fileHandleForReading, limit: 64 * 1024) }

        if finished.wait(timeout: .now() + timeout) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            group.wait()
            throw InternalError("\(label) did not finish within \(formatSeconds(timeout)) (--plugin-timeout) and was stopped")
        }
        group.wait()
        let stderrTail = lastLine(errorBox.bytes)
        let detail = stderrTail.map { "; it said: \($0)" } ?? ""
        if process.terminationReason == .uncaughtSignal {
            let signal = process.terminationStatus
            throw InternalError("\(label) crashed (signal \(signal), \(signalName(signal)))\(detail)")
        }
        guard let (status, payload) = parseReply(replyBox.bytes) else {
            throw InternalError("\(label) exited with status \(process.terminationStatus) without a complete reply\(detail)")
        }
        return (status, payload)
    }

    /// Splits a reply frame; `nil` unless it is complete and nothing follows it.
    static func parseReply(_ bytes: [UInt8]) -> (Int32, [UInt8])? {
        let head = magic.count + 4 + 8
        guard bytes.count >= head, Array(bytes[0..<magic.count]) == magic else { return nil }
        let status = bytes[magic.count..<magic.count + 4].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
        let length = bytes[magic.count + 4..<head].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        guard UInt64(bytes.count - head) == length else { return nil }
        return (Int32(bitPattern: status), Array(bytes[head...]))
    }

    /// A reply frame (little-endian status and length).
    static func reply(status: Int32, payload: [UInt8]) -> [UInt8] {
        var out = magic
        let s = UInt32(bitPattern: status)
        for k in 0..<4 { out.append(UInt8(truncatingIfNeeded: s >> (8 * UInt32(k)))) }
        let n = UInt64(payload.count)
        for k in 0..<8 { out.append(UInt8(truncatingIfNeeded: n >> (8 * UInt64(k)))) }
        return out + payload
    }

    /// Everything up to end of file (at most `limit` bytes kept), read straight into the array's
    /// storage in large chunks (a reply can be hundreds of MB).
    static func readAll(_ handle: FileHandle, limit: Int = .max) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: min(limit, 1 << 20))
        var count = 0
        var discard = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            if count == out.count && out.count < limit {
                out += [UInt8](repeating: 0, count: min(out.count, limit - out.count))
            }
            let n: Int
            if count < out.count {
                n = out.withUnsafeMutableBytes { Foundation.read(handle.fileDescriptor, $0.baseAddress! + count, $0.count - count) }
            } else {
                n = discard.withUnsafeMutableBytes { Foundation.read(handle.fileDescriptor, $0.baseAddress, $0.count) }
                if n > 0 { continue }
            }
            if n < 0 { if errno == EINTR { continue }; break }
            if n == 0 { break }
            count += n
        }
        out.removeSubrange(count...)
        return out
    }

    static func lastLine(_ bytes: [UInt8]) -> String? {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(whereSeparator: \.isNewline).last.map(String.init), !line.isEmpty else { return nil }
        return OutputText.excerpt(line, limit: 200)
    }

    static func signalName(_ s: Int32) -> String {
        switch s {
        case SIGSEGV: return "SIGSEGV"
        case SIGABRT: return "SIGABRT"
        case SIGBUS: return "SIGBUS"
        case SIGFPE: return "SIGFPE"
        case SIGILL: return "SIGILL"
        case SIGKILL: return "SIGKILL"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(s)"
        }
    }

    static func formatSeconds(_ t: Double) -> String { t == t.rounded() ? "\(Int(t)) s" : "\(t) s" }
}

/// Bytes filled in by one reader thread and read after it finished (`DispatchGroup.wait`).
private final class ByteBox: @unchecked Sendable {
    var bytes: [UInt8] = []
}
