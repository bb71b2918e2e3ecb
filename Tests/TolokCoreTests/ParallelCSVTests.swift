import Testing
@testable import TolokCore

/// The chunked (parallel) columnar read against the single scan and the record tokenizer: the
/// same table (cells, numbers bit for bit, missing cells, line numbers, number-format evidence)
/// and the same first error, whatever the number of chunks and wherever they are cut.
@Suite struct ParallelCSVTests {
    /// A random CSV text: numbers, missing cells, text cells, spaces, empty lines, LF/CRLF/CR
    /// line ends, sometimes a BOM and (when `quotes`) quoted fields.
    static func randomFile(_ g: inout SplitMix, quotes: Bool) -> String {
        let width = 1 + Int(g.next() % 4)
        let rows = 1 + Int(g.next() % 120)
        let ends = ["\n", "\r\n", "\r"]
        // One line-end style per file or mixed.
        let mixed = g.next() % 3 == 0
        let style = ends[Int(g.next() % 3)]
        func end(_ g: inout SplitMix) -> String { mixed ? ends[Int(g.next() % 3)] : style }
        // Some columns are texts somewhere, some all numbers.
        let textColumn = (0..<width).map { _ in g.next() % 4 == 0 }
        var s = g.next() % 5 == 0 ? "\u{FEFF}" : ""
        s += (0..<width).map { "c\($0)" }.joined(separator: ",") + end(&g)
        for r in 0..<rows {
            if g.next() % 9 == 0 { s += end(&g) }
            if g.next() % 17 == 0 { s += String(repeating: ",", count: width - 1) + end(&g) }
            let cells = (0..<width).map { k -> String in
                let u = g.next() % 100
                if textColumn[k] && u < 10 { return "t\(r)" }
                if quotes && u < 14 { return "\"\(r).5\"" }
                switch u {
                case ..<20: return "NA"
                case ..<26: return ""
                case ..<32: return " \(Int(g.next() % 1000)) "
                case ..<50: return "\(Int(g.next() % 100_000) - 50_000)"
                case ..<60: return "\(Double(Int(g.next() % 1_000_000)) / 1000)"
                case ..<65: return "1.020"
                default: return "\(Double(bitPattern: 0x3FF0_0000_0000_0000 | (g.next() >> 12)) * 1e3)"
                }
            }
            s += cells.joined(separator: ",")
            if r + 1 < rows || g.next() % 2 == 0 { s += end(&g) }
        }
        return s
    }

    /// Expects `a` and `b` to be the same table.
    static func expectSame(_ a: CSVTable, _ b: CSVTable, _ what: String) {
        #expect(a.header?.fields == b.header?.fields && a.header?.line == b.header?.line, "\(what)")
        #expect(a.rowLines == b.rowLines, "\(what)")
        #expect(a.numbers.count == b.numbers.count, "\(what)")
        for k in a.numbers.indices {
            #expect(a.numbers[k].map { Array($0).map { $0?.bitPattern } } == b.numbers[k].map { Array($0).map { $0?.bitPattern } },
                    "\(what) column \(k)")
            #expect(a.strings[k] == b.strings[k], "\(what) column \(k)")
            #expect(Array(a.raw[k]) == Array(b.raw[k]), "\(what) column \(k)")
            if a.numbers[k] != nil { #expect(a.pointRows[k] == b.pointRows[k], "\(what) column \(k)") }
        }
    }

    static func read(_ bytes: [UInt8], chunks: Int) -> CSVTable? {
        ColumnarCSV.read(bytes, delimiter: .comma, parseNumbers: true, chunks: chunks, minChunkBytes: 1)
    }

    @Test func chunkedReadEqualsTheSingleScanOnRandomFiles() throws {
        var g = SplitMix(seed: 10)
        var parallelFiles = 0, cutOnLineEnd = 0, cutAfterLineEnd = 0
        for trial in 0..<300 {
            let text = Self.randomFile(&g, quotes: false)
            let tokenizer = CSVTokenizer(bytes: Array(text.utf8), source: "t")
            let bytes = tokenizer.bytes
            let serial = try #require(Self.read(bytes, chunks: 1), "\(trial) \(text.debugDescription)")
            // And the single scan is the record tokenizer's reading.
            let records = try tokenizer.records(delimiter: .comma)
            #expect(serial.rowLines == records.dropFirst().map(\.line), "\(trial)")
            for chunks in 2...5 {
                // From just after the header line, as `read` cuts.
                let headerEnd = bytes.firstIndex { $0 == 10 || $0 == 13 } ?? bytes.count - 1
                let start = bytes[headerEnd] == 13 && headerEnd + 1 < bytes.count && bytes[headerEnd + 1] == 10 ? headerEnd + 2 : headerEnd + 1
                let ranges = bytes.withUnsafeBufferPointer { ColumnarCSV.chunkRanges($0, from: start, chunks: chunks, minChunkBytes: 1) }
                if ranges.count > 1 { parallelFiles += 1 }
                for r in ranges.dropLast() {
                    // Each cut just after a line end, never inside a CRLF.
                    let last = bytes[r.upperBound - 1]
                    #expect(last == 10 || (last == 13 && bytes[r.upperBound] != 10), "\(trial)")
                }
                // Where the even cut fell: on a line end byte, or on the first byte of a line.
                if ranges.count > 1 {
                    let m = start + (bytes.count - start) / chunks
                    if bytes[m] == 10 || bytes[m] == 13 { cutOnLineEnd += 1 }
                    if bytes[m - 1] == 10 || bytes[m - 1] == 13 { cutAfterLineEnd += 1 }
                }
                let parallel = try #require(Self.read(bytes, chunks: chunks), "\(trial) chunks \(chunks)")
                Self.expectSame(serial, parallel, "\(trial) chunks \(chunks) \(text.debugDescription)")
            }
        }
        #expect(parallelFiles > 500)
        #expect(cutOnLineEnd > 10 && cutAfterLineEnd > 10, "cuts on a line end \(cutOnLineEnd), after one \(cutAfterLineEnd)")
    }

    @Test func aQuoteAfterTheHeaderKeepsTheSingleScan() throws {
        var g = SplitMix(seed: 11)
        var quoted = 0
        for trial in 0..<100 {
            let text = Self.randomFile(&g, quotes: true)
            let bytes = CSVTokenizer(bytes: Array(text.utf8), source: "t").bytes
            let hasQuote = bytes.contains(UInt8(ascii: "\""))
            let ranges = bytes.withUnsafeBufferPointer { ColumnarCSV.chunkRanges($0, from: 0, chunks: 4, minChunkBytes: 1) }
            if hasQuote { quoted += 1; #expect(ranges.count == 1, "\(trial)") }
            let serial = try #require(Self.read(bytes, chunks: 1))
            Self.expectSame(serial, try #require(Self.read(bytes, chunks: 4)), "\(trial)")
        }
        #expect(quoted > 50)
        // A line break inside quotes: one record over two lines, read once.
        let text = "id,note\n" + (0..<50).map { "\($0),x\n" }.joined() + "50,\"two\nlines\"\n" + (51..<100).map { "\($0),y\n" }.joined()
        let t = try #require(Self.read(Array(text.utf8), chunks: 2))
        #expect(t.rowLines.count == 100 && t.rowLines[51] == 54 && t.strings[1]?[50] == "two\nlines")
    }

    @Test func aOneLineFileAndAHeaderOnly() throws {
        for text in ["a,b\n1,2", "a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\n", "a,b"] {
            let bytes = Array(text.utf8)
            let serial = try #require(Self.read(bytes, chunks: 1))
            Self.expectSame(serial, try #require(Self.read(bytes, chunks: 2)), text.debugDescription)
        }
    }

    @Test func aBadRecordInEitherChunkGoesToTheRecordTokenizer() {
        let good = "x,y\n" + (1...40).map { "\($0),\($0 * 2)\n" }.joined()
        var lines = good.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for bad in [[3], [35], [3, 35]] {
            var l = lines
            for b in bad { l[b] = "7" }
            let bytes = Array(l.joined(separator: "\n").utf8)
            for chunks in 1...4 { #expect(Self.read(bytes, chunks: chunks) == nil, "\(bad) \(chunks)") }
        }
        lines[20] = "1,\"2"
        #expect(Self.read(Array(lines.joined(separator: "\n").utf8), chunks: 2) == nil)
    }

    /// A file large enough for the loader's own cut (chunks of at least 1 MiB): errors in both
    /// halves report the earlier; an error only in the second half is reported at its line.
    @Test func theLoaderReportsTheEarlierErrorOfTwoChunks() throws {
        let rows = 120_000
        var lines = ["id,x,y,z"] + (1...rows).map { "\($0),\($0 % 97).25,\($0 % 13),\($0 * 3)" }
        let size = lines.reduce(0) { $0 + $1.utf8.count + 1 }
        #expect(size > 2 << 20)
        let clean = try CSVLoader.parse(text: lines.joined(separator: "\n"), source: "big.csv")
        #expect(clean.rowCount == rows)
        #expect(try clean.numbers("z")[rows - 1] == Double(rows * 3))
        #expect(clean.rowLines[rows - 1] == rows + 1)
        lines[100_000] = "100000,1,2"
        var e = try #require(throws: DataError.self) { try CSVLoader.parse(text: lines.joined(separator: "\n"), source: "big.csv") }
        #expect(e.description.contains("line 100001 (data row 100000)"), "\(e.description)")
        lines[10] = "10,1"
        e = try #require(throws: DataError.self) { try CSVLoader.parse(text: lines.joined(separator: "\n"), source: "big.csv") }
        #expect(e.description.contains("line 11 (data row 10)"), "\(e.description)")
        #expect(e.description.contains("expected 4 fields as in the header, found 2"), "\(e.description)")
    }
}

/// A column whose cells decide both number formats is refused when used as numbers (issue #10).
@Suite struct MixedNumberFormatTests {
    @Test func thousandsDotsBesideADecimalPointIsRefusedNamingBothCells() throws {
        for sep in [",", ";"] {
            let text = ["id\(sep)x\(sep)y", "A\(sep)2.25\(sep)1", "B\(sep)7\(sep)2", "C\(sep)11.988.130\(sep)3"].joined(separator: "\n") + "\n"
            let d = try CSVLoader.parse(text: text, source: "m.csv")
            // Not silently text: used as numbers it is refused, at the later deciding cell.
            let e = try #require(throws: DataError.self) { try d.numbers("x") }
            let m = e.description
            #expect(m.contains("m.csv"), "\(m)")
            #expect(m.contains("line 4 (data row 3), column \"x\""), "\(m)")
            #expect(m.contains("\"11.988.130\" on line 4 only reads with a decimal comma"), "\(m)")
            #expect(m.contains("\"2.25\" on line 2 only with a decimal point"), "\(m)")
            #expect(m.contains("--decimal-comma") && m.contains("--decimal-point"), "\(m)")
            #expect(!m.contains("\n"))
            // Its text is still there, and the other columns read.
            #expect(try d.texts("x") == ["2.25", "7", "11.988.130"])
            #expect(try d.numbers("y") == [1, 2, 3])
            // A subset keeps the refusal.
            #expect(throws: DataError.self) { try d.subset(rows: [1]).numbers("x") }
            // Either order of the two cells.
            let swapped = try CSVLoader.parse(text: ["x", "11.988.130", "2.25"].joined(separator: "\n"), source: "s.csv")
            let e2 = try #require(throws: DataError.self) { try swapped.numbers("x") }
            #expect(e2.description.contains("line 3 (data row 2)"), "\(e2.description)")
            // A forced format reads what it can, as before (a cell of the other format is no number).
            #expect(throws: DataError.self) {
                try CSVLoader.parse(text: text, source: "m.csv", options: CSVOptions(numberFormat: .decimalComma)).numbers("x")
            }
        }
        // One format only: no refusal.
        let ok = try CSVLoader.parse(text: "x;y\n11.988.130;1\n2.000.000;2\n")
        #expect(try ok.numbers("x") == [11_988_130, 2_000_000])
    }
}
