import Testing
import TolokCore
import TolokTestSupport
import TolokDEAModel
@testable import TolokTwoStageDEAModel
@testable import TolokTwoStageDEA

/// The plugin's tables, labels, summary and notes, run in process on in-memory datasets.
@Suite struct TwoStagePluginTests {
    /// Runs the plugin through the host path on `dataset` (written to CSV: dmu, x…, z…, y…).
    func run(_ dataset: Dataset, method: String, rts: String = "crs", priority: String = "stage1") throws -> AnalysisResult {
        let names = dataset.columnNames
        func role(_ prefix: String) -> String { names.filter { $0.hasPrefix(prefix) }.joined(separator: ",") }
        return try PluginHarness.run("two-stage-dea", csvText: Self.csv(dataset), id: "dmu",
                                     ["--inputs", role("x"), "--intermediates", role("z"), "--outputs", role("y"),
                                      "--method", method, "--rts", rts, "--priority", priority])
    }

    /// The dataset as CSV text, cells as they were read (numbers in shortest round-trip form).
    static func csv(_ d: Dataset) -> String {
        var text = d.columnNames.joined(separator: ",") + "\n"
        for r in 0..<d.rowCount { text += d.columns.map { $0.raw[r] }.joined(separator: ",") + "\n" }
        return text
    }

    static func kaoHwangDataset() throws -> Dataset { try CSVLoader.load(path: TwoStageTestSupport.dataset("kao_hwang_2008.csv")) }

    /// A fixture case as an in-memory dataset with columns dmu, x1…, z1…, y1….
    static func fixtureDataset(_ name: String) throws -> Dataset {
        let c = try #require(try TwoStageTestSupport.fixture().cases.first { $0.name == name })
        var columns = [Column(name: "dmu", texts: (1...c.n).map(String.init))]
        for (prefix, values) in [("x", c.x), ("z", c.z), ("y", c.y)] {
            for (k, column) in values.enumerated() { columns.append(Column(name: "\(prefix)\(k + 1)", numbers: column)) }
        }
        return Dataset(source: name, columns: columns, rowLines: (2...(c.n + 1)).map { $0 })
    }

    @Test func columnsAndLabelsPerMethod() throws {
        let data = try Self.kaoHwangDataset()
        let independent = try #require(try run(data, method: "independent", rts: "vrs").table("units"))
        let names = independent.columns.map(\.name)
        #expect(Array(names.prefix(9)) == ["id", "status", "rank", "overall", "stage1", "stage2", "binding_stage", "black_box", "unique_split"])
        #expect(names.contains("w1_z1_direct_written_premiums") && names.contains("w2_z1_direct_written_premiums"))
        #expect(names.suffix(2) == ["constant_stage1", "constant_stage2"])
        #expect(independent.columns[4].label == "marketability" && independent.columns[5].label == "profitability")

        let additive = try #require(try run(data, method: "additive").table("units"))
        let additiveNames = additive.columns.map(\.name)
        #expect(additiveNames.contains("omega1") && additiveNames.contains("omega2") && !additiveNames.contains("black_box"))
        #expect(additiveNames.contains("stage1_other_priority") && additiveNames.contains("w_z2_reinsurance_premiums"))
        #expect(!additiveNames.contains("constant_stage1"))

        let relational = try run(data, method: "relational")
        #expect(relational.tables.map(\.name) == ["units", "ranking"])
        #expect(!(relational.table("units")!.columns.map(\.name).contains("omega1")))
    }

    @Test func rankingTableIsSortedAndSummaryCounts() throws {
        let result = try run(try Self.kaoHwangDataset(), method: "relational")
        let ranking = try #require(result.table("ranking"))
        let ranks = ranking.values(of: "rank")!.compactMap { $0.double }
        #expect(ranks == ranks.sorted() && ranks.count == 24)
        let overall = ranking.values(of: "overall")!.compactMap(\.double)
        #expect(overall == overall.sorted(by: >))
        #expect(result.summaryValue("units") == .integer(24))
        #expect(result.summaryValue("binding_stage1_units") == .integer(3))
        #expect(result.summaryValue("binding_stage2_units") == .integer(21))
        #expect(result.summaryValue("priority_dependent_splits") == .integer(0))
        #expect(result.notes.contains { $0.contains("same split (within 1e-8) for every unit") })
    }

    @Test func priorityDependentSplitsAreListed() throws {
        // The unrelated-stages fixture case has relational splits that depend on the priority.
        let result = try run(try Self.fixtureDataset("n6_m1_q3_s1_unrelated"), method: "relational", priority: "stage2")
        let units = try #require(result.table("units"))
        let unique = units.values(of: "unique_split")!
        #expect(unique.contains(.bool(false)))
        #expect(result.notes.contains { $0.contains("depends on the priority") })
        // The host echoes every option with its effective value, defaults included.
        #expect(result.parameters.first { $0.name == "priority" }?.value == .text("stage2"))
        #expect(result.parameters.first { $0.name == "rts" }?.value == .text("crs"))
    }

    @Test func additiveVRSDegeneraciesAreReported() throws {
        let negative = try run(try Self.fixtureDataset("n6_m1_q3_s1_unrelated"), method: "additive", rts: "vrs")
        #expect(negative.summaryValue("nonpositive_stage_scores") != nil)
        #expect(negative.notes.contains { $0.contains("score ≤ 0") })
        let undefined = try run(try Self.fixtureDataset("n15_m2_q1_s2"), method: "additive", rts: "vrs")
        #expect(undefined.summaryValue("undefined_stage_scores") != nil)
        #expect(undefined.notes.contains { $0.contains("undefined stage score") })
        // Undefined scores are missing cells, and the unit has no binding stage.
        let units = try #require(undefined.table("units"))
        let k = units.columnIndex("stage1")!, l = units.columnIndex("stage2")!, b = units.columnIndex("binding_stage")!
        let degenerate = units.rows.filter { $0[k] == .missing || $0[l] == .missing }
        #expect(!degenerate.isEmpty && degenerate.allSatisfy { $0[b] == .missing && $0[1] == .text("ok") })
    }

    @Test func relationalUnderVRSIsAUsageError() throws {
        #expect { try run(try Self.kaoHwangDataset(), method: "relational", rts: "vrs") } throws: { error in
            (error as? UsageError)?.message.contains("--method additive") == true
        }
    }
}
