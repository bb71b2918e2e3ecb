import Foundation
import Testing
@testable import TolokWorkbook

/// The byte-level sheet scanner reads what Foundation's XMLParser reads, and hands over to it
/// for what it does not handle.
@Suite struct SheetScannerTests {
    func rows(_ content: WorksheetContent) -> [String] {
        content.rows.map { row in "\(row.number):" + row.cells.map { "\($0.column)=\($0.value)" }.joined(separator: "|") }
    }

    @Test(arguments: ["typed.xlsx", "typed-libreoffice.xlsx", "date1904.xlsx", "hospitals.xlsx", "chartfirst.xlsx"])
    func fixturesReadTheSameBothWays(_ file: String) throws {
        let data = try Data(contentsOf: XLSXReaderTests.fixtures.appendingPathComponent(file))
        for sheet in try XLSXReader.sheetNames(data: data) where sheet != "chart" {
            let fast = try XLSXReader.read(data: data, sheet: sheet)
            let slow = try XLSXReader.read(data: data, sheet: sheet, scanner: false)
            #expect(rows(fast) == rows(slow), "\(file) \(sheet)")
            #expect(!fast.rows.isEmpty)
        }
    }

    func scan(_ xml: String) -> (handled: Bool, rows: [String], failure: WorkbookReadError?) {
        let sheet = SheetParser(shared: ["zero", "one"], dateStyles: [false, true], date1904: false)
        let handled = Data(xml.utf8).withUnsafeBytes { SheetScanner.scan($0, into: sheet) }
        return (handled, sheet.rows.map { row in "\(row.number):" + row.cells.map { "\($0.column)=\($0.value)" }.joined(separator: "|") }, sheet.failure)
    }

    @Test func handlesEntitiesPrefixesCDATAAndEmptyElements() throws {
        let xml = #"<?xml version="1.0" encoding="UTF-8"?><!-- c --><x:worksheet xmlns:x="urn:x"><x:sheetData>"#
            + #"<x:row r="3" spans="1:4"><x:c r="A3" t="inlineStr"><x:is><x:t>a &amp; b &lt;&#233;&#x41;&gt;</x:t></x:is></x:c>"#
            + #"<x:c r="B3" s='1'><x:v>45658</x:v></x:c><x:c r="C3" t="s"><x:v>1</x:v></x:c><x:c r="D3"/>"#
            + #"<x:c r="E3" t="str"><x:f>A1&amp;"x"</x:f><x:v><![CDATA[c<d]]></x:v></x:c></x:row><x:row r="4"/></x:sheetData></x:worksheet>"#
        let out = scan(xml)
        #expect(out.handled)
        #expect(out.rows == [#"3:1=text("a & b <éA>")|2=date("2025-01-01")|3=text("one")|5=text("c<d")"#])
        // The same through XMLParser.
        let sheet = SheetParser(shared: ["zero", "one"], dateStyles: [false, true], date1904: false)
        sheet.scannerEnabled = false
        let slow = try sheet.parse(Data(xml.utf8))
        #expect(slow.map { "\($0.number):" + $0.cells.map { "\($0.column)=\($0.value)" }.joined(separator: "|") } == out.rows)
    }

    @Test func handsOverWhatItDoesNotHandle() {
        #expect(!scan(#"<?xml version="1.0" encoding="UTF-16"?><worksheet/>"#).handled)
        #expect(!scan(#"<!DOCTYPE worksheet><worksheet/>"#).handled)
        #expect(!scan(#"<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&nbsp;</t></is></c></row></sheetData></worksheet>"#).handled)
        #expect(!scan(#"<worksheet><sheetData><row r="1">"#).handled)   // unclosed
        #expect(!scan("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>\u{FFFD}</t></is></c></row></sheetData></worksheet>").rows.isEmpty)
    }

    @Test func stopsAtTheFirstBadCell() {
        let out = scan(#"<worksheet><sheetData><row r="2"><c r="B2" t="s"><v>7</v></c></row></sheetData></worksheet>"#)
        #expect(out.handled)
        #expect(out.failure?.cell?.column == 2 && out.failure?.cell?.row == 2)
    }
}
