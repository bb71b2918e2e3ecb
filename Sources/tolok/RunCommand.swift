import ArgumentParser
import Foundation
import TolokCore
import TolokWorkbook

extension OutputFormat: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
extension OutputLocale: ExpressibleByArgument {}
extension SortKey: ExpressibleByArgument {}
extension Delimiter: ExpressibleByArgument {
    public init?(argument: String) {
        switch argument {
        case "comma", ",": self = .comma
        case "semicolon", ";": self = .semicolon
        case "tab", "\\t", "\t": self = .tab
        default: return nil
        }
    }
    public static var allValueStrings: [String] { ["comma", "semicolon", "tab"] }
}

/// `tolok run <plugin> --data FILE …`: run one analysis and render its result.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an analysis plugin on a data file.",
        discussion: "Options not listed here belong to the plugin: see `tolok describe <plugin>`.")

    @Argument(help: "The plugin id (see `tolok plugins`).", completion: .custom(Completion.pluginIDs)) var plugin: String
    @Option(help: ArgumentHelp("The data file (CSV: comma, semicolon or tab separated, with a header; or an .xlsx workbook); - reads standard input.", valueName: "file")) var data: String
    @Option(help: ArgumentHelp("The worksheet of an .xlsx --data file (default: the first worksheet).", valueName: "name")) var sheet: String?
    @Option(help: ArgumentHelp("The column that identifies units (ids must be unique).", valueName: "column")) var id: String?
    @Option(help: "Output format (default: from the --output file name, .csv .json .html .pdf .xlsx .txt; else table).") var format: OutputFormat?
    @Option(help: "Language of html/pdf report pages: en or id (Indonesian).") var lang: ReportLanguage = .en
    @Option(help: ArgumentHelp("Write the output to this file (atomically) instead of standard output; - is standard output.", valueName: "file")) var output: String?
    @Option(help: ArgumentHelp("The result table to print for table/csv output (default: the plugin's first table); summary prints the summary as name,value rows.", valueName: "name")) var table: String?
    @Option(help: ArgumentHelp("Print only these columns of the table, in this order (table and csv output).", valueName: "a,b,…")) var columns: String?
    @Option(help: ArgumentHelp("Sort the printed table by a column, ascending or with :desc (stable; numbers numerically, missing last; table and csv output).", valueName: "column[:desc]")) var sort: SortKey?
    @Option(help: ArgumentHelp("Decimals after the point for real numbers, not integers or money (table and csv output; percentages in the table: of the percentage).", valueName: "n")) var digits: Int?
    @Option(help: "CSV conventions: standard, or id (Indonesian Excel: ; separator, decimal comma, byte-order mark, dd/mm/yyyy dates).") var locale: OutputLocale = .standard
    @Flag(name: .customLong("decimal-comma"), help: "Numbers use a decimal comma and thousands dots (303.218.002,35).") var decimalComma = false
    @Flag(name: .customLong("decimal-point"), help: "Numbers use a decimal point (15.131 is fifteen point one three one), in every column.") var decimalPoint = false
    @Option(help: "Field separator (default: detected from the header).") var delimiter: Delimiter?
    @Option(help: "Text encoding of the data files (default: UTF-8, and Windows-1252, with a note, for a file that is not valid UTF-8).") var encoding: TextEncoding?
    @Flag(name: .customLong("keep-total-rows"), help: "Read total and subtotal rows (TOTAL, JUMLAH, Subtotal, or a row of the other rows' sums) as units; refused by default.") var keepTotalRows = false
    @Flag(help: "Show progress of long computations on stderr (default: when stderr is a terminal).") var progress = false
    @Option(help: "A row with an empty or NA cell in a model column: skip (status missing_data, left out, listed in the notes) or error (refuse, exit 2).") var missing: MissingDataPolicy = .skip
    @Flag(help: "Exit with status 3 (after writing the output) when any unit or fit is not ok: infeasible, not converged, missing data, … .") var strict = false
    @OptionGroup var search: PluginSearchOptions
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The plugin's own options (see `tolok describe <plugin>`).", valueName: "plugin-options"),
              completion: .custom(Completion.pluginOptions)) var pluginArguments: [String] = []

    func run() throws {
        let registry = search.registry(for: plugin)
        guard let selected = registry.plugin(id: plugin) else {
            throw UsageError("unknown plugin \"\(plugin)\" (available: \(registry.all.map(\.descriptor.id).joined(separator: ", "))); see `tolok plugins`"
                             + problemsSuffix(registry))
        }
        // An unknown --table is a usage error before any work is done.
        if let table, !selected.descriptor.tables.contains(table), table != AnalysisResult.summaryTableName {
            throw UsageError("no table \"\(table)\" in the \(plugin) result; tables: \((selected.descriptor.tables + [AnalysisResult.summaryTableName]).joined(separator: ", "))")
        }
        if decimalComma && decimalPoint {
            throw UsageError("--decimal-comma and --decimal-point contradict each other; pass one")
        }
        // The output file (not a folder, in a folder that exists), the output format, and what
        // pdf needs are checked before any work.
        if let output, output != "-" { try AtomicFile.checkDestination(output) }
        let format = format ?? output.flatMap(OutputFormat.inferred(fromFileName:)) ?? .table
        if format == .pdf {
            guard let output, output != "-" else { throw UsageError("--format pdf writes a file: give --output FILE.pdf") }
            guard PDFPrinter.findChromium() != nil else { throw PDFPrinter.missingChromium }
        }
        let rendering = try renderOptions(for: format)
        if let sheet, DataLoader.kind(of: data) != .workbook {
            throw UsageError("--sheet \(sheet) is for an .xlsx workbook; --data \(data) is not one (CSV files have no sheets)")
        }
        if format == .xlsx, output == nil || output == "-", isatty(STDOUT_FILENO) != 0 {
            throw UsageError("--format xlsx writes a binary workbook: give --output FILE.xlsx, or redirect standard output to a file")
        }
        var invocation = RunInvocation(
            pluginID: plugin, dataPath: data, idColumn: id,
            csvOptions: CSVOptions(delimiter: delimiter, numberFormat: decimalComma ? .decimalComma : decimalPoint ? .decimalPoint : nil,
                                   encoding: encoding),
            pluginArguments: pluginArguments)
        invocation.keepTotalRows = keepTotalRows
        if progress || isatty(STDERR_FILENO) != 0 { invocation.progress = .standardError() }
        let (dataPath, sheet) = (data, sheet)
        invocation.load = { path, options in try DataLoader.load(path: path, options: options, sheet: path == dataPath ? sheet : nil, undecided: true) }
        invocation.missing = missing
        let result = try AnalysisRunner.run(invocation, registry: registry)
        if format == .pdf, let output {
            try PDFPrinter.write(html: try format.render(result, language: lang), to: output)
            if strict, let problem = StrictCheck.problem(in: result) { throw StrictStatusError(problem) }
            return
        }
        if format == .xlsx {
            let bytes = try ResultWorkbook.data(result)
            if let output, output != "-" { try AtomicFile.write(bytes, to: output) } else { try AtomicFile.writeStandardOutput(bytes) }
            if strict, let problem = StrictCheck.problem(in: result) { throw StrictStatusError(problem) }
            return
        }
        try ResultOutput.write(result, format: format, table: table, language: lang, options: rendering, to: output)
        if strict, let problem = StrictCheck.problem(in: result) { throw StrictStatusError(problem) }
    }
}


extension RunCommand {
    /// `--columns`, `--sort`, `--digits`, `--locale`, checked against the output format before any
    /// work: they shape table and csv output only (`--locale` csv only).
    func renderOptions(for format: OutputFormat) throws -> RenderOptions {
        let shaping = [columns.map { _ in "--columns" }, sort.map { _ in "--sort" }, digits.map { _ in "--digits" }].compactMap { $0 }
        if !shaping.isEmpty, format != .table, format != .csv {
            throw UsageError("\(shaping.joined(separator: ", ")) shape table and csv output, not --format \(format.rawValue)")
        }
        if locale != .standard, format != .csv {
            throw UsageError("--locale \(locale.rawValue) is for csv output (--format csv), not --format \(format.rawValue)")
        }
        if let digits, !(0...15).contains(digits) {
            throw UsageError("--digits \(digits): give a number of decimals from 0 to 15")
        }
        var list: [String]?
        if let columns {
            let names = columns.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            if names.contains(where: \.isEmpty) { throw UsageError("--columns \(columns): an empty column name; give names separated by commas") }
            list = names
        }
        return RenderOptions(columns: list, sort: sort, digits: digits, locale: locale)
    }
}
