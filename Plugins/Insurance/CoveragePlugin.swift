import Foundation
import TolokCore
import TolokInsuranceModel

/// `tolok run coverage`: coverage ratio = participants / target population per row (region,
/// office, programme) and in total, with the gap to an optional target (see ``Coverage``,
/// seed 002). The same table is produced by `tolok run contributions --coverage FILE`.
public struct CoveragePlugin: AnalysisPlugin {
    public init() {}

    static let roles = [
        ColumnRole("region", "region", aliases: ["wilayah", "provinsi", "province", "kantor", "office", "area", "programme", "program"]),
        ColumnRole("participants", "participants", aliases: ["peserta", "jumlah peserta", "members", "covered", "insured"]),
        ColumnRole("population", "target population", aliases: ["penduduk", "jumlah penduduk", "target population", "populasi", "sasaran", "target"]),
    ]

    public let descriptor = PluginDescriptor(
        id: "coverage",
        version: "1.0.0",
        summary: "Coverage ratio: participants / target population per row and in total, with the gap to a target",
        parameters: [
            ParameterSpec("map", .list, summary: "role=COLUMN for headers not recognised; roles: region, participants, population"),
            ParameterSpec("target", .number, summary: "target coverage as a fraction, e.g. 0.98 (RPJMN 2020–2024: at least 98% by 2024, seed 002)"),
        ],
        references: [
            "Seed 002, Pendahuluan: BPJS Kesehatan coverage 262.769.113 of 271.066.356 people (96,94%) on 1 September 2023; RPJMN 2020–2024 target at least 98%.",
            "MODELS.md §5: coverage ratio = participants / target population.",
        ],
        tables: ["units", "total"])

    public func run(_ request: AnalysisRequest) throws -> AnalysisResult {
        let target = try Self.target(request.parameters.number("target"))
        let (units, total, notes) = try Self.tables(request.dataset, idColumn: request.idColumn,
                                                    mapEntries: request.parameters.list("map"), prefix: "", target: target)
        let totalRow = total.rows[0]
        let summary: [(name: String, value: Value)] = [
            ("rows", .integer(units.rows.count)),
            ("participants", totalRow[total.columnIndex("participants")!]),
            ("population", totalRow[total.columnIndex("population")!]),
            ("coverage_ratio", totalRow[total.columnIndex("coverage_ratio")!]),
        ]
        return AnalysisResult(plugin: descriptor.id, version: descriptor.version, tables: [units, total], summary: summary, notes: notes)
    }

    static func target(_ x: Double?) throws -> Decimal? {
        guard let x else { return nil }
        guard x > 0 && x <= 1 else { throw UsageError("option --target expects a fraction in (0, 1], e.g. 0.98, got \(x)") }
        return Decimal(option: x)
    }

    /// The per-row coverage table (named `name`) and the one-row total.
    static func tables(_ data: Dataset, idColumn: String?, mapEntries: [String], prefix: String, target: Decimal?,
                       name: String = "units") throws -> (ResultTable, ResultTable, [String]) {
        let knownPrefixes = prefix.isEmpty ? [] : [prefix]
        let resolver = try ColumnResolver(roles: roles, mapEntries: mapEntries, prefix: prefix, knownPrefixes: knownPrefixes)
        let participants = try counts(data, try resolver.require("participants", in: data), positive: false)
        let population = try counts(data, try resolver.require("population", in: data), positive: true)
        let ids: [String]
        if let idColumn, data.hasColumn(idColumn) {
            ids = try data.ids(column: idColumn)
        } else if let regionColumn = try resolver.find("region", in: data) {
            ids = try data.ids(column: regionColumn)
        } else {
            ids = try data.ids(column: nil)
        }
        let columns = [ResultColumn("id", .text), ResultColumn("status", .text), ResultColumn("participants", .integer),
                       ResultColumn("population", .integer), ResultColumn("coverage_ratio", .fraction)]
            + (target == nil ? [] : [ResultColumn("target", .fraction), ResultColumn("gap_to_target", .integer), ResultColumn("below_target", .bool)])
        func row(_ id: String, _ c: Coverage) -> [Value] {
            var values: [Value] = [.text(id), UnitStatus.ok.value, integer(c.participants), integer(c.population), c.ratio]
            if let target {
                values += [.number(target.doubleValue), integer(c.gap(to: target)), .bool(c.participants < target * c.population)]
            }
            return values
        }
        var units = ResultTable(name: name, columns: columns)
        var sum = Coverage(participants: 0, population: 0)
        var notes: [String] = []
        for r in 0..<data.rowCount {
            let c = Coverage(participants: participants[r], population: population[r])
            units.append(row(ids[r], c))
            sum.participants += c.participants
            sum.population += c.population
            if c.participants > c.population { notes.append("\(ids[r]): more participants than target population (coverage above 100%).") }
        }
        var total = ResultTable(name: name == "units" ? "total" : name + "_total", columns: columns)
        total.append(row("total", sum))
        return (units, total, notes)
    }

    /// Whole, non-negative (or positive) head counts, e.g. `262.769.113` in a decimal-comma file.
    static func counts(_ data: Dataset, _ column: String, positive: Bool) throws -> [Decimal] {
        let values = try data.requiredAmounts(column, positive ? .positive : .nonNegative)
        let cells = try data.texts(column)
        for (r, v) in values.enumerated() where v != v.rounded(scale: 0) {
            throw data.cellError(row: r, column: column, expected: "a whole number of people", got: cells[r])
        }
        return values
    }

    static func integer(_ d: Decimal) -> Value {
        Int(NSDecimalNumber(decimal: d).stringValue).map(Value.integer) ?? .money(d)
    }
}
