import CTolokPluginABI
import Foundation
import TolokCore

/// ABI version 2 results (docs/PLUGINS.md, "ABI version 2"): typed column buffers instead of
/// JSON rows.
///
/// Three steps, one per process side:
/// - ``ColumnarExport`` (inside a Swift plugin library): an ``AnalysisResult`` → a `tolok_result`
///   of C buffers;
/// - ``ColumnarFrame/encode(_:)`` (the plugin-host child, which loaded the library): the plugin's
///   `tolok_result` → one length-prefixed binary frame for the pipe to the host (no JSON for the
///   cells: doubles and int64s as their 8 little-endian bytes, text as offsets + bytes, a bitmap
///   for missing cells);
/// - ``ColumnarFrame/decode(_:)`` (the host): the frame → an ``AnalysisResult``, checking every
///   length, type, format and text (UTF-8) the plugin handed back; anything wrong is one
///   ``InternalError``.
enum ColumnarFrame {
    static let magic: [UInt8] = Array("TOLOKC2\n".utf8)
    /// The most rows / text bytes a v2 table may claim: a claim beyond this is refused before
    /// any of the plugin's memory is read (a hostile count would otherwise read past its buffers).
    static let maxRows: UInt64 = 1 << 32
    static let maxTextBytes: UInt64 = 1 << 36
    static let maxColumns: UInt64 = 1 << 16
    static let maxTables: UInt64 = 1 << 10

    // MARK: Child side: plugin structs → frame

    /// Copies a plugin's `tolok_result` into a frame. Throws on counts the frame refuses
    /// (before reading the buffers they describe); reads only what the counts declare.
    static func encode(_ result: UnsafePointer<tolok_result>) throws -> [UInt8] {
        let r = result.pointee
        func fail(_ what: String) -> InternalError { InternalError("its v2 result \(what)") }
        guard let meta = r.meta_json else { throw fail("has no meta_json") }
        guard r.table_count <= maxTables else { throw fail("claims \(r.table_count) tables") }
        guard r.table_count == 0 || r.tables != nil else { throw fail("claims \(r.table_count) tables but gives none") }
        var w = FrameWriter()
        w.bytes = magic
        w.cString(meta)
        w.u64(r.table_count)
        for t in 0..<Int(r.table_count) {
            let table = r.tables[t]
            guard let name = table.name else { throw fail("table \(t + 1) has no name") }
            guard table.row_count <= maxRows else { throw fail("table \(t + 1) claims \(table.row_count) rows") }
            guard table.column_count <= maxColumns else { throw fail("table \(t + 1) claims \(table.column_count) columns") }
            guard table.column_count == 0 || table.columns != nil else { throw fail("table \(t + 1) has no columns array") }
            let n = Int(table.row_count)
            w.cString(name)
            w.u64(table.row_count)
            w.u64(table.column_count)
            for j in 0..<Int(table.column_count) {
                let c = table.columns[j]
                guard let cname = c.name else { throw fail("table \(t + 1) column \(j + 1) has no name") }
                w.cString(cname)
                w.u32(c.type)
                w.optionalCString(c.format)
                w.optionalCString(c.label)
                if let missing = c.missing {
                    w.u8(1)
                    w.raw(UnsafeRawPointer(missing), count: (n + 7) / 8)
                } else {
                    w.u8(0)
                }
                switch c.type {
                case TOLOK_COLUMN_DOUBLE, TOLOK_COLUMN_INT64:
                    guard let values = c.values else { throw fail("column \(j + 1) has no values") }
                    w.raw(values, count: n * 8)
                case TOLOK_COLUMN_TEXT:
                    guard let offsets = c.offsets else { throw fail("text column \(j + 1) has no offsets") }
                    guard c.text_length <= maxTextBytes else { throw fail("text column \(j + 1) claims \(c.text_length) bytes") }
                    guard c.text_length == 0 || c.text != nil else { throw fail("text column \(j + 1) has no text") }
                    w.raw(UnsafeRawPointer(offsets), count: (n + 1) * 8)
                    w.u64(c.text_length)
                    if c.text_length > 0 { w.raw(UnsafeRawPointer(c.text!), count: Int(c.text_length)) }
                default:
                    break  // the host refuses an unknown type with its name
                }
            }
        }
        return w.bytes
    }

    // MARK: Host side: frame → result

    static func isFrame(_ bytes: [UInt8]) -> Bool { bytes.count >= magic.count && Array(bytes[0..<magic.count]) == magic }

    static func decode(_ bytes: [UInt8]) throws -> AnalysisResult {
        var r = FrameReader(bytes: bytes, position: magic.count)
        let metaText = try r.text("meta_json")
        var result: AnalysisResult
        do { result = try ResultInterchange.decode(metaText) } catch { throw InternalError("its v2 meta_json: \(error)") }
        guard result.tables.isEmpty else { throw InternalError("its v2 meta_json has tables of its own (tables travel as columns)") }
        let tableCount = try r.count("table count", limit: maxTables)
        for _ in 0..<tableCount {
            let name = try r.text("a table name")
            let rows = try r.count("the row count of table \(name)", limit: maxRows)
            let columnCount = try r.count("the column count of table \(name)", limit: maxColumns)
            var columns: [ResultColumn] = []
            // Typed columns straight from the frame's buffers (no rows).
            var storage: [ColumnStorage] = []
            for _ in 0..<columnCount {
                let cname = try r.text("a column name of table \(name)")
                let place = "column \(cname) of table \(name)"
                let type = try r.u32(place)
                let format = try r.optionalText("the format of \(place)")
                let label = try r.optionalText("the label of \(place)")
                let missingRange: Range<Int>? = try r.u8("the missing flag of \(place)") == 1
                    ? try r.take((rows + 7) / 8, "the missing bitmap of \(place)") : nil
                func isMissing(_ i: Int) -> Bool {
                    guard let m = missingRange else { return false }
                    return bytes[m.lowerBound + i / 8] & (1 << UInt8(i % 8)) != 0
                }
                let shown: ColumnFormat
                switch type {
                case TOLOK_COLUMN_DOUBLE:
                    switch format ?? "number" {
                    case "number": shown = .number
                    case "fraction": shown = .fraction
                    default: throw InternalError("its v2 \(place) is double with format \"\(OutputText.excerpt(format!))\" (number or fraction)")
                    }
                    let range = try r.take(rows * 8, "the values of \(place)")
                    var values = [Double](repeating: .nan, count: rows)
                    var missing: [Bool]? = nil
                    try bytes.withUnsafeBytes { raw in
                        for i in 0..<rows {
                            let x = raw.loadUnaligned(fromByteOffset: range.lowerBound + i * 8, as: Double.self)
                            if x.isNaN || isMissing(i) {
                                if missing == nil { missing = [Bool](repeating: false, count: rows) }
                                missing![i] = true
                                continue
                            }
                            guard x.isFinite else { throw InternalError("its v2 \(place) row \(i + 1) is \(x), not a finite number") }
                            values[i] = x
                        }
                    }
                    storage.append(.numbers(values, missing: missing))
                case TOLOK_COLUMN_INT64:
                    let isBool: Bool
                    switch format ?? "integer" {
                    case "integer": shown = .integer; isBool = false
                    case "bool": shown = .bool; isBool = true
                    default: throw InternalError("its v2 \(place) is int64 with format \"\(OutputText.excerpt(format!))\" (integer or bool)")
                    }
                    let range = try r.take(rows * 8, "the values of \(place)")
                    var integers = [Int](repeating: 0, count: isBool ? 0 : rows)
                    var flags = [Bool](repeating: false, count: isBool ? rows : 0)
                    var missing: [Bool]? = nil
                    try bytes.withUnsafeBytes { raw in
                        for i in 0..<rows {
                            if isMissing(i) {
                                if missing == nil { missing = [Bool](repeating: false, count: rows) }
                                missing![i] = true
                                continue
                            }
                            let k = raw.loadUnaligned(fromByteOffset: range.lowerBound + i * 8, as: Int64.self)
                            if isBool {
                                guard k == 0 || k == 1 else { throw InternalError("its v2 bool \(place) row \(i + 1) is \(k), not 0 or 1") }
                                flags[i] = k == 1
                            } else {
                                integers[i] = Int(k)
                            }
                        }
                    }
                    storage.append(isBool ? .bools(flags, missing: missing) : .integers(integers, missing: missing))
                case TOLOK_COLUMN_TEXT:
                    let isMoney: Bool
                    switch format ?? "text" {
                    case "text": shown = .text; isMoney = false
                    case "money": shown = .money; isMoney = true
                    default: throw InternalError("its v2 \(place) is text with format \"\(OutputText.excerpt(format!))\" (text or money)")
                    }
                    let offsetRange = try r.take((rows + 1) * 8, "the offsets of \(place)")
                    let textLength = try r.count("the text length of \(place)", limit: Int(maxTextBytes))
                    let textRange = try r.take(textLength, "the text of \(place)")
                    var cells: [Value] = []
                    cells.reserveCapacity(rows)
                    try bytes.withUnsafeBytes { raw in
                        func offset(_ i: Int) -> UInt64 { raw.loadUnaligned(fromByteOffset: offsetRange.lowerBound + i * 8, as: UInt64.self) }
                        guard offset(0) == 0, offset(rows) == UInt64(textLength) else {
                            throw InternalError("its v2 \(place) has offsets from \(offset(0)) to \(offset(rows)) for \(textLength) text bytes (expected 0 to \(textLength))")
                        }
                        var previous: UInt64 = 0
                        for i in 0..<rows {
                            let end = offset(i + 1)
                            guard end >= previous, end <= UInt64(textLength) else {
                                throw InternalError("its v2 \(place) row \(i + 1) has offsets \(previous)..<\(end) outside its \(textLength) text bytes")
                            }
                            let cell = UnsafeRawBufferPointer(rebasing: raw[(textRange.lowerBound + Int(previous))..<(textRange.lowerBound + Int(end))])
                            guard let s = String(validating: cell.bindMemory(to: UInt8.self), as: UTF8.self) else {
                                throw InternalError("its v2 \(place) row \(i + 1) is not valid UTF-8")
                            }
                            if isMissing(i) {
                                cells.append(.missing)
                            } else if isMoney {
                                guard isDecimal(s), let d = Decimal(string: s, locale: Locale(identifier: "en_US_POSIX")) else {
                                    throw InternalError("its v2 money \(place) row \(i + 1) is \"\(OutputText.excerpt(s))\", not a decimal number")
                                }
                                cells.append(.money(d))
                            } else {
                                cells.append(.text(s))
                            }
                            previous = end
                        }
                    }
                    storage.append(ColumnStorage(cells))
                default:
                    throw InternalError("its v2 \(place) has type \(type), which ABI 2 does not define (1 double, 2 int64, 3 text)")
                }
                columns.append(ResultColumn(cname, shown, label: label))
            }
            let table = rows == 0 ? ResultTable(name: name, columns: columns) : ResultTable(name: name, columns: columns, storage: storage)
            result.tables.append(table)
        }
        guard r.position == bytes.count else { throw InternalError("its v2 result frame has \(bytes.count - r.position) bytes after its last table") }
        return result
    }
}

/// `-?digits(.digits)?`: the money text ABI 2 accepts.
func isDecimal(_ s: String) -> Bool {
    var u = Array(s.utf8)[...]
    if u.first == UInt8(ascii: "-") { u = u.dropFirst() }
    let parts = u.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
    guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { (48...57).contains($0) } }) else { return false }
    return true
}

/// Little-endian frame building.
struct FrameWriter {
    var bytes: [UInt8] = []
    mutating func u8(_ v: UInt8) { bytes.append(v) }
    mutating func u32(_ v: UInt32) { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
    mutating func u64(_ v: UInt64) { for k in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) } }
    mutating func raw(_ p: UnsafeRawPointer, count: Int) { bytes.append(contentsOf: UnsafeRawBufferPointer(start: p, count: count)) }
    mutating func cString(_ p: UnsafePointer<CChar>) {
        let n = strlen(p)
        u64(UInt64(n))
        raw(UnsafeRawPointer(p), count: n)
    }
    /// A flag byte, then the string when present.
    mutating func optionalCString(_ p: UnsafePointer<CChar>?) {
        if let p { u8(1); cString(p) } else { u8(0) }
    }
}

/// Bounds-checked reading of a frame; every failure names what was being read.
struct FrameReader {
    let bytes: [UInt8]
    var position: Int

    private func short(_ what: String) -> InternalError { InternalError("its v2 result frame ends inside \(what)") }

    mutating func take(_ n: Int, _ what: String) throws -> Range<Int> {
        guard n >= 0, n <= bytes.count - position else { throw short(what) }
        defer { position += n }
        return position..<(position + n)
    }
    mutating func u8(_ what: String) throws -> UInt8 { bytes[try take(1, what).lowerBound] }
    mutating func u32(_ what: String) throws -> UInt32 {
        let r = try take(4, what)
        return bytes[r].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    }
    mutating func u64(_ what: String) throws -> UInt64 {
        let r = try take(8, what)
        return bytes[r].reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    }
    /// A count no larger than `limit`.
    mutating func count<L: BinaryInteger>(_ what: String, limit: L) throws -> Int {
        let v = try u64(what)
        guard v <= UInt64(limit) else { throw InternalError("its v2 result claims \(v) for \(what) (at most \(limit))") }
        return Int(v)
    }
    mutating func text(_ what: String) throws -> String {
        let n = try count(what, limit: ColumnarFrame.maxTextBytes)
        let r = try take(n, what)
        guard let s = String(validating: bytes[r], as: UTF8.self) else { throw InternalError("its v2 result: \(what) is not valid UTF-8") }
        return s
    }
    mutating func optionalText(_ what: String) throws -> String? {
        try u8(what) == 1 ? try text(what) : nil
    }
}

/// The plugin side: an ``AnalysisResult`` as a `tolok_result` whose buffers live until
/// `free_result`.
enum ColumnarExport {
    /// Owns every allocation behind one `tolok_result`.
    final class Buffers {
        var allocations: [UnsafeMutableRawPointer] = []
        func copy(_ s: String) -> UnsafePointer<CChar> {
            let utf8 = Array(s.utf8)
            let p = allocate(CChar.self, count: utf8.count + 1)
            for (k, byte) in utf8.enumerated() { p[k] = CChar(bitPattern: byte) }
            p[utf8.count] = 0
            return UnsafePointer(p)
        }
        func allocate<T>(_ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
            allocations.append(UnsafeMutableRawPointer(p))
            return p
        }
        deinit { for p in allocations { p.deallocate() } }
    }

    /// Builds the C result. Throws when a cell does not fit its column's format (a plugin bug).
    static func make(_ result: AnalysisResult) throws -> UnsafeMutablePointer<tolok_result> {
        let b = Buffers()
        let meta = AnalysisResult(plugin: result.plugin, version: result.version, tables: [], summary: result.summary, notes: result.notes)
        let tables = b.allocate(tolok_result_table.self, count: result.tables.count)
        for (t, table) in result.tables.enumerated() {
            let n = table.rowCount
            let columns = b.allocate(tolok_column.self, count: table.columns.count)
            for (j, column) in table.columns.enumerated() {
                var c = tolok_column()
                c.name = b.copy(column.name)
                c.label = column.label.map(b.copy)
                let cells = table.cells(j)
                var missing: UnsafeMutablePointer<UInt8>?
                func markMissing(_ i: Int) {
                    if missing == nil {
                        missing = b.allocate(UInt8.self, count: (n + 7) / 8)
                        missing!.initialize(repeating: 0, count: (n + 7) / 8)
                    }
                    missing![i / 8] |= 1 << UInt8(i % 8)
                }
                func mismatch(_ i: Int) -> InternalError {
                    InternalError("table \(table.name) column \(column.name) (\(column.format.rawValue)) row \(i + 1) holds \(cells.value(at: i)), which ABI 2 cannot carry in that column")
                }
                if let m = cells.missing { for i in 0..<n where m[i] { markMissing(i) } }
                switch column.format {
                case .number, .fraction:
                    c.type = TOLOK_COLUMN_DOUBLE
                    c.format = column.format == .fraction ? b.copy("fraction") : nil
                    let v = b.allocate(Double.self, count: n)
                    switch cells {
                    case .numbers(let a, let m):
                        // Typed: the doubles as they are, missing cells NaN.
                        a.withUnsafeBufferPointer { v.update(from: $0.baseAddress!, count: n) }
                        if let m { for i in 0..<n where m[i] { v[i] = .nan } }
                    default:
                        for i in 0..<n {
                            switch cells.value(at: i) {
                            case .number(let x): v[i] = x
                            case .missing: v[i] = .nan; markMissing(i)
                            default: throw mismatch(i)
                            }
                        }
                    }
                    c.values = UnsafeRawPointer(v)
                case .integer, .bool:
                    c.type = TOLOK_COLUMN_INT64
                    c.format = column.format == .bool ? b.copy("bool") : nil
                    let v = b.allocate(Int64.self, count: n)
                    switch cells {
                    case .integers(let a, let m) where column.format == .integer:
                        for i in 0..<n { v[i] = m?[i] == true ? 0 : Int64(a[i]) }
                    case .bools(let a, let m) where column.format == .bool:
                        for i in 0..<n { v[i] = m?[i] == true ? 0 : (a[i] ? 1 : 0) }
                    default:
                        for i in 0..<n {
                            switch cells.value(at: i) {
                            case .integer(let k) where column.format == .integer: v[i] = Int64(k)
                            case .bool(let x) where column.format == .bool: v[i] = x ? 1 : 0
                            case .missing: v[i] = 0; markMissing(i)
                            default: throw mismatch(i)
                            }
                        }
                    }
                    c.values = UnsafeRawPointer(v)
                case .text, .peers, .money:
                    c.type = TOLOK_COLUMN_TEXT
                    c.format = column.format == .money ? b.copy("money") : nil
                    let offsets = b.allocate(UInt64.self, count: n + 1)
                    var text: [UInt8] = []
                    offsets[0] = 0
                    switch cells {
                    case .texts(let a, let m) where column.format != .money:
                        for i in 0..<n {
                            if m?[i] != true { text += a[i].utf8 }
                            offsets[i + 1] = UInt64(text.count)
                        }
                    case .coded(let a, let d, let m) where column.format != .money:
                        let utf8 = d.map { Array($0.utf8) }
                        for i in 0..<n {
                            if m?[i] != true { text += utf8[Int(a[i])] }
                            offsets[i + 1] = UInt64(text.count)
                        }
                    case .cents(let a, let m) where column.format == .money:
                        // The amount's digits (`-12.50`), which the host reads back exactly.
                        for i in 0..<n {
                            if m?[i] != true { ColumnStorage.appendMoneyText(cents: a[i], to: &text) }
                            offsets[i + 1] = UInt64(text.count)
                        }
                    default:
                        for i in 0..<n {
                            switch cells.value(at: i) {
                            case .text(let s) where column.format != .money: text += s.utf8
                            case .peers(_, let s) where column.format != .money: text += s.utf8
                            case .money(let d) where column.format == .money: text += "\(d)".utf8
                            case .missing: markMissing(i)
                            default: throw mismatch(i)
                            }
                            offsets[i + 1] = UInt64(text.count)
                        }
                    }
                    let bytes = b.allocate(CChar.self, count: text.count)
                    text.withUnsafeBytes { if $0.count > 0 { UnsafeMutableRawPointer(bytes).copyMemory(from: $0.baseAddress!, byteCount: $0.count) } }
                    c.offsets = UnsafePointer(offsets)
                    c.text = UnsafePointer(bytes)
                    c.text_length = UInt64(text.count)
                }
                c.missing = missing.map { UnsafePointer($0) }
                columns[j] = c
            }
            tables[t] = tolok_result_table(name: b.copy(table.name), row_count: UInt64(n), column_count: UInt64(table.columns.count),
                                           columns: UnsafePointer(columns))
        }
        let out = UnsafeMutablePointer<tolok_result>.allocate(capacity: 1)
        out.initialize(to: tolok_result(meta_json: b.copy(ResultInterchange.encode(meta)), table_count: UInt64(result.tables.count),
                                        tables: UnsafePointer(tables), context: Unmanaged.passRetained(b).toOpaque()))
        return out
    }

    static func free(_ result: UnsafeMutablePointer<tolok_result>?) {
        guard let result else { return }
        if let context = result.pointee.context { Unmanaged<Buffers>.fromOpaque(context).release() }
        result.deallocate()
    }
}
