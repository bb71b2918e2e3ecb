import Foundation

/// Options for reading a delimited text file.
public struct CSVOptions: Sendable, Equatable {
    /// The field separator, or `nil` to detect it from the header line.
    public var delimiter: Delimiter?
    /// The number format, or `nil` to detect it (see ``NumberFormat``).
    public var numberFormat: NumberFormat?
    /// The text encoding of the file, or `nil`: UTF-8, and Windows-1252 (with a note) when the
    /// file is not valid UTF-8.
    public var encoding: TextEncoding?

    public init(delimiter: Delimiter? = nil, numberFormat: NumberFormat? = nil, encoding: TextEncoding? = nil) {
        self.delimiter = delimiter
        self.numberFormat = numberFormat
        self.encoding = encoding
    }
}

/// Reads comma-, semicolon- or tab-separated files with a header row into a ``Dataset``.
public enum CSVLoader {
    /// The file name that means standard input (`--data -`).
    public static let standardInputPath = "-"

    /// Loads a file. Errors name the file, and the line, row and column where they can.
    /// The path `-` reads standard input to its end (named "standard input" in errors).
    public static func load(path: String, options: CSVOptions = CSVOptions()) throws -> Dataset {
        try load(path: path, options: options, decide: true)
    }

    static func load(path: String, options: CSVOptions, decide: Bool) throws -> Dataset {
        func parse(bytes: [UInt8], source: String, options: CSVOptions) throws -> Dataset {
            decide ? try CSVLoader.parse(bytes: bytes, source: source, options: options) : try read(bytes: bytes, source: source, options: options)
        }
        if path == standardInputPath {
            let data: Data
            do {
                data = try FileHandle.standardInput.readToEnd() ?? Data()
            } catch {
                throw DataError(source: "standard input", expected: "readable input (\(error.localizedDescription))")
            }
            return try parse(bytes: [UInt8](data), source: "standard input", options: options)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw DataError(source: path, expected: "an existing file (no such file)")
        }
        guard !isDirectory.boolValue else { throw DataError(source: path, expected: "a file, not a directory") }
        // Through a file handle rather than FileManager.contents, so that pipes and process
        // substitutions (/dev/fd/N) read too.
        guard let handle = FileHandle(forReadingAtPath: path), let bytes = ColumnarCSV.readAll(handle.fileDescriptor) else {
            throw DataError(source: path, expected: "a readable file (permission denied or I/O error)")
        }
        try? handle.close()
        return try parse(bytes: bytes, source: path, options: options)
    }

    /// Parses CSV text held in memory (`source` names it in errors).
    public static func parse(text: String, source: String = "<input>", options: CSVOptions = CSVOptions()) throws -> Dataset {
        try parse(bytes: Array(text.utf8), source: source, options: options)
    }

    static func parse(bytes: [UInt8], source: String, options: CSVOptions) throws -> Dataset {
        let dataset = try read(bytes: bytes, source: source, options: options)
        return RunNumberFormat(forced: options.numberFormat, datasets: [dataset]).apply(to: dataset)
    }

    /// Loads a file of a run whose number format is decided over all its files: columns none of
    /// whose cells decides stay undecided until ``RunNumberFormat/apply(to:)``.
    public static func loadUndecided(path: String, options: CSVOptions = CSVOptions()) throws -> Dataset {
        try load(path: path, options: options, decide: false)
    }

    /// Reads the records and types the columns; undecided columns keep ``Column/ambiguousRow``.
    static func read(bytes: [UInt8], source: String, options: CSVOptions) throws -> Dataset {
        var notes: [String] = []
        var tokenizer = CSVTokenizer(bytes: (options.encoding ?? .utf8).utf8Bytes(bytes), source: source)
        var delimiter = options.delimiter ?? Delimiter.sniff(tokenizer.firstLine)
        // The columnar pass (ColumnarCSV); when the file needs an error message (or is not UTF-8),
        // the record tokenizer reads it again and reports it.
        let fastNumbers = options.numberFormat == nil || options.numberFormat == .decimalPoint
        var table: CSVTable
        if let t = ColumnarCSV.read(tokenizer.bytes, delimiter: delimiter, parseNumbers: fastNumbers) {
            table = t
        } else {
            do {
                table = CSVTable(records: try tokenizer.records(delimiter: delimiter))
            } catch let bad as InvalidUTF8 {
                guard options.encoding == nil else {
                    throw invalidUTF8Error(bad, tokenizer: tokenizer, delimiter: delimiter, source: source)
                }
                // Not UTF-8 and no --encoding: what Excel on Windows writes. Every byte decodes in
                // Windows-1252, and the notes say the file was read so.
                tokenizer = CSVTokenizer(bytes: TextEncoding.windows1252.utf8Bytes(bytes), source: source)
                delimiter = options.delimiter ?? Delimiter.sniff(tokenizer.firstLine)
                table = try ColumnarCSV.read(tokenizer.bytes, delimiter: delimiter, parseNumbers: fastNumbers)
                    ?? CSVTable(records: try tokenizer.records(delimiter: delimiter))
                notes.append("\(OutputText.excerpt(source, limit: 200)): read as Windows-1252: not valid UTF-8 (first bad byte on line \(bad.line)); pass --encoding utf-8 or --encoding windows-1252 to choose")
            }
        }
        guard let header = table.header else {
            throw DataError(source: source, expected: "a header row and data rows (the file is empty)")
        }
        // A byte-order mark is not part of a name, wherever it is (a file saved twice, a quoted name).
        let names = header.fields.map { $0.contains("\u{FEFF}") ? $0.replacingOccurrences(of: "\u{FEFF}", with: "").trimmingSpaces() : $0 }
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
        guard !table.rowLines.isEmpty || table.mismatch != nil else {
            throw DataError(source: source, line: header.line, expected: "at least one data row after the header (the file has only a header)")
        }
        if let bad = table.mismatch {
            throw DataError(source: source, line: bad.line, dataRow: bad.row + 1,
                            expected: "\(names.count) fields as in the header, found \(bad.fields.count)",
                            got: bad.fields.joined(separator: delimiter.rawValue))
        }
        var columns: [Column] = []
        columns.reserveCapacity(names.count)
        var evidence = FileNumberEvidence(commaSeparated: delimiter == .comma)
        for (k, name) in names.enumerated() {
            // A column of plain numbers was parsed from the bytes (FastNumber): exactly what the
            // rules below give for such cells. Every other column goes through the rules.
            if let numbers = table.numbers[k] {
                // Such a column is decimal-point evidence at its first cell with a point or an
                // exponent (`2.25`, `1e-3`; the fast path never takes an ambiguous `1.020`).
                if evidence.point == nil, let r = table.pointRows[k] {
                    evidence.point = NumberFormatEvidence(format: .decimalPoint, source: source, column: name,
                                                          line: table.rowLines[r], cell: table.raw[k][r])
                }
                columns.append(Column(name: name, position: k + 1, values: .numeric(numbers), raw: table.raw[k],
                                      numberFormat: .decimalPoint))
                continue
            }
            let raw = table.strings[k]!
            let typed: TypedColumn
            if let forced = options.numberFormat {
                typed = type(raw, format: forced)
            } else {
                typed = detectAndType(raw, commaDelimited: delimiter == .comma)
            }
            if evidence.comma == nil, let r = typed.commaRow {
                evidence.comma = NumberFormatEvidence(format: .decimalComma, source: source, column: name, line: table.rowLines[r], cell: raw[r])
            }
            if evidence.point == nil, let r = typed.pointRow {
                evidence.point = NumberFormatEvidence(format: .decimalPoint, source: source, column: name, line: table.rowLines[r], cell: raw[r])
            }
            let conflict = typed.conflict.map { c in
                NumberFormatConflict(comma: NumberFormatEvidence(format: .decimalComma, source: source, column: name, line: table.rowLines[c.comma], cell: raw[c.comma]),
                                     point: NumberFormatEvidence(format: .decimalPoint, source: source, column: name, line: table.rowLines[c.point], cell: raw[c.point]),
                                     dataRow: max(c.comma, c.point) + 1)
            }
            columns.append(typed.column(name: name, position: k + 1, raw: raw, cells: table.raw[k], conflict: conflict))
        }
        return Dataset(source: source, columns: columns, rowLines: table.rowLines, numberFormat: options.numberFormat ?? .decimalPoint,
                       numberEvidence: evidence, notes: notes)
    }

    /// A column's values as typed by the loader.
    struct TypedColumn {
        var numbers: [Double?]?
        var format: NumberFormat
        /// The first cell that only reads with a decimal comma / a decimal point (the file's evidence).
        var commaRow: Int?
        var pointRow: Int?
        /// The first cell that reads differently in the two formats, when no cell decides.
        var ambiguousRow: Int?
        /// A text column of amounts or ratios with marks (`Rp 1.250.000`, `12,5%`) whose format its cells show.
        var ownFormat = false
        /// Every cell a number, but one (`comma`) only with a decimal comma and one (`point`) only with a decimal point.
        var conflict: (comma: Int, point: Int)?
        var isNumeric: Bool { numbers != nil }

        func column(name: String, position: Int, raw: [String], cells: RawCells, conflict: NumberFormatConflict? = nil) -> Column {
            if let numbers {
                return Column(name: name, position: position, values: .numeric(NumericCells(numbers)), raw: cells, numberFormat: format,
                              ambiguousRow: ambiguousRow)
            }
            return Column(name: name, position: position, values: .text(raw.map { Column.isMissing($0) ? nil : $0 }),
                          raw: cells, numberFormat: format, ambiguousRow: ambiguousRow, hasOwnNumberFormat: ownFormat,
                          formatConflict: conflict)
        }
    }

    /// Types a column in a given format: numeric when every non-missing cell is a number and
    /// at least one cell is not missing (a column with no values at all stays text).
    static func type(_ raw: [String], format: NumberFormat) -> TypedColumn {
        var numeric: [Double?] = []
        numeric.reserveCapacity(raw.count)
        var any = false
        for cell in raw {
            if Column.isMissing(cell) { numeric.append(nil); continue }
            guard let x = format.parse(cell) else { return TypedColumn(numbers: nil, format: format) }
            numeric.append(x)
            any = true
        }
        return TypedColumn(numbers: any ? numeric : nil, format: format)
    }

    /// Detects the format of one column from its own cells: a decimal comma when a cell can only
    /// be read that way (`12,5`, `303.218.002,35`, `11.988.130`), a decimal point when a cell can
    /// only be read that way (`2.25`, `0.125`, `1e-3`, `1,250,000.00`). When no cell decides and
    /// some cell reads differently either way (`15.131`, `1.020` beside `850`), the column is read
    /// with a decimal point for now and ``TypedColumn/ambiguousRow`` records that cell: the run
    /// decides it (``RunNumberFormat``) or refuses it. A text column whose cells are amounts or
    /// ratios with marks (`Rp 1.250.000`, `(24.418,95)`, `12,5%`) is classified the same way by the
    /// numbers inside the marks.
    static func detectAndType(_ raw: [String], commaDelimited: Bool) -> TypedColumn {
        var numeric: [Double?] = []
        numeric.reserveCapacity(raw.count)
        var any = false
        var firstComma: Int?, firstPoint: Int?, firstAmbiguous: Int?
        for (r, cell) in raw.enumerated() {
            if Column.isMissing(cell) { numeric.append(nil); continue }
            let (evidence, point) = NumberFormat.read(cell, commaDelimited: commaDelimited)
            switch evidence {
            case .none: return markedAmounts(raw, commaDelimited: commaDelimited)
            case .decimalComma: if firstComma == nil { firstComma = r }
            case .decimalPoint: if firstPoint == nil { firstPoint = r }
            case .ambiguous: if firstAmbiguous == nil { firstAmbiguous = r }
            case .neutral: break
            }
            numeric.append(point)
            any = true
        }
        if let firstComma {
            // Cells of both formats: text, refused when used as numbers (naming both cells).
            if let firstPoint { return TypedColumn(numbers: nil, format: .decimalPoint, conflict: (firstComma, firstPoint)) }
            var typed = type(raw, format: .decimalComma)
            if typed.isNumeric { typed.commaRow = firstComma }
            return typed
        }
        guard any else { return TypedColumn(numbers: nil, format: .decimalPoint) }
        return TypedColumn(numbers: numeric, format: .decimalPoint, pointRow: firstPoint, ambiguousRow: firstPoint == nil ? firstAmbiguous : nil)
    }

    /// A text column: when every non-missing cell is a number, with or without amount or ratio
    /// marks (`Rp`, parentheses, `%`, `‰`), the format its numbers show; else plain text.
    static func markedAmounts(_ raw: [String], commaDelimited: Bool) -> TypedColumn {
        var firstComma: Int?, firstPoint: Int?, firstAmbiguous: Int?
        var marked = false
        for (r, cell) in raw.enumerated() where !Column.isMissing(cell) {
            let stripped = NumberFormat.strippingAmountMarks(cell)
            if stripped != nil { marked = true }
            switch NumberFormat.read(stripped?.number ?? cell, commaDelimited: commaDelimited).evidence {
            case .none: return TypedColumn(numbers: nil, format: .decimalPoint)
            case .decimalComma: if firstComma == nil { firstComma = r }
            case .decimalPoint: if firstPoint == nil { firstPoint = r }
            case .ambiguous: if firstAmbiguous == nil { firstAmbiguous = r }
            case .neutral: break
            }
        }
        guard marked else { return TypedColumn(numbers: nil, format: .decimalPoint) }
        switch (firstComma, firstPoint) {
        case (.some(let c), nil): return TypedColumn(numbers: nil, format: .decimalComma, commaRow: c, ownFormat: true)
        case (nil, .some(let p)): return TypedColumn(numbers: nil, format: .decimalPoint, pointRow: p, ownFormat: true)
        case (nil, nil) where firstAmbiguous != nil:
            return TypedColumn(numbers: nil, format: .decimalPoint, ambiguousRow: firstAmbiguous, ownFormat: true)
        case (.some(let c), .some(let p)): return TypedColumn(numbers: nil, format: .decimalPoint, conflict: (c, p))
        default: return TypedColumn(numbers: nil, format: .decimalPoint)
        }
    }

    /// Invalid UTF-8, located by line, data row and column (the header is tokenised again up to
    /// the bad record to name the column).
    static func invalidUTF8Error(_ bad: InvalidUTF8, tokenizer: CSVTokenizer, delimiter: Delimiter, source: String) -> DataError {
        let advice = "UTF-8 text (if the file was saved by Excel or another Windows program, pass --encoding windows-1252)"
        if bad.record == 0 {
            return DataError(source: source, line: bad.line, column: nil, expected: advice + " in header field \(bad.field + 1)", got: bad.excerpt)
        }
        var column: String?
        let headerEnd = tokenizer.bytes.firstIndex { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") } ?? tokenizer.bytes.endIndex
        let headerOnly = CSVTokenizer(bytes: Array(tokenizer.bytes[..<headerEnd]), source: source)
        if let names = try? headerOnly.records(delimiter: delimiter).first?.fields, bad.field < names.count {
            column = names[bad.field].replacingOccurrences(of: "\u{FEFF}", with: "")
        }
        return DataError(source: source, line: bad.line, dataRow: bad.record, column: column ?? "field \(bad.field + 1)",
                         expected: advice, got: bad.excerpt)
    }
}
