import Foundation
import TolokCore
import ZIPFoundation

/// A workbook to write: sheets of typed cells with a header row (bold, frozen).
public struct WorkbookSheet: Sendable, Equatable {
    /// How a cell is shown in Excel (its number format).
    public enum Style: Int, Sendable, Equatable {
        case general = 0, header, money, percent, integer, number
    }

    /// One cell: a number (with its display style), text, a boolean, or empty.
    public enum Cell: Sendable, Equatable {
        case number(Double, Style)
        case text(String)
        case bool(Bool)
        case empty
    }

    public var name: String
    public var header: [String]
    public var rows: [[Cell]]

    public init(name: String, header: [String], rows: [[Cell]]) {
        self.name = name
        self.header = header
        self.rows = rows
    }
}

/// Writes `.xlsx` workbooks (Office Open XML spreadsheets) with ZIPFoundation: one worksheet per
/// ``WorkbookSheet``, numbers as numbers with number formats (money `#,##0.00`, percentages
/// `0.0%`), the header row bold and frozen, column widths from the longest cell. The bytes are
/// deterministic: fixed entry timestamps, a fixed entry order, no creation date in the document
/// properties.
public enum XLSXWriter {
    /// The timestamp of every zip entry (1 January 2000, 00:00 UTC), so that equal workbooks are
    /// equal bytes.
    static let entryDate = Date(timeIntervalSince1970: 946_684_800)

    public static func data(_ sheets: [WorkbookSheet]) throws -> Data {
        precondition(!sheets.isEmpty, "a workbook needs at least one sheet")
        let names = sheetNames(sheets.map(\.name))
        var parts: [(String, String)] = []
        parts.append(("[Content_Types].xml", contentTypes(count: sheets.count)))
        parts.append(("_rels/.rels", rootRels))
        parts.append(("xl/workbook.xml", workbook(names)))
        parts.append(("xl/_rels/workbook.xml.rels", workbookRels(count: sheets.count)))
        parts.append(("xl/styles.xml", styles))
        for (k, sheet) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(k + 1).xml", worksheet(sheet)))
        }
        let archive: Archive
        do {
            archive = try Archive(accessMode: .create)
        } catch {
            throw InternalError("cannot create the xlsx archive in memory: \(error)")
        }
        for (path, text) in parts {
            let bytes = Data(text.utf8)
            do {
                try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: entryDate,
                                     compressionMethod: .deflate) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            } catch {
                throw InternalError("cannot add \(path) to the xlsx archive: \(error)")
            }
        }
        guard let data = archive.data else { throw InternalError("the in-memory xlsx archive has no data") }
        return data
    }

    /// Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, unique (case-insensitive).
    static func sheetNames(_ wanted: [String]) -> [String] {
        var used = Set<String>()
        return wanted.map { raw in
            var base = String(raw.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
            if base.isEmpty { base = "Sheet" }
            var name = base, n = 2
            while used.contains(name.lowercased()) {
                let suffix = " (\(n))"
                name = String(base.prefix(31 - suffix.count)) + suffix
                n += 1
            }
            used.insert(name.lowercased())
            return name
        }
    }

    static func contentTypes(count: Int) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        s += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        s += #"<Default Extension="xml" ContentType="application/xml"/>"#
        s += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        s += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        for k in 1...count {
            s += #"<Override PartName="/xl/worksheets/sheet\#(k).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        return s + "</Types>"
    }

    static let rootRels = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + "</Relationships>"

    static func workbook(_ names: [String]) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        s += "<bookViews><workbookView/></bookViews><sheets>"
        for (k, name) in names.enumerated() {
            s += #"<sheet name="\#(escape(name))" sheetId="\#(k + 1)" r:id="rId\#(k + 1)"/>"#
        }
        return s + "</sheets></workbook>"
    }

    static func workbookRels(count: Int) -> String {
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for k in 1...count {
            s += #"<Relationship Id="rId\#(k)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(k).xml"/>"#
        }
        s += #"<Relationship Id="rId\#(count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        return s + "</Relationships>"
    }

    /// Cell formats, indexed by ``WorkbookSheet/Style``: 0 general, 1 bold header, 2 money
    /// `#,##0.00`, 3 percent `0.0%`, 4 integer `0`, 5 general number.
    static let styles = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + ##"<numFmts count="2"><numFmt numFmtId="164" formatCode="#,##0.00"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts>"##
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="6">"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="1" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + "</cellXfs>"
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"

    static func worksheet(_ sheet: WorkbookSheet) -> String {
        let width = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        var s = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"
        s += #"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
        if width > 0 {
            s += #"<dimension ref="A1:\#(columnName(width))\#(sheet.rows.count + 1)"/>"#
        }
        s += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        s += #"<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#
        s += #"<sheetFormatPr defaultRowHeight="15"/>"#
        if width > 0 {
            s += "<cols>"
            for k in 0..<width {
                var longest = k < sheet.header.count ? sheet.header[k].count + 2 : 8
                for row in sheet.rows.prefix(1000) where k < row.count {
                    longest = max(longest, displayLength(row[k]))
                }
                let w = min(max(longest + 1, 8), 60)
                s += #"<col min="\#(k + 1)" max="\#(k + 1)" width="\#(w)" customWidth="1"/>"#
            }
            s += "</cols>"
        }
        s += "<sheetData>"
        s += #"<row r="1">"#
        for (k, name) in sheet.header.enumerated() {
            s += #"<c r="\#(columnName(k + 1))1" s="1" t="inlineStr"><is><t>\#(escape(name))</t></is></c>"#
        }
        s += "</row>"
        for (r, row) in sheet.rows.enumerated() {
            let n = r + 2
            s += #"<row r="\#(n)">"#
            for (k, cell) in row.enumerated() {
                let ref = columnName(k + 1) + String(n)
                switch cell {
                case .number(let x, let style):
                    guard x.isFinite else { continue }
                    let st = style == .general ? "" : #" s="\#(style.rawValue)""#
                    s += #"<c r="\#(ref)"\#(st)><v>\#(numberText(x))</v></c>"#
                case .text(let t):
                    s += #"<c r="\#(ref)" t="inlineStr"><is><t xml:space="preserve">\#(escape(t))</t></is></c>"#
                case .bool(let b):
                    s += #"<c r="\#(ref)" t="b"><v>\#(b ? 1 : 0)</v></c>"#
                case .empty:
                    continue
                }
            }
            s += "</row>"
        }
        s += "</sheetData>"
        return s + "</worksheet>"
    }

    static func displayLength(_ cell: WorkbookSheet.Cell) -> Int {
        switch cell {
        case .number(let x, let style):
            switch style {
            case .money: return String(format: "%.2f", x).count + Int(log10(max(abs(x), 1)) / 3)
            case .percent: return 7
            case .integer: return String(format: "%.0f", x).count
            default: return min(numberText(x).count, 12)
            }
        case .text(let t): return t.count
        case .bool: return 5
        case .empty: return 0
        }
    }

    /// The shortest text that reads back as the same double (Excel keeps 15–17 digits).
    static func numberText(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// `A`, `B`, …, `Z`, `AA`, … for a 1-based column number.
    public static func columnName(_ n: Int) -> String {
        var n = n, out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// True when `_x`, one to four hex digits and `_` start at `k`.
    static func looksEscaped(_ u: [Unicode.Scalar], at k: Int) -> Bool {
        guard k + 3 < u.count, u[k + 1] == "x" || u[k + 1] == "X" else { return false }
        var j = k + 2
        while j < u.count, j < k + 6, u[j].properties.isASCIIHexDigit { j += 1 }
        return j > k + 2 && j < u.count && u[j] == "_"
    }

    /// XML text with `&`, `<`, `>`, `"` escaped and characters XML 1.0 forbids dropped. An
    /// underscore that starts what a reader could take for Office Open XML's character escape
    /// `_xHHHH_` (Excel: four hex digits; LibreOffice: one to four, so `slack_x1_doctors` would
    /// lose its `_x1_`) is written `_x005F_`, the escape of the underscore itself.
    static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let scalars = Array(s.unicodeScalars)
        for (k, u) in scalars.enumerated() {
            if u == "_", looksEscaped(scalars, at: k) {
                out += "_x005F_"
                continue
            }
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default:
                let v = u.value
                if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D { continue }
                if v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}

