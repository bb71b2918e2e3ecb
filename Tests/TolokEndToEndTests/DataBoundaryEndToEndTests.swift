import Foundation
import Testing

/// Issue #11, the data boundary, through the built `tolok`: exact messages and right numbers.
@Suite struct DataBoundaryEndToEndTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func dea(_ file: String, _ extra: [String] = []) throws -> TolokProcess.Outcome {
        try TolokProcess.run(["run", "dea", "--data", file, "--id", "id", "--inputs", "x", "--outputs", "y", "--format", "csv"] + extra)
    }

    func scores(_ o: TolokProcess.Outcome) -> [String] {
        o.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(3).joined(separator: ",") }
    }

    @Test func aDecimalCommaInANoteDoesNotFlipTheScores() throws {
        let f = try folder.file("s.csv", "id;x;y;note\nA;15.131;2;1,5\nB;2.500;3;x\nC;3;3;y\n")
        // Issue #10: nothing decides x (the note column is text), so it is refused, not guessed.
        let refused = try dea(f)
        #expect(refused.status == 2)
        #expect(refused.stderr == "tolok: \(f): line 2 (data row 1), column \"x\": expected a number with one reading: it is 15.131 with a decimal point and 15131 with a decimal comma, and no other cell of the run decides; pass --decimal-point or --decimal-comma, got \"15.131\"\n")
        let o = try dea(f, ["--decimal-point"])
        #expect(o.status == 0, "\(o.stderr)")
        let rows = scores(o)
        #expect(rows.count == 3)
        #expect(rows[0].hasPrefix("A,ok,0.11014") && (rows[1].hasPrefix("B,ok,1") || rows[1].hasPrefix("B,ok,0.99999")) && rows[2].hasPrefix("C,ok,0.83333"), "\(rows)")
        let q = try folder.file("q.csv", "id,x,y,note\nA,15.131,2,\"1.000,5\"\nB,2.500,3,x\nC,3,3,y\n")
        #expect(scores(try dea(q)) == rows)   // comma-separated: a decimal comma would be quoted
        // A decimal point elsewhere in the file decides x (0.5 has no decimal-comma reading).
        let p = try folder.file("p.csv", "id;x;y;w\nA;15.131;2;0.5\nB;2.500;3;1\nC;3;3;1\n")
        #expect(scores(try dea(p)) == rows)
    }

    @Test func anAmbiguousUsedColumnIsRefusedWithBothReadingsAndTheFlags() throws {
        // Issue #10: with nothing deciding, `1.020` beside `850` is refused.
        let n = try folder.file("n.csv", "id;x;y\nA;1.020;2\nB;850;3\n")
        let refused = try dea(n)
        #expect(refused.status == 2)
        #expect(refused.stderr == "tolok: \(n): line 2 (data row 1), column \"x\": expected a number with one reading: it is 1.02 with a decimal point and 1020 with a decimal comma, and no other cell of the run decides; pass --decimal-point or --decimal-comma, got \"1.020\"\n")
        // A decimal comma in another column of the file decides it (was: refused), and a note says so.
        let f = try folder.file("a.csv", "id;x;y\nA;1.020;12,5\nB;850;3\n")
        let o = try TolokProcess.run(["run", "dea", "--data", f, "--id", "id", "--inputs", "x", "--outputs", "y", "--format", "json"])
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout.contains("column \\\"x\\\" read with a decimal comma (\\\"1.020\\\" is 1020), as column \\\"y\\\" of \(f) has \\\"12,5\\\" on line 2 shows"), "\(o.stdout)")
        #expect(try dea(f).stdout == (try dea(f, ["--decimal-comma"])).stdout)
        let point = try dea(f, ["--decimal-point"])
        #expect(point.status == 2 && point.stderr.contains("column \"y\"") && point.stderr.contains("got \"12,5\""), "\(point.stderr)")
        let both = try dea(f, ["--decimal-point", "--decimal-comma"])
        #expect(both.status == 2 && both.stderr == "tolok: --decimal-comma and --decimal-point contradict each other; pass one\n")
    }

    @Test func invalidUTF8AndWindows1252() throws {
        let path = folder.path("w.csv")
        try Data(Array("id,x,y\nA,1,2\nJos".utf8) + [0xE9] + Array(",2,3\n".utf8)).write(to: URL(fileURLWithPath: path))
        // Issue #10: --encoding utf-8 keeps the located refusal; without --encoding the file is
        // read as Windows-1252 and the notes say so.
        let o = try dea(path, ["--encoding", "utf-8"])
        #expect(o.status == 2)
        #expect(o.stderr == "tolok: \(path): line 3 (data row 2), column \"id\": expected UTF-8 text (if the file was saved by Excel or another Windows program, pass --encoding windows-1252), got \"Jos\\xE9\"\n")
        let w = try dea(path, ["--encoding", "windows-1252"])
        #expect(w.status == 0, "\(w.stderr)")
        #expect(w.stdout.contains("José,ok,"))
        let fallback = try TolokProcess.run(["run", "dea", "--data", path, "--id", "id", "--inputs", "x", "--outputs", "y"])
        #expect(fallback.status == 0, "\(fallback.stderr)")
        #expect(fallback.stdout.contains("José"))
        #expect(fallback.stdout.contains("\(path): read as Windows-1252: not valid UTF-8 (first bad byte on line 3)"), "\(fallback.stdout)")
    }

    @Test func hostileHeadersStayOneLine() throws {
        let huge = String(repeating: "h", count: 1 << 20)
        let f = try folder.file("h.csv", "id,\"x\ny\",z\u{0},\(huge)\nA,1,2,3\n")
        let o = try dea(f)
        #expect(o.status == 2)
        #expect(o.stderr.split(separator: "\n").count == 1 && o.stderr.count < 600, "\(o.stderr.prefix(300))")
        #expect(o.stderr.contains("the file has: id, x\\ny, z\\x00, hhhh"))
        let q = try folder.file("q.csv", "id,x,y\nA,\"1\n2\",3\nB,1,1\n")
        let e = try dea(q)
        #expect(e.status == 2 && e.stderr == "tolok: \(q): line 2 (data row 1), column \"x\": expected a non-negative number, got \"1\\n2\"\n")
    }

    @Test func bomCROnlyAndExcelEmptyRows() throws {
        let path = folder.path("b.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array("id;\u{FEFF}x;y\rA;1;2\rB;2;3\r;;\r;;\r".utf8)).write(to: URL(fileURLWithPath: path))
        let o = try dea(path)
        #expect(o.status == 0, "\(o.stderr)")
        #expect(scores(o) == ["A,ok,0.75", "B,ok,1"] || scores(o).count == 2, "\(o.stdout)")
        let missing = try TolokProcess.run(["run", "dea", "--data", path, "--id", "id", "--inputs", "w", "--outputs", "y"])
        #expect(missing.stderr.contains("the file has: id, x, y"), "\(missing.stderr)")
    }
}
