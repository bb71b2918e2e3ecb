/// One column of a dataset, typed at load time.
///
/// A column is numeric when every non-missing cell parses as a number in the file's
/// ``NumberFormat``; otherwise it is text. Missing cells (empty, `NA`) are `nil` in both.
/// The raw cell text is kept so that validation errors can quote what the file said.
public struct Column: Sendable {
    /// The values of a column.
    public enum Values: Sendable {
        /// Numbers (compact: a `[Double]` and a missing-cell bitmap; indexes as `Double?`).
        case numeric(NumericCells)
        case text([String?])
    }

    /// Header name, as written in the file.
    public let name: String
    /// 1-based position in the file.
    public let position: Int
    /// The typed values.
    public let values: Values
    /// The raw cell text, for error messages: a collection of `String` computed on access from
    /// the file's bytes (``RawCells``), so the loader keeps byte offsets rather than a String per cell.
    public let raw: RawCells
    /// The number format this column's cells were read with (detected per column, see
    /// ``CSVLoader``).
    public let numberFormat: NumberFormat
    /// When the column's numbers read differently with a decimal point and a decimal comma and
    /// nothing decides between them in a file that has decimal commas: the first such row
    /// (0-based). Using the column as numbers is then refused (``Dataset/numbers(_:_:)``).
    public let ambiguousRow: Int?
    /// For a text column: whether ``numberFormat`` was read from its own cells (amounts with
    /// marks, `Rp 1.250.000`, `12,5%`), rather than being the file's.
    public let hasOwnNumberFormat: Bool
    /// When every cell is a number but one only reads with a decimal comma (`11.988.130`) and
    /// another only with a decimal point (`2.25`): the column is text, and using it as numbers
    /// is refused naming both cells (``Dataset/numberFormat(of:)``).
    public let formatConflict: NumberFormatConflict?

    public init(name: String, position: Int, values: Values, raw: [String],
                numberFormat: NumberFormat = .decimalPoint, ambiguousRow: Int? = nil, hasOwnNumberFormat: Bool = false) {
        self.init(name: name, position: position, values: values, raw: RawCells(raw), numberFormat: numberFormat,
                  ambiguousRow: ambiguousRow, hasOwnNumberFormat: hasOwnNumberFormat)
    }

    /// A column from `[Double?]` numbers and their raw text (what a reader of typed cells, such as
    /// a spreadsheet reader, builds).
    public init(name: String, position: Int, numbers: [Double?], raw: [String],
                numberFormat: NumberFormat = .decimalPoint, ambiguousRow: Int? = nil) {
        self.init(name: name, position: position, values: .numeric(NumericCells(numbers)), raw: RawCells(raw),
                  numberFormat: numberFormat, ambiguousRow: ambiguousRow)
    }

    public init(name: String, position: Int, values: Values, raw: RawCells,
                numberFormat: NumberFormat = .decimalPoint, ambiguousRow: Int? = nil, hasOwnNumberFormat: Bool = false,
                formatConflict: NumberFormatConflict? = nil) {
        self.formatConflict = formatConflict
        self.name = name
        self.position = position
        self.values = values
        self.raw = raw
        self.numberFormat = numberFormat
        self.ambiguousRow = ambiguousRow
        self.hasOwnNumberFormat = hasOwnNumberFormat
    }

    /// A numeric column built in code (raw text is the numbers' own text).
    public init(name: String, numbers: [Double?]) {
        self.init(name: name, position: 0, values: .numeric(NumericCells(numbers)), raw: numbers.map { $0.map { "\($0)" } ?? "" })
    }

    /// A text column built in code.
    public init(name: String, texts: [String]) {
        self.init(name: name, position: 0, values: .text(texts.map { $0.isEmpty ? nil : $0 }), raw: texts)
    }

    public var isNumeric: Bool {
        if case .numeric = values { return true }
        return false
    }

    /// Cells that count as missing: empty, `NA`, `N/A`, `null` (any case).
    static func isMissing(_ cell: String) -> Bool {
        if cell.isEmpty { return true }
        // Only ASCII letters lower-case to `na`, `n/a`, `null`: a cell of more than 4 bytes is none.
        guard cell.utf8.count <= 4 else { return false }
        switch cell.lowercased() {
        case "na", "n/a", "null": return true
        default: return false
        }
    }
}

/// The numbers of a column: a `[Double]` with a bitmap of missing cells, read as `Double?`
/// (8 bytes and one bit per cell, where `[Double?]` takes 16 bytes).
public struct NumericCells: RandomAccessCollection, Sendable, ExpressibleByArrayLiteral {
    /// The values; 0 where a cell is missing.
    public private(set) var values: [Double]
    /// Bit `r % 64` of word `r / 64` is set when cell `r` is missing; empty when none is.
    private var missing: [UInt64]

    public init(_ cells: [Double?]) {
        values = cells.map { $0 ?? 0 }
        missing = []
        for (r, c) in cells.enumerated() where c == nil { setMissing(r) }
    }

    public init(arrayLiteral elements: Double?...) { self.init(elements) }

    /// Values in which NaN marks a missing cell (the plugin ABI's form).
    public init(nanAsMissing raw: UnsafeBufferPointer<Double>) {
        values = Array(raw)
        missing = []
        for r in 0..<raw.count where raw[r].isNaN {
            values[r] = 0
            setMissing(r)
        }
    }

    /// Values with the rows in `missingRows` missing.
    init(values: [Double], missing: [UInt64]) {
        self.values = values
        self.missing = missing
    }

    private mutating func setMissing(_ r: Int) {
        if missing.isEmpty { missing = [UInt64](repeating: 0, count: (values.count + 63) / 64) }
        missing[r >> 6] |= 1 << UInt64(r & 63)
    }

    /// True when some cell is missing.
    public var hasMissing: Bool { missing.contains { $0 != 0 } }

    @inline(__always) public func isMissing(_ r: Int) -> Bool {
        !missing.isEmpty && missing[r >> 6] & (1 << UInt64(r & 63)) != 0
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { values.count }
    public subscript(r: Int) -> Double? { isMissing(r) ? nil : values[r] }

    /// The cells at `rows`, in that order.
    public func gathering(_ rows: [Int]) -> NumericCells {
        var out = NumericCells(values: rows.map { values[$0] }, missing: [])
        if !missing.isEmpty { for (k, r) in rows.enumerated() where isMissing(r) { out.setMissing(k) } }
        return out
    }
}
