@_exported import TolokDomain

/// The outcome of a plugin run: named tables (the first is the default, normally `units`),
/// summary statistics, the parameters that produced them, and notes for the reader
/// (e.g. "4 units infeasible under VRS super-efficiency", "outputs translated by +c").
public struct AnalysisResult: Sendable, Equatable {
    public var plugin: String
    public var version: String
    /// The parameters as run, in descriptor order (host options like `id` included).
    public var parameters: [(name: String, value: Value)]
    public var tables: [ResultTable]
    public var summary: [(name: String, value: Value)]
    public var notes: [String]
    /// Charts and worded sections for the HTML/PDF page (never in table, CSV or JSON output).
    public var report: ReportContent?

    public init(plugin: String, version: String, parameters: [(name: String, value: Value)] = [],
                tables: [ResultTable], summary: [(name: String, value: Value)] = [], notes: [String] = [],
                report: ReportContent? = nil) {
        self.report = report
        self.plugin = plugin
        self.version = version
        self.parameters = parameters
        self.tables = tables
        self.summary = summary
        self.notes = notes
    }

    public static func == (a: AnalysisResult, b: AnalysisResult) -> Bool {
        a.plugin == b.plugin && a.version == b.version && a.tables == b.tables && a.notes == b.notes
            && a.parameters.map(\.name) == b.parameters.map(\.name) && a.parameters.map(\.value) == b.parameters.map(\.value)
            && a.summary.map(\.name) == b.summary.map(\.name) && a.summary.map(\.value) == b.summary.map(\.value)
            && a.report == b.report
    }

    /// A table by name.
    public func table(_ name: String) -> ResultTable? { tables.first { $0.name == name } }

    /// A summary value by name.
    public func summaryValue(_ name: String) -> Value? { summary.first { $0.name == name }?.value }
}

extension UnitStatus {
    /// The status as a table cell.
    public var value: Value { .text(rawValue) }
}
