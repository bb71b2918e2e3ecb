import ArgumentParser
import Foundation
import TolokCheck
import TolokCore

/// `tolok check SUITE`: run a regression suite of cases (plugin, arguments, dataset, expected
/// values with tolerances, expected statuses) in-process and report which hold.
/// Exit status: 0 all hold; 1 a case fails (or cannot run); 2 the suite is malformed.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Run a regression suite (YAML or JSON) and compare results with reference values.",
        discussion: """
            Each case runs a plugin on a dataset and compares result columns, summary values and unit \
            statuses with a reference file (joined by key) or inline values, within a tolerance per column \
            (absolute, relative, or the reference's printed digits). Exit status: 0 when every case holds, \
            1 when any fails, 2 when the suite is malformed. See README.md, "Regression suites".
            Example:
              tolok check Datasets/suite.yaml --junit check.xml
            """)

    @Argument(help: ArgumentHelp("The suite file (.yaml, .yml or .json).", valueName: "suite"), completion: .file(extensions: ["yaml", "yml", "json"]))
    var suite: String
    @Option(help: ArgumentHelp("Also write the report as JUnit XML to this file.", valueName: "file"), completion: .file(extensions: ["xml"]))
    var junit: String?
    @Option(name: .customLong("case"), help: ArgumentHelp("Run only the cases with this name or name prefix (repeatable).", valueName: "name"))
    var cases: [String] = []
    @Flag(help: "List every value compared, not only those that do not hold.") var verbose = false
    @OptionGroup var search: PluginSearchOptions

    func run() throws {
        let parsed = try SuiteParser.load(path: suite)
        for name in cases where !parsed.cases.contains(where: { $0.name == name || $0.name.hasPrefix(name) }) {
            throw UsageError("no case named \"\(name)\" in \(suite)")
        }
        let runner = CheckRunner(registry: search.registry())
        let report = runner.run(parsed, only: cases)
        print(CheckReportRendering.table(report, details: verbose), terminator: "")
        if let junit { try AtomicFile.write(CheckReportRendering.junit(report), to: junit) }
        // Exit 1 without a message: the table already says which cases fail.
        if !report.allHold { Foundation.exit(1) }
    }
}
