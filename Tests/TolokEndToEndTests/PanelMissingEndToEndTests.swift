import Foundation
import Testing

/// sfa --period with a missing cell (issue #10): the row is left out, the firm keeps its other
/// periods, the note lists the line; the fit equals the fit of the file without that row.
@Suite struct PanelMissingEndToEndTests {
    @Test func sfaPanelLeavesOutTheRowAndKeepsTheFirm() throws {
        let folder = try TemporaryFolder()
        let text = try String(contentsOfFile: TolokProcess.dataset("front41_eg4_panel.csv"), encoding: .utf8)
        var lines = text.split(separator: "\n").map(String.init)
        #expect(lines[2].hasPrefix("2,1,"))
        let withHole = lines.enumerated().map { $0.offset == 2 ? $0.element.split(separator: ",").dropLast().joined(separator: ",") + ",NA" : $0.element }
        lines.remove(at: 2)
        let a = try folder.file("a.csv", withHole.joined(separator: "\n") + "\n"), b = try folder.file("b.csv", lines.joined(separator: "\n") + "\n")
        let args = ["--id", "firm", "--y", "output", "--x", "capital,labour", "--log", "--period", "period", "--format", "json"]
        let skipped = try TolokProcess.run(["run", "sfa", "--data", a] + args), reference = try TolokProcess.run(["run", "sfa", "--data", b] + args)
        #expect(skipped.status == 0 && reference.status == 0, "\(skipped.stderr)")
        func object(_ s: String) throws -> [String: Any] { try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any]) }
        let x = try object(skipped.stdout), y = try object(reference.stdout)
        #expect(NSDictionary(dictionary: x["summary"] as? [String: Any] ?? [:]) == NSDictionary(dictionary: y["summary"] as? [String: Any] ?? [:]))
        #expect((x["units"] as? [[String: Any]])?.count == (y["units"] as? [[String: Any]])?.count, "firm 2 is kept")
        #expect((x["notes"] as? [String])?.contains { $0.contains("line 3 (2), column labour") } == true)
        let strict = try TolokProcess.run(["run", "sfa", "--data", a, "--missing", "error"] + args)
        #expect(strict.status == 2)
    }
}
