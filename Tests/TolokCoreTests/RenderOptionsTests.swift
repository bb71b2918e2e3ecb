import Foundation
import Testing
@testable import TolokCore

@Suite struct RenderOptionsTests {
    let table = ResultTable(name: "units", columns: [ResultColumn("id", .text), ResultColumn("score"), ResultColumn("money", .money),
                                                     ResultColumn("day", .text)],
                            rows: [[.text("a"), .number(0.5), .money(Decimal(string: "1234.5")!), .text("2025-03-31")],
                                   [.text("b"), .missing, .money(Decimal(string: "-2")!), .text("—")],
                                   [.text("c"), .number(0.25), .money(Decimal(string: "7.125")!), .text("x;y")],
                                   [.text("d"), .number(0.5), .money(Decimal(string: "0")!), .missing]])
    var result: AnalysisResult { AnalysisResult(plugin: "p", version: "1", tables: [table]) }

    @Test func sortIsStableNumericAndPutsMissingLast() throws {
        let up = try RenderOptions(sort: SortKey(column: "score")).shape(table)
        #expect(up.rows.map { $0[0] } == [.text("c"), .text("a"), .text("d"), .text("b")])
        let down = try RenderOptions(sort: SortKey(argument: "score:desc")).shape(table)
        #expect(down.rows.map { $0[0] } == [.text("a"), .text("d"), .text("c"), .text("b")])  // a before d: stable; missing last
        let text = try RenderOptions(sort: SortKey(argument: "day")).shape(table)
        #expect(text.rows.map { $0[0] } == [.text("a"), .text("c"), .text("b"), .text("d")])
        #expect(SortKey(argument: "x:up") == nil && SortKey(argument: ":desc") == nil && SortKey(argument: "a:b:desc") == SortKey(column: "a:b", descending: true))
    }

    @Test func columnsPickAndOrder() throws {
        let t = try RenderOptions(columns: ["money", "id"]).shape(table)
        #expect(t.columns.map(\.name) == ["money", "id"])
        #expect(t.rows[0] == [.money(Decimal(string: "1234.5")!), .text("a")])
        #expect(throws: UsageError.self) { try RenderOptions(columns: ["nope"]).shape(table) }
    }

    @Test func digitsRoundNumbersOnly() throws {
        let csv = try OutputFormat.csv.render(result, options: RenderOptions(digits: 2))
        #expect(csv == "id,score,money,day\na,0.50,1234.50,2025-03-31\nb,,-2.00,—\nc,0.25,7.13,x;y\nd,0.50,0.00,\n")
        #expect(ValueFormatting.fixed(-0.0001, digits: 2) == "0.00" && ValueFormatting.fixed(2, digits: 1) == "2.0")
        let text = try OutputFormat.table.render(result, options: RenderOptions(columns: ["id", "score"], digits: 1))
        #expect(text.contains("a     0.5\n") || text.contains("a    0.5\n"))
    }

    @Test func indonesianCSV() throws {
        let csv = try OutputFormat.csv.render(result, options: RenderOptions(locale: .id))
        #expect(csv == "\u{FEFF}id;score;money;day\r\na;0,5;1234,50;31/03/2025\r\nb;;-2,00;\r\nc;0,25;7,13;\"x;y\"\r\nd;0,5;0,00;\r\n")
        #expect(IndonesianCSV.date("2025-13-01") == nil && IndonesianCSV.date("2025-1-01") == nil)
    }

    @Test func defaultOptionsChangeNothing() throws {
        #expect(try OutputFormat.csv.render(result, options: RenderOptions()) == (try CSVRenderer.render(result)))
        #expect(try OutputFormat.table.render(result, options: RenderOptions()) == (try TextTableRenderer.render(result)))
        #expect(OutputFormat.inferred(fromFileName: "Board.XLSX") == .xlsx)
    }
}
