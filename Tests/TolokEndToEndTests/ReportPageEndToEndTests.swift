import Foundation
import Testing

/// The board report through the binary: `--output F.html` picks html, `--lang`, `--format pdf`
/// needs a file and Chromium (exit 2 naming the Debian package, before any work, nothing written).
@Suite struct ReportPageEndToEndTests {
    static let data = TolokProcess.dataset("branches/branches_2025.csv")

    func folder() throws -> URL {
        let f = FileManager.default.temporaryDirectory.appendingPathComponent("tolok-report-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: f, withIntermediateDirectories: true)
        return f
    }

    @Test func outputFileNameSelectsHTMLAndLangSelectsIndonesian() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("board.html").path
        let out = try TolokProcess.run(["run", "branch-comparison", "--data", Self.data, "--lang", "id", "--output", page])
        #expect(out.status == 0, "\(out.stderr)")
        #expect(out.stdout.isEmpty)
        let html = try String(contentsOfFile: page, encoding: .utf8)
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"id\">"))
        #expect(html.contains("Hasil underwriting (Rp)"))
        #expect(html.contains("Pontianak"))
        // Leftover temporary files: none (atomic write).
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["board.html"])
        // --format wins over the file name; the table text is unchanged by --lang.
        let table = try TolokProcess.run(["run", "branch-comparison", "--data", Self.data, "--format", "table", "--lang", "id"])
        let plain = try TolokProcess.run(["run", "branch-comparison", "--data", Self.data])
        #expect(table.stdout == plain.stdout)
    }

    @Test func outputFileNameSelectsCSVAndJSON() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = ["run", "branch-comparison", "--data", Self.data]
        for (name, format) in [("r.csv", "csv"), ("r.JSON", "json"), ("r.txt", "table")] {
            let path = dir.appendingPathComponent(name).path
            let out = try TolokProcess.run(run + ["--output", path])
            #expect(out.status == 0, "\(out.stderr)")
            let explicit = try TolokProcess.run(run + ["--format", format])
            #expect(try String(contentsOfFile: path, encoding: .utf8) == explicit.stdout, "\(name)")
        }
        // --format wins over the name.
        let path = dir.appendingPathComponent("forced.csv").path
        _ = try TolokProcess.run(run + ["--output", path, "--format", "json"])
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("{\"schema_version\":"))
    }

    @Test func unknownLanguageIsAUsageError() throws {
        let out = try TolokProcess.run(["run", "branch-comparison", "--data", Self.data, "--format", "html", "--lang", "fr"])
        #expect(out.status == 2)
        #expect(out.stderr.contains("lang"))
    }

    @Test func pdfNeedsAFileAndChromium() throws {
        let noFile = try TolokProcess.run(["run", "branch-comparison", "--data", Self.data, "--format", "pdf"])
        #expect(noFile.status == 2)
        #expect(noFile.stderr.contains("--output FILE.pdf"))
        let dir = try folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("board.pdf").path
        var env = ProcessInfo.processInfo.environment
        env["TOLOK_CHROMIUM"] = "/nonexistent/chromium"
        let absent = try TolokProcess.run(["run", "branch-comparison", "--data", "/nonexistent.csv", "--output", pdf], environment: env)
        #expect(absent.status == 2)
        #expect(absent.stderr.contains("Debian package chromium"), "\(absent.stderr)")  // before the data is read
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }
}
