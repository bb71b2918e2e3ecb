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

/// One record of a delimited file with the physical line it starts on.
struct CSVRecord: Sendable {
    var fields: [String]
    /// 1-based physical line where the record starts.
    var line: Int
}

/// An RFC 4180 tokenizer over UTF-8 bytes that keeps physical line numbers.
///
/// Handles a UTF-8 byte-order mark, quoted fields with doubled quotes, separators and line
/// breaks inside quotes, LF and CRLF line ends. Blank lines are skipped. We tokenise bytes
/// ourselves (rather than using a CSV package) because every data error must name the
/// physical line, including after multi-line quoted fields.
struct CSVTokenizer {
    let bytes: [UInt8]
    let source: String

    init(bytes: [UInt8], source: String) {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            self.bytes = Array(bytes.dropFirst(3))
        } else {
            self.bytes = bytes
        }
        self.source = source
    }

    /// The first line (for delimiter sniffing), without its line break.
    var firstLine: ArraySlice<UInt8> {
        let end = bytes.firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
        return bytes[bytes.startIndex..<end]
    }

    /// Splits the whole input into records. Throws on an unterminated quote or invalid UTF-8.
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

        func decode(_ raw: [UInt8], line: Int) throws -> String {
            guard let s = String(validating: raw, as: UTF8.self) else {
                throw DataError(source: source, line: line, expected: "UTF-8 text", got: "invalid byte sequence")
            }
            return s
        }
        func endField() throws {
            var s = try decode(field, line: recordLine)
            if !quotedField { s = s.trimmingSpaces() }
            fields.append(s)
            field.removeAll(keepingCapacity: true)
            quotedField = false
        }
        func endRecord() throws {
            try endField()
            if recordHasContent || fields.count > 1 || !(fields.first ?? "").isEmpty {
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
                    if b == lf { line += 1 }
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
            case lf:
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
}

extension String {
    /// The string without leading and trailing spaces and tabs.
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let f = scalars.first, f == " " || f == "\t" || f == "\r" { scalars.removeFirst() }
        while let l = scalars.last, l == " " || l == "\t" || l == "\r" { scalars.removeLast() }
        return String(scalars)
    }
}
