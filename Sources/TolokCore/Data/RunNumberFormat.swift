/// One cell that shows how numbers are written: `column "premi" has "1.522.500,00" on line 2`.
public struct NumberFormatEvidence: Sendable, Equatable {
    public let format: NumberFormat
    /// The file (as the user named it).
    public let source: String
    public let column: String
    /// Physical line of the cell.
    public let line: Int
    public let cell: String

    public init(format: NumberFormat, source: String, column: String, line: Int, cell: String) {
        self.format = format
        self.source = source
        self.column = column
        self.line = line
        self.cell = cell
    }

    /// Words for a message; the file is named when it is not `relativeTo`.
    func text(relativeTo file: String?) -> String {
        let of = file == source ? "" : " of \(OutputText.excerpt(source, limit: 200))"
        return "column \"\(OutputText.excerpt(column, limit: 40))\"\(of) has \"\(OutputText.excerpt(cell, limit: 20))\" on line \(line)"
    }
}

/// A column of numbers whose cells decide both ways: `comma` only reads with a decimal comma
/// (`11.988.130`), `point` only with a decimal point (`2.25`). `later` is the one of the two
/// further down the file, with its data row (1-based): the refusal's location.
public struct NumberFormatConflict: Sendable, Equatable {
    public let comma: NumberFormatEvidence
    public let point: NumberFormatEvidence
    public let dataRow: Int

    public var later: NumberFormatEvidence { comma.line > point.line ? comma : point }

    /// The refusal when the column is used as numbers.
    func error(column: String) -> DataError {
        DataError(source: later.source, line: later.line, dataRow: dataRow, column: column,
                  expected: "numbers in one format: \"\(OutputText.excerpt(comma.cell, limit: 20))\" on line \(comma.line) only reads "
                      + "with a decimal comma and \"\(OutputText.excerpt(point.cell, limit: 20))\" on line \(point.line) only with a decimal point; "
                      + "pass --decimal-comma or --decimal-point",
                  got: later.cell)
    }
}

/// The first cell of a file that can only be read with a decimal comma, and the first that can
/// only be read with a decimal point (either may be absent).
public struct FileNumberEvidence: Sendable, Equatable {
    public var comma: NumberFormatEvidence?
    public var point: NumberFormatEvidence?
    /// The file is comma-separated (a decimal comma would have to be quoted there): its own
    /// undecided columns read with a decimal point when no cell of the run decides.
    public var commaSeparated: Bool
    public init(comma: NumberFormatEvidence? = nil, point: NumberFormatEvidence? = nil, commaSeparated: Bool = false) {
        self.comma = comma
        self.point = point
        self.commaSeparated = commaSeparated
    }
}

/// The number format of a run, decided once from the evidence of every file the run reads
/// (`--data` and every `file` option: a ledger and its bank statements, `dea --reference`).
///
/// A column is read in its own format when one of its cells decides (`12,5`, `303.218.002,35`,
/// `11.988.130`: decimal comma; `2.25`, `0.125`, `1e-3`, `1,250,000.00`: decimal point). A column
/// none of whose cells decides but some of whose cells read differently in the two formats
/// (`1.020`, `250.000` beside `850`) takes the run's format: decimal comma when some file of the
/// run shows decimal commas and none shows decimal points, and the converse. When nothing in the
/// run decides, or the run shows both, such a column stays undecided and using it as numbers is
/// refused (``Dataset/numberFormat(of:)``), naming both readings and `--decimal-point` /
/// `--decimal-comma`. `--decimal-comma`/`--decimal-point` (`forced`) decide every column.
public struct RunNumberFormat: Sendable, Equatable {
    public let forced: NumberFormat?
    /// The first decimal-comma and decimal-point cells of the run, in file order.
    public let evidence: FileNumberEvidence

    public init(forced: NumberFormat? = nil, datasets: [Dataset]) {
        self.forced = forced
        var e = FileNumberEvidence()
        for d in datasets {
            if e.comma == nil { e.comma = d.numberEvidence.comma }
            if e.point == nil { e.point = d.numberEvidence.point }
        }
        evidence = e
    }

    /// The format of the run's undecided columns, or `nil` when nothing decides or the files disagree.
    public var decided: NumberFormat? {
        if let forced { return forced }
        switch (evidence.comma, evidence.point) {
        case (.some, nil): return .decimalComma
        case (nil, .some): return .decimalPoint
        default: return nil
        }
    }

    /// Why an undecided column cannot be read, for the refusal (`nil` when the run decides).
    func undecidedReason(for source: String) -> String? {
        guard decided == nil else { return nil }
        if let c = evidence.comma, let p = evidence.point {
            return "the run shows both decimal commas (\(c.text(relativeTo: source))) and decimal points (\(p.text(relativeTo: source)))"
        }
        return "no other cell of the run decides"
    }

    /// The dataset with its undecided columns read in the run's format, and a note per file
    /// saying which columns were read so and which cell decided. When the run does not decide,
    /// the columns stay undecided (refused when used as numbers).
    public func apply(to dataset: Dataset) -> Dataset {
        let own = dataset.numberEvidence
        let fileFormat: NumberFormat = forced ?? (own.comma != nil ? .decimalComma : own.point != nil ? .decimalPoint : decided ?? .decimalPoint)
        // A comma-separated file decides its own undecided columns when nothing else does (not
        // another file's: a comma-separated file of integers says nothing about them).
        let bySeparator = decided == nil && evidence.comma == nil && evidence.point == nil && own.commaSeparated
        guard let format = decided ?? (bySeparator ? .decimalPoint : nil) else {
            return dataset.replacing(columns: dataset.columns, numberFormat: fileFormat, notes: dataset.notes,
                                     undecidedReason: undecidedReason(for: dataset.source))
        }
        var columns = dataset.columns
        var decidedNames: [String] = []
        var example: (cell: String, value: Double?)?
        for (k, c) in columns.enumerated() {
            guard let r = c.ambiguousRow else { continue }
            let values: Column.Values
            if c.isNumeric {
                // Every cell of an undecided column reads in both formats; should one not, the
                // column stays undecided (refused when used) rather than half re-read.
                guard let numbers = CSVLoader.type(Array(c.raw), format: format).numbers else { continue }
                values = .numeric(NumericCells(numbers))
            } else {
                values = c.values
            }
            columns[k] = Column(name: c.name, position: c.position, values: values, raw: c.raw, numberFormat: format,
                                hasOwnNumberFormat: c.hasOwnNumberFormat)
            decidedNames.append(c.name)
            if example == nil {
                let cell = c.raw[r]
                let inner = NumberFormat.strippingAmountMarks(cell)?.number ?? cell
                example = (cell, format.parse(inner))
            }
        }
        var notes = dataset.notes
        // No note when the file's own decimal points decide (an ordinary decimal-point file).
        let ownPoints = format == .decimalPoint && own.point != nil
        if let example, forced == nil, !ownPoints {
            let decider = bySeparator ? "the file is comma-separated (where a decimal comma would be quoted)"
                : (format == .decimalComma ? (own.comma ?? evidence.comma) : (own.point ?? evidence.point))!.text(relativeTo: nil) + " shows"
            let names = decidedNames.prefix(5).map { "\"\(OutputText.excerpt($0, limit: 40))\"" }.joined(separator: ", ")
                + (decidedNames.count > 5 ? ", … (\(decidedNames.count) columns)" : "")
            let what = format == .decimalComma ? "a decimal comma" : "a decimal point"
            notes.append("\(OutputText.excerpt(dataset.source, limit: 200)): \(decidedNames.count == 1 ? "column" : "columns") \(names) read with \(what) "
                         + "(\"\(OutputText.excerpt(example.cell, limit: 20))\" is \(NumberFormatEvidence.plain(example.value))), as \(decider); "
                         + "pass --decimal-point or --decimal-comma to choose")
        }
        return dataset.replacing(columns: columns, numberFormat: fileFormat, notes: notes, undecidedReason: nil)
    }

    /// Decides a run: every dataset read in the run's format (see ``apply(to:)``).
    public static func decide(_ datasets: [Dataset], forced: NumberFormat? = nil) -> [Dataset] {
        let run = RunNumberFormat(forced: forced, datasets: datasets)
        return datasets.map(run.apply(to:))
    }
}

extension NumberFormatEvidence {
    /// `1020`, `1.02`: a number for a message (integers without a fraction).
    static func plain(_ x: Double?) -> String {
        guard let x else { return "?" }
        return x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
