import Foundation
import Testing
import TolokCore
@testable import TolokWorkbook

@Suite struct XLSXWriterTests {
    let result = AnalysisResult(
        plugin: "demo", version: "1.0",
        parameters: [("rts", .text("vrs"))],
        tables: [
            ResultTable(name: "units", columns: [ResultColumn("id", .text), ResultColumn("score"), ResultColumn("share", .fraction),
                                                 ResultColumn("money", .money), ResultColumn("n", .integer), ResultColumn("ok", .bool)],
                        rows: [[.text("A & <Ltd>"), .number(0.123456789012345), .number(0.25), .money(Decimal(string: "1234567.005")!), .integer(3), .bool(true)],
                               [.text("B"), .number(.nan), .missing, .money(Decimal(string: "-0.5")!), .integer(-2), .bool(false)]]),
            ResultTable(name: "pairs", columns: [ResultColumn("id", .text), ResultColumn("n", .integer)], rows: [[.text("A"), .integer(3)]]),
        ],
        summary: [("mean", .number(0.5)), ("loss_ratio", .number(0.625))],
        notes: ["a note"])

    @Test func writesOneSheetPerTableAndASummary() throws {
        let data = try ResultWorkbook.data(result)
        #expect(try XLSXReader.sheetNames(data: data) == ["units", "pairs", "summary"])
    }

    @Test func roundTripsThroughTheReader() throws {
        let data = try ResultWorkbook.data(result)
        let units = try WorkbookLoader.dataset(data: data, source: "out.xlsx", sheet: "units")
        #expect(units.columnNames == ["id", "score", "share", "money", "n", "ok"])
        #expect(units.sheet == "units")
        #expect(try units.texts("id") == ["A & <Ltd>", "B"])
        let score = try #require(units.columns.first { $0.name == "score" })
        guard case .numeric(let s) = score.values else { Issue.record("score is not numeric"); return }
        #expect(Array(s) == [0.123456789012345, nil])  // the exact double; NaN is an empty cell
        #expect(try units.numbers("money") == [1234567.01, -0.5])  // money rounded to cents, as the CSV prints it
        #expect(try units.numbers("n") == [3, -2])
        #expect(try units.texts("ok") == ["true", "false"])
        let summary = try WorkbookLoader.dataset(data: data, source: "out.xlsx", sheet: "summary")
        #expect(try summary.texts("name", allowMissing: true).prefix(2) == ["mean", "loss_ratio"])
    }

    @Test func styleAndFreezeAreInTheSheetXML() throws {
        let sheet = XLSXWriter.worksheet(ResultWorkbook.sheet(result.tables[0]))
        #expect(sheet.contains(#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#))
        #expect(sheet.contains(#"<c r="A1" s="1" t="inlineStr"><is><t>id</t></is></c>"#))        // bold header
        #expect(sheet.contains(#"<c r="C2" s="3"><v>0.25</v></c>"#))                              // percent
        #expect(sheet.contains(#"<c r="D2" s="2"><v>1234567.01</v></c>"#))                        // money
        #expect(sheet.contains(#"<c r="A2" t="inlineStr"><is><t xml:space="preserve">A &amp; &lt;Ltd&gt;</t></is></c>"#))
        #expect(!sheet.contains(#"r="B3""#))                                                       // NaN: no cell
        #expect(XLSXWriter.styles.contains(##"formatCode="#,##0.00""##) && XLSXWriter.styles.contains(#"formatCode="0.0%""#))
    }

    @Test func underscoreXIsEscapedAndReadBack() throws {
        #expect(XLSXWriter.escape("slack_x1_doctors") == "slack_x005F_x1_doctors")
        #expect(XLSXWriter.escape("max_y") == "max_y" && XLSXWriter.escape("a_x1b") == "a_x1b" && XLSXWriter.escape("a_xABCDE_") == "a_xABCDE_")
        #expect(XLSXWriter.escape("a_xABCD_") == "a_x005F_xABCD_")
        #expect(unescapeOOXML("slack_x005F_x1_doctors") == "slack_x1_doctors")
        #expect(unescapeOOXML("a_x000D_b") == "a\rb")
        let table = ResultTable(name: "units", columns: [ResultColumn("id", .text), ResultColumn("slack_x1_doctors")],
                                rows: [[.text("t_x0041_"), .number(1)]])
        let data = try ResultWorkbook.data(AnalysisResult(plugin: "p", version: "1", tables: [table]))
        let d = try WorkbookLoader.dataset(data: data, source: "u.xlsx")
        #expect(d.columnNames == ["id", "slack_x1_doctors"])
        #expect(try d.texts("id") == ["t_x0041_"])
    }

    @Test func bytesAreDeterministic() throws {
        #expect(try ResultWorkbook.data(result) == (try ResultWorkbook.data(result)))
    }

    @Test func sheetNamesAreMadeValidAndUnique() {
        #expect(XLSXWriter.sheetNames(["a/b", "A/B", String(repeating: "x", count: 40), ""]) == ["a_b", "A_B (2)", String(repeating: "x", count: 31), "Sheet"])
        #expect(XLSXWriter.columnName(1) == "A" && XLSXWriter.columnName(26) == "Z" && XLSXWriter.columnName(27) == "AA" && XLSXWriter.columnName(703) == "AAA")
    }
}
