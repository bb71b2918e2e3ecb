import Foundation
import Testing
@testable import TolokCore

@Suite struct RendererTests {
    let result = AnalysisResult(
        plugin: "demo", version: "1.0",
        parameters: [("rts", .text("vrs"))],
        tables: [
            ResultTable(name: "units", columns: [ResultColumn("id", .text), ResultColumn("score"), ResultColumn("share", .fraction), ResultColumn("money", .money)],
                        rows: [[.text("A, Ltd"), .number(0.5), .number(0.25), .money(Decimal(string: "1234567.005")!)],
                               [.text("B"), .number(.nan), .missing, .money(Decimal(string: "-0.5")!)]]),
            ResultTable(name: "pairs", columns: [ResultColumn("id", .text), ResultColumn("n", .integer)], rows: [[.text("A"), .integer(3)]]),
        ],
        summary: [("mean", .number(0.5)), ("ok", .bool(true))],
        notes: ["a \"quoted\" note"])

    @Test func csvQuotesAndLeavesNonFiniteEmpty() throws {
        let csv = try CSVRenderer.render(result)
        #expect(csv == "id,score,share,money\n\"A, Ltd\",0.5,0.25,1234567.01\nB,,,-0.50\n")
        #expect(try CSVRenderer.render(result, table: "pairs") == "id,n\nA,3\n")
        #expect(throws: UsageError.self) { try CSVRenderer.render(result, table: "nope") }
    }

    @Test func jsonFollowsTheContract() throws {
        let json = JSONRenderer.render(result)
        #expect(json.hasPrefix("{\"schema_version\":1,\"tolok_version\":\"\(TolokVersion.string)\",\"plugin\":\"demo\",\"version\":\"1.0\",\"parameters\":{\"rts\":\"vrs\"},\"units\":[{\"id\":\"A, Ltd\",\"score\":0.5,"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["schema_version", "tolok_version", "plugin", "version", "parameters", "units", "summary", "pairs", "notes"])
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units[1]["score"] is NSNull)
        // Money: a JSON number with its exact decimal digits.
        #expect(json.contains("\"money\":1234567.01}"))
        #expect(json.contains("\"money\":-0.50}"))
        #expect((units[0]["money"] as? NSNumber)?.doubleValue == 1234567.01)
        #expect((object["notes"] as? [String])?.first == "a \"quoted\" note")
    }

    @Test func tableShowsPercentagesAndGroupedMoney() throws {
        let text = try TextTableRenderer.render(result)
        #expect(text.contains("25.00%"))
        #expect(text.contains("1,234,567.01"))
        #expect(text.contains("—"))
        #expect(text.contains("Other tables: pairs"))
    }

    @Test func interchangeRoundTripsExactly() throws {
        let decoded = try ResultInterchange.decode(ResultInterchange.encode(result))
        // NaN != NaN, so compare the rendered forms and the finite cells.
        #expect(try CSVRenderer.render(decoded) == CSVRenderer.render(result))
        #expect(decoded.tables.map(\.name) == ["units", "pairs"])
        #expect(decoded.summary.map(\.name) == ["mean", "ok"])
        let x = 20.0 / 15.5
        let r = AnalysisResult(plugin: "p", version: "1", tables: [ResultTable(name: "units", columns: [ResultColumn("x")], rows: [[.number(x)]])])
        #expect(try ResultInterchange.decode(ResultInterchange.encode(r)).tables[0].rows[0][0] == .number(x))
    }

    /// Issue #11: money and percentages never render as NaN (`-N.aN`, `nan%`); a non-finite
    /// value is missing in every format.
    @Test func nonFiniteMoneyAndFractionsRenderAsMissing() throws {
        let r = AnalysisResult(
            plugin: "p", version: "1",
            tables: [ResultTable(name: "units", columns: [ResultColumn("id", .text), ResultColumn("limit", .money), ResultColumn("share", .fraction)],
                                 rows: [[.text("A"), .money(Decimal.nan), .number(.nan)], [.text("B"), .money(-Decimal.nan), .number(.infinity)]])],
            summary: [("limit", .money(Decimal.nan)), ("retention_ratio", .number(-.infinity))])
        let text = try TextTableRenderer.render(r)
        for bad in ["NaN", "nan", "N.aN", "∞", "inf"] { #expect(!text.contains(bad), "\(bad) in \(text)") }
        // The title's dash, four missing cells and two missing summary values.
        #expect(text.components(separatedBy: "—").count - 1 == 7, "\(text)")
        #expect(try CSVRenderer.render(r) == "id,limit,share\nA,,\nB,,\n")
        let json = JSONRenderer.render(r)
        #expect(json.contains("{\"id\":\"A\",\"limit\":null,\"share\":null}"), "\(json)")
        #expect(json.contains("\"summary\":{\"limit\":null,\"retention_ratio\":null}"), "\(json)")
        #expect(ValueFormatting.money(Decimal.nan) == "")
        #expect(Decimal.nan.moneyText == "—")
    }

    @Test func moneyRoundsHalfAwayFromZero() {
        #expect(ValueFormatting.money(Decimal(string: "75295920.285")!) == "75295920.29")
        #expect(ValueFormatting.money(Decimal(string: "-0.005")!) == "-0.01")
        #expect(ValueFormatting.money(Decimal(0)) == "0.00")
        #expect(ValueFormatting.money(Decimal(string: "1234.5")!, grouping: true) == "1,234.50")
    }
}

@Suite struct RegistryTests {
    struct Dummy: AnalysisPlugin {
        let descriptor: PluginDescriptor
        init(_ id: String) { descriptor = PluginDescriptor(id: id, version: "1", summary: "", parameters: [], references: []) }
        func run(_ request: AnalysisRequest) throws -> AnalysisResult { AnalysisResult(plugin: descriptor.id, version: "1", tables: []) }
    }

    @Test func firstRegistrationWinsAndConflictsAreRecorded() {
        let r = PluginRegistry()
        #expect(r.register(Dummy("b")))
        #expect(r.register(Dummy("a")))
        #expect(!r.register(Dummy("a"), origin: "libx.so"))
        #expect(r.all.map(\.descriptor.id) == ["a", "b"])
        #expect(r.loadProblems.count == 1 && r.loadProblems[0].contains("libx.so"))
    }

    @Test func concurrentRegistrationIsSafe() async {
        let r = PluginRegistry()
        await withTaskGroup(of: Void.self) { group in
            for k in 0..<100 { group.addTask { r.register(Dummy("p\(k)")) } }
        }
        #expect(r.all.count == 100)
    }
}

@Suite struct ProgressReporterTests {
    final class Sink: @unchecked Sendable {
        var lines: [String] = []
        let lock = NSLock()
        func add(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    }

    @Test func reportsOncePerPercentAndSkipsSmallTasks() {
        let sink = Sink()
        let reporter = ProgressReporter(minimumTotal: 100) { sink.add($0) }
        for k in 1...1000 { reporter.update("dea", completed: k, total: 1000) }
        #expect(sink.lines.count == 101)  // 0 % … 100 %
        #expect(sink.lines.last == "\rdea: 1000/1000 (100%)\n")
        let quiet = Sink()
        let small = ProgressReporter(minimumTotal: 100) { quiet.add($0) }
        small.update("dea", completed: 10, total: 10)
        #expect(quiet.lines.isEmpty)
    }
}
