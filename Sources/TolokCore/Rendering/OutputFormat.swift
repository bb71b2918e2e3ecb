/// The output formats of `tolok run`.
public enum OutputFormat: String, Sendable, CaseIterable {
    /// Aligned columns for people (ratios as percentages, money with separators).
    case table
    /// One result table as CSV with a header; `id` first.
    case csv
    /// The whole result as one JSON document (docs/OUTPUT.md).
    case json
    /// One self-contained HTML page (inline CSS and SVG charts; docs/OUTPUT.md, report pages).
    case html
    /// The HTML page printed to PDF by headless Chromium.
    case pdf
    /// An Excel workbook: one sheet per result table and a summary sheet (written by the host
    /// through TolokWorkbook; docs/OUTPUT.md).
    case xlsx

    /// The format a file name implies: `.html`/`.htm` → html, `.pdf` → pdf, `.csv` → csv,
    /// `.json` → json, `.txt` → table, `.xlsx` → xlsx; other names imply nothing (the default, table).
    public static func inferred(fromFileName name: String) -> OutputFormat? {
        let lower = name.lowercased()
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .html }
        if lower.hasSuffix(".pdf") { return .pdf }
        if lower.hasSuffix(".csv") { return .csv }
        if lower.hasSuffix(".json") { return .json }
        if lower.hasSuffix(".txt") { return .table }
        if lower.hasSuffix(".xlsx") { return .xlsx }
        return nil
    }

    /// Renders a result as text. `table` selects the table for `csv`/`table` (default: the
    /// first); `language` is for html (and pdf, whose text is the html page); `options`
    /// (`--columns`, `--sort`, `--digits`, `--locale`) shape the table/csv output. xlsx is bytes,
    /// not text: the host writes it with TolokWorkbook.
    public func render(_ result: AnalysisResult, table: String? = nil, language: ReportLanguage = .en,
                       options: RenderOptions = RenderOptions()) throws -> String {
        switch self {
        case .table:
            let (shaped, name) = try result.shaped(table: table, options)
            return try TextTableRenderer.render(shaped, table: name, digits: options.digits)
        case .csv:
            let (shaped, name) = try result.shaped(table: table, options)
            return try CSVRenderer.render(shaped, table: name, digits: options.digits, locale: options.locale)
        case .json: return JSONRenderer.render(result)
        case .html, .pdf: return HTMLRenderer.render(result, language: language)
        case .xlsx: throw InternalError("xlsx output is a binary workbook, written by TolokWorkbook, not rendered as text")
        }
    }
}

extension AnalysisResult {
    /// The table to show for `--table NAME`, or the default (first) one.
    /// `summary` (unless the plugin has a table of that name) is the summary as a two-column
    /// table, `name,value`.
    func selectTable(_ name: String?) throws -> ResultTable {
        if name == Self.summaryTableName && table(Self.summaryTableName) == nil { return summaryTable }
        if let name {
            guard let t = table(name) else {
                throw UsageError("no table \"\(name)\" in the \(plugin) result; tables: \(tables.map(\.name).joined(separator: ", "))")
            }
            return t
        }
        guard let first = tables.first else { throw InternalError("the \(plugin) result has no table") }
        return first
    }
}

extension AnalysisResult {
    /// The name `--table` takes for the summary.
    public static let summaryTableName = "summary"

    /// The summary as a table of `name` and `value` rows, in the summary's order.
    public var summaryTable: ResultTable {
        ResultTable(name: Self.summaryTableName, columns: [ResultColumn("name", .text), ResultColumn("value")],
                    rows: summary.map { [.text($0.name), $0.value] })
    }
}
