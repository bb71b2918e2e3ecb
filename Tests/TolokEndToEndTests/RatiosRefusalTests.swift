import Foundation
import Testing

/// `ratios` never reports `ok` beside a ratio it could not compute, and cell text in messages
/// is short and escaped.
@Suite struct RatiosRefusalTests {
    let folder: TemporaryFolder
    init() throws { folder = try TemporaryFolder() }

    func ratios(_ csv: String) throws -> TolokProcess.Outcome {
        try TolokProcess.run(["run", "ratios", "--data", try folder.file("r.csv", csv), "--id", "id", "--inputs", "x", "--outputs", "y"])
    }

    @Test func anOverflowingRatioIsRefusedWithItsCell() throws {
        let o = try ratios("id,x,y\nA,1e-320,10\nB,2,3\n")
        #expect(o.status == 2)
        #expect(o.stderr.hasSuffix("r.csv: line 2 (data row 1), column \"x\": expected an input large enough that y / x is a finite number, got \"1e-320\"\n"), "\(o.stderr)")
        #expect(o.stdout.isEmpty)
    }

    @Test func allZeroOutputsAreRefused() throws {
        let o = try ratios("id,x,y\nA,1,0\nB,2,0\n")
        #expect(o.status == 2)
        #expect(o.stderr.contains("column \"y\": expected at least one positive value"), "\(o.stderr)")
    }

    @Test func aNormalRunIsOK() throws {
        let o = try ratios("id,x,y\nA,1,2\nB,2,3\n")
        #expect(o.status == 0, "\(o.stderr)")
        #expect(o.stdout.contains("A   ok"))
    }

    @Test func cellTextInMessagesIsEscapedAndShort() throws {
        let long = String(repeating: "9x", count: 500_000)
        let o = try TolokProcess.run(["run", "dea", "--data", try folder.file("n.csv", "id,x,y\nA,1\u{0}2,3\nB,\(long),4\n"), "--id", "id",
                                      "--inputs", "x", "--outputs", "y"])
        #expect(o.status == 2)
        #expect(o.stderr.contains("got \"1\\x002\""), "\(o.stderr)")
        #expect(!o.stderr.contains("\u{0}"))
        let big = try TolokProcess.run(["run", "dea", "--data", try folder.file("m.csv", "id,x,y\nA,\(long),3\n"), "--id", "id",
                                        "--inputs", "x", "--outputs", "y"])
        #expect(big.status == 2)
        #expect(big.stderr.count < 400, "\(big.stderr.count) characters")
        #expect(big.stderr.contains("9x9x9x…\""))
    }
}
