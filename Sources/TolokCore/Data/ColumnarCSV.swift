import Foundation

/// The loader's columnar engine: one pass over the file's bytes that keeps, per data record, the
/// byte offset where it starts (the cell text is cut from the bytes again when asked for, see
/// ``RawCells``) and parses plain decimal-point numbers straight from the bytes into a
/// ``NumericCells`` (``FastNumber``). No `String` is made per numeric cell.
///
/// The tokenising rules are exactly ``CSVTokenizer``'s (RFC 4180 quotes, LF / CRLF / CR line
/// ends, unquoted fields trimmed of spaces, tabs and CR, blank and all-empty records skipped,
/// physical line numbers). Anything that must become an error — invalid UTF-8, an unterminated
/// quote, a record with the wrong number of fields, an empty file — makes ``read`` return nil,
/// and the loader tokenises again with ``CSVTokenizer`` so that the message is exactly the one
/// it has always been.
final class CSVText: @unchecked Sendable {
    // Immutable after init (hence Sendable).
    let bytes: [UInt8]
    let delimiter: UInt8

    /// ``specialTable(_:)`` for the delimiter, made once.
    let special: [Bool]

    init(bytes: [UInt8], delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
        special = CSVText.specialTable(delimiter)
    }

    /// One field of a record: its bytes `start..<end` in the file, or its text when it is not a
    /// plain slice (quotes doubled inside, text after a closing quote, trimmed non-ASCII text).
    /// (A trivial type, so that the per-record array costs no reference counting; the rare
    /// texts live in ``Fields/texts``.)
    struct Field {
        var start: Int
        var end: Int
        /// Index into ``Fields/texts``, or -1 when the field is the bytes `start..<end`.
        var text: Int32
    }

    /// The fields of one record.
    struct Fields {
        /// The first `count` are this record's (the array is reused from record to record).
        var spans: [Field] = []
        var texts: [String] = []
        private(set) var count = 0

        subscript(k: Int) -> Field { spans[k] }

        @inline(__always) mutating func removeAll() {
            count = 0
            if !texts.isEmpty { texts.removeAll(keepingCapacity: true) }
        }

        @inline(__always) mutating func append(_ f: Field) {
            if count < spans.count { spans[count] = f } else { spans.append(f) }
            count += 1
        }

        mutating func append(start: Int, end: Int, text: String) {
            append(Field(start: start, end: end, text: Int32(texts.count)))
            texts.append(text)
        }

        func hasText(_ k: Int) -> Bool { spans[k].text >= 0 }

        func isEmpty(_ k: Int) -> Bool {
            let f = spans[k]
            return f.text >= 0 ? texts[Int(f.text)].isEmpty : f.start == f.end
        }

        /// The field's text.
        func string(_ k: Int, _ p: UnsafeBufferPointer<UInt8>) -> String {
            let f = spans[k]
            return f.text >= 0 ? texts[Int(f.text)] : String(decoding: UnsafeBufferPointer(rebasing: p[f.start..<f.end]), as: UTF8.self)
        }
    }

    /// How a record scan ended.
    struct RecordEnd {
        /// Index after the record's line break (or the end of the bytes).
        var next: Int
        /// Physical lines the record spans (line breaks inside quotes plus its own).
        var lines: Int
        /// The record's quote was not closed before the end of the bytes.
        var unterminated: Bool
    }

    static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    /// Scans the record that starts at `i`, storing its fields in `fields` (cleared first).
    @inline(__always)
    static func scanRecord(_ p: UnsafeBufferPointer<UInt8>, at start: Int, delimiter sep: UInt8,
                           special: UnsafeBufferPointer<Bool>, into fields: inout Fields) -> RecordEnd {
        fields.removeAll()
        let end = p.count
        let sepWord = UInt64(sep) &* 0x0101_0101_0101_0101
        var i = start
        var lines = 0
        while true {
            // Fast case: an unquoted field up to the separator or line break.
            var j = i
            // Eight bytes at a time while none of them is the separator, a quote, LF or CR.
            let base = p.baseAddress!
            while j + 8 <= end {
                let w = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
                if hasByte(w, sepWord) || hasByte(w, quoteWord) || hasByte(w, lfWord) || hasByte(w, crWord) { break }
                j += 8
            }
            while j < end, !special[Int(p[j])] { j += 1 }
            if j == end || p[j] != quote {
                if let text = unquotedField(p, i, j, into: &fields) { fields.append(start: i, end: j, text: text) }
                if j == end { return RecordEnd(next: end, lines: lines, unterminated: false) }
                let b = p[j]
                if b == sep { i = j + 1; continue }
                // A line break: CRLF counts once.
                let next = b == cr && j + 1 < end && p[j + 1] == lf ? j + 2 : j + 1
                return RecordEnd(next: next, lines: lines + 1, unterminated: false)
            }
            // A quote in the field: the general state machine, as CSVTokenizer.
            var buf: [UInt8] = []
            var quoted = false, inQuotes = false
            var allSpaces = true
            j = i
            scan: while j < end {
                let b = p[j]
                if inQuotes {
                    if b == quote {
                        if j + 1 < end, p[j + 1] == quote { buf.append(quote); j += 2; continue }
                        inQuotes = false
                    } else {
                        if b == lf || (b == cr && !(j + 1 < end && p[j + 1] == lf)) { lines += 1 }
                        buf.append(b)
                    }
                    j += 1
                    continue
                }
                switch b {
                case quote:
                    if allSpaces {
                        buf.removeAll(keepingCapacity: true)
                        inQuotes = true
                        quoted = true
                    } else {
                        buf.append(b)
                    }
                case sep, lf, cr:
                    break scan
                default:
                    if b != space { allSpaces = false }
                    buf.append(b)
                }
                j += 1
            }
            if inQuotes { return RecordEnd(next: end, lines: lines, unterminated: true) }
            var text = String(decoding: buf, as: UTF8.self)
            if !quoted { text = text.trimmingSpaces() }
            fields.append(start: i, end: j, text: text)
            if j == end { return RecordEnd(next: end, lines: lines, unterminated: false) }
            let b = p[j]
            if b == sep { i = j + 1; continue }
            let next = b == cr && j + 1 < end && p[j + 1] == lf ? j + 2 : j + 1
            return RecordEnd(next: next, lines: lines + 1, unterminated: false)
        }
    }

    static let quoteWord = UInt64(quote) &* 0x0101_0101_0101_0101
    static let lfWord = UInt64(lf) &* 0x0101_0101_0101_0101
    static let crWord = UInt64(cr) &* 0x0101_0101_0101_0101

    /// True when some byte of `w` equals the byte repeated in `pattern` (the classic
    /// "has a zero byte" test on `w ^ pattern`; exact, no false positives in the result).
    @inline(__always) static func hasByte(_ w: UInt64, _ pattern: UInt64) -> Bool {
        let x = w ^ pattern
        return (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080 != 0
    }

    /// An unquoted field `i..<j`, trimmed of spaces, tabs and CR as `String.trimmingSpaces`.
    @inline(__always)
    /// Appends the span, or returns the field's text when it is not a plain slice.
    static func unquotedField(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int, into fields: inout Fields) -> String? {
        var s = i, e = j
        while s < e, p[s] == space || p[s] == tab || p[s] == cr { s += 1 }
        while e > s, p[e - 1] == space || p[e - 1] == tab || p[e - 1] == cr { e -= 1 }
        if s != i || e != j {
            // Trimming is by Character: with non-ASCII text next to the spaces let String decide.
            var high = false
            for k in i..<j where p[k] >= 0x80 { high = true; break }
            if high {
                return String(decoding: UnsafeBufferPointer(rebasing: p[i..<j]), as: UTF8.self).trimmingSpaces()
            }
        }
        fields.append(Field(start: s, end: e, text: -1))
        return nil
    }

    /// Bytes that end the fast scan of an unquoted field.
    /// True when the bytes `i..<j` hold a `.`, `e` or `E` (a decimal-point number's marks).
    @inline(__always) static func hasPointOrExponent(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ j: Int) -> Bool {
        var k = i
        while k < j {
            let b = p[k]
            if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") { return true }
            k += 1
        }
        return false
    }

    static func specialTable(_ sep: UInt8) -> [Bool] {
        var t = [Bool](repeating: false, count: 256)
        for b in [sep, quote, lf, cr] { t[Int(b)] = true }
        return t
    }

    /// Calls `body` once per record of `records`, in order, with field `k`: its bytes when the field
    /// is a plain slice of the file (as ``field(_:ofRecordAt:)`` would decode them), else `nil`
    /// (quoted or otherwise rewritten text, or no such field: the caller then reads the text).
    /// One scan buffer for all records, and no String per cell.
    func forEachField(_ k: Int, records: [UInt32], _ body: (Int, UnsafeBufferPointer<UInt8>?) throws -> Void) rethrows {
        var fields = Fields()
        fields.spans.reserveCapacity(k + 1)
        try bytes.withUnsafeBufferPointer { p in
            try special.withUnsafeBufferPointer { special in
                for (r, start) in records.enumerated() {
                    _ = CSVText.scanRecord(p, at: Int(start), delimiter: delimiter, special: special, into: &fields)
                    guard k < fields.count, !fields.hasText(k) else { try body(r, nil); continue }
                    let f = fields[k]
                    try body(r, UnsafeBufferPointer(rebasing: p[f.start..<f.end]))
                }
            }
        }
    }

    /// The text of field `k` of the record starting at `start`.
    func field(_ k: Int, ofRecordAt start: Int) -> String {
        var fields = Fields()
        fields.spans.reserveCapacity(k + 1)
        return bytes.withUnsafeBufferPointer { p in
            special.withUnsafeBufferPointer { special in
                _ = CSVText.scanRecord(p, at: start, delimiter: delimiter, special: special, into: &fields)
                guard k < fields.count else { return "" }
                return fields.string(k, p)
            }
        }
    }
}

/// The cell texts of one column (`Column.raw`): either Strings, or cut from the file's bytes on
/// access (the loader's form: a 4-byte record offset per row, shared by all columns of the file).
public struct RawCells: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    enum Storage: Sendable {
        case strings([String])
        case file(CSVText, records: [UInt32], field: Int)
        /// Numbers without their source text (an external plugin's data): a cell's text is the
        /// number's shortest round-trip form, made on access; a missing cell is "".
        case numbers(NumericCells)
    }

    let storage: Storage

    public init(_ strings: [String]) { storage = .strings(strings) }
    public init(arrayLiteral elements: String...) { storage = .strings(elements) }
    init(text: CSVText, records: [UInt32], field: Int) { storage = .file(text, records: records, field: field) }
    /// The texts of numbers, made on access (no String per cell is kept).
    public init(numbers: NumericCells) { storage = .numbers(numbers) }

    public var startIndex: Int { 0 }
    public var endIndex: Int {
        switch storage {
        case .strings(let s): return s.count
        case .file(_, let records, _): return records.count
        case .numbers(let n): return n.count
        }
    }

    public subscript(r: Int) -> String {
        switch storage {
        case .strings(let s): return s[r]
        case .file(let text, let records, let k): return text.field(k, ofRecordAt: Int(records[r]))
        case .numbers(let n): return n[r].map { "\($0)" } ?? ""
        }
    }

    /// Calls `body` with each row and the cell's bytes when the cell is a plain slice of the file
    /// (the bytes of `self[r]`), or `nil` when the cell must be read as text (`self[r]`).
    func forEachCellBytes(_ body: (Int, UnsafeBufferPointer<UInt8>?) throws -> Void) rethrows {
        switch storage {
        case .strings(let s): for r in s.indices { try body(r, nil) }
        case .numbers(let n): for r in n.indices { try body(r, nil) }
        case .file(let text, let records, let k): try text.forEachField(k, records: records, body)
        }
    }

    /// True when the cells are cut from a file's bytes (``forEachCellBytes(_:)`` then gives bytes).
    var isFromFile: Bool {
        if case .file = storage { return true }
        return false
    }

    /// The cells at `rows`, in that order.
    public func gathering(_ rows: [Int]) -> RawCells {
        switch storage {
        case .strings(let s): return RawCells(rows.map { s[$0] })
        case .file(let text, let records, let k): return RawCells(text: text, records: rows.map { records[$0] }, field: k)
        case .numbers(let n): return RawCells(numbers: n.gathering(rows))
        }
    }
}

/// The records of a file as the loader needs them: the header, the line of each data row, and
/// per column either the parsed numbers (every cell a plain number or missing) or the texts.
struct CSVTable {
    var header: CSVRecord?
    var rowLines: [Int]
    /// Per column: numbers when every cell was a plain number or missing and at least one was a number.
    var numbers: [NumericCells?]
    /// Per column: the cell texts when `numbers` is nil.
    var strings: [[String]?]
    /// Per column: the raw cells.
    var raw: [RawCells]
    /// Per column parsed as numbers: the first data row (0-based) whose cell has a point or an
    /// exponent (`2.25`, `1e-3`), which only a decimal-point number has: the file's evidence of
    /// its number format (``FileNumberEvidence``).
    var pointRows: [Int?] = []
    /// The first data row (0-based) whose field count differs from the header's, with its fields.
    var mismatch: (row: Int, line: Int, fields: [String])?

    /// From the records of ``CSVTokenizer`` (the path that reports tokenising errors).
    init(records: [CSVRecord]) {
        header = records.first
        let rows = records.dropFirst()
        rowLines = rows.map(\.line)
        let width = header?.fields.count ?? 0
        if let (r, rec) = rows.enumerated().first(where: { $0.element.fields.count != width }) {
            mismatch = (r, rec.line, rec.fields)
            numbers = []; strings = []; raw = []
            return
        }
        numbers = Array(repeating: nil, count: width)
        pointRows = Array(repeating: nil, count: width)
        strings = (0..<width).map { k in rows.map { $0.fields[k] } }
        raw = strings.map { RawCells($0!) }
    }

    init(header: CSVRecord, rowLines: [Int], numbers: [NumericCells?], strings: [[String]?], raw: [RawCells], pointRows: [Int?]) {
        self.pointRows = pointRows
        self.header = header
        self.rowLines = rowLines
        self.numbers = numbers
        self.strings = strings
        self.raw = raw
    }
}

enum ColumnarCSV {
    /// Reads a file descriptor to its end straight into one byte array (no `Data` copy); nil on
    /// an I/O error. The size from `fstat` is only a capacity hint, so pipes read too.
    static func readAll(_ fd: Int32) -> [UInt8]? {
        var info = stat()
        let hint = fstat(fd, &info) == 0 && info.st_size > 0 ? Int(info.st_size) : 0
        var failed = false
        // The expected size straight into the array, then whatever follows through a small buffer.
        var out = [UInt8](unsafeUninitializedCapacity: hint) { p, count in
            count = 0
            while count < hint {
                let r = Glibc.read(fd, p.baseAddress! + count, hint - count)
                if r < 0 && errno == EINTR { continue }
                if r < 0 { failed = true }
                if r <= 0 { break }
                count += r
            }
        }
        if failed { return nil }
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let r = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress!, $0.count) }
            if r < 0 && errno == EINTR { continue }
            if r < 0 { return nil }
            if r == 0 { return out }
            out.append(contentsOf: chunk[0..<r])
        }
    }

    /// Reads `bytes` (UTF-8, BOM removed) in one pass; nil when the file needs an error message
    /// (invalid UTF-8, unterminated quote, a wrong field count, no header), which the caller gets
    /// from ``CSVTokenizer``. `parseNumbers`: try the plain-number path on each column (false
    /// when the number format is forced to a decimal comma).
    static func read(_ bytes: [UInt8], delimiter: Delimiter, parseNumbers: Bool) -> CSVTable? {
        // Offsets are 32-bit (4 bytes per row); larger files take the record tokenizer.
        guard bytes.count < Int(UInt32.max), isValidUTF8(bytes) else { return nil }
        let text = CSVText(bytes: bytes, delimiter: delimiter.byte)
        let table = CSVText.specialTable(delimiter.byte)
        return bytes.withUnsafeBufferPointer { p -> CSVTable? in
            table.withUnsafeBufferPointer { special -> CSVTable? in
                var fields = CSVText.Fields()
                var i = 0, line = 1
                var header: CSVRecord?
                var width = 0
                var records: [UInt32] = [], rowLines: [Int] = []
                var values: [[Double]] = [], missing: [[UInt64]] = []
                var fast: [Bool] = [], anyNumber: [Bool] = []
                var pointRows: [Int?] = []
                var strings: [[String]?] = []
                let estimate = max(16, bytes.count / 16)
                while i < p.count {
                    let start = i, startLine = line
                    let end = CSVText.scanRecord(p, at: i, delimiter: delimiter.byte, special: special, into: &fields)
                    if end.unterminated { return nil }
                    i = end.next
                    line += end.lines
                    guard (0..<fields.count).contains(where: { !fields.isEmpty($0) }) else { continue }
                    guard header != nil else {
                        let names = (0..<fields.count).map { fields.string($0, p) }
                        header = CSVRecord(fields: names, line: startLine)
                        width = names.count
                        values = Array(repeating: [], count: width)
                        missing = Array(repeating: [], count: width)
                        fast = Array(repeating: parseNumbers, count: width)
                        anyNumber = Array(repeating: false, count: width)
                        pointRows = Array(repeating: nil, count: width)
                        strings = Array(repeating: nil, count: width)
                        records.reserveCapacity(estimate / max(width, 1))
                        rowLines.reserveCapacity(estimate / max(width, 1))
                        if parseNumbers { for k in 0..<width { values[k].reserveCapacity(estimate / max(width, 1)) } }
                        continue
                    }
                    guard fields.count == width else { return nil }
                    let r = records.count
                    records.append(UInt32(truncatingIfNeeded: start))
                    rowLines.append(startLine)
                    for k in 0..<width {
                        let f = fields[k]
                        if fast[k] {
                            if f.text < 0 {
                                switch FastNumber.classify(p, f.start, f.end) {
                                case .number(let x):
                                    values[k].append(x); anyNumber[k] = true
                                    if pointRows[k] == nil && CSVText.hasPointOrExponent(p, f.start, f.end) { pointRows[k] = r }
                                    continue
                                case .missing:
                                    while missing[k].count <= r >> 6 { missing[k].append(0) }
                                    missing[k][r >> 6] |= 1 << UInt64(r & 63)
                                    values[k].append(0)
                                    continue
                                case .other: break
                                }
                            }
                            // Not a plain number: this column takes the String rules.
                            fast[k] = false
                            values[k] = []; missing[k] = []
                            var s: [String] = []
                            s.reserveCapacity(records.capacity)
                            for q in 0..<r { s.append(text.field(k, ofRecordAt: Int(records[q]))) }
                            strings[k] = s
                        }
                        if strings[k] == nil { strings[k] = [] }
                        strings[k]!.append(fields.string(k, p))
                    }
                }
                guard let header else { return nil }
                var numbers: [NumericCells?] = []
                for k in 0..<width {
                    if fast[k] && anyNumber[k] {
                        var bits = missing[k]
                        if !bits.isEmpty { bits = Array(bits.prefix((records.count + 63) / 64)) }
                        while !bits.isEmpty && bits.count < (records.count + 63) / 64 { bits.append(0) }
                        numbers.append(NumericCells(values: values[k], missing: bits))
                    } else {
                        numbers.append(nil)
                        if strings[k] == nil { strings[k] = records.map { text.field(k, ofRecordAt: Int($0)) } }
                    }
                    values[k] = []
                }
                let raw = (0..<width).map { RawCells(text: text, records: records, field: $0) }
                return CSVTable(header: header, rowLines: rowLines, numbers: numbers, strings: strings, raw: raw, pointRows: pointRows)
            }
        }
    }

    /// True when `bytes` are valid UTF-8. Checked in slices cut at line feeds (an ASCII byte
    /// never falls inside a multi-byte sequence), so no copy of the whole file is made; slices
    /// that are all ASCII are skipped by a word-at-a-time test.
    static func isValidUTF8(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            var start = 0
            let n = p.count
            while start < n {
                var end = min(n, start + (1 << 20))
                while end < n, p[end - 1] != CSVText.lf { end += 1 }
                var ascii = true
                var k = start
                p.baseAddress!.withMemoryRebound(to: UInt8.self, capacity: n) { base in
                    while k + 8 <= end {
                        let w = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
                        if w & 0x8080_8080_8080_8080 != 0 { ascii = false; return }
                        k += 8
                    }
                    while k < end { if base[k] >= 0x80 { ascii = false; return }; k += 1 }
                }
                if !ascii, String(validating: UnsafeBufferPointer(rebasing: p[start..<end]), as: UTF8.self) == nil { return false }
                start = end
            }
            return true
        }
    }
}
