/// The field separator of a delimited text file.
public enum Delimiter: String, Sendable, CaseIterable {
    case comma = ","
    case semicolon = ";"
    case tab = "\t"

    var byte: UInt8 { UInt8(ascii: rawValue.unicodeScalars.first!) }

    /// Guesses the delimiter from the header line: the candidate that occurs most often
    /// outside quotes (ties resolve comma, then semicolon, then tab).
    static func sniff(_ headerLine: ArraySlice<UInt8>) -> Delimiter {
        var counts: [Delimiter: Int] = [:]
        var inQuotes = false
        for b in headerLine {
            if b == UInt8(ascii: "\"") { inQuotes.toggle(); continue }
            guard !inQuotes else { continue }
            for d in Delimiter.allCases where d.byte == b { counts[d, default: 0] += 1 }
        }
        return Delimiter.allCases.max { counts[$0, default: 0] < counts[$1, default: 0] }
            .flatMap { counts[$0, default: 0] > 0 ? $0 : nil } ?? .comma
    }
}

/// The text encoding of a data file.
public enum TextEncoding: String, Sendable, CaseIterable, Equatable {
    case utf8 = "utf-8"
    /// Windows Western European (what Excel on Windows writes for "CSV"): every byte is one
    /// character; 0x80–0x9F are the Windows-1252 punctuation (€, ‚, „, …), the rest Latin-1.
    case windows1252 = "windows-1252"

    /// The bytes as UTF-8 (a no-op for UTF-8).
    func utf8Bytes(_ bytes: [UInt8]) -> [UInt8] {
        switch self {
        case .utf8: return bytes
        case .windows1252:
            guard bytes.contains(where: { $0 >= 0x80 }) else { return bytes }
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + bytes.count / 8)
            for b in bytes {
                if b < 0x80 { out.append(b); continue }
                let scalar: UInt32 = b >= 0xA0 || b < 0x80 ? UInt32(b) : TextEncoding.cp1252High[Int(b - 0x80)]
                out.append(contentsOf: Array(String(Character(Unicode.Scalar(scalar)!)).utf8))
            }
            return out
        }
    }

    /// Windows-1252 0x80–0x9F (the five undefined bytes map to the C1 controls, as browsers do).
    static let cp1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}

/// One record of a delimited file with the physical line it starts on.
struct CSVRecord: Sendable {
    var fields: [String]
    /// 1-based physical line where the record starts.
    var line: Int
}

/// A field that is not valid UTF-8 (the loader names its column and row).
struct InvalidUTF8: Error {
    /// Physical line of the record.
    var line: Int
    /// 0-based record index (0 is the header).
    var record: Int
    /// 0-based field index.
    var field: Int
    /// The field with each invalid byte written as `\xHH`.
    var excerpt: String
}

/// An RFC 4180 tokenizer over UTF-8 bytes that keeps physical line numbers.
///
/// Handles byte-order marks, quoted fields with doubled quotes, separators and line breaks
/// inside quotes, LF, CRLF and CR-only (old Mac/Excel) line ends. Blank lines and records whose
/// fields are all empty (`;;;;`, as Excel writes below a table) are skipped. We tokenise bytes
/// ourselves (rather than using a CSV package) because every data error must name the
/// physical line, including after multi-line quoted fields.
struct CSVTokenizer {
    let bytes: [UInt8]
    let source: String

    init(bytes: [UInt8], source: String) {
        var start = 0
        while bytes.count - start >= 3, bytes[start] == 0xEF, bytes[start + 1] == 0xBB, bytes[start + 2] == 0xBF { start += 3 }
        self.bytes = start == 0 ? bytes : Array(bytes[start...])
        self.source = source
    }

    /// The first line (for delimiter sniffing), without its line break.
    var firstLine: ArraySlice<UInt8> {
        let end = bytes.firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } ?? bytes.endIndex
        return bytes[bytes.startIndex..<end]
    }

    /// Splits the whole input into records. Throws ``InvalidUTF8`` or a ``DataError`` on an
    /// unterminated quote.
    func records(delimiter: Delimiter) throws -> [CSVRecord] {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let sep = delimiter.byte
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quotedField = false
        var recordHasContent = false
        var i = bytes.startIndex

        func decode(_ raw: [UInt8]) throws -> String {
            if let s = String(validating: raw, as: UTF8.self) { return s }
            throw InvalidUTF8(line: recordLine, record: records.count, field: fields.count, excerpt: CSVTokenizer.escapeInvalid(raw))
        }
        func endField() throws {
            var s = try decode(field)
            if !quotedField { s = s.trimmingSpaces() }
            fields.append(s)
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        func endRecord() throws {
            try endField()
            // Skip records with no text at all: blank lines and Excel's `;;;;` rows.
            if fields.contains(where: { !$0.isEmpty }) {
                records.append(CSVRecord(fields: fields, line: recordLine))
            }
            fields.removeAll(keepingCapacity: true)
            recordHasContent = false
        }

        while i < bytes.endIndex {
            let b = bytes[i]
            if inQuotes {
                if b == quote {
                    if i + 1 < bytes.endIndex, bytes[i + 1] == quote {
                        field.append(quote); i += 2; continue
                    }
                    inQuotes = false
                } else {
                    if b == lf || (b == cr && !(i + 1 < bytes.endIndex && bytes[i + 1] == lf)) { line += 1 }
                    field.append(b)
                }
                i += 1
                continue
            }
            switch b {
            case quote:
                // A quote opens a quoted field only at its start (after optional spaces).
                if field.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                    field.removeAll(keepingCapacity: true)
                    inQuotes = true
                    quotedField = true
                    recordHasContent = true
                } else {
                    field.append(b)
                }
            case sep:
                recordHasContent = true
                try endField()
            case cr where i + 1 < bytes.endIndex && bytes[i + 1] == lf:
                break  // the LF that follows ends the record
            case lf, cr:
                try endRecord()
                line += 1
                recordLine = line
            default:
                field.append(b)
            }
            i += 1
        }
        if inQuotes {
            throw DataError(source: source, line: recordLine, expected: "a closing quote (\") before the end of the file")
        }
        if !field.isEmpty || !fields.isEmpty || recordHasContent { try endRecord() }
        return records
    }

    /// The field as text with every byte that is not part of valid UTF-8 written `\xHH`.
    static func escapeInvalid(_ raw: [UInt8]) -> String {
        var out = ""
        var i = 0
        while i < raw.count {
            // The longest valid sequence starting here (1 to 4 bytes), else one invalid byte.
            var matched = false
            for n in stride(from: min(4, raw.count - i), through: 1, by: -1) {
                if let s = String(validating: raw[i..<i + n], as: UTF8.self), s.unicodeScalars.count == 1 {
                    out += s; i += n; matched = true; break
                }
            }
            if !matched { out += "\\x" + String(raw[i], radix: 16, uppercase: true).leftPadded(2); i += 1 }
            if out.count > 80 { break }
        }
        return out
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let f = scalars.first, f == " " || f == "\t" || f == "\r" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" || l == "\r" { scalars.removeLast() }
        return String(scalars)
    }

    fileprivate func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
