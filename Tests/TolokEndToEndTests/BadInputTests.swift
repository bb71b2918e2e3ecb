import Foundation
import Testing

/// Every kind of bad input gets exit status 2, one line on stderr naming the file, line/row and
/// column, no backtrace, and no output file.
@Suite struct BadInputTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func ratios(_ file: String, id: String? = "unit", inputs: String = "x", outputs: String = "y", extra: [String] = []) throws -> TolokProcess.Outcome {
        var args = ["run", "ratios", "--data", file]
        if let id { args += ["--id", id] }
        args += ["--inputs", inputs, "--outputs", outputs] + extra
        return try TolokProcess.run(args)
    }

    func expectDataError(_ outcome: TolokProcess.Outcome, contains fragments: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(outcome.status == 2, "exit status \(outcome.status), stderr: \(outcome.stderr)", sourceLocation: sourceLocation)
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "expected one line on stderr, got: \(outcome.stderr)", sourceLocation: sourceLocation)
        for f in fragments {
            #expect(outcome.stderr.contains(f), "stderr lacks \"\(f)\": \(outcome.stderr)", sourceLocation: sourceLocation)
        }
        #expect(!outcome.stderr.contains("Fatal error") && !outcome.stderr.contains("Stack dump"), sourceLocation: sourceLocation)
    }

    @Test func missingFile() throws {
        let path = folder.path("absent.csv")
        expectDataError(try ratios(path), contains: ["absent.csv", "no such file"])
    }

    @Test func missingColumn() throws {
        let f = try folder.file("a.csv", "unit,x,y\nA,1,2\nB,2,3\n")
        expectDataError(try ratios(f, inputs: "staff"), contains: ["a.csv", "column \"staff\"", "x, y"])
    }

    @Test func nonNumericCell() throws {
        let f = try folder.file("b.csv", "unit,x,y\nA,1,2\nB,two,3\n")
        expectDataError(try ratios(f), contains: ["b.csv: line 3 (data row 2), column \"x\"", "expected a positive number", "got \"two\""])
    }

    @Test func emptyFile() throws {
        let f = try folder.file("empty.csv", "")
        expectDataError(try ratios(f), contains: ["empty.csv", "empty"])
    }

    @Test func headerOnly() throws {
        let f = try folder.file("header.csv", "unit,x,y\n")
        expectDataError(try ratios(f), contains: ["header.csv: line 1", "only a header"])
    }

    @Test func notANumberAndInfinity() throws {
        let f = try folder.file("nan.csv", "unit,x,y\nA,1,2\nB,NaN,3\n")
        expectDataError(try ratios(f), contains: ["nan.csv: line 3 (data row 2), column \"x\"", "got \"NaN\""])
        let g = try folder.file("inf.csv", "unit,x,y\nA,1,inf\nB,2,3\n")
        expectDataError(try ratios(g), contains: ["inf.csv: line 2 (data row 1), column \"y\"", "got \"inf\""])
    }

    @Test func missingCell() throws {
        let f = try folder.file("gap.csv", "unit,x,y\nA,1,2\nB,,3\n")
        expectDataError(try ratios(f), contains: ["gap.csv: line 3 (data row 2), column \"x\"", "expected a positive number, got an empty cell"])
    }

    @Test func duplicateIds() throws {
        let f = try folder.file("dup.csv", "unit,x,y\nA,1,2\nB,2,3\nA,3,4\n")
        expectDataError(try ratios(f), contains: ["dup.csv: line 4 (data row 3), column \"unit\"", "unique id", "line 2", "got \"A\""])
    }

    @Test func raggedRow() throws {
        let f = try folder.file("ragged.csv", "unit,x,y\nA,1,2\nB,2\n")
        expectDataError(try ratios(f), contains: ["ragged.csv: line 3 (data row 2)", "3 fields", "found 2"])
    }

    @Test func zeroOrNegativeInput() throws {
        let f = try folder.file("zero.csv", "unit,x,y\nA,1,2\nB,0,3\n")
        expectDataError(try ratios(f), contains: ["zero.csv: line 3 (data row 2), column \"x\"", "positive", "got \"0\""])
        let g = try folder.file("neg.csv", "unit,x,y\nA,1,2\nB,-4,3\n")
        expectDataError(try ratios(g), contains: ["neg.csv: line 3 (data row 2), column \"x\"", "got \"-4\""])
    }

    @Test func negativeOutput() throws {
        let f = try folder.file("negy.csv", "unit,x,y\nA,1,2\nB,1,-3\n")
        expectDataError(try ratios(f), contains: ["column \"y\"", "non-negative", "got \"-3\""])
    }

    @Test func unterminatedQuote() throws {
        let f = try folder.file("quote.csv", "unit,x,y\nA,1,2\n\"B,2,3\n")
        expectDataError(try ratios(f), contains: ["quote.csv: line 3", "closing quote"])
    }

    @Test func usageErrorsExitTwo() throws {
        let f = try folder.file("ok.csv", "unit,x,y\nA,1,2\n")
        expectDataError(try ratios(f, extra: ["--no-such-option", "1"]), contains: ["unknown option --no-such-option"])
        expectDataError(try TolokProcess.run(["run", "no-such-plugin", "--data", f]), contains: ["unknown plugin \"no-such-plugin\""])
        expectDataError(try TolokProcess.run(["run", "ratios", "--data", f, "--id", "unit", "--outputs", "y"]), contains: ["missing required option --inputs"])
        expectDataError(try TolokProcess.run(["run"]), contains: ["plugin"])
        expectDataError(try TolokProcess.run(["run", "ratios", "--data", f, "--format", "xml", "--inputs", "x", "--outputs", "y"]), contains: ["xml"])
    }

    @Test func noOutputFileOnError() throws {
        let f = try folder.file("bad.csv", "unit,x,y\nA,1,2\nB,0,3\n")
        let out = folder.path("result.csv")
        try "previous result\n".write(toFile: out, atomically: true, encoding: .utf8)
        let outcome = try ratios(f, extra: ["--output", out, "--format", "csv"])
        #expect(outcome.status == 2)
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "previous result\n")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.url.path).filter { $0.contains("tmp") }
        #expect(leftovers.isEmpty)
        let missingFolder = folder.path("no/such/folder/out.csv")
        let g = try folder.file("good.csv", "unit,x,y\nA,1,2\n")
        let o2 = try ratios(g, extra: ["--output", missingFolder])
        #expect(o2.status == 2 && o2.stderr.contains("does not exist"))
    }
}
