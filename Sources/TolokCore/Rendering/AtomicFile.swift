import Foundation

/// Writes output so that a reader never sees half of it and a failure is never silent.
///
/// Files: the text goes to a temporary file in the same folder (every `write(2)` and the final
/// `close(2)` checked), which is then renamed over the destination; on any failure the
/// temporary file is removed, the destination is left untouched, and the error names the cause
/// (`No space left on device`). Standard output: every `write(2)` is checked, so a full disk
/// behind `> file` or a closed descriptor is exit 1 with one line, not a short file and exit 0.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        try write(Data(text.utf8), to: path)
    }

    /// Writes bytes atomically (a PDF, say), as the text version does.
    /// Checks, before any work, that `path` can name the output file: not a folder (existing, or
    /// written with a trailing `/`), in a folder that exists. A ``UsageError`` (exit 2) otherwise.
    public static func checkDestination(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        var isDirectory: ObjCBool = false
        if path.hasSuffix("/") || (FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw UsageError("cannot write \(path): it is a folder; give a file name, e.g. \(url.appendingPathComponent("result.csv").path)")
        }
        let folder = url.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("cannot write \(path): the folder \(folder.path) does not exist")
        }
    }

    public static func write(_ bytes: Data, to path: String) throws {
        try bytes.withUnsafeBytes { try write(buffer: $0, to: path) }
    }

    /// Writes a rendered result's bytes atomically (no copy into `Data`).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try bytes.withUnsafeBytes { try write(buffer: $0, to: path) }
    }

    private static func write(buffer bytes: UnsafeRawBufferPointer, to path: String) throws {
        try checkDestination(path)
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tolok-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw failure(path, errno) }
        do {
            try writeAll(buffer: bytes, to: fd, name: path)
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        if close(fd) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(path, code)
        }
        if rename(temporary, url.path) != 0 {
            let code = errno
            unlink(temporary)
            throw failure(path, code)
        }
    }

    /// Writes `bytes` to standard output, checking every write.
    public static func writeStandardOutput(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try writeAll(buffer: $0, to: STDOUT_FILENO, name: "standard output") }
    }

    /// Writes `text` to standard output, checking every write.
    public static func writeStandardOutput(_ text: String) throws {
        try writeAll(text, to: STDOUT_FILENO, name: "standard output")
    }

    /// Writes bytes (an xlsx workbook) to standard output, checking every write.
    public static func writeStandardOutput(_ bytes: Data) throws {
        try writeAll(bytes, to: STDOUT_FILENO, name: "standard output")
    }

    /// Writes every byte of `text` to `fd`, retrying partial writes and interruptions.
    static func writeAll(_ text: String, to fd: Int32, name: String) throws {
        try writeAll(Data(text.utf8), to: fd, name: name)
    }

    static func writeAll(_ bytes: Data, to fd: Int32, name: String) throws {
        try bytes.withUnsafeBytes { try writeAll(buffer: $0, to: fd, name: name) }
    }

    static func writeAll(buffer: UnsafeRawBufferPointer, to fd: Int32, name: String) throws {
        do {
            guard var p = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let n = Foundation.write(fd, p, left)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw failure(name, errno)
                }
                p += n
                left -= n
            }
        }
    }

    private static func failure(_ name: String, _ code: Int32) -> InternalError {
        InternalError("cannot write \(name): \(String(cString: strerror(code)))")
    }
}
