import Testing
@testable import TolokCore

/// The columnar loader (ColumnarCSV, FastNumber) against the record tokenizer and the String
/// rules it shortcuts: same cells, same lines, same numbers bit for bit.
@Suite struct ColumnarLoaderTests {
    /// FastNumber on `text`: the number, or nil when it is not a plain unambiguous number.
    static func fast(_ text: String) -> FastNumber.Result {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { FastNumber.classify($0, 0, $0.count) }
    }

    static func check(_ text: String) {
        switch fast(text) {
        case .number(let x):
            let reference = Double(text)
            #expect(reference != nil, "\(text)")
            #expect(reference?.bitPattern == x.bitPattern, "\(text): fast \(x), Double(String) \(reference.map { "\($0)" } ?? "nil")")
            // What the loader's rules say for the cell: a decimal-point reading, never ambiguous.
            let (evidence, point) = NumberFormat.read(text, commaDelimited: true)
            #expect(evidence == .neutral || evidence == .decimalPoint, "\(text)")
            #expect(point?.bitPattern == x.bitPattern, "\(text)")
        case .missing:
            #expect(Column.isMissing(text), "\(text)")
        case .other:
            break
        }
    }

    @Test func fastParseEqualsDoubleOfStringOnEdgeCases() {
        let edge = ["0", "-0", "+0", "0.0", "-0.0", "00012", "1", "-1", "+7", "9007199254740992", "9007199254740993",
                    "18446744073709551615", "18446744073709551616", "123456789012345678901234567890",
                    "0.1", "0.2", "0.30000000000000004", "3.141592653589793", "2.718281828459045235360287",
                    "1e22", "1e23", "1e-22", "1e-23", "9007199254740991e22", "123456789012345e-22",
                    "1.7976931348623157e308", "1.7976931348623159e308", "1e309", "-1e400", "2.2250738585072014e-308",
                    "2.2250738585072011e-308", "4.9406564584124654e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
                    "1e-400", "0e999", "-0e-5", "1E5", "1e+5", "1e-5", "1.5E-3", "12.5", "100.25", "1234.567", "12.3456",
                    "0.001", "1.000", "15.131", "-1.020", "1000.000", "1.0000", "99999999999999999", "0.00000000000000000000012345"]
        for t in edge { Self.check(t) }
        // The fast path is taken for plain numbers (not only the String fallback).
        #expect(Self.fast("12.5") == .number(12.5))
        #expect(Self.fast("-3e2") == .number(-300))
        #expect(Self.fast("1e23") == .number(1e23))
        #expect(Self.fast("0.30000000000000004") == .number(0.30000000000000004))
        // Shapes that must go to the String rules.
        for t in ["1.020", "-15.131", "0.125", "+1.234", ".5", "5.", "1e", "1e+", "--1", "1-2", "1.2.3", " 1", "1 ", "1,5",
                  "NaN", "inf", "-inf", "0x10", "1_000", "e5", "", "+", "-"] where !t.isEmpty {
            #expect(Self.fast(t) == .other, "\(t)")
        }
        for t in ["", "NA", "na", "N/A", "n/a", "null", "NULL", "Null"] { #expect(Self.fast(t) == .missing, "\(t)") }
        #expect(Self.fast("nan") == .other)
        #expect(Self.fast("nul") == .other)
    }

    @Test func fastParseEqualsDoubleOfStringOnRandomNumbers() {
        var rng = SplitMix(seed: 20261202)
        for _ in 0..<200_000 {
            let digits = 1 + Int(rng.next() % 20)
            var s = rng.next() % 3 == 0 ? "-" : ""
            for k in 0..<digits { s += String(k == 0 && digits > 1 ? 1 + rng.next() % 9 : rng.next() % 10) }
            let form = rng.next() % 4
            if form >= 1 {
                let fraction = 1 + Int(rng.next() % 18)
                let point = Int(rng.next() % UInt64(digits))
                let idx = s.index(s.endIndex, offsetBy: -(digits - point))
                if point > 0 { s.insert(".", at: idx) } else { s += "." + String(rng.next() % UInt64(Self.pow10(min(fraction, 18)))) }
            }
            if form >= 2 { s += "e" + (rng.next() % 2 == 0 ? "-" : "") + String(rng.next() % (form == 3 ? 330 : 30)) }
            Self.check(s)
            // Random doubles printed shortest and with 17 digits.
            let x = Double(bitPattern: rng.next())
            if x.isFinite {
                Self.check("\(x)")
                Self.check(String(format17: x))
            }
        }
    }

    /// Exact midpoints between adjacent doubles (where a double rounding would go wrong), and
    /// their neighbours, with and without exponents: the extended-precision path must hand
    /// these to strtod or round them as it does.
    @Test func fastParseIsCorrectNearHalfwayPoints() {
        var rng = SplitMix(seed: 99)
        for k in 0..<5000 {
            let odd = (UInt64(1) << 53) + 2 * UInt64(k) + 1                 // midpoints at spacing 2
            let big = (UInt64(1) << 60) + (UInt64(k) << 8) + 128          // midpoints at spacing 256
            for m in [odd, odd - 1, odd + 1, big, big - 1, big + 1] {
                Self.check(String(m))
                Self.check(String(m) + "e-" + String(rng.next() % 28))
                Self.check(String(m) + "e" + String(rng.next() % 28))
                let text = String(m)
                let cut = 1 + Int(rng.next() % UInt64(text.count - 1))
                Self.check(String(text.prefix(cut)) + "." + String(text.dropFirst(cut)))
            }
        }
    }

    static func pow10(_ k: Int) -> UInt64 { (0..<k).reduce(1) { a, _ in a * 10 } }

    /// Files that exercise every tokenising rule, compared with CSVTokenizer record by record.
    static let corpus: [String] = [
        "a,b,c\n1,2,3\n4,5,6\n",
        "a,b\r\n1,2\r\n3,4",
        "a,b\r1,2\r3,4\r",
        "a;b;c\n1;2,5;x\n;;\n\n3;4;\n",
        "id,x\n\"A\",\"1.5\"\n\"B \"\"q\"\"\",2\n  \"C\" ,3\nD\"x\",4\n",
        "id,note,x\n1,\"two\nlines\",3\n2,\"cr\rinside\",4\n3,\"crlf\r\ninside\",5\n",
        "id,x\n a , 1 \n\tb\t,\t2\t\n",
        "id,x\nA,NA\nB,1e-3\nC,null\nD,\n",
        "id,x\nA,1.020\nB,2.5\n",
        "id,x,y\nA, \u{301}é ,1\n",
        "id\tx\nA\t1\nB\t-2.5e10\n",
        "id,x\nA,1\n\n\n,\nB,2\n   \nC,3",
        "x\n\"\"\n1\n",
        "x,y\n1,\n,\n2,3\n",
        "x\nNA\nNA\n",
    ]

    @Test func columnarReadMatchesTheRecordTokenizer() throws {
        for text in Self.corpus {
            let bytes = Array(text.utf8)
            let tokenizer = CSVTokenizer(bytes: bytes, source: "t")
            let delimiter = Delimiter.sniff(tokenizer.firstLine)
            let records = try tokenizer.records(delimiter: delimiter)
            let table = try #require(ColumnarCSV.read(tokenizer.bytes, delimiter: delimiter, parseNumbers: true), "\(text.debugDescription)")
            #expect(table.header?.fields == records.first?.fields, "\(text.debugDescription)")
            #expect(table.header?.line == records.first?.line)
            let rows = Array(records.dropFirst())
            #expect(table.rowLines == rows.map(\.line), "\(text.debugDescription)")
            for k in 0..<(records.first?.fields.count ?? 0) {
                let cells = rows.map { $0.fields[k] }
                #expect(Array(table.raw[k]) == cells, "\(text.debugDescription) column \(k)")
                if let numbers = table.numbers[k] {
                    // What the String rules make of the same cells.
                    let typed = CSVLoader.detectAndType(cells, commaDelimited: delimiter == .comma)
                    let expected = try #require(typed.numbers, "\(text.debugDescription) column \(k)")
                    #expect(Array(numbers).map { $0?.bitPattern } == expected.map { $0?.bitPattern })
                    #expect(typed.ambiguousRow == nil && typed.commaRow == nil && typed.format == .decimalPoint)
                } else {
                    #expect(table.strings[k] == cells)
                }
            }
        }
    }

    @Test func filesThatNeedAnErrorGoToTheRecordTokenizer() throws {
        for text in ["a,b\n1,2\n3\n", "a,b\n\"1,2\n", "", "\n\n", "a,b\n1,\u{FF}\n"] {
            let bytes: [UInt8] = text == "a,b\n1,\u{FF}\n" ? Array("a,b\n1,".utf8) + [0xFF, 0x0A] : Array(text.utf8)
            #expect(ColumnarCSV.read(bytes, delimiter: .comma, parseNumbers: true) == nil, "\(text.debugDescription)")
        }
        let e = try #require(throws: DataError.self) { try CSVLoader.parse(text: "a,b\n1,2\n3\n", source: "f.csv") }
        #expect(e.description.contains("line 3 (data row 2)"))
        #expect(e.description.contains("expected 2 fields as in the header, found 1"))
    }

    @Test func rawCellsAndSubsetsCutFromTheBytes() throws {
        let d = try CSVLoader.parse(text: "id,x,y\n\"A,1\",1.5,NA\nB,2,7\nC,-3e2,8\n")
        let x = try d.column("x")
        guard case .numeric(let v) = x.values else { Issue.record("x is not numeric"); return }
        #expect(Array(v) == [1.5, 2, -300])
        #expect(Array(x.raw) == ["1.5", "2", "-3e2"])
        #expect(try d.texts("id") == ["A,1", "B", "C"])
        let s = d.subset(rows: [2, 0])
        #expect(try s.numbers("x") == [-300, 1.5])
        #expect(Array(try s.column("y").raw) == ["8", "NA"])
        #expect(s.rowLines == [4, 2])
        let e = try #require(throws: DataError.self) { try d.numbers("y") }
        #expect(e.description.contains("line 2 (data row 1), column \"y\""))
    }
}

/// A small seeded generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension String {
    /// `x` with 17 significant digits (`%.17g`), built without Foundation.
    init(format17 x: Double) {
        self = x.description
        if let e = Double(self), e == x {
            // Pad the significand with zeros to 17 digits where it is shorter (same value).
            let parts = self.split(separator: "e", maxSplits: 1)
            var m = String(parts[0])
            if !m.contains(".") { m += ".0" }
            let digits = m.filter(\.isNumber).count
            if digits < 17 { m += String(repeating: "0", count: 17 - digits) }
            self = parts.count == 2 ? m + "e" + parts[1] : m
        }
    }
}

import Foundation

/// The integer fast path of MoneyText against the `Decimal(string:)` it shortcuts.
@Suite struct PlainAmountTests {
    @Test func plainAmountsEqualTheStringParse() {
        var rng = SplitMix(seed: 5)
        let posix = Locale(identifier: "en_US_POSIX")
        var cells = ["0", "0.00", "5", "+5", "-5", "12.5", "12.50", "-0.01", "999999999999999999.99", "100000000.00", "1.05", "007.10"]
        for _ in 0..<20_000 {
            let whole = rng.next() % 1_000_000_000_000
            let cents = rng.next() % 100
            let sign = ["", "-", "+"][Int(rng.next() % 3)]
            switch rng.next() % 3 {
            case 0: cells.append("\(sign)\(whole)")
            case 1: cells.append("\(sign)\(whole).\(cents % 10)")
            default: cells.append("\(sign)\(whole).\(cents < 10 ? "0" : "")\(cents)")
            }
        }
        var total = Decimal(0), reference = Decimal(0)
        for cell in cells {
            let fast = MoneyText.plainAmount(cell, format: .decimalPoint)
            var t = cell
            var negative = false
            if t.hasPrefix("-") { negative = true; t.removeFirst() } else if t.hasPrefix("+") { t.removeFirst() }
            let slow = Decimal(string: t, locale: posix).map { negative ? -$0 : $0 }
            // 20 digits and more take the full rules; everything else the fast path.
            #expect(fast != nil || cell.filter(\.isNumber).count > 19, "\(cell)")
            if let fast {
                #expect(fast == slow, "\(cell)")
                #expect("\(fast)" == slow.map { "\($0)" }, "\(cell)")
                #expect(ValueFormatting.money(fast) == slow.map { ValueFormatting.money($0) }, "\(cell)")
            }
            total += MoneyText.parse(cell, format: .decimalPoint) ?? 0
            reference += slow ?? 0
            #expect(MoneyText.parse(cell, format: .decimalPoint) == slow)
        }
        #expect(total == reference)
        #expect("\(total / 7)" == "\(reference / 7)")
        // Not plain: the full rules decide.
        for cell in ["-0", "-0.00", "1.234", "1,5", " 5", "Rp 5", "(5)", "5.", ".5", "1e3", "1.000,00", "--5", ""] {
            #expect(MoneyText.plainAmount(cell, format: .decimalPoint) == nil, "\(cell)")
        }
        #expect(MoneyText.plainAmount("12,5", format: .decimalComma) == Decimal(string: "12.5", locale: posix))
        #expect(MoneyText.plainAmount("1.234,5", format: .decimalComma) == nil)
    }

    @Test func trimmedCellMatchesFoundationTrimming() {
        for s in ["", "a", " a", "a ", "\ta\t", "\u{00A0}5\u{00A0}", "é", "\r5", "5\r", " ", "\u{00A0}", "x\u{00A0}y", "¢", "5¢"] {
            #expect(s.trimmedCell == s.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\u{00A0}")), "\(s.debugDescription)")
        }
    }
}

/// The integer-cents fast path of money formatting against Decimal rounding.
@Suite struct MoneyFormattingTests {
    @Test func exactCentsFormatAsDecimalRounding() {
        var rng = SplitMix(seed: 17)
        let posix = Locale(identifier: "en_US_POSIX")
        var values: [Decimal] = ["0", "0.00", "-0.01", "0.5", "-0.5", "123.45", "1e16", "1e17", "1e18", "1e20", "92233720368547758.07",
                                 "92233720368547758.08", "-92233720368547758.07", "184467440737095516.15", "12345678901234567.89",
                                 "0.005", "-0.005", "1.234", "99999999999999999999999.99"].map { Decimal(string: $0, locale: posix)! }
        values += [Decimal(1) / 7, Decimal(-2) / 3, Decimal(0), -Decimal(0), Decimal(sign: .minus, exponent: 0, significand: 0)]
        for _ in 0..<20_000 {
            let units = rng.next() >> (rng.next() % 64)
            let e = Int(rng.next() % 25) - 6
            let d = Decimal(sign: rng.next() % 2 == 0 ? .plus : .minus, exponent: e, significand: Decimal(units))
            values.append(d)
            values.append(d / 3)
            values.append(d + Decimal(string: "0.01", locale: posix)!)
        }
        // The fast path is taken for amounts with at most two decimals.
        #expect(ValueFormatting.exactCents(Decimal(string: "123.45", locale: posix)!) == 12345)
        #expect(ValueFormatting.exactCents(Decimal(string: "-1e3", locale: posix)!) == -100_000)
        #expect(ValueFormatting.exactCents(Decimal(string: "0.005", locale: posix)!) == nil)
        #expect(ValueFormatting.exactCents(Decimal(string: "1e20", locale: posix)!) == nil)
        for d in values {
            #expect(ValueFormatting.money(d) == ValueFormatting.roundedMoney(d), "\(d)")
            #expect(ValueFormatting.money(d, grouping: true) == ValueFormatting.roundedMoney(d, grouping: true), "\(d)")
        }
    }
}
