import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run coverage`: coverage ratio = participants / target population per row (region,
/// office, programme) and in total, with the gap to an optional target (see ``Coverage`` and
/// docs/INSURANCE.md §7). The same tables are produced by `tolok run contributions --coverage FILE`.
public struct CoveragePlugin: AnalysisPlugin {
    public init() {}

    static let options = CoverageOptions()
    static let roles: [ColumnRole] = [.region, .participants, .population]

    public let descriptor = PluginDescriptor(
        id: "coverage",
        version: "1.0.0",
        summary: "Coverage ratio: participants / target population per row and in total, with the gap to a target",
        options: CoveragePlugin.options,
        references: [
            "Working document 002 (SKKNI Profesional Bidang Jaminan Sosial 2024), Pendahuluan: BPJS Kesehatan coverage 262.769.113 of 271.066.356 people (96,94%) on 1 September 2023; RPJMN 2020–2024 target at least 98%.",
            "docs/INSURANCE.md §7: coverage ratio = participants / target population.",
        ],
        tables: ["units", "total"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let o = Self.options
        let target = try request.option(o.target)
        let (ids, rows) = try Self.load(request.dataset, idColumn: request.idColumn, mapEntries: try request.option(o.map), prefix: "")
        let report = CoverageReport(ids: ids, rows: rows, target: target)
        let total = report.total
        let summary: [(name: String, value: Value)] = [
            ("rows", .integer(rows.count)),
            ("participants", .count(total.participants)),
            ("population", .count(total.population)),
            ("coverage_ratio", .fraction(total.ratio)),
        ]
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [report.units, report.totalTable],
                              summary: summary, notes: report.notes)
    }

    /// The rows of a coverage file and their ids (`idColumn` when the file has it, else the
    /// region column, else row numbers). `prefix` selects the `--map` entries for this file
    /// (`coverage.` when it comes with `contributions --coverage`).
    static func load(_ data: Dataset, idColumn: String?, mapEntries: [String], prefix: String) throws -> (ids: [String], rows: [Coverage]) {
        let knownPrefixes = prefix.isEmpty ? [] : [prefix]
        let resolver = try ColumnResolver(roles: roles, mapEntries: mapEntries, prefix: prefix, knownPrefixes: knownPrefixes)
        let participants = try data.wholeNumbers(try resolver.require(.participants, in: data), .nonNegative, expected: "a whole number of people")
        let population = try data.wholeNumbers(try resolver.require(.population, in: data), .positive, expected: "a whole number of people")
        let ids: [String]
        if let idColumn, data.hasColumn(idColumn) {
            ids = try data.ids(column: idColumn)
        } else if let regionColumn = try resolver.find(.region, in: data) {
            ids = try data.ids(column: regionColumn)
        } else {
            ids = try data.ids(column: nil)
        }
        return (ids, zip(participants, population).map { Coverage(participants: $0, population: $1) })
    }
}
