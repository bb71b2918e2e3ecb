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
    ///
    /// When the data records hold no quote byte, every LF and CR is a record boundary, so the
    /// bytes after the header are cut at line ends into up to `chunks` ranges (each at least
    /// `minChunkBytes`) scanned and parsed concurrently (``scanChunk``, ``defaultChunks``), then joined in order
    /// (``merge``): the table is the one a single scan gives (same cells, numbers, missing cells,
    /// line numbers), whatever the number of chunks. A file with a quote after its header is
    /// scanned in one piece (a line break inside quotes is no record boundary). A file that needs
    /// an error message returns nil from either path, and the record tokenizer then reports its
    /// first error, so the message does not depend on the chunks either.
    static func read(_ bytes: [UInt8], delimiter: Delimiter, parseNumbers: Bool,
                     chunks: Int = defaultChunks, minChunkBytes: Int = 1 << 20) -> CSVTable? {
        // Offsets are 32-bit (4 bytes per row); larger files take the record tokenizer.
        guard bytes.count < Int(UInt32.max), isValidUTF8(bytes) else { return nil }
        let text = CSVText(bytes: bytes, delimiter: delimiter.byte)
        let table = CSVText.specialTable(delimiter.byte)
        return bytes.withUnsafeBufferPointer { p -> CSVTable? in
            table.withUnsafeBufferPointer { special -> CSVTable? in
                // The header: the first record with some text.
                var fields = CSVText.Fields()
                var i = 0, line = 1
                var header: CSVRecord?
                while i < p.count {
                    let startLine = line
                    let end = CSVText.scanRecord(p, at: i, delimiter: delimiter.byte, special: special, into: &fields)
                    if end.unterminated { return nil }
                    i = end.next
                    line += end.lines
                    guard (0..<fields.count).contains(where: { !fields.isEmpty($0) }) else { continue }
                    header = CSVRecord(fields: (0..<fields.count).map { fields.string($0, p) }, line: startLine)
                    break
                }
                guard let header else { return nil }
                let width = header.fields.count
                let ranges = chunkRanges(p, from: i, chunks: chunks, minChunkBytes: minChunkBytes)
                let rowsPerByte = 1.0 / Double(16 * max(width, 1))
                // Chunk 0 reserves room for the whole file's rows (an estimate, as the single scan
                // always did): the later chunks are appended to its arrays in place. Reserved
                // pages that are never written are never resident.
                let totalEstimate = max(16, bytes.count / 16) / max(width, 1)
                let job = ChunkJob(p: p, special: special, text: text, ranges: ranges, firstLine: line, width: width,
                                   parseNumbers: parseNumbers, firstReserve: totalEstimate, rowsPerByte: rowsPerByte)
                if ranges.count == 1 {
                    job.run(0)
                } else {
                    DispatchQueue.concurrentPerform(iterations: ranges.count) { c in job.run(c) }
                }
                var parts: [Chunk] = []
                parts.reserveCapacity(ranges.count)
                for c in 0..<ranges.count {
                    guard let part = job.slots[c].take() else { return nil }
                    parts.append(part)
                }
                return merge(&parts, header: header, text: text)
            }
        }
    }

    /// Chunks of the record scan: 16 when the machine has more than one processor (run by
    /// `concurrentPerform` on as many threads as it has), else 1. More chunks than threads keep
    /// the memory a join needs small: while chunk c's column is appended to the table, that
    /// column exists twice, so the smaller the chunks the lower the peak (a 70 MiB file: about
    /// 0.3 MiB per column and chunk).
    static var defaultChunks: Int { ProcessInfo.processInfo.activeProcessorCount > 1 ? 16 : 1 }

    /// The bytes `start..<p.count` (the data records) cut just after line ends into up to `chunks`
    /// ranges of at least `minChunkBytes`; one range when a quote byte follows `start` (then a
    /// line break may lie inside a quoted field). A CRLF is never cut.
    static func chunkRanges(_ p: UnsafeBufferPointer<UInt8>, from start: Int, chunks: Int, minChunkBytes: Int) -> [Range<Int>] {
        let n = p.count
        let count = min(chunks, (n - start) / max(minChunkBytes, 1))
        guard count >= 2, memchr(p.baseAddress! + start, Int32(CSVText.quote), n - start) == nil else { return [start..<n] }
        var out: [Range<Int>] = []
        var lo = start
        for c in 1..<count {
            var m = max(lo, start + (n - start) / count * c)
            while m < n, p[m] != CSVText.lf, p[m] != CSVText.cr { m += 1 }
            guard m < n else { break }
            m += p[m] == CSVText.cr && m + 1 < n && p[m + 1] == CSVText.lf ? 2 : 1
            guard m < n else { break }
            out.append(lo..<m)
            lo = m
        }
        out.append(lo..<n)
        return out
    }

    /// The data records of one range of the file, as the single scan reads them. Rows are
    /// numbered from the chunk's first record, lines from `firstLine`.
    struct Chunk {
        var records: [UInt32] = []
        var rowLines: [Int] = []
        /// The line of the chunk's first byte as ``rowLines`` count it, and the physical lines the chunk spans.
        var firstLine = 0
        var lines = 0
        var values: [[Double]]
        /// Missing-cell bitmaps over the chunk's rows (empty while none is missing).
        var missing: [[UInt64]]
        /// Still every cell a plain number or missing.
        var fast: [Bool]
        var anyNumber: [Bool]
        var pointRows: [Int?]
        /// The texts of columns that are not `fast` (nil while they are).
        var strings: [[String]?]

        init(width: Int, parseNumbers: Bool) {
            values = Array(repeating: [], count: width)
            missing = Array(repeating: [], count: width)
            fast = Array(repeating: parseNumbers, count: width)
            anyNumber = Array(repeating: false, count: width)
            pointRows = Array(repeating: nil, count: width)
            strings = Array(repeating: nil, count: width)
        }
    }

    /// Scans the records that start in `range` (which ends just after a line end, or at the end
    /// of the bytes); nil when one is unterminated or has a field count other than `width`.
    static func scanChunk(_ p: UnsafeBufferPointer<UInt8>, special: UnsafeBufferPointer<Bool>, text: CSVText, range: Range<Int>,
                          firstLine: Int, width: Int, parseNumbers: Bool, reserveRows: Int) -> Chunk? {
        var c = Chunk(width: width, parseNumbers: parseNumbers)
        c.records.reserveCapacity(reserveRows)
        c.rowLines.reserveCapacity(reserveRows)
        if parseNumbers { for k in 0..<width { c.values[k].reserveCapacity(reserveRows) } }
        var fields = CSVText.Fields()
        var i = range.lowerBound, line = firstLine
        let sep = text.delimiter
        while i < range.upperBound {
            let start = i, startLine = line
            let end = CSVText.scanRecord(p, at: i, delimiter: sep, special: special, into: &fields)
            if end.unterminated { return nil }
            i = end.next
            line += end.lines
            guard (0..<fields.count).contains(where: { !fields.isEmpty($0) }) else { continue }
            guard fields.count == width else { return nil }
            let r = c.records.count
            c.records.append(UInt32(truncatingIfNeeded: start))
            c.rowLines.append(startLine)
            for k in 0..<width {
                let f = fields[k]
                if c.fast[k] {
                    if f.text < 0 {
                        switch FastNumber.classify(p, f.start, f.end) {
                        case .number(let x):
                            c.values[k].append(x); c.anyNumber[k] = true
                            if c.pointRows[k] == nil && CSVText.hasPointOrExponent(p, f.start, f.end) { c.pointRows[k] = r }
                            continue
                        case .missing:
                            while c.missing[k].count <= r >> 6 { c.missing[k].append(0) }
                            c.missing[k][r >> 6] |= 1 << UInt64(r & 63)
                            c.values[k].append(0)
                            continue
                        case .other: break
                        }
                    }
                    // Not a plain number: this column takes the String rules.
                    c.fast[k] = false
                    c.values[k] = []; c.missing[k] = []
                    var s: [String] = []
                    s.reserveCapacity(c.records.capacity)
                    for q in 0..<r { s.append(text.field(k, ofRecordAt: Int(c.records[q]))) }
                    c.strings[k] = s
                }
                if c.strings[k] == nil { c.strings[k] = [] }
                c.strings[k]!.append(fields.string(k, p))
            }
        }
        c.firstLine = firstLine
        c.lines = line - firstLine
        return c
    }

    /// The chunks joined in order into the file's table: rows, lines (each chunk's counted on
    /// from the lines before it), and per column numbers when every chunk parsed it as numbers
    /// (and some cell was one), else the texts.
    static func merge(_ parts: inout [Chunk], header: CSVRecord, text: CSVText) -> CSVTable {
        let width = header.fields.count
        var records: [UInt32] = [], rowLines: [Int] = []
        swap(&records, &parts[0].records)
        swap(&rowLines, &parts[0].rowLines)
        // First row and line offset of each chunk.
        var firstRows = [0], lineOffset = parts[0].firstLine + parts[0].lines
        for c in 1..<max(1, parts.count) {
            firstRows.append(records.count)
            records.append(contentsOf: parts[c].records)
            rowLines.reserveCapacity(rowLines.count + parts[c].rowLines.count)
            for l in parts[c].rowLines { rowLines.append(l + lineOffset - parts[c].firstLine) }
            lineOffset += parts[c].lines
            parts[c].records = []; parts[c].rowLines = []
        }
        let total = records.count
        var numbers: [NumericCells?] = [], strings: [[String]?] = [], pointRows: [Int?] = []
        for k in 0..<width {
            if parts.allSatisfy({ $0.fast[k] }) && parts.contains(where: { $0.anyNumber[k] }) {
                var values: [Double] = []
                swap(&values, &parts[0].values[k])
                for c in 1..<max(1, parts.count) {
                    values.append(contentsOf: parts[c].values[k])
                    parts[c].values[k] = []
                }
                var bits: [UInt64] = []
                if parts.contains(where: { !$0.missing[k].isEmpty }) {
                    bits = [UInt64](repeating: 0, count: (total + 63) / 64)
                    for (c, part) in parts.enumerated() {
                        for (j, word) in part.missing[k].enumerated() where word != 0 {
                            for b in 0..<64 where word & (1 << UInt64(b)) != 0 {
                                let r = firstRows[c] + j * 64 + b
                                bits[r >> 6] |= 1 << UInt64(r & 63)
                            }
                        }
                        parts[c].missing[k] = []
                    }
                }
                numbers.append(NumericCells(values: values, missing: bits))
                strings.append(nil)
                var point: Int?
                for c in parts.indices where point == nil { point = parts[c].pointRows[k].map { firstRows[c] + $0 } }
                pointRows.append(point)
            } else {
                numbers.append(nil)
                pointRows.append(nil)
                var s: [String] = []
                s.reserveCapacity(total)
                for c in parts.indices {
                    if let own = parts[c].strings[k] {
                        s.append(contentsOf: own)
                    } else {
                        let end = c + 1 < parts.count ? firstRows[c + 1] : total
                        for q in firstRows[c]..<end { s.append(text.field(k, ofRecordAt: Int(records[q]))) }
                    }
                    parts[c].strings[k] = nil
                    parts[c].values[k] = []
                }
                strings.append(s)
            }
        }
        let raw = (0..<width).map { RawCells(text: text, records: records, field: $0) }
        return CSVTable(header: header, rowLines: rowLines, numbers: numbers, strings: strings, raw: raw, pointRows: pointRows)
    }

    /// One scan of the chunks of a file: the inputs (read only) and one result slot per chunk,
    /// each written by the one thread that scans that chunk and read after all have finished.
    final class ChunkJob: @unchecked Sendable {
        let p: UnsafeBufferPointer<UInt8>, special: UnsafeBufferPointer<Bool>, text: CSVText
        let ranges: [Range<Int>]
        let firstLine: Int, width: Int, parseNumbers: Bool, firstReserve: Int, rowsPerByte: Double
        let slots: UnsafeMutableBufferPointer<Chunk?>

        init(p: UnsafeBufferPointer<UInt8>, special: UnsafeBufferPointer<Bool>, text: CSVText, ranges: [Range<Int>],
             firstLine: Int, width: Int, parseNumbers: Bool, firstReserve: Int, rowsPerByte: Double) {
            self.p = p; self.special = special; self.text = text; self.ranges = ranges
            self.firstLine = firstLine; self.width = width; self.parseNumbers = parseNumbers
            self.firstReserve = firstReserve; self.rowsPerByte = rowsPerByte
            slots = .allocate(capacity: ranges.count)
            slots.initialize(repeating: nil)
        }

        deinit {
            _ = slots.deinitialize()
            slots.deallocate()
        }

        /// Scans chunk `c` into its slot. Chunk 0 counts lines from the first data line, the
        /// others from 0 (``merge`` adds the lines before them).
        func run(_ c: Int) {
            let chunk = ColumnarCSV.scanChunk(p, special: special, text: text, range: ranges[c], firstLine: c == 0 ? firstLine : 0,
                                              width: width, parseNumbers: parseNumbers,
                                              reserveRows: c == 0 ? firstReserve : Int(Double(ranges[c].count) * rowsPerByte))
            slots[c] = chunk
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
