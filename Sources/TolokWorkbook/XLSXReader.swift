import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XMLCoder
import ZIPFoundation

/// One cell of a worksheet as Excel stores it.
public enum SheetValue: Sendable, Equatable {
    case number(Double)
    case text(String)
    case bool(Bool)
    /// A numeric cell with a date number format, as ISO text (`2024-03-31`, or
    /// `2024-03-31 12:30:00` when it has a time of day).
    case date(String)
    /// An error value such as `#DIV/0!`.
    case error(String)
}

/// A worksheet read from an `.xlsx` file: its rows in order, each with its 1-based row number
/// and its cells by 1-based column number.
public struct WorksheetContent: Sendable {
    public var name: String
    public var rows: [(number: Int, cells: [(column: Int, value: SheetValue)])]
}

/// Why a workbook could not be read (the loader turns it into a ``DataError``).
public struct WorkbookReadError: Error, Equatable {
    public var message: String
    /// The cell, when the problem is one cell (`C7`).
    public var cell: (column: Int, row: Int)?
    /// The sheet the cell is on.
    public var sheet: String?
    public init(_ message: String, cell: (column: Int, row: Int)? = nil, sheet: String? = nil) {
        self.message = message
        self.cell = cell
        self.sheet = sheet
    }
    public static func == (a: Self, b: Self) -> Bool {
        a.message == b.message && a.cell?.column == b.cell?.column && a.cell?.row == b.cell?.row
    }
}

/// Reads `.xlsx` workbooks: the zip with ZIPFoundation; the small parts (`workbook.xml`, the
/// relationships, `styles.xml`) with XMLCoder; the shared strings and the worksheet, which can be
/// large, with Foundation's streaming `XMLParser`. The sheet is found through `workbook.xml` and
/// its relationships, not by file name.
public enum XLSXReader {
    /// The names of the workbook's sheets, in workbook order.
    public static func sheetNames(data: Data) throws -> [String] {
        let package = try Package(data: data)
        return try package.workbook().sheets.map(\.name)
    }

    /// Reads one sheet (by name; the first sheet when `sheet` is nil).
    /// `scanner: false` reads the sheet with `XMLParser` only (tests compare the two).
    public static func read(data: Data, sheet wanted: String?, scanner: Bool = true) throws -> WorksheetContent {
        let package = try Package(data: data)
        let workbook = try package.workbook()
        guard !workbook.sheets.isEmpty else { throw WorkbookReadError("a workbook with at least one sheet (workbook.xml lists none)") }
        let rels = try package.relationships(of: package.workbookPath)
        let sheet: WorkbookXML.Sheet
        if let wanted {
            guard let s = workbook.sheets.first(where: { $0.name == wanted }) else {
                let near = workbook.sheets.first { $0.name.lowercased() == wanted.lowercased() }.map { " (did you mean \"\($0.name)\"?)" } ?? ""
                throw WorkbookReadError("a sheet named \"\(wanted)\"\(near); the workbook has: \(workbook.sheets.map { "\"\($0.name)\"" }.joined(separator: ", "))")
            }
            sheet = s
        } else {
            // The first worksheet (a chart sheet before it holds no cells).
            let isWorksheet = { (s: WorkbookXML.Sheet) in rels.contains { $0.id == s.rid && $0.type.hasSuffix("/worksheet") } }
            sheet = workbook.sheets.first(where: isWorksheet) ?? workbook.sheets[0]
        }
        guard let target = rels.first(where: { $0.id == sheet.rid }) else {
            throw WorkbookReadError("a relationship \(sheet.rid) for sheet \"\(sheet.name)\" in the workbook's relationships (the file is damaged)")
        }
        guard target.type.hasSuffix("/worksheet") else {
            let kind = target.type.split(separator: "/").last.map(String.init) ?? ""
            let shown = kind == "chartsheet" ? "chart sheet (no cells)" : kind == "dialogsheet" ? "dialog sheet" : "\(kind) part, not a worksheet"
            throw WorkbookReadError("a worksheet; \"\(sheet.name)\" is a \(shown)")
        }
        let sheetPath = Package.resolve(target.target, relativeTo: package.workbookPath)
        let shared: [String]
        if let s = rels.first(where: { $0.type.hasSuffix("/sharedStrings") }) {
            shared = try SharedStringsParser.parse(try package.part(Package.resolve(s.target, relativeTo: package.workbookPath)))
        } else {
            shared = []
        }
        var dateStyles: [Bool] = []
        if let s = rels.first(where: { $0.type.hasSuffix("/styles") }) {
            dateStyles = try StylesXML.dateStyles(try package.part(Package.resolve(s.target, relativeTo: package.workbookPath)))
        }
        let parser = SheetParser(shared: shared, dateStyles: dateStyles, date1904: workbook.date1904)
        parser.scannerEnabled = scanner
        do {
            let rows = try parser.parse(try package.part(sheetPath))
            return WorksheetContent(name: sheet.name, rows: rows)
        } catch var e as WorkbookReadError {
            e.sheet = sheet.name
            throw e
        }
    }

    /// The zip container and its parts.
    struct Package {
        let archive: Archive
        let workbookPath: String

        init(data: Data) throws {
            do {
                archive = try Archive(data: data, accessMode: .read)
            } catch {
                throw WorkbookReadError("an .xlsx workbook (a zip archive); the file is not a zip archive or is damaged")
            }
            var path = "xl/workbook.xml"
            if archive["_rels/.rels"] != nil {
                let rels = try Package.decodeRels(try Package.read(archive, "_rels/.rels"))
                if let office = rels.first(where: { $0.type.hasSuffix("/officeDocument") }) {
                    path = Package.resolve(office.target, relativeTo: "")
                }
            }
            workbookPath = path
        }

        func part(_ path: String) throws -> Data { try Package.read(archive, path) }

        static func read(_ archive: Archive, _ path: String) throws -> Data {
            guard let entry = archive[path] else { throw WorkbookReadError("a part \(path) in the workbook (it is missing; the file is damaged or not an .xlsx workbook)") }
            var out = Data()
            do {
                _ = try archive.extract(entry, skipCRC32: false) { out.append($0) }
            } catch {
                throw WorkbookReadError("a readable part \(path) in the workbook (\(error))")
            }
            return out
        }

        func workbook() throws -> WorkbookXML {
            do {
                return try XMLDecoder().decode(WorkbookXML.self, from: try part(workbookPath))
            } catch let e as WorkbookReadError {
                throw e
            } catch {
                throw WorkbookReadError("a readable \(workbookPath) (\(error))")
            }
        }

        func relationships(of partPath: String) throws -> [RelationshipsXML.Relationship] {
            let folder = (partPath as NSString).deletingLastPathComponent
            let name = (partPath as NSString).lastPathComponent
            let path = (folder.isEmpty ? "" : folder + "/") + "_rels/" + name + ".rels"
            return try Package.decodeRels(try part(path))
        }

        static func decodeRels(_ data: Data) throws -> [RelationshipsXML.Relationship] {
            do {
                return try XMLDecoder().decode(RelationshipsXML.self, from: data).relationship ?? []
            } catch {
                throw WorkbookReadError("readable relationships in the workbook (\(error))")
            }
        }

        /// A relationship target as a path in the zip: absolute (`/xl/worksheets/sheet1.xml`) or
        /// relative to the folder of the part that refers to it.
        static func resolve(_ target: String, relativeTo partPath: String) -> String {
            if target.hasPrefix("/") { return String(target.dropFirst()) }
            var parts = (partPath as NSString).deletingLastPathComponent.split(separator: "/").map(String.init)
            for piece in target.split(separator: "/") {
                if piece == ".." { if !parts.isEmpty { parts.removeLast() } } else if piece != "." { parts.append(String(piece)) }
            }
            return parts.joined(separator: "/")
        }
    }
}

/// `xl/workbook.xml`: the sheets and the date system.
struct WorkbookXML: Decodable {
    struct Sheet: Decodable {
        let name: String
        let rid: String
        enum CodingKeys: String, CodingKey {
            case name
            case rid = "r:id"
        }
    }
    struct Sheets: Decodable { let sheet: [Sheet]? }
    struct Properties: Decodable {
        let date1904: String?
    }
    let sheetsElement: Sheets?
    let workbookPr: Properties?
    enum CodingKeys: String, CodingKey {
        case sheetsElement = "sheets"
        case workbookPr
    }
    var sheets: [Sheet] { sheetsElement?.sheet ?? [] }
    var date1904: Bool { workbookPr?.date1904.map { $0 == "1" || $0.lowercased() == "true" } ?? false }
}

/// A `.rels` part.
struct RelationshipsXML: Decodable {
    struct Relationship: Decodable {
        let id: String
        let type: String
        let target: String
        enum CodingKeys: String, CodingKey {
            case id = "Id", type = "Type", target = "Target"
        }
    }
    let relationship: [Relationship]?
    enum CodingKeys: String, CodingKey { case relationship = "Relationship" }
}

/// `xl/styles.xml`: which cell formats (`s` attribute) are dates.
struct StylesXML: Decodable {
    struct NumFmt: Decodable {
        let numFmtId: Int
        let formatCode: String
    }
    struct NumFmts: Decodable { let numFmt: [NumFmt]? }
    struct Xf: Decodable { let numFmtId: Int? }
    struct CellXfs: Decodable { let xf: [Xf]? }
    let numFmts: NumFmts?
    let cellXfs: CellXfs?

    /// For each cell format index, whether it formats numbers as dates: the built-in formats
    /// 14–22 (and 45–47, times), or a custom format with d, m or y outside quotes and brackets.
    static func dateStyles(_ data: Data) throws -> [Bool] {
        let styles: StylesXML
        do {
            styles = try XMLDecoder().decode(StylesXML.self, from: data)
        } catch {
            throw WorkbookReadError("a readable styles part in the workbook (\(error))")
        }
        var custom: [Int: String] = [:]
        for f in styles.numFmts?.numFmt ?? [] { custom[f.numFmtId] = f.formatCode }
        return (styles.cellXfs?.xf ?? []).map { xf in
            let id = xf.numFmtId ?? 0
            if (14...22).contains(id) || (45...47).contains(id) { return true }
            guard let code = custom[id] else { return false }
            return isDateFormat(code)
        }
    }

    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false, inBracket = false, escaped = false
        // Only the first section (positive numbers) decides.
        for ch in code {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[": if !inQuotes { inBracket = true }
            case "]": if !inQuotes { inBracket = false }
            case ";": if !inQuotes && !inBracket { return false }
            default:
                if !inQuotes && !inBracket, "dmyDMY".contains(ch) { return true }
            }
        }
        return false
    }
}

/// `sharedStrings.xml`: each `<si>`'s text (the `<t>` runs concatenated, phonetic runs skipped).
final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    var inPhonetic = false
    var inItem = false

    static func parse(_ data: Data) throws -> [String] {
        let delegate = SharedStringsParser()
        let parser = XMLParser(stream: InputStream(data: data))  // in chunks: libxml2 refuses a single chunk over 10 MB
        parser.delegate = delegate
        guard parser.parse() else {
            throw WorkbookReadError("a readable shared-strings part in the workbook (\(parser.parserError.map { "\($0)" } ?? "XML error"))")
        }
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch local(name) {
        case "si": inItem = true; current = ""
        case "t": inText = inItem && !inPhonetic
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch local(name) {
        case "si": strings.append(unescapeOOXML(current)); inItem = false
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if inText { current += String(decoding: block, as: UTF8.self) }
    }
}

/// Office Open XML's escape for characters XML cannot hold: `_xHHHH_` (four hex digits) is the
/// character U+HHHH; `_x005F_` is an underscore.
func unescapeOOXML(_ s: String) -> String {
    guard s.contains("_x") || s.contains("_X") else { return s }
    let u = Array(s.unicodeScalars)
    var out = String.UnicodeScalarView()
    var k = 0
    while k < u.count {
        if u[k] == "_", k + 6 < u.count, u[k + 1] == "x" || u[k + 1] == "X", u[k + 6] == "_",
           u[(k + 2)...(k + 5)].allSatisfy({ $0.properties.isASCIIHexDigit }),
           let v = UInt32(String(String.UnicodeScalarView(u[(k + 2)...(k + 5)])), radix: 16), let c = Unicode.Scalar(v) {
            out.append(c)
            k += 7
        } else {
            out.append(u[k])
            k += 1
        }
    }
    return String(out)
}

func local(_ name: String) -> Substring {
    if let i = name.lastIndex(of: ":") { return name[name.index(after: i)...] }
    return Substring(name)
}

/// A worksheet's `<sheetData>`, streamed.
final class SheetParser: NSObject, XMLParserDelegate {
    let shared: [String]
    let dateStyles: [Bool]
    let date1904: Bool
    var rows: [(number: Int, cells: [(column: Int, value: SheetValue)])] = []
    var failure: WorkbookReadError?

    // The row and cell being read.
    var rowNumber = 0
    var cells: [(column: Int, value: SheetValue)] = []
    var cellColumn = 0
    var cellType = ""
    var cellStyle = 0
    var text = ""
    var collecting = false
    var inInline = false
    var inPhonetic = false
    var hasValue = false
    /// Try ``SheetScanner`` first (else `XMLParser` only).
    var scannerEnabled = true

    init(shared: [String], dateStyles: [Bool], date1904: Bool) {
        self.shared = shared
        self.dateStyles = dateStyles
        self.date1904 = date1904
    }

    /// Reads the sheet with ``SheetScanner`` (a byte-level reader of the little XML a worksheet
    /// uses), or with Foundation's `XMLParser` when the scanner meets anything it does not handle
    /// (another encoding, a DOCTYPE, an unknown entity, malformed markup): the same elements reach
    /// the same state machine either way.
    func parse(_ data: Data) throws -> [(number: Int, cells: [(column: Int, value: SheetValue)])] {
        let scanned = scannerEnabled && data.withUnsafeBytes { SheetScanner.scan($0, into: self) }
        if let failure { throw failure }
        if scanned { return rows }
        reset()
        let parser = XMLParser(stream: InputStream(data: data))  // in chunks: libxml2 refuses a single chunk over 10 MB
        parser.delegate = self
        let ok = parser.parse()
        if let failure { throw failure }
        guard ok else {
            throw WorkbookReadError("a readable worksheet (\(parser.parserError.map { "\($0)" } ?? "XML error") near line \(parser.lineNumber) of the sheet's XML)")
        }
        return rows
    }

    func reset() {
        rows = []
        failure = nil
        rowNumber = 0
        cells = []
        cellColumn = 0
        text = ""
        collecting = false
        inInline = false
        inPhonetic = false
        hasValue = false
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        start(local(name)) { attributes[$0] }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if !end(local(name)) { parser.abortParsing() }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    func parser(_ parser: XMLParser, foundCDATA block: Data) {
        if collecting { text += String(decoding: block, as: UTF8.self) }
    }

    /// An element starts (`attribute` looks up its attributes by name).
    func start(_ name: Substring, _ attribute: (String) -> String?) {
        switch name {
        case "row":
            if let r = attribute("r"), let n = Int(r) { rowNumber = n } else { rowNumber += 1 }
            cells = []
            cellColumn = 0
        case "c":
            if let ref = attribute("r"), let (column, _) = SheetParser.reference(ref) { cellColumn = column } else { cellColumn += 1 }
            cellType = attribute("t") ?? "n"
            cellStyle = attribute("s").flatMap { Int($0) } ?? 0
            hasValue = false
            text = ""
        case "v":
            collecting = true
            text = ""
        case "is":
            inInline = true
            text = ""
        case "t":
            if inInline && !inPhonetic { collecting = true }
        case "rPh":
            inPhonetic = true
        default: break
        }
    }

    /// An element ends; false when reading must stop (``failure`` is set).
    func end(_ name: Substring) -> Bool {
        switch name {
        case "v":
            collecting = false
            hasValue = true
        case "t":
            if inInline { collecting = false; hasValue = true }
        case "rPh":
            inPhonetic = false
        case "is":
            inInline = false
        case "c":
            guard hasValue else { return true }
            do {
                if let v = try value() { cells.append((cellColumn, v)) }
            } catch let e as WorkbookReadError {
                if failure == nil { failure = e }
                return false
            } catch {
                if failure == nil { failure = WorkbookReadError("\(error)", cell: (cellColumn, rowNumber)) }
                return false
            }
        case "row":
            if !cells.isEmpty { rows.append((rowNumber, cells)) }
        default: break
        }
        return true
    }

    func value() throws -> SheetValue? {
        let here = (cellColumn, rowNumber)
        switch cellType {
        case "s":
            guard let k = Int(text), shared.indices.contains(k) else {
                throw WorkbookReadError("a shared string index (the workbook's string table has \(shared.count) strings), got \"\(text)\"", cell: here)
            }
            return shared[k].isEmpty ? nil : .text(shared[k])
        case "inlineStr", "str":
            return text.isEmpty ? nil : .text(unescapeOOXML(text))
        case "b":
            return .bool(text == "1" || text.lowercased() == "true")
        case "e":
            return .error(text)
        case "d":
            return text.isEmpty ? nil : .date(text)
        default:
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            guard let x = Double(trimmed) else {
                throw WorkbookReadError("a number in a numeric cell, got \"\(trimmed)\"", cell: here)
            }
            if dateStyles.indices.contains(cellStyle) && dateStyles[cellStyle] {
                return .date(try ExcelDate.text(serial: x, date1904: date1904, cell: here))
            }
            return .number(x)
        }
    }

    /// `C7` → (3, 7).
    static func reference(_ ref: String) -> (Int, Int)? {
        var column = 0, row = 0, sawDigit = false
        for u in ref.utf8 {
            switch u {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                guard !sawDigit else { return nil }
                column = column * 26 + Int(u - UInt8(ascii: "A")) + 1
            case UInt8(ascii: "a")...UInt8(ascii: "z"):
                guard !sawDigit else { return nil }
                column = column * 26 + Int(u - UInt8(ascii: "a")) + 1
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                row = row * 10 + Int(u - UInt8(ascii: "0"))
            case UInt8(ascii: "$"): continue
            default: return nil
            }
        }
        return column > 0 ? (column, row) : nil
    }
}

/// Excel date serial numbers.
enum ExcelDate {
    /// ISO text of a serial: the 1900 system counts 1 = 1900-01-01 and keeps Lotus's nonexistent
    /// 1900-02-29 as 60 (so serials from 61 on are one day ahead of a plain count); the 1904
    /// system counts 0 = 1904-01-01.
    static func text(serial: Double, date1904: Bool, cell: (Int, Int)) throws -> String {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else {
            throw WorkbookReadError("a date (a serial number from 1 to 2958465), got \(serial)", cell: cell)
        }
        var days = serial.rounded(.down)
        var seconds = ((serial - days) * 86_400).rounded()
        if seconds >= 86_400 { days += 1; seconds = 0 }
        let day = Int(days)
        let civil: Int  // days since 1970-01-01
        if date1904 {
            civil = daysFromCivil(1904, 1, 1) + day
        } else {
            if day == 60 {
                throw WorkbookReadError("a real date; serial 60 is 1900-02-29, which did not exist (Excel's 1900 leap-year bug)", cell: cell)
            }
            if day == 0 && seconds == 0 {
                throw WorkbookReadError("a date; serial 0 is Excel's 1900-01-00, not a date", cell: cell)
            }
            civil = daysFromCivil(1899, 12, 31) + day - (day > 60 ? 1 : 0)
        }
        let (y, m, d) = civilFromDays(civil)
        var out = String(format: "%04d-%02d-%02d", y, m, d)
        if seconds > 0 {
            let s = Int(seconds)
            out += String(format: " %02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        }
        return out
    }

    /// Days from 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }
}
