import Testing
@testable import TolokCore

/// The byte writers of the CSV and JSON renderers against the String forms they replace.
@Suite struct ByteWriterTests {
    /// The scalar-by-scalar JSON escape the byte writer replaced (reference).
    static func referenceEscape(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    static let texts = ["", "plain", "a,b", "say \"hi\"", "line\nbreak", "cr\rlf", "crlf\r\n", ",\u{301}", "é,", "tab\there",
                        "\u{0}\u{1}\u{1F}\u{7F}", "back\\slash", "Rp 1.522.500,00", "日本,語", "👍🏽", "\r\n", "x\r\ny", "\"\r\n\""]

    @Test func jsonEscapeIsTheScalarEscape() {
        for s in Self.texts { #expect(JSONWriter.escape(s) == Self.referenceEscape(s), "\(s.debugDescription)") }
        var rng = SplitMix(seed: 7)
        let pool: [Unicode.Scalar] = ["a", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1B}", "é", "\u{301}", "€", "𝄞", ",", " "]
        for _ in 0..<2000 {
            var s = ""
            for _ in 0..<Int(rng.next() % 12) { s.unicodeScalars.append(pool[Int(rng.next() % UInt64(pool.count))]) }
            #expect(JSONWriter.escape(s) == Self.referenceEscape(s), "\(s.debugDescription)")
        }
    }

    /// The per-table pre-escaped keys of the JSON renderer write what `key(_:)` writes.
    @Test func preEscapedKeysAreTheEscapedKeys() {
        for s in Self.texts {
            var a = JSONWriter(), b = JSONWriter()
            for w in [0, 1] {
                a.beginObject(); b.beginObject()
                a.key(s); a.integer(w); a.key("x"); a.integer(2)
                b.key(escaped: JSONWriter.keyBytes(s)); b.integer(w); b.key(escaped: JSONWriter.keyBytes("x")); b.integer(2)
                a.endObject(); b.endObject()
            }
            #expect(a.bytes == b.bytes, "\(s.debugDescription)")
            #expect(String(decoding: JSONWriter.keyBytes(s), as: UTF8.self) == Self.referenceEscape(s) + ":")
        }
    }

    @Test func csvQuoteIsTheCharacterQuote() {
        for s in Self.texts {
            var sink = ByteSink()
            CSVRenderer.quote(s, into: &sink)
            #expect(String(decoding: sink.bytes, as: UTF8.self) == CSVRenderer.quote(s), "\(s.debugDescription)")
        }
    }

    @Test func numbersAreWrittenAsValueFormattingExact() {
        var rng = SplitMix(seed: 11)
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 1e-5, 123.25, 1e15, 999_999_999_999_999, -999_999_999_999_999, 1e16, 1e300,
                                .leastNonzeroMagnitude, .greatestFiniteMagnitude, 0.1 + 0.2, Double(Int64.max), -Double(Int64.max)]
        for _ in 0..<20_000 {
            values.append(Double(bitPattern: rng.next()))
            values.append(Double(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 60)))
            values.append(Double(rng.next() % 1_000_000) / 1000)
        }
        for x in values where x.isFinite {
            var sink = ByteSink()
            sink.append(exact: x)
            #expect(String(decoding: sink.bytes, as: UTF8.self) == ValueFormatting.exact(x), "\(x)")
        }
        for i in [0, 1, -1, 9, 10, -10, Int.max, Int.min, 1234567890] {
            var sink = ByteSink()
            sink.append(integer: Int64(i))
            #expect(String(decoding: sink.bytes, as: UTF8.self) == String(i))
        }
    }

    @Test func renderedBytesAreTheRenderedText() throws {
        let table = ResultTable(name: "units", columns: [ResultColumn("id", .text), ResultColumn("x"), ResultColumn("n"), ResultColumn("m", .money),
                                                        ResultColumn("ok", .text)],
                                rows: [[.text("A,1"), .number(0.25), .integer(-3), .money(1234.5), .bool(true)],
                                       [.text("B\r\n"), .number(.nan), .missing, .money(.nan), .bool(false)],
                                       [.text("é \"q\""), .number(1e-7), .integer(0), .money(-0.005), .text("\u{1}")]])
        let result = AnalysisResult(plugin: "p", version: "1", parameters: [("a", .text("x\"y"))], tables: [table],
                                    summary: [("units", .integer(3))], notes: ["n\n1"])
        #expect(String(decoding: try CSVRenderer.renderBytes(result), as: UTF8.self) == (try CSVRenderer.render(result)))
        #expect(String(decoding: JSONRenderer.renderBytes(result), as: UTF8.self) == JSONRenderer.render(result))
        #expect(try CSVRenderer.render(result).hasPrefix("id,x,n,m,ok\n\"A,1\",0.25,-3,1234.50,true\nB\r\n,,,,false\n"))
        #expect(JSONRenderer.render(result).contains(#"{"id":"A,1","x":0.25,"n":-3,"m":1234.50,"ok":true}"#))
    }
}
