import Foundation

/// Writes output files so that a reader never sees half a file: the text goes to a temporary
/// file in the same folder, which is then renamed over the destination. On failure the
/// temporary file is removed and the destination is left untouched.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw UsageError("cannot write \(path): the folder \(folder.path) does not exist")
        }
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).tolok-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).tmp")
        do {
            try Data(text.utf8).write(to: temporary)
            if rename(temporary.path, url.path) != 0 {
                throw InternalError("cannot write \(path): \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            if error is UserFacingError { throw error }
            throw InternalError("cannot write \(path): \(error.localizedDescription)")
        }
    }
}
