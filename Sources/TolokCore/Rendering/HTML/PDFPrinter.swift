import Foundation

/// Prints an HTML page to PDF through headless Chromium (`chromium --headless --print-to-pdf`),
/// then moves the PDF into place atomically (``AtomicFile``).
public enum PDFPrinter {
    /// The Chromium binary on PATH (`chromium`, then `chromium-browser`), or nil.
    public static func findChromium(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let explicit = environment["TOLOK_CHROMIUM"], !explicit.isEmpty { return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for name in ["chromium", "chromium-browser"] {
            for dir in path.split(separator: ":") {
                let candidate = "\(dir)/\(name)"
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
        }
        return nil
    }

    /// The exit-2 message when Chromium is absent: names the Debian package.
    public static var missingChromium: UsageError {
        UsageError("--format pdf needs headless Chromium, found neither chromium nor chromium-browser on PATH; install the Debian package chromium (apt-get install chromium), or write --format html and print it from a browser")
    }

    public static func write(html: String, to path: String) throws {
        guard let chromium = findChromium() else { throw missingChromium }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tolok-pdf-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("report.html"), pdf = folder.appendingPathComponent("report.pdf")
        try AtomicFile.write(html, to: page.path)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                             "--user-data-dir=\(folder.appendingPathComponent("profile").path)",
                             "--no-pdf-header-footer", "--print-to-pdf=\(pdf.path)", page.absoluteString]
        process.standardOutput = FileHandle.nullDevice
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let messages = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: pdf.path), data.starts(with: Array("%PDF".utf8)) else {
            let tail = String(decoding: messages, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
            throw InternalError("chromium (\(chromium)) did not print the PDF (exit \(process.terminationStatus))\(tail.isEmpty ? "" : ": " + tail)")
        }
        try AtomicFile.write(data, to: path)
    }
}
