/// One column of a dataset, typed at load time.
///
/// A column is numeric when every non-missing cell parses as a number in the file's
/// ``NumberFormat``; otherwise it is text. Missing cells (empty, `NA`) are `nil` in both.
/// The raw cell text is kept so that validation errors can quote what the file said.
public struct Column: Sendable {
    /// The values of a column.
    public enum Values: Sendable {
        case numeric([Double?])
        case text([String?])
    }

    /// Header name, as written in the file.
    public let name: String
    /// 1-based position in the file.
    public let position: Int
    /// The typed values.
    public let values: Values
    /// The raw cell text, for error messages.
    public let raw: [String]
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

    public init(name: String, position: Int, values: Values, raw: [String],
                numberFormat: NumberFormat = .decimalPoint, ambiguousRow: Int? = nil, hasOwnNumberFormat: Bool = false) {
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
        self.init(name: name, position: 0, values: .numeric(numbers), raw: numbers.map { $0.map { "\($0)" } ?? "" })
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
        switch cell.lowercased() {
        case "na", "n/a", "null": return true
        default: return false
        }
    }
}
