import Foundation

/// Options for reading a delimited text file.
public struct CSVOptions: Sendable, Equatable {
    /// The field separator, or `nil` to detect it from the header line.
    public var delimiter: Delimiter?
    /// The number format, or `nil` to detect it (see ``NumberFormat``).
    public var numberFormat: NumberFormat?

    public init(delimiter: Delimiter? = nil, numberFormat: NumberFormat? = nil) {
        self.delimiter = delimiter
        self.numberFormat = numberFormat
    }
}

/// Reads comma-, semicolon- or tab-separated files with a header row into a ``Dataset``.
public enum CSVLoader {
    /// Loads a file. Errors name the file, and the line, row and column where they can.
    public static func load(path: String, options: CSVOptions = CSVOptions()) throws -> Dataset {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError(source: path, expected: "an existing file (no such file)")
        }
        guard !isDirectory.boolValue else { throw DataError(source: path, expected: "a file, not a directory") }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataError(source: path, expected: "a readable file (permission denied or I/O error)")
        }
        return try parse(bytes: [UInt8](data), source: path, options: options)
    }

    /// Parses CSV text held in memory (`source` names it in errors).
    public static func parse(text: String, source: String = "<input>", options: CSVOptions = CSVOptions()) throws -> Dataset {
        try parse(bytes: Array(text.utf8), source: source, options: options)
    }

    static func parse(bytes: [UInt8], source: String, options: CSVOptions) throws -> Dataset {
        let tokenizer = CSVTokenizer(bytes: bytes, source: source)
        let delimiter = options.delimiter ?? Delimiter.sniff(tokenizer.firstLine)
        let records = try tokenizer.records(delimiter: delimiter)
        guard let header = records.first else {
            throw DataError(source: source, expected: "a header row and data rows (the file is empty)")
        }
        let names = header.fields
        var seen: [String: Int] = [:]
        for (k, name) in names.enumerated() {
            guard !name.isEmpty else {
                throw DataError(source: source, line: header.line, expected: "a name for column \(k + 1) in the header", got: "")
            }
            if let first = seen[name] {
                throw DataError(source: source, line: header.line,
                                expected: "unique column names (columns \(first + 1) and \(k + 1) are both named)", got: name)
            }
            seen[name] = k
        }
        let rows = records.dropFirst()
        guard !rows.isEmpty else {
            throw DataError(source: source, line: header.line, expected: "at least one data row after the header (the file has only a header)")
        }
        for (r, record) in rows.enumerated() where record.fields.count != names.count {
            throw DataError(source: source, line: record.line, dataRow: r + 1,
                            expected: "\(names.count) fields as in the header, found \(record.fields.count)",
                            got: record.fields.joined(separator: delimiter.rawValue))
        }
        let format = options.numberFormat ?? NumberFormat.detect(cells: rows.lazy.flatMap(\.fields), delimiter: delimiter)
        var columns: [Column] = []
        columns.reserveCapacity(names.count)
        for (k, name) in names.enumerated() {
            let raw = rows.map { $0.fields[k] }
            var numeric: [Double?] = []
            numeric.reserveCapacity(raw.count)
            var isNumeric = true
            for cell in raw {
                if Column.isMissing(cell) { numeric.append(nil); continue }
                guard let x = format.parse(cell) else { isNumeric = false; break }
                numeric.append(x)
            }
            // A column with no values at all stays text (nothing says it is numeric).
            if isNumeric && numeric.contains(where: { $0 != nil }) {
                columns.append(Column(name: name, position: k + 1, values: .numeric(numeric), raw: raw))
            } else {
                columns.append(Column(name: name, position: k + 1,
                                      values: .text(raw.map { Column.isMissing($0) ? nil : $0 }), raw: raw))
            }
        }
        return Dataset(source: source, columns: columns, rowLines: rows.map(\.line), numberFormat: format)
    }
}
