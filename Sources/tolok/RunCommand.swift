import ArgumentParser
import Foundation
import TolokCore

extension OutputFormat: ExpressibleByArgument {}
extension TextEncoding: ExpressibleByArgument {}
extension ReportLanguage: ExpressibleByArgument {}
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
    @Option(help: ArgumentHelp("The data file (CSV: comma, semicolon or tab separated, with a header); - reads standard input.", valueName: "file")) var data: String
    @Option(help: ArgumentHelp("The column that identifies units (ids must be unique).", valueName: "column")) var id: String?
    @Option(help: "Output format (default: from the --output file name, .csv .json .html .pdf .txt; else table).") var format: OutputFormat?
    @Option(help: "Language of html/pdf report pages: en or id (Indonesian).") var lang: ReportLanguage = .en
    @Option(help: ArgumentHelp("Write the output to this file (atomically) instead of standard output; - is standard output.", valueName: "file")) var output: String?
    @Option(help: ArgumentHelp("The result table to print for table/csv output (default: the plugin's first table); summary prints the summary as name,value rows.", valueName: "name")) var table: String?
    @Flag(name: .customLong("decimal-comma"), help: "Numbers use a decimal comma and thousands dots (303.218.002,35).") var decimalComma = false
    @Flag(name: .customLong("decimal-point"), help: "Numbers use a decimal point (15.131 is fifteen point one three one), in every column.") var decimalPoint = false
    @Option(help: "Field separator (default: detected from the header).") var delimiter: Delimiter?
    @Option(help: "Text encoding of the data files.") var encoding: TextEncoding = .utf8
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
        // The output format, and what pdf needs, are checked before any work.
        let format = format ?? output.flatMap(OutputFormat.inferred(fromFileName:)) ?? .table
        if format == .pdf {
            guard let output, output != "-" else { throw UsageError("--format pdf writes a file: give --output FILE.pdf") }
            guard PDFPrinter.findChromium() != nil else { throw PDFPrinter.missingChromium }
        }
        var invocation = RunInvocation(
            pluginID: plugin, dataPath: data, idColumn: id,
            csvOptions: CSVOptions(delimiter: delimiter, numberFormat: decimalComma ? .decimalComma : decimalPoint ? .decimalPoint : nil,
                                   encoding: encoding),
            pluginArguments: pluginArguments)
        if progress || isatty(STDERR_FILENO) != 0 { invocation.progress = .standardError() }
        invocation.missing = missing
        let result = try AnalysisRunner.run(invocation, registry: registry)
        if format == .pdf, let output {
            try PDFPrinter.write(html: try format.render(result, language: lang), to: output)
            if strict, let problem = StrictCheck.problem(in: result) { throw StrictStatusError(problem) }
            return
        }
        let text = try format.render(result, table: table, language: lang)
        if let output, output != "-" {
            try AtomicFile.write(text, to: output)
        } else {
            try AtomicFile.writeStandardOutput(text)
        }
        if strict, let problem = StrictCheck.problem(in: result) { throw StrictStatusError(problem) }
    }
}

